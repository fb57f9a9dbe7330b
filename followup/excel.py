"""Excel export of the obligation list: Vietnamese headers, dates shown dd/mm/yyyy."""

import datetime
from collections.abc import Iterable

from followup.models import Obligation
from hdnd.dates import format_date
from hdnd.excel import rows_of, streamed_workbook

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
    """An .xlsx of the obligations (annotated by `selectors.with_lateness`), in the order given; streamed
    (write-only workbook, a QuerySet read in chunks), so memory does not grow with the number of rows."""
    rows = (
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
        for number, o in enumerate(rows_of(obligations), start=1)
    )
    return streamed_workbook(
        title="Việc cần theo dõi",
        heading=[[f"DANH SÁCH VIỆC CẦN THEO DÕI (tính đến ngày {format_date(on)})"], HEADERS],
        rows=rows,
        widths=WIDTHS,
        date_columns=DATE_COLUMNS,
        date_format=DATE_FORMAT,
        freeze="A3",
    )
