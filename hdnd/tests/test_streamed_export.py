"""The streamed workbook (openpyxl write-only): many rows come back whole, formulas stay inert,
dates keep dd/mm/yyyy, and memory does not grow with the number of rows."""

import datetime
import io
import tracemalloc

from openpyxl import load_workbook

from hdnd.excel import streamed_workbook

ROWS = 20_000


def _rows(n: int):
    for i in range(n):
        yield (i + 1, f'=HYPERLINK("x") {i}' if i == 7 else f"Kiến nghị số {i + 1}", datetime.date(2024, 6, 24))


def test_many_rows_read_back_whole_and_inert() -> None:
    data = streamed_workbook(
        title="Kiến nghị",
        heading=[["STT", "Nội dung", "Ngày"]],
        rows=_rows(ROWS),
        widths=[6, 40, 12],
        date_columns=[3],
        freeze="A2",
    )
    ws = load_workbook(io.BytesIO(data), read_only=True)["Kiến nghị"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("STT", "Nội dung", "Ngày")
    assert len(rows) == ROWS + 1
    assert rows[-1][:2] == (ROWS, f"Kiến nghị số {ROWS}")
    assert not str(rows[8][1]).startswith("=")  # a user's formula is text, never a live formula
    assert rows[1][2] == datetime.datetime(2024, 6, 24)
    cell = next(ws.iter_rows(min_row=2, max_row=2, min_col=3, max_col=3))[0]
    assert cell.number_format == "DD/MM/YYYY"


def _peak(n: int) -> int:
    tracemalloc.start()
    try:
        streamed_workbook(title="T", heading=[["A", "B", "C"]], rows=_rows(n), widths=[6, 40, 12], date_columns=[3])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_rows() -> None:
    small, large = _peak(2_000), _peak(40_000)
    # Twenty times the rows: the peak stays of the same order (a sheet kept in memory would grow ~20x).
    assert large < small * 3, (small, large)
