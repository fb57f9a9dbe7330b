"""Excel out: the import template and the export (the import itself is the shared importer, hdnd.imports,
with the petitions' declaration in petitions/imports.py)."""

import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from hdnd.excel import rows_of, streamed_workbook
from petitions.models import Petition
from petitions.services import attribution

# The template's columns: the import's field labels (petitions/imports.py reads them back).
TEMPLATE_HEADERS = [
    "Nội dung kiến nghị",
    "Xã, phường",
    "Lĩnh vực",
    "Cấp thẩm quyền",
    "Cơ quan giải quyết",
    "Số cử tri",
    "Người kiến nghị",
    "Địa chỉ",
    "Điện thoại",
    "Khiếu nại, tố cáo (x)",
]


def template_workbook() -> bytes:
    """The template the office fills in: one header row, an example row, Vietnamese headers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Kiến nghị cử tri"
    ws.append(["STT", *TEMPLATE_HEADERS])
    ws.append(
        [
            1,
            "Đề nghị nâng cấp tuyến đường giao thông từ thôn An Thạch đi thôn Vĩnh An",
            "Phổ An",
            "Giao thông",
            "Thị xã",
            "UBND thị xã",
            3,
            "",
            "",
            "",
            "",
        ]
    )
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, width in enumerate([6, 70, 20, 20, 16, 30, 10, 24, 30, 14, 14], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


EXPORT_HEADERS = [
    "STT",
    "Đợt tiếp xúc",
    "Xã, phường",
    "Nội dung kiến nghị",
    "Lĩnh vực",
    "Cấp thẩm quyền",
    "Cơ quan giải quyết",
    "Số cử tri",
    "Trạng thái",
    "Nội dung trả lời",
    "Ngày trả lời",
]


def petitions_workbook(petitions: Iterable[Petition], *, personal: bool) -> bytes:
    """An .xlsx of the petitions in the order given; petitioners' data only when `personal` (masked
    otherwise is pointless in a file, so the column is left out). Streamed (write-only workbook, a
    QuerySet read in chunks), so memory does not grow with the number of rows."""
    headers = EXPORT_HEADERS + (["Người kiến nghị", "Địa chỉ", "Điện thoại"] if personal else [])

    def rows() -> Iterator[list[object]]:
        for number, p in enumerate(rows_of(petitions), start=1):
            row = [
                number,
                p.round.label,
                attribution(p).removeprefix("Cử tri ").strip(),
                p.text,
                p.field.name if p.field else "",
                p.get_level_display(),
                p.body.name if p.body else "",
                p.voters,
                p.get_state_display(),
                p.answer_text,
                p.answered_on,
            ]
            if personal:
                people = list(p.people.all())
                row += [
                    "; ".join(x.full_name for x in people),
                    "; ".join(x.address for x in people),
                    "; ".join(x.phone for x in people),
                ]
            yield row

    widths = [6, 28, 24, 70, 18, 16, 30, 10, 22, 50, 12, 24, 30, 14][: len(headers)]
    return streamed_workbook(
        title="Kiến nghị cử tri", heading=[headers], rows=rows(), widths=widths, date_columns=[11], freeze="A2"
    )
