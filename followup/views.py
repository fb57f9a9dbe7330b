"""The follow-up screens: the list of obligations, each obligation's page and actions, the scorecard."""

import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from followup import selectors, services, why
from followup.access import MANAGE, VIEW, VIEW_OWN, can_report
from followup.excel import obligations_workbook
from followup.exports import EXPORT
from followup.filters import OVERDUE, ObligationFilter
from followup.forms import AcceptForm, ExtendForm, ObligationForm, ReasonForm, ReportForm, ScorecardForm, StartForm
from followup.kinds import source_link
from followup.models import OPEN_STATES, Action, Obligation
from followup.services import allowed_actions
from hdnd import dates, exports
from hdnd.excel import XLSX
from hdnd.history import history_rows
from hdnd.home import overdue_as_of
from hdnd.views import NOT_DONE, refuse_closed, run_form
from hdnd.years import council_year
from registry.access import agency_bodies, has_perm, require
from registry.models import Council

# 25 rows: one page stays a few screens tall on a phone, where each row is a card (issue 18).
PAGE_SIZE = 25
EXPORT_LIMIT = 20000


def _filtered(request: HttpRequest, council: Council) -> tuple[ObligationFilter, datetime.date]:
    on = selectors.overdue_on(council)
    qs = selectors.obligation_list(user=request.user, council=council, on=on)
    return ObligationFilter(request.GET or None, qs, user=request.user, council=council, on=on), on


@login_required
def obligation_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW_OWN)
    filterset, on = _filtered(request, council)
    rows = filterset.qs
    if filterset.is_bound and filterset.form.is_valid() and filterset.form.cleaned_data["trang_thai"] == OVERDUE:
        rows = selectors.overdue_in_order(rows, on=on)  # its page from the indexes, not a sort of all late rows
    else:
        rows = selectors.list_in_order(rows, on=on)  # the same, the rows not overdue after the overdue ones
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    own_bodies = [] if has_perm(request.user, council, VIEW) else sorted(agency_bodies(request.user, council))
    return render(
        request,
        "followup/obligation_list.html",
        {
            "filter": filterset,
            "page": page,
            "today": on,
            "as_of": overdue_as_of(council.last_day),
            "can_manage": has_perm(request.user, council, MANAGE),
            "own_only": bool(own_bodies) or not has_perm(request.user, council, VIEW),
            "unread": selectors.unread_count(user=request.user),
            "export_query": request.GET.urlencode(),
        },
    )


@login_required
def obligation_export(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW_OWN)
    filterset, on = _filtered(request, council)
    content = obligations_workbook(filterset.qs[:EXPORT_LIMIT], on=on)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="viec-can-theo-doi-{on:%Y%m%d}.xlsx"'
    return response


obligation_export_start, obligation_export_status, obligation_export_download = exports.screens(
    EXPORT, council=lambda request: require(request, VIEW_OWN)
)


@login_required
def obligation_create(request: HttpRequest) -> HttpResponse:
    council = require(request, MANAGE)
    form = ObligationForm(request.POST or None, owners=selectors.owner_choices(user=request.user, council=council))
    obligation = run_form(
        request,
        form,
        lambda d: services.obligation_create(council=council, user=request.user, **form.service_kwargs()),
        "Đã giao việc.",
    )
    if obligation is not NOT_DONE:
        return redirect("followup:obligation_detail", pk=obligation.pk)
    return render(request, "followup/form.html", {"form": form, "title": "Giao việc cần theo dõi"})


def _action_forms(request: HttpRequest, council: Council, obligation: Obligation) -> dict[str, BaseForm]:
    """The action forms the user may use on this obligation now (state machine and role together); none
    once the council has ceased (its services refuse every step, `registry.services.council_accepts`)."""
    if not council.open_on(dates.today()):
        return {}
    allowed = allowed_actions(obligation.state)
    forms: dict[str, type[BaseForm]] = {}
    if can_report(request.user, council, obligation):
        if Action.START in allowed:
            forms["start"] = StartForm
        if Action.DONE in allowed:
            forms["report"] = ReportForm
    if has_perm(request.user, council, MANAGE):
        if Action.ACCEPT in allowed:
            forms["accept"] = AcceptForm
        if Action.RETURN in allowed:
            forms["return"] = ReasonForm
        if Action.CANCEL in allowed:
            forms["cancel"] = ReasonForm
        if obligation.state in OPEN_STATES:
            forms["extend"] = ExtendForm
    # Several forms share one page: distinct ids keep each label tied to its own field.
    return {key: form_class(auto_id=f"{key}_%s") for key, form_class in forms.items()}


@login_required
def obligation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW_OWN)
    obligation = selectors.obligation_get(user=request.user, council=council, pk=pk)
    return render(
        request,
        "followup/obligation_detail.html",
        {
            "o": obligation,
            "updates": list(obligation.updates.all()),
            "forms": _action_forms(request, council, obligation),
            "history": history_rows(obligation),
            "source_link": source_link(obligation, request.user, council),
        },
    )


@login_required
def obligation_why(request: HttpRequest, pk: int) -> HttpResponse:
    """“Vì sao hạn này”: how the deadline was computed (rule, version, start, unit, days skipped)."""
    council = require(request, VIEW_OWN)
    obligation = selectors.obligation_get(user=request.user, council=council, pk=pk)
    return render(request, "followup/obligation_why.html", {"o": obligation, "why": why.obligation_why(obligation)})


@login_required
def recompute(request: HttpRequest) -> HttpResponse:
    """After a holiday or a make-up day is added: the running deadlines the calendar now dates otherwise
    (GET lists them), moved to the new date on POST."""
    council = require(request, MANAGE)
    if refused := refuse_closed(request, council, "followup:obligation_list"):
        return refused
    if request.method == "POST":
        changes = services.obligations_recompute(council=council, user=request.user)
        messages.success(request, f"Đã tính lại {len(changes)} thời hạn đang chạy theo lịch làm việc.")
        return redirect("followup:recompute")
    return render(request, "followup/recompute.html", {"changes": services.obligations_to_recompute(council=council)})


def _action_view(
    action: str,
    form_class: type[BaseForm],
    run: Callable[[HttpRequest, Obligation, dict], Obligation],
    title: str,
    done_message: str,
    manage: bool,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A view for one action: GET shows its form, POST runs the service; refused actions are 403."""

    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        council = require(request, VIEW_OWN)
        obligation = selectors.obligation_get(user=request.user, council=council, pk=pk)
        allowed = has_perm(request.user, council, MANAGE) if manage else can_report(request.user, council, obligation)
        if not allowed:
            raise PermissionDenied("Vai trò của bạn không được phép thực hiện thao tác này.")
        # An action form may be empty (accept without a note): bind it on every POST.
        form = form_class(request.POST, request.FILES) if request.method == "POST" else form_class()
        if run_form(request, form, lambda d: run(request, obligation, d), done_message) is not NOT_DONE:
            return redirect("followup:obligation_detail", pk=obligation.pk)
        return render(
            request,
            "followup/action_form.html",
            {"form": form, "title": title, "o": obligation, "submit": title},
            status=400 if request.method == "POST" else 200,
        )

    view.__name__ = f"obligation_{action}"
    return view


obligation_start = _action_view(
    "start",
    StartForm,
    lambda r, o, d: services.obligation_start(obligation=o, user=r.user, text=d["text"]),
    "Tiếp nhận, bắt đầu thực hiện",
    "Đã ghi nhận bắt đầu thực hiện.",
    manage=False,
)
obligation_report = _action_view(
    "report",
    ReportForm,
    lambda r, o, d: services.obligation_report(
        obligation=o,
        user=r.user,
        text=d["text"],
        done=d["done"],
        files=d["files"],
        reply_label=d["reply_label"],
    ),
    "Gửi báo cáo",
    "Đã gửi báo cáo.",
    manage=False,
)
obligation_accept = _action_view(
    "accept",
    AcceptForm,
    lambda r, o, d: services.obligation_accept(obligation=o, user=r.user, text=d["text"]),
    "Chấp nhận kết quả",
    "Đã chấp nhận kết quả; việc đã hoàn thành.",
    manage=True,
)
obligation_return = _action_view(
    "return",
    ReasonForm,
    lambda r, o, d: services.obligation_return(obligation=o, user=r.user, reason=d["reason"]),
    "Trả lại",
    "Đã trả lại kèm lý do.",
    manage=True,
)
obligation_extend = _action_view(
    "extend",
    ExtendForm,
    lambda r, o, d: services.obligation_extend(obligation=o, user=r.user, due_on=d["due_on"], reason=d["reason"]),
    "Gia hạn",
    "Đã gia hạn.",
    manage=True,
)
obligation_cancel = _action_view(
    "cancel",
    ReasonForm,
    lambda r, o, d: services.obligation_cancel(obligation=o, user=r.user, reason=d["reason"]),
    "Hủy việc",
    "Đã hủy việc.",
    manage=True,
)


@login_required
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    council = require(request, VIEW_OWN)
    evidence = selectors.file_get(user=request.user, council=council, pk=pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@login_required
def scorecard(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW_OWN)
    on = selectors.overdue_on(council)
    form = ScorecardForm(request.GET or None)
    date_from, date_to = form.period(council_year(council))
    scores = selectors.scorecard(user=request.user, council=council, date_from=date_from, date_to=date_to, on=on)
    return render(
        request,
        "followup/scorecard.html",
        {
            "form": form,
            "scores": scores,
            "date_from": date_from,
            "date_to": date_to,
            "as_of": overdue_as_of(council.last_day),
        },
    )


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    require(request, VIEW_OWN)
    page = Paginator(selectors.notification_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "followup/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    require(request, VIEW_OWN)
    count = services.notifications_mark_read(user=request.user)
    messages.info(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("followup:notification_list")
