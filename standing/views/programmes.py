"""The work-programme screens and the year's counts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hdnd import dates
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_form
from hdnd.years import latest_year
from registry.access import has_perm, require
from standing import selectors, services
from standing.access import EDIT, VIEW
from standing.forms import (
    ProgrammeFilterForm,
    ProgrammeForm,
    WorkItemForm,
    WorkItemLinkForm,
    YearForm,
)
from standing.models import Meeting, WorkItem
from standing.views._common import _form_page, _page


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = ProgrammeFilterForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    return render(
        request,
        "standing/programme_list.html",
        {
            "page": _page(request, selectors.programme_list(council=council, year=year)),
            "form": form,
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = ProgrammeForm(request.POST or None, initial={"year": dates.today().year})
    programme = run_form(
        request,
        form,
        lambda d: services.programme_create(council=council, user=request.user, **d),
        "Đã lập chương trình công tác.",
    )
    if programme is not NOT_DONE:
        return redirect("standing:programme_detail", pk=programme.pk)
    return _form_page(request, form, "Lập chương trình công tác năm", "standing:programme_list")


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    programme = selectors.programme_get(council=council, pk=pk)
    return render(
        request,
        "standing/programme_detail.html",
        {
            "programme": programme,
            "months": selectors.programme_months(programme),
            "can_edit": has_perm(request.user, council, EDIT),
            "history": history_rows(programme),
        },
    )


@login_required
def work_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    programme = selectors.programme_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "standing:programme_detail", pk):
        return refused
    form = WorkItemForm(request.POST or None, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.work_item_add(programme=programme, user=request.user, **d),
        "Đã thêm công việc.",
    )
    if done is not NOT_DONE:
        return redirect("standing:programme_detail", pk=pk)
    return _form_page(request, form, f"Thêm công việc — {programme}", "standing:programme_list")


def _work_item(council: object, pk: int) -> WorkItem:
    return selectors.work_item_get(council=council, pk=pk)


@login_required
def work_item_link(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    item = _work_item(council, pk)
    if refused := refuse_closed(request, council, "standing:programme_detail", item.programme_id):
        return refused
    form = WorkItemLinkForm(request.POST or None, council=council, year=item.programme.year)
    if request.method == "POST" and form.is_valid():
        record = selectors.link_record(council=council, key=form.cleaned_data["record"])
        if record is None:
            form.add_error("record", "Không tìm thấy hoạt động được chọn.")
    done = run_form(
        request,
        form,
        lambda d: services.work_item_link(item=item, record=record, user=request.user),
        "Đã ghi nhận công việc đã thực hiện.",
    )
    if done is not NOT_DONE:
        return redirect("standing:programme_detail", pk=item.programme_id)
    return _form_page(request, form, f"Ghi nhận thực hiện — {item}", "standing:programme_list")


@login_required
@require_POST
def work_item_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    item = _work_item(council, pk)
    if refused := refuse_closed(request, council, "standing:programme_detail", item.programme_id):
        return refused
    services.work_item_unlink(item=item, user=request.user)
    messages.success(request, "Đã bỏ liên kết.")
    return redirect("standing:programme_detail", pk=item.programme_id)


@login_required
def counts(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = YearForm(request.GET or None)
    year = (form.cleaned_data["year"] if form.is_valid() else None) or latest_year(
        (Meeting.objects.filter(council=council), "held_on"), council=council
    )
    return render(
        request,
        "standing/counts.html",
        {"form": form, "counts": selectors.standing_counts(council=council, year=year)},
    )
