"""Submissions, their verification, votes and resolutions; the agencies' own list."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hdnd import dates
from hdnd.history import history_rows
from hdnd.views import run_action
from plenary import forms, selectors, services
from plenary.access import AGENCY, ASSIGN, EDIT, VERIFY, VIEW, VOTE
from plenary.views._common import PAGE_SIZE, _form_page
from registry import services as registry_services
from registry.access import EDIT_SETTINGS, has_perm, require
from registry.calendar import MissingSetting, rule_value
from registry.models import Council
from registry.selectors import delegates_in_office


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
    sub.late_days = sub.days_late(dates.today())
    verification = getattr(sub, "verification", None)
    vote = getattr(sub, "vote", None)
    resolution = getattr(sub, "resolution", None)
    user = request.user
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
            "actions": services.submission_allowed_actions(sub, user),
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
        lambda s, c: forms.ReceiveForm(request.POST or None, kind=s.kind, initial={"received_on": dates.today()}),
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
        lambda s, c: forms.ReturnForm(request.POST or None, initial={"returned_on": dates.today()}),
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
        lambda s, c: forms.ResubmitForm(request.POST or None, kind=s.kind, initial={"resubmitted_on": dates.today()}),
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
        lambda s, c: forms.AssignForm(request.POST or None, council=c, initial={"assigned_on": dates.today()}),
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
        lambda s, c: forms.VerificationReportForm(request.POST or None, initial={"reported_on": dates.today()}),
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
        lambda s, c: forms.ExplainForm(request.POST or None, initial={"explained_on": dates.today()}),
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
    run_action(
        request,
        lambda: services.resolution_publish(resolution=resolution, user=request.user),
        "Đã công khai nghị quyết.",
    )
    return redirect("plenary:submission_detail", pk=pk)


@login_required
def agency_submissions(request: HttpRequest) -> HttpResponse:
    council = require(request, AGENCY)
    today = dates.today()
    page = Paginator(selectors.agency_submissions(user=request.user, council=council), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    for sub in page:
        sub.late_days = sub.days_late(today)
    return render(request, "plenary/agency_submissions.html", {"page": page, "today": today})
