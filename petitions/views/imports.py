"""Importing a round's petitions from an Excel workbook."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hdnd.once import new_key, run_once
from petitions import selectors, services
from petitions.access import EDIT
from petitions.excel import read_petitions, template_workbook
from petitions.forms import (
    ImportForm,
)
from petitions.views._common import XLSX
from registry.access import require

IMPORT_SESSION_KEY = "petitions_import"


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    require(request, EDIT)
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-kien-nghi-cu-tri.xlsx"'
    return response


@login_required
def round_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → preview with every row's problems → save all (only when there is no problem)."""
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    form = ImportForm()
    result = None
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(IMPORT_SESSION_KEY) or {}
        if stored.get("round") != contact_round.pk or stored.get("digest") != request.POST.get("confirm"):
            messages.error(request, "Phiên nhập đã hết hạn, vui lòng tải tệp lên lại.")
            return redirect("petitions:round_import", pk=pk)
        result = read_petitions(base64.b64decode(stored["content"]), contact_round)
        if result.ok:
            items = result.items
            try:
                # One preview saves once: a second click, or the same form posted twice at once, is refused.
                created = run_once(
                    f"petitions-import:{stored['digest']}",
                    lambda: services.petitions_bulk_create(contact_round=contact_round, items=items, user=request.user),
                )
            except ValidationError as exc:
                result.message = "Không lưu được: " + " ".join(exc.messages)
            else:
                del request.session[IMPORT_SESSION_KEY]
                messages.success(request, f"Đã nhập {len(created)} kiến nghị.")
                return redirect("petitions:round_detail", pk=pk)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            content = form.cleaned_data["file"].read()
            result = read_petitions(content, contact_round)
            if result.ok:
                digest = new_key()  # per rendered preview, so even the same file imported again is a new save
                request.session[IMPORT_SESSION_KEY] = {
                    "round": contact_round.pk,
                    "digest": digest,
                    "content": base64.b64encode(content).decode(),
                }
                result.digest = digest
    preview = []
    if result is not None and result.ok:
        preview = list(zip(result.rows, result.items, strict=True))[:200]
    return render(
        request,
        "petitions/import.html",
        {"round": contact_round, "form": form, "result": result, "preview": preview},
    )
