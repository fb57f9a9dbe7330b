"""The personal-data access log for the office chief and administrators: the screen and its Excel export."""

import io
from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from hdnd.excel import inert_row
from registry.access import VIEW_ACCESS_LOG, require
from registry.forms import PersonalAccessFilterForm
from registry.models import Council, PersonalDataAccess
from registry.selectors import PERSONAL_RECORD_KINDS, personal_access_list

PAGE_SIZE = 50
EXPORT_LIMIT = 50_000  # a year of a busy office; beyond that, narrow the period
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_HEADERS = ["STT", "Thời điểm", "Người truy cập", "Hình thức", "Loại hồ sơ", "Hồ sơ", "Địa chỉ IP"]


def record_kind_label(row: PersonalDataAccess) -> str:
    """The record's kind as users name it (the registered label, else the model's verbose name)."""
    ct = row.content_type
    return PERSONAL_RECORD_KINDS.get(f"{ct.app_label}.{ct.model}") or ct.name.capitalize()


def _filtered(request: HttpRequest, council: Council) -> tuple[PersonalAccessFilterForm, QuerySet | None]:
    """The filter form bound to the query string, and the log it selects (None when the filters are wrong)."""
    form = PersonalAccessFilterForm(request.GET or None, council=council, record_kinds=PERSONAL_RECORD_KINDS)
    if not request.GET:
        return form, personal_access_list(council=council)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    qs = personal_access_list(
        council=council,
        user_id=data["nguoi_dung"].pk if data["nguoi_dung"] else None,
        date_from=data["tu_ngay"],
        date_to=data["den_ngay"],
        record_kind=data["loai_ho_so"],
        kind=data["hinh_thuc"],
        search=data["q"],
    )
    return form, qs


@login_required
def access_list(request: HttpRequest) -> HttpResponse:
    """Who saw which citizen's data, when, how and from where; filtered, 50 a page, newest first.

    Wrong filters answer 400 with the form's Vietnamese messages and no rows.
    """
    council = require(request, VIEW_ACCESS_LOG)
    form, qs = _filtered(request, council)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang")) if qs is not None else None
    rows = [(row, record_kind_label(row)) for row in page] if page is not None else []
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "registry/personal_access_list.html",
        {"filter": form, "page": page, "rows": rows, "export_query": query.urlencode()},
        status=400 if qs is None else 200,
    )


def access_workbook(rows: Iterable[PersonalDataAccess]) -> bytes:
    """An .xlsx of the log rows in the order given; every text cell made inert against formula injection."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhật ký dữ liệu cá nhân"
    ws.append(EXPORT_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        # Excel keeps no time zone: the local time the office reads on screen is written.
        when = timezone.localtime(row.created_at).replace(tzinfo=None)
        ws.append(
            inert_row(
                [
                    number,
                    when,
                    row.username,
                    row.get_kind_display(),
                    record_kind_label(row),
                    row.label,
                    row.address or "",
                ]
            )
        )
        ws.cell(row=number + 1, column=2).number_format = "dd/mm/yyyy hh:mm:ss"
    for letter, width in zip("ABCDEFG", (6, 20, 20, 14, 20, 50, 18), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@login_required
def access_export(request: HttpRequest) -> HttpResponse:
    """The filtered log as an Excel file (same filters as the screen); 400 with a message when they are wrong."""
    council = require(request, VIEW_ACCESS_LOG)
    form, qs = _filtered(request, council)
    if qs is None:
        messages = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(f"Bộ lọc không hợp lệ: {messages}", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(access_workbook(qs[:EXPORT_LIMIT]), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="nhat-ky-du-lieu-ca-nhan.xlsx"'
    return response
