"""Importing a round's petitions: the shared import screens (hdnd.imports) with the petitions' target
(petitions/imports.py); the template to fill in stays here."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from hdnd.excel import XLSX
from petitions import selectors
from petitions.access import EDIT
from petitions.excel import template_workbook
from registry.access import require


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    require(request, EDIT)
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-kien-nghi-cu-tri.xlsx"'
    return response


@login_required
def round_import(request: HttpRequest, pk: int) -> HttpResponse:
    """The former address of the round's import: the shared import screen of the round."""
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    return redirect("imports:start", target="kien-nghi", pk=contact_round.pk)
