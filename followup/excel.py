"""Excel export of the obligation list: Vietnamese headers, dates shown dd/mm/yyyy."""

import datetime
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from followup.models import Obligation
from hdnd.excel import inert_row

HEADERS = [
    "STT",
    "Nội dung phải thực hiện",
    "Cơ quan thực hiện",
    "Loại nguồn",
    "Nguồn",
    "Ngày của nguồn",
    "Hạn xử lý",
    "Trạng thái",
    "Ngày báo cáo hoàn thành",
    "Số ngày quá hạn",
]
WIDTHS = [6, 60, 30, 24, 36, 14, 14, 22, 16, 12]
DATE_FORMAT = "DD/MM/YYYY"
DATE_COLUMNS = {6, 7, 9}


def obligations_workbook(obligations: Iterable[Obligation], *, on: datetime.date) -> bytes:
    """An .xlsx of the obligations (annotated by `selectors.with_lateness`), in the order given."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Việc cần theo dõi"
    ws.append([f"DANH SÁCH VIỆC CẦN THEO DÕI (tính đến ngày {on:%d/%m/%Y})"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(HEADERS)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, o in enumerate(obligations, start=1):
        ws.append(
            inert_row(
                [
                    number,
                    o.title,
                    o.owner.name,
                    o.kind_label,
                    o.source_label,
                    o.source_date,
                    o.due_on,
                    o.get_state_display(),
                    o.reported_on,
                    o.days_overdue.days if o.days_overdue is not None else None,
                ]
            )
        )
        for column in DATE_COLUMNS:
            ws.cell(row=ws.max_row, column=column).number_format = DATE_FORMAT
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[ws.cell(row=2, column=index).column_letter].width = width
    ws.freeze_panes = "A3"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
