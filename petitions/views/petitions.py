"""The petition list, export, detail, editing, answering, splitting, duplicates and merging."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hdnd import exports
from hdnd.excel import XLSX
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from petitions import selectors, services, wording
from petitions.access import ANSWER, EDIT, PERSONAL, VIEW, mask_name, mask_phone
from petitions.excel import petitions_workbook
from petitions.exports import EXPORT, filter_form
from petitions.forms import (
    AnswerForm,
    FilterForm,
    MergeForm,
    PetitionEditForm,
)
from petitions.models import PetitionState
from petitions.views._common import PAGE_SIZE, _require_any
from registry.access import has_perm, require
from registry.models import Council
from registry.security import client_address

EXPORT_LIMIT = 50000


def _filtered(request: HttpRequest, council: Council) -> tuple[FilterForm, object]:
    form, kwargs = filter_form(council, request.GET)
    return form, selectors.petition_list(user=request.user, council=council, **kwargs)


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    council = _require_any(request, ANSWER, VIEW)
    form, qs = _filtered(request, council)
    page = Paginator(selectors.in_round_order(qs, council=council), PAGE_SIZE).get_page(request.GET.get("trang"))
    for p in page:
        p.attribution = wording.attribution(p)
    return render(
        request,
        "petitions/petition_list.html",
        {
            "filter": form,
            "page": page,
            "export_query": request.GET.urlencode(),
            "own_only": not has_perm(request.user, council, VIEW),
        },
    )


@login_required
def petition_export(request: HttpRequest) -> HttpResponse:
    council = _require_any(request, ANSWER, VIEW)
    _form, qs = _filtered(request, council)
    personal = has_perm(request.user, council, PERSONAL)
    rows = list((qs.prefetch_related("people") if personal else qs)[:EXPORT_LIMIT])
    if personal:
        services.log_personal_access(
            user=request.user, council=council, petitions=rows, action="export", address=client_address(request)
        )
    response = HttpResponse(petitions_workbook(rows, personal=personal), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kien-nghi-cu-tri.xlsx"'
    return response


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = _require_any(request, ANSWER, VIEW)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    personal = has_perm(request.user, council, PERSONAL)
    people = [
        {
            "name": p.full_name if personal else mask_name(p.full_name),
            "address": p.address if personal else "",
            "phone": p.phone if personal else mask_phone(p.phone),
        }
        for p in petition.people.all()
    ]
    if personal and people:
        services.log_personal_access(
            user=request.user, council=council, petitions=[petition], action="view", address=client_address(request)
        )
    actions = services.allowed_actions(petition, request.user)
    progress = selectors.answer_progress(petition=petition)
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "attribution": wording.attribution(petition),
            "people": people,
            "personal": personal,
            "actions": actions,
            "can_answer": "answer" in actions,
            "can_accept": "accept" in actions,
            "accepted": services.answer_accepted(petition),
            "progress": progress,
            "answer_form": AnswerForm(council=council, user=request.user, initial={"state": PetitionState.ANSWERED}),
            "history": history_rows(petition),
            # The round's page asks VIEW; an agency answering its petitions reads the round's name only.
            "can_open_round": has_perm(request.user, council, VIEW),
        },
    )


@login_required
def petition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    if refused := refuse_closed(request, council, "petitions:petition_detail", pk):
        return refused
    initial = {
        "text": petition.text,
        "field": petition.field,
        "level": petition.level,
        "body": petition.body,
        "complaint": petition.complaint,
    }
    form = PetitionEditForm(request.POST or None, council=council, initial=initial)
    done = run_form(
        request,
        form,
        lambda d: services.petition_update(petition=petition, user=request.user, **d),
        "Đã lưu kiến nghị.",
    )
    if done is not NOT_DONE:
        return redirect("petitions:petition_detail", pk=pk)
    return render(request, "petitions/form.html", {"form": form, "title": "Sửa, phân loại kiến nghị"})


@login_required
@require_POST
def petition_answer(request: HttpRequest, pk: int) -> HttpResponse:
    council = _require_any(request, ANSWER, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    form = AnswerForm(request.POST, council=council, user=request.user)
    done = run_form(
        request,
        form,
        lambda d: services.petition_answer(petition=petition, user=request.user, **d),
        "Đã gửi trả lời kiến nghị.",
    )
    if done is not NOT_DONE:
        return redirect("petitions:petition_detail", pk=pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("petitions:petition_detail", pk=pk)


@login_required
@require_POST
def petition_accept(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    run_action(
        request,
        lambda: services.petition_accept(petition=petition, user=request.user, note=request.POST.get("note", "")),
        "Đã chấp nhận kết quả trả lời.",
    )
    return redirect("petitions:petition_detail", pk=pk)


@login_required
@require_POST
def petition_split(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    origins = run_action(request, lambda: services.petition_split(petition=petition, user=request.user), "")
    if origins is NOT_DONE:
        return redirect("petitions:petition_detail", pk=pk)
    messages.success(request, f"Đã tách thành {len(origins)} kiến nghị.")
    return redirect("petitions:round_detail", pk=petition.round_id)


@login_required
def round_duplicates(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "petitions:round_detail", pk):
        return refused
    groups = selectors.duplicate_suggestions(contact_round=contact_round)
    for group in groups:
        for p in group:
            p.attribution = wording.attribution(p)
    return render(request, "petitions/duplicates.html", {"round": contact_round, "groups": groups})


@login_required
@require_POST
def petition_merge(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    ids = request.POST.getlist("ids")
    form = MergeForm({"ids": ",".join(ids), "text": request.POST.get("text", "")})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(request.POST.get("next") or "petitions:round_list")
    petitions = selectors.petitions_by_ids(user=request.user, council=council, ids=form.cleaned_data["ids"])
    text = form.cleaned_data["text"]
    aggregate = run_action(
        request, lambda: services.petition_merge(petitions=petitions, user=request.user, text=text), ""
    )
    if aggregate is NOT_DONE:
        return redirect("petitions:round_duplicates", pk=petitions[0].round_id)
    messages.success(request, f"Đã gộp {len(petitions)} kiến nghị.")
    return redirect("petitions:petition_detail", pk=aggregate.pk)


petition_export_start, petition_export_status, petition_export_download = exports.screens(
    EXPORT, council=lambda request: _require_any(request, ANSWER, VIEW)
)
