"""Shared plumbing for every Excel export: cells made of users' text never become live formulas."""

import tempfile
from collections.abc import Iterable, Iterator, Sequence

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# OWASP "CSV Injection": a cell that starts with one of these is read as a formula by Excel and
# LibreOffice (=HYPERLINK(...), +cmd|..., -2+3, @SUM(...)); tab and CR start one too after a paste.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """The value as it is safe to write in a cell: text starting a formula gets a leading `'`.

    We follow OWASP's recommendation (prefix the cell with a single quote) rather than only storing the
    cell as a string: openpyxl then writes a plain string cell that Excel never evaluates, and the quote
    still disarms the text if someone re-saves the sheet as CSV or retypes the cell. The user's text
    stays visible after the quote. Numbers, dates and None pass through unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_row(values: Iterable[object]) -> list[object]:
    """A row for `worksheet.append`, every text cell passed through `inert`."""
    return [inert(value) for value in values]


def rows_of(items: Iterable, chunk_size: int = 2000) -> Iterator:
    """The items one by one; a QuerySet is fetched in chunks (`.iterator`, its prefetches done per chunk),
    so an export never holds the whole result set nor Django's result cache."""
    if isinstance(items, QuerySet):
        return items.iterator(chunk_size=chunk_size)
    return iter(items)


def streamed_workbook(
    *,
    title: str,
    heading: Sequence[Sequence[object]],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int],
    date_columns: Iterable[int] = (),
    date_format: str = "DD/MM/YYYY",
    freeze: str | None = None,
) -> bytes:
    """An .xlsx written in openpyxl's write-only mode: each row goes to a temporary file as it comes
    (no sheet kept in memory, no rescan of the sheet per row), so memory stays constant whatever the
    number of rows. `heading` rows are written bold; every data cell passes through `inert`;
    `date_columns` (1-based) get `date_format`."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    if freeze:
        ws.freeze_panes = freeze
    bold = Font(bold=True)
    for values in heading:
        cells = []
        for value in values:
            cell = WriteOnlyCell(ws, value=inert(value))
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cells.append(cell)
        ws.append(cells)
    dates = {column - 1 for column in date_columns}
    for values in rows:
        row: list[object] = []
        for index, value in enumerate(values):
            value = inert(value)
            if index in dates and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = date_format
                row.append(cell)
            else:
                row.append(value)
        ws.append(row)
    with tempfile.TemporaryFile() as handle:
        wb.save(handle)
        handle.seek(0)
        return handle.read()
