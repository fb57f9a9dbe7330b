"""Supervision screens: rounds and surveys, recommendations and their report, counts, programmes, regular review,
and the public pages (Luật 87/2015/QH13, Điều 89)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from documents.selectors import openable_ids
from followup.selectors import overdue_on
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from hdnd.years import latest_year
from registry.access import has_perm, require
from registry.selectors import public_council_get
from supervision import selectors, services, wording
from supervision.access import EDIT, VIEW
from supervision.forms import (
    BodyReportsForm,
    ConsiderForm,
    ItemForm,
    MemberForm,
    ProgrammeDatesForm,
    ProgrammeForm,
    PublishForm,
    RecommendationForm,
    ReportForm,
    ReviewCreateForm,
    ReviewForm,
    RoundFilterForm,
    RoundForm,
    SessionForm,
    YearForm,
)
from supervision.models import ReviewOutcome, Round
from supervision.sessions import session_on

PAGE_SIZE = 50


def _page(request: HttpRequest, qs: object) -> object:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))


def _form_page(request: HttpRequest, form: BaseForm, title: str, back: str) -> HttpResponse:
    return render(request, "supervision/form.html", {"form": form, "title": title, "back": back})


def _year(request: HttpRequest) -> int:
    form = YearForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["nam"]:
        return form.cleaned_data["nam"]
    return latest_year((Round.objects.filter(council=request.council), "set_up_on"), council=request.council)


# Rounds ----------------------------------------------------------------------------------------


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = RoundFilterForm(request.GET or None)
    year, search, watch = None, "", False
    if form.is_valid():
        year, search, watch = form.cleaned_data["nam"], form.cleaned_data["q"], form.cleaned_data["canh_bao"]
    qs = (
        selectors.rounds_to_watch(council=council)
        if watch
        else selectors.round_list(council=council, year=year, search=search)
    )
    if watch and (year or search):
        qs = qs.filter(pk__in=selectors.round_list(council=council, year=year, search=search).values("pk"))
    return render(
        request,
        "supervision/round_list.html",
        {"page": _page(request, qs), "form": form, "can_edit": has_perm(request.user, council, EDIT)},
    )


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = RoundForm(request.POST or None, council=council)
    round = run_form(
        request, form, lambda d: services.round_create(council=council, user=request.user, **d), "Đã ghi đợt giám sát."
    )
    if round is not NOT_DONE:
        return redirect("supervision:round_detail", pk=round.pk)
    return _form_page(request, form, "Ghi đợt giám sát, khảo sát", "supervision:round_list")


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    round = selectors.round_get(council=council, pk=pk)
    documents = [round.decision, round.report]
    return render(
        request,
        "supervision/round_detail.html",
        {
            "round": round,
            "milestones": selectors.milestones(round),
            "supervised_text": wording.supervised_text(round),
            "actions": services.round_allowed_actions(round, request.user),
            "history": history_rows(round),
            # The decision and the report, linked only for a user their page opens for (a delegate: no drafts).
            "openable_documents": openable_ids(user=request.user, council=council, documents=documents),
        },
    )


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    round = selectors.round_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "supervision:round_detail", pk):
        return refused
    initial = {name: getattr(round, name) for name in services.ROUND_FIELDS}
    initial["supervised"] = list(round.supervised.all())
    form = RoundForm(request.POST or None, initial=initial, council=council)
    done = run_form(
        request, form, lambda d: services.round_update(round=round, user=request.user, **d), "Đã lưu đợt giám sát."
    )
    if done is not NOT_DONE:
        return redirect("supervision:round_detail", pk=pk)
    return _form_page(request, form, f"Sửa: {round}", "supervision:round_list")


def _round_form(
    request: HttpRequest,
    pk: int,
    form_class: type,
    action: Callable,
    title: str,
    done: str,
    with_council: bool = True,
    guard: bool = True,
) -> HttpResponse:
    """A form that adds something to a round through `action(round, user, cleaned_data)`; once the council has
    ceased, refused before any form is shown (`guard`; without it, the service's refusal lands on the form)."""
    council = require(request, EDIT)
    round = selectors.round_get(council=council, pk=pk)
    if guard and (refused := refuse_closed(request, council, "supervision:round_detail", pk)):
        return refused
    kwargs = {"council": council} if with_council else {}
    form = form_class(request.POST or None, **kwargs)
    result = run_form(request, form, lambda d: action(round, request.user, d), done)
    if result is not NOT_DONE:
        return redirect("supervision:round_detail", pk=pk)
    return _form_page(request, form, f"{title} — {round}", "supervision:round_list")


@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_form(
        request,
        pk,
        MemberForm,
        lambda r, u, d: services.member_add(round=r, user=u, **d),
        "Thêm thành viên đoàn",
        "Đã thêm thành viên đoàn.",
    )


@login_required
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_form(
        request,
        pk,
        SessionForm,
        lambda r, u, d: services.session_add(round=r, user=u, **d),
        "Thêm buổi làm việc",
        "Đã thêm buổi làm việc.",
    )


@login_required
def body_reports_request(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_form(
        request,
        pk,
        BodyReportsForm,
        lambda r, u, d: services.body_reports_request(round=r, user=u, **d),
        "Yêu cầu đối tượng giám sát báo cáo",
        "Đã gửi yêu cầu báo cáo; mỗi cơ quan được theo dõi đến hạn.",
        with_council=False,
    )


@login_required
def report_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_form(
        request,
        pk,
        ReportForm,
        lambda r, u, d: services.report_record(round=r, user=u, **d),
        "Báo cáo kết quả giám sát",
        "Đã ghi báo cáo kết quả giám sát.",
        guard=False,
    )


@login_required
def round_consider(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_form(
        request,
        pk,
        ConsiderForm,
        lambda r, u, d: services.round_consider(round=r, user=u, **d),
        "Thường trực xem xét báo cáo, kết luận",
        "Đã ghi kết luận.",
        with_council=False,
    )


@login_required
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_form(
        request,
        pk,
        RecommendationForm,
        lambda r, u, d: services.recommendation_add(round=r, user=u, **d),
        "Thêm kiến nghị sau giám sát",
        "Đã ghi kiến nghị; cơ quan được kiến nghị được theo dõi đến hạn.",
        guard=False,
    )


@login_required
@require_POST
def decision_generate(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    round = selectors.round_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "supervision:round_detail", pk):
        return refused
    run_action(
        request,
        lambda: services.decision_generate(round=round, user=request.user),
        "Đã tạo dự thảo quyết định thành lập đoàn.",
    )
    return redirect("supervision:round_detail", pk=pk)


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    round = selectors.round_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "supervision:round_detail", pk):
        return refused
    form = PublishForm(request.POST)
    form.is_valid()
    round = services.round_publish(round=round, published=form.cleaned_data.get("published", False), user=request.user)
    messages.success(request, "Đã công khai." if round.published else "Đã thôi công khai.")
    return redirect("supervision:round_detail", pk=pk)


# Recommendations and counts --------------------------------------------------------------------


@login_required
def recommendation_report(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    year = _year(request)
    return render(
        request,
        "supervision/recommendation_report.html",
        {
            "report": selectors.recommendation_report(council=council, year=year),
            "labels": selectors.STATUS_LABELS,
            "form": YearForm(initial={"nam": year}),
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
@require_POST
def recommendation_report_document(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    if refused := refuse_closed(request, council, "supervision:recommendation_report"):
        return refused
    year = _year(request)
    document = services.recommendation_report_document(council=council, year=year, user=request.user)
    messages.success(request, "Đã tạo dự thảo báo cáo trong sổ văn bản; tải tệp Word từ trang văn bản.")
    return redirect("documents:document_detail", pk=document.pk)


@login_required
def counts(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    year = _year(request)
    return render(
        request,
        "supervision/counts.html",
        {"counts": selectors.supervision_counts(council=council, year=year), "form": YearForm(initial={"nam": year})},
    )


# Programmes ------------------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    return render(
        request,
        "supervision/programme_list.html",
        {
            "page": _page(request, selectors.programme_list(council=council)),
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = ProgrammeForm(request.POST or None, council=council)
    programme = run_form(
        request,
        form,
        lambda d: services.programme_create(council=council, user=request.user, **d),
        "Đã tạo chương trình giám sát.",
    )
    if programme is not NOT_DONE:
        return redirect("supervision:programme_detail", pk=programme.pk)
    return _form_page(request, form, "Tạo chương trình, kế hoạch giám sát", "supervision:programme_list")


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    programme = selectors.programme_get(council=council, pk=pk)
    return render(
        request,
        "supervision/programme_detail.html",
        {
            "programme": programme,
            "milestones": selectors.programme_milestones(programme),
            "session": session_on(council, programme.session_on),
            "can_edit": has_perm(request.user, council, EDIT),
            "history": history_rows(programme),
        },
    )


@login_required
def programme_proposals_why(request: HttpRequest, pk: int) -> HttpResponse:
    """“Vì sao hạn này” for the proposals' day: the date-type rule, the version used and its citation."""
    council = require(request, VIEW)
    programme = selectors.programme_get(council=council, pk=pk)
    if not programme.proposals_basis:
        raise Http404
    return render(
        request,
        "supervision/programme_proposals_why.html",
        {"programme": programme, "b": selectors.proposals_why(programme)},
    )


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    programme = selectors.programme_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "supervision:programme_detail", pk):
        return refused
    initial = {name: getattr(programme, name) for name in services.PROGRAMME_FIELDS}
    form = ProgrammeDatesForm(request.POST or None, initial=initial, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.programme_update(programme=programme, user=request.user, **d),
        "Đã lưu chương trình giám sát.",
    )
    if done is not NOT_DONE:
        return redirect("supervision:programme_detail", pk=pk)
    return _form_page(request, form, f"Sửa: {programme}", "supervision:programme_list")


@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    programme = selectors.programme_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "supervision:programme_detail", pk):
        return refused
    form = ItemForm(request.POST or None, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.item_add(programme=programme, user=request.user, **d),
        "Đã thêm nội dung giám sát.",
    )
    if done is not NOT_DONE:
        return redirect("supervision:programme_detail", pk=pk)
    return _form_page(request, form, f"Thêm nội dung — {programme}", "supervision:programme_list")


@login_required
@require_POST
def programme_publish(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    programme = selectors.programme_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "supervision:programme_detail", pk):
        return refused
    form = PublishForm(request.POST)
    form.is_valid()
    programme = services.programme_publish(
        programme=programme, published=form.cleaned_data.get("published", False), user=request.user
    )
    messages.success(request, "Đã công khai." if programme.published else "Đã thôi công khai.")
    return redirect("supervision:programme_detail", pk=pk)


# Regular supervision ---------------------------------------------------------------------------


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    outcome = request.GET.get("ket_qua", "")
    outcome = outcome if outcome in ReviewOutcome.values else ""
    page = _page(request, selectors.review_list(council=council, outcome=outcome))
    for review in page:
        review.actions = services.review_allowed_actions(review, request.user)
    return render(
        request,
        "supervision/review_list.html",
        {
            "page": page,
            "outcomes": ReviewOutcome.choices,
            "outcome": outcome,
            "can_edit": has_perm(request.user, council, EDIT),
            # The basis in force today (Luật 87/2015 until 28/02/2026; from 01/03/2026 the council's setting).
            "reply_basis": selectors.review_reply_basis(),
        },
    )


@login_required
def review_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = ReviewCreateForm(request.POST or None, council=council)
    done = run_form(
        request, form, lambda d: services.review_create(user=request.user, **d), "Đã đưa văn bản vào sổ giám sát."
    )
    if done is not NOT_DONE:
        return redirect("supervision:review_list")
    return _form_page(request, form, "Đưa văn bản đến vào sổ giám sát thường xuyên", "supervision:review_list")


@login_required
def review_record(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    review = selectors.review_get(council=council, pk=pk)
    form = ReviewForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda d: services.review_record(review=review, user=request.user, **d),
        "Đã ghi kết quả xem xét.",
    )
    if done is not NOT_DONE:
        return redirect("supervision:review_list")
    return _form_page(request, form, f"Kết quả xem xét — {review.document}", "supervision:review_list")


# Public pages (no login) -----------------------------------------------------------------------


def public_index(request: HttpRequest, council_id: int) -> HttpResponse:
    council = public_council_get(council_id)
    return render(
        request,
        "supervision/public_index.html",
        {
            "council": council,
            "programmes": selectors.programme_list(council=council, published=True),
            "rounds": selectors.round_list(council=council, published=True),
        },
    )


def public_round(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    council = public_council_get(council_id)
    round = selectors.round_get(council=council, pk=pk, published=True)
    return render(
        request,
        "supervision/public_round.html",
        {
            "council": council,
            "round": round,
            "supervised_text": wording.supervised_text(round),
            "rows": [
                (r, selectors.STATUS_LABELS[selectors.recommendation_status(r, overdue_on(council))])
                for r in round.recommendations.all()
            ],
        },
    )


def public_programme(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    council = public_council_get(council_id)
    programme = selectors.programme_get(council=council, pk=pk, published=True)
    return render(request, "supervision/public_programme.html", {"council": council, "programme": programme})
