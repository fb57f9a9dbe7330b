"""Excel export of the obligation list: Vietnamese headers, dates shown dd/mm/yyyy."""

import datetime
from collections.abc import Iterable, Iterator
from itertools import batched

from django.db.models import QuerySet

from followup.models import Obligation
from hdnd.dates import format_date
from hdnd.excel import rows_of, streamed_workbook
from registry.models import Body

# Rows read from the database at a time (a server-side cursor on PostgreSQL), and their owners' names
# fetched for each such chunk: memory holds one chunk, whatever the number of rows.
CHUNK = 2000

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


def with_owner_names(obligations: Iterable[Obligation]) -> Iterator[tuple[Obligation, str]]:
    """Each obligation with its owner's name. A QuerySet is read in chunks without joining the bodies (the
    national table joined over every row before the sort is what made the export slow), and the names of
    each chunk's owners not met before are read in one query by pk."""
    chunk_size = CHUNK
    if isinstance(obligations, QuerySet):
        obligations = obligations.select_related(None)
    names: dict[int, str] = {}
    for chunk in batched(rows_of(obligations, chunk_size), chunk_size):
        missing = {o.owner_id for o in chunk} - names.keys()
        if missing:
            names.update(Body.objects.filter(pk__in=missing).order_by().values_list("pk", "name"))
        for o in chunk:
            yield o, names[o.owner_id]


def obligations_workbook(obligations: Iterable[Obligation], *, on: datetime.date) -> bytes:
    """An .xlsx of the obligations (annotated by `selectors.with_lateness`), in the order given; streamed
    (write-only workbook, a QuerySet read in chunks, the owners' names per chunk), so memory does not grow
    with the number of rows."""
    rows = (
        [
            number,
            o.title,
            owner,
            o.kind_label,
            o.source_label,
            o.source_date,
            o.due_on,
            o.get_state_display(),
            o.reported_on,
            o.days_overdue.days if o.days_overdue is not None else None,
        ]
        for number, (o, owner) in enumerate(with_owner_names(obligations), start=1)
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
