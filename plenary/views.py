"""The session screens: thin views over `plenary.services` and `plenary.selectors`."""

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from documents import services as documents_services
from hdnd.history import history_rows
from hdnd.views import add_service_errors
from plenary import forms, selectors, services
from plenary.access import AGENCY, ASSIGN, EDIT, MY_DOCUMENTS, QUESTION, VERIFY, VIEW, VOTE
from plenary.models import AnswerMode, SubmissionState
from registry import services as registry_services
from registry.access import EDIT_SETTINGS, has_perm, require
from registry.calendar import MissingSetting, rule_value
from registry.models import Council
from registry.selectors import delegates_in_office

PAGE_SIZE = 50


def _today() -> datetime.date:
    return datetime.date.today()


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict], object],
    *,
    title: str,
    success: str,
    back: str,
    intro: str = "",
) -> HttpResponse:
    """Run `action` with the cleaned data of a valid POST; a service's ValidationError lands on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                result = action(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(result if isinstance(result, str) else back)
    return render(request, "plenary/form.html", {"form": form, "title": title, "back": back, "intro": intro})


# Sessions --------------------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    year = request.GET.get("nam", "")
    qs = selectors.session_list(council=council, year=int(year) if year.isdigit() else None)
    return render(
        request,
        "plenary/session_list.html",
        {
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang")),
            "year": year,
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = forms.SessionForm(request.POST or None, council=council, initial={"created_on": _today()})

    def action(data: dict) -> str:
        session = services.session_create(council=council, user=request.user, **data)
        return reverse("plenary:session_detail", args=[session.pk])

    return _form_page(
        request, form, action, title="Lập kỳ họp", success="Đã lập kỳ họp.", back=reverse("plenary:session_list")
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    session = selectors.session_get(council=council, pk=pk)
    today = _today()
    submissions = list(session.submissions.all())
    for sub in submissions:
        sub.late_days = sub.days_late(today)
    user = request.user
    return render(
        request,
        "plenary/session_detail.html",
        {
            "session": session,
            "submissions": submissions,
            "late_count": sum(1 for s in submissions if s.late_days),
            "incomplete_count": sum(1 for s in submissions if s.state != SubmissionState.EXPECTED and s.missing_items),
            "documents_due_on": services.documents_due_on(session),
            "attendance": selectors.attendance_counts(session),
            "history": history_rows(session),
            "can_edit": has_perm(user, council, EDIT),
            "can_question": has_perm(user, council, QUESTION),
            "can_vote": has_perm(user, council, VOTE),
        },
    )


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.SessionEditForm(request.POST or None, instance=session)
    back = reverse("plenary:session_detail", args=[pk])

    def action(data: dict) -> None:
        services.session_update(session=session, user=request.user, **data)

    return _form_page(request, form, action, title=f"Sửa {session}", success="Đã lưu kỳ họp.", back=back)


@login_required
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.AgendaItemForm(request.POST or None)

    def action(data: dict) -> None:
        services.agenda_item_add(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request, form, action, title=f"Thêm nội dung chương trình {session}", success="Đã thêm.", back=back
    )


# Submissions -----------------------------------------------------------------------------------


def _due_setting_missing(council: Council) -> bool:
    try:
        rule_value(council, "submission_due_before_opening")
    except MissingSetting:
        return True
    return False


@login_required
def submission_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    missing = _due_setting_missing(council)
    ask = missing and has_perm(request.user, council, EDIT_SETTINGS)
    form = forms.SubmissionForm(request.POST or None, council=council, ask_due_days=ask)

    def action(data: dict) -> str:
        days = data.pop("due_days", None)
        if days is not None:
            registry_services.setting_set(council=council, key="submission_due_before_opening", value=days)
        submission = services.submission_create(session=session, user=request.user, **data)
        return reverse("plenary:submission_detail", args=[submission.pk])

    intro = "Hạn gửi hồ sơ được tính từ ngày khai mạc theo quy định của Hội đồng, có tính ngày nghỉ, ngày lễ."
    if missing and not ask:
        intro = (
            "Hội đồng chưa thiết lập hạn gửi hồ sơ trình trước ngày khai mạc. "
            "Đề nghị Lãnh đạo Văn phòng điền giá trị trong phần Cài đặt trước khi thêm hồ sơ."
        )
    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request,
        form,
        action,
        title=f"Thêm hồ sơ trình {session}",
        success="Đã thêm hồ sơ trình.",
        back=back,
        intro=intro,
    )


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    sub = selectors.submission_get(council=council, pk=pk)
    sub.late_days = sub.days_late(_today())
    verification = getattr(sub, "verification", None)
    vote = getattr(sub, "vote", None)
    resolution = getattr(sub, "resolution", None)
    user = request.user
    can_edit, can_vote = has_perm(user, council, EDIT), has_perm(user, council, VOTE)
    return render(
        request,
        "plenary/submission_detail.html",
        {
            "s": sub,
            "session": sub.session,
            "verification": verification,
            "vote": vote,
            "ballots": list(vote.ballots.select_related("delegate__person")) if vote else [],
            "resolution": resolution,
            "history": history_rows(sub),
            "can_receive": can_edit and sub.state == SubmissionState.EXPECTED,
            "can_return": can_edit and sub.state == SubmissionState.RECEIVED,
            "can_resubmit": can_edit and sub.state == SubmissionState.RETURNED,
            "can_assign": has_perm(user, council, ASSIGN) and verification is None,
            "can_verify": has_perm(user, council, VERIFY) and verification is not None and not verification.report_id,
            "can_explain": can_edit and verification is not None and verification.reported_on is not None,
            "can_vote": can_vote and sub.has_draft and vote is None,
            "can_issue": can_vote and vote is not None and vote.passed and resolution is None,
            "can_publish": can_vote and resolution is not None and resolution.document.state == "ban_hanh",
        },
    )


def _submission_action(
    request: HttpRequest,
    pk: int,
    perm: str,
    make_form: Callable[..., BaseForm],
    run: Callable[..., object],
    title: str,
    success: str,
) -> HttpResponse:
    council = require(request, perm)
    sub = selectors.submission_get(council=council, pk=pk)
    form = make_form(sub, council)
    back = reverse("plenary:submission_detail", args=[pk])
    return _form_page(
        request, form, lambda data: run(sub, data), title=f"{title}: {sub.title}", success=success, back=back
    )


@login_required
def submission_receive(request: HttpRequest, pk: int) -> HttpResponse:
    return _submission_action(
        request,
        pk,
        EDIT,
        lambda s, c: forms.ReceiveForm(request.POST or None, kind=s.kind, initial={"received_on": _today()}),
        lambda s, d: services.submission_receive(submission=s, user=request.user, **d),
        "Tiếp nhận hồ sơ",
        "Đã tiếp nhận hồ sơ.",
    )


@login_required
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _submission_action(
        request,
        pk,
        EDIT,
        lambda s, c: forms.ReturnForm(request.POST or None, initial={"returned_on": _today()}),
        lambda s, d: services.submission_return(submission=s, user=request.user, **d),
        "Trả lại hồ sơ để hoàn thiện",
        "Đã trả lại hồ sơ.",
    )


@login_required
def submission_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    return _submission_action(
        request,
        pk,
        EDIT,
        lambda s, c: forms.ResubmitForm(request.POST or None, kind=s.kind, initial={"resubmitted_on": _today()}),
        lambda s, d: services.submission_resubmit(submission=s, user=request.user, **d),
        "Nhận hồ sơ nộp lại",
        "Đã nhận hồ sơ nộp lại.",
    )


@login_required
def verification_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _submission_action(
        request,
        pk,
        ASSIGN,
        lambda s, c: forms.AssignForm(request.POST or None, council=c, initial={"assigned_on": _today()}),
        lambda s, d: services.verification_assign(submission=s, user=request.user, **d),
        "Phân công thẩm tra",
        "Đã phân công thẩm tra.",
    )


def _verification(sub: object) -> object:
    verification = getattr(sub, "verification", None)
    if verification is None:
        raise Http404
    return verification


@login_required
def verification_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _submission_action(
        request,
        pk,
        VERIFY,
        lambda s, c: forms.VerificationReportForm(request.POST or None, initial={"reported_on": _today()}),
        lambda s, d: services.verification_report(verification=_verification(s), user=request.user, **d),
        "Báo cáo thẩm tra",
        "Đã ban hành báo cáo thẩm tra.",
    )


@login_required
def verification_explain(request: HttpRequest, pk: int) -> HttpResponse:
    return _submission_action(
        request,
        pk,
        EDIT,
        lambda s, c: forms.ExplainForm(request.POST or None, initial={"explained_on": _today()}),
        lambda s, d: services.verification_explain(verification=_verification(s), user=request.user, **d),
        "Giải trình sau thẩm tra",
        "Đã ghi nhận giải trình.",
    )


@login_required
def vote_record(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VOTE)
    sub = selectors.submission_get(council=council, pk=pk)
    on = sub.session.opened_on or sub.session.opens_on
    delegates = list(
        delegates_in_office(council=council, on=on).select_related("person").order_by("person__name_folded")
    )
    form = forms.VoteForm(request.POST or None, delegates=delegates, initial={"voted_on": on})

    def action(data: dict) -> None:
        ballots = form.ballots()
        totals = {} if ballots else {k: data[k] for k in ("yes", "no", "abstain")}
        services.vote_record(submission=sub, voted_on=data["voted_on"], ballots=ballots, user=request.user, **totals)

    back = reverse("plenary:submission_detail", args=[pk])
    intro = (
        "Nhập tổng số phiếu (biểu quyết giơ tay) hoặc lựa chọn của từng đại biểu. Dự thảo được thông qua khi "
        "số tán thành quá tỷ lệ quy định của TỔNG SỐ đại biểu đương nhiệm vào ngày biểu quyết."
    )
    return _form_page(
        request,
        form,
        action,
        title=f"Biểu quyết: {sub.title}",
        success="Đã ghi kết quả biểu quyết.",
        back=back,
        intro=intro,
    )


@login_required
def resolution_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _submission_action(
        request,
        pk,
        VOTE,
        lambda s, c: forms.ResolutionForm(
            request.POST or None,
            initial={"subject": s.title, "issued_on": getattr(getattr(s, "vote", None), "voted_on", None)},
        ),
        lambda s, d: services.resolution_issue(submission=s, user=request.user, **d),
        "Ban hành nghị quyết",
        "Đã ban hành nghị quyết.",
    )


@login_required
@require_POST
def resolution_publish(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VOTE)
    sub = selectors.submission_get(council=council, pk=pk)
    resolution = getattr(sub, "resolution", None)
    if resolution is None:
        raise Http404
    try:
        services.resolution_publish(resolution=resolution, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã công khai nghị quyết.")
    return redirect("plenary:submission_detail", pk=pk)


# Questioning -----------------------------------------------------------------------------------


@login_required
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, QUESTION)
    session = selectors.session_get(council=council, pk=pk)
    delegates = delegates_in_office(council=council, on=session.opens_on).select_related("person")
    own = selectors.delegate_for_user(request.user, council)
    if not has_perm(request.user, council, EDIT):
        # A delegate registers their own slips only.
        delegates = delegates.filter(pk=own.pk if own else 0)
    form = forms.QuestionForm(
        request.POST or None,
        council=council,
        delegates=delegates.order_by("person__name_folded"),
        initial={"asked_on": _today(), "delegate": own.pk if own else None},
    )

    def action(data: dict) -> None:
        services.question_create(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request, form, action, title=f"Đăng ký chất vấn {session}", success="Đã gửi phiếu chất vấn.", back=back
    )


def _question_action(request: HttpRequest, pk: int, make_form: Callable, run: Callable, title: str) -> HttpResponse:
    council = require(request, EDIT)
    question = selectors.question_get(council=council, pk=pk)
    back = reverse("plenary:session_detail", args=[question.session_id])
    form = make_form(question)
    return _form_page(request, form, lambda d: run(question, d), title=title, success="Đã lưu.", back=back)


@login_required
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_action(
        request,
        pk,
        lambda q: forms.AnswerForm(
            request.POST or None, initial={"answered_on": _today(), "mode": AnswerMode.AT_SESSION}
        ),
        lambda q, d: services.question_answer(question=q, user=request.user, **d),
        "Trả lời chất vấn",
    )


@login_required
def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_action(
        request,
        pk,
        lambda q: forms.CommitmentForm(request.POST or None, sessions=selectors.later_sessions(session=q.session)),
        lambda q, d: services.commitment_create(question=q, user=request.user, **d),
        "Ghi nhận lời hứa sau chất vấn",
    )


# Documents to delegates ------------------------------------------------------------------------


@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.SessionDocumentForm(request.POST or None, request.FILES or None, session=session)

    def action(data: dict) -> None:
        services.session_document_add(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(request, form, action, title=f"Thêm tài liệu {session}", success="Đã thêm tài liệu.", back=back)


@login_required
def documents_send(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.SendForm(request.POST or None, initial={"sent_on": _today()})

    def action(data: dict) -> None:
        services.session_documents_send(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    due = services.documents_due_on(session)
    intro = f"Hạn gửi tài liệu đến đại biểu: {due:%d/%m/%Y}." if due else "Hội đồng chưa thiết lập hạn gửi tài liệu."
    return _form_page(
        request, form, action, title=f"Gửi tài liệu {session}", success="Đã gửi tài liệu.", back=back, intro=intro
    )


@login_required
def not_opened(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    return render(
        request, "plenary/not_opened.html", {"session": session, "rows": selectors.not_opened(session=session)}
    )


@login_required
def my_documents(request: HttpRequest) -> HttpResponse:
    council = require(request, MY_DOCUMENTS)
    delegate = selectors.delegate_for_user(request.user, council)
    docs = list(selectors.my_documents(council=council, delegate=delegate, on=_today())) if delegate else []
    return render(request, "plenary/my_documents.html", {"delegate": delegate, "docs": docs})


@login_required
def document_open(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    doc = selectors.session_document_get(council=council, pk=pk)
    delegate = selectors.delegate_for_user(request.user, council)
    if delegate is not None and doc.sent_on is not None:
        services.document_open(session_document=doc, delegate=delegate)
    return render(request, "plenary/document_view.html", {"doc": doc})


# Lateness report -------------------------------------------------------------------------------


@login_required
def lateness_report(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = forms.YearForm(request.GET or None)
    year = _today().year
    if form.is_valid() and form.cleaned_data.get("nam"):
        year = form.cleaned_data["nam"]
    report = selectors.lateness_report(council=council, year=year, on=_today())
    counts = selectors.plenary_counts(council=council, year=year)
    return render(request, "plenary/lateness_report.html", {"form": form, "report": report, "counts": counts})


# The convening decision and the minutes --------------------------------------------------------


@login_required
def convening_link(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.ConveningLinkForm(request.POST or None, council=council)

    def action(data: dict) -> None:
        services.session_convening_link(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    intro = "Chọn quyết định triệu tập đã có trong sổ văn bản, hoặc soạn và ban hành quyết định mới."
    return _form_page(
        request,
        form,
        action,
        title=f"Quyết định triệu tập {session}",
        success="Đã gắn quyết định.",
        back=back,
        intro=intro,
    )


@login_required
def convening_generate(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.ConveningGenerateForm(request.POST or None, initial={"issued_on": _today()})

    def action(data: dict) -> None:
        services.session_convening_generate(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request,
        form,
        action,
        title=f"Ban hành Quyết định triệu tập {session}",
        success="Đã ban hành quyết định triệu tập.",
        back=back,
    )


@login_required
def minutes_generate(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.MinutesForm(request.POST or None, initial={"issued_on": session.closed_on or session.closes_on})

    def action(data: dict) -> str:
        document = services.minutes_generate(session=session, user=request.user, **data)
        return reverse("documents:document_detail", args=[document.pk])

    back = reverse("plenary:session_detail", args=[pk])
    intro = (
        "Biên bản được lập từ hồ sơ kỳ họp: thời gian, địa điểm, điểm danh từng ngày, chương trình, "
        "phát biểu, thảo luận tổ, kết quả biểu quyết. Dự thảo có thể lập lại khi số liệu thay đổi."
    )
    return _form_page(
        request, form, action, title=f"Lập biên bản {session}", success="Đã lập biên bản.", back=back, intro=intro
    )


# During the session ----------------------------------------------------------------------------


def _day(value: str, days: list[datetime.date]) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return days[0]


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    days = selectors.sitting_days(session)
    day = _day(request.GET.get("ngay", ""), days)
    rows = selectors.attendance_grid(session=session, day=day)
    form = forms.AttendanceForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                session=session, day=day, presence=form.presence(), reasons=form.reasons(), user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã lưu điểm danh ngày {day:%d/%m/%Y}.")
            return redirect(f"{reverse('plenary:attendance', args=[pk])}?ngay={day.isoformat()}")
    return render(
        request,
        "plenary/attendance.html",
        {"session": session, "days": days, "day": day, "form": form, "recorded": any(r.presence for r in rows)},
    )


@login_required
def speech_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    on = session.opened_on or session.opens_on
    delegates = delegates_in_office(council=council, on=on).select_related("person").order_by("person__name_folded")
    form = forms.SpeechForm(request.POST or None, session=session, delegates=delegates, initial={"spoken_on": on})

    def action(data: dict) -> None:
        services.speech_add(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(request, form, action, title=f"Ghi phát biểu {session}", success="Đã ghi phát biểu.", back=back)


@login_required
def group_discussion_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    on = session.opened_on or session.opens_on
    form = forms.GroupDiscussionForm(request.POST or None, council=council, initial={"held_on": on})

    def action(data: dict) -> None:
        services.group_discussion_add(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request, form, action, title=f"Ghi thảo luận tổ {session}", success="Đã ghi thảo luận tổ.", back=back
    )


@login_required
def group_discussion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    discussion = selectors.group_discussion_get(council=council, pk=pk)
    return render(
        request,
        "plenary/group_discussion_detail.html",
        {"d": discussion, "session": discussion.session, "history": history_rows(discussion)},
    )


@login_required
@require_POST
def document_public(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    doc = selectors.session_document_get(council=council, pk=pk)
    try:
        services.session_document_set_public(
            session_document=doc, public=request.POST.get("public") == "1", user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã công khai tài liệu." if doc.public else "Đã thôi công khai tài liệu.")
    return redirect(f"{reverse('plenary:session_detail', args=[doc.session_id])}#tai-lieu")


@login_required
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    council = require(request, VIEW)
    doc = selectors.session_document_get(council=council, pk=pk)
    if not doc.file:
        raise Http404
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.file_name)


# Agencies --------------------------------------------------------------------------------------


@login_required
def agency_submissions(request: HttpRequest) -> HttpResponse:
    council = require(request, AGENCY)
    today = _today()
    page = Paginator(selectors.agency_submissions(user=request.user, council=council), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    for sub in page:
        sub.late_days = sub.days_late(today)
    return render(request, "plenary/agency_submissions.html", {"page": page, "today": today})


# Public (no login) -----------------------------------------------------------------------------


def public_index(request: HttpRequest, council_id: int) -> HttpResponse:
    council = get_object_or_404(Council, pk=council_id)
    sessions = list(selectors.public_sessions(council_id=council.pk)[:PAGE_SIZE])
    return render(request, "plenary/public_index.html", {"council": council, "sessions": sessions})


def public_session(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    session, docs = selectors.public_session_get(council_id=council_id, pk=pk)
    return render(request, "plenary/public_session.html", {"session": session, "docs": docs})


def public_file(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.public_document_get(pk=pk)
    if doc.file:
        return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.file_name)
    if doc.document is None or doc.document.state == "du_thao":
        raise Http404
    content = documents_services.document_render_docx(doc.document)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="tai-lieu-{doc.pk}.docx"'
    return response
