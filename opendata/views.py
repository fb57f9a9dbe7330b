"""The public page of open data: downloads with their dates and sizes, the licence, the API (no login)."""

from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from opendata import records, selectors
from opendata.models import BulkExport
from registry.selectors import public_council_get, public_council_q


def index(request: HttpRequest) -> HttpResponse:
    """The newest export of the country and of each active council."""
    rows = selectors.latest_exports()
    national = [row for row in rows if row.council_id is None]
    context = {
        "national": national[0] if national else None,
        "councils": [row for row in rows if row.council_id is not None],
        "license_url": records.LICENSE,
        "license_name": records.LICENSE_NAME,
        "title": "Dữ liệu mở",
        "description": "Tải dữ liệu công khai của các Hội đồng nhân dân (CSV, JSON, CSVW) và API đọc dữ liệu theo "
        "OParl, giấy phép mở.",
    }
    return render(request, "opendata/index.html", context)


def council(request: HttpRequest, council_id: int) -> HttpResponse:
    """One active council's exports, newest first, and its records in the API."""
    found = public_council_get(council_id)
    context = {
        "council": found,
        "exports": list(selectors.exports_of(council_id=found.pk)),
        "license_url": records.LICENSE,
        "license_name": records.LICENSE_NAME,
        "api": records.API,
        "title": f"Dữ liệu mở — {found}",
        "description": f"Dữ liệu công khai của {found}: các bản tải về (CSV, JSON, CSVW) và API đọc dữ liệu.",
    }
    return render(request, "opendata/council.html", context)


def download(request: HttpRequest, pk: int) -> HttpResponse:
    """An export's ZIP file: the country's, or a public council's (at work or ceased)."""
    row = BulkExport.objects.filter(Q(council__isnull=True) | public_council_q("council__"), pk=pk).first()
    if row is None or not row.file:
        raise Http404("Không tìm thấy tệp dữ liệu.")
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy tệp dữ liệu.") from exc
    return FileResponse(handle, as_attachment=True, filename=row.file.name.rsplit("/", 1)[-1])
