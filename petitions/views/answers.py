"""Forwarding to the agencies, the counts, the answer report, the notice of answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from documents import selectors as documents_selectors
from documents.models import DocType
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from hdnd.years import latest_year
from petitions import selectors, services
from petitions.access import EDIT, VIEW
from petitions.forms import (
    ForwardForm,
)
from petitions.models import ContactRound, Level, PetitionState
from petitions.selectors import level_phrase
from registry.access import has_perm, require


@login_required
def round_forward(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "petitions:round_detail", pk):
        return refused
    # The signer of the last forwarding letter (a công văn) is offered again for the next one.
    remembered = documents_selectors.last_signer(council=council, doc_type=DocType.CONG_VAN)
    form = ForwardForm(
        request.POST or None,
        council=council,
        initial={k: v for k, v in remembered.items() if k in ("signer_authority", "signer_title", "signer_name")},
    )
    document = run_form(
        request,
        form,
        lambda d: services.petitions_forward(
            contact_round=contact_round,
            body=d["body"],
            user=request.user,
            signer_title=d["signer_title"],
            signer_name=d["signer_name"],
            signer_authority=d["signer_authority"] or "",
            issued_on=d["issued_on"],
        ),
        "",
    )
    if document is not NOT_DONE:
        messages.success(request, f"Đã chuyển kiến nghị bằng công văn số {document.number_symbol}.")
        return redirect("petitions:round_forward", pk=pk)
    groups = selectors.forward_groups(contact_round=contact_round)
    return render(request, "petitions/forward.html", {"round": contact_round, "form": form, "groups": groups})


@login_required
def report_counts(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    raw = request.GET.get("nam", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        year = int(raw)
    else:
        year = latest_year((ContactRound.objects.filter(council=council), "year"), council=council)
    counts = selectors.petition_counts(council=council, year=year)
    levels = [(value, level_phrase(council, value)) for value in Level.values]
    table = [
        {
            "round": c.round,
            "levels": [c.level(value) for value, _ in levels],
            "total": c.total,
            "by_field": sorted(c.by_field.items()),
            "by_state": [(PetitionState(s).label, n) for s, n in sorted(c.by_state.items())],
            "sentence": c.sentence(),
            "units": c.units,
        }
        for c in counts
    ]
    return render(request, "petitions/report_counts.html", {"year": year, "levels": levels, "table": table})


@login_required
@require_POST
def round_answer_report(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    document = run_action(
        request,
        lambda: services.answer_report_create(contact_round=contact_round, user=request.user),
        "Đã soạn dự thảo báo cáo kết quả trả lời kiến nghị cử tri.",
    )
    if document is NOT_DONE:
        return redirect("petitions:round_detail", pk=pk)
    return redirect("documents:document_detail", pk=document.pk)


@login_required
@require_POST
def round_answers_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The answers per commune or ward as a notice in the register (its DOCX from the documents engine)."""
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    document = run_action(
        request,
        lambda: services.answers_notice_create(contact_round=contact_round, user=request.user),
        "Đã soạn dự thảo thông báo kết quả trả lời theo địa bàn.",
    )
    if document is NOT_DONE:
        return redirect("petitions:round_answers_by_unit", pk=pk)
    return redirect("documents:document_detail", pk=document.pk)


@login_required
def round_answers_by_unit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    contact_round = selectors.round_get(council=council, pk=pk)
    units = selectors.answers_by_unit(contact_round=contact_round)
    return render(
        request,
        "petitions/answers_by_unit.html",
        {"round": contact_round, "units": units, "can_edit": has_perm(request.user, council, EDIT)},
    )
