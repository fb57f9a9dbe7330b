"""Reading a sheet's cells: .xlsx, .xls and .ods through python-calamine, .csv with its encoding detected."""

import csv
import io
from dataclasses import dataclass, field

from python_calamine import CalamineWorkbook

MAX_BYTES = 10 * 1024 * 1024
ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


class ReadError(Exception):
    """The whole file cannot be read; the message is Vietnamese and shown as it is."""


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, col0, row1, col1), 0-based


def _decode_csv(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1258 (Vietnamese Windows) keeps combining tone marks; CP1252 is its Western sibling.
    for encoding in ("cp1258", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("Không đọc được tệp CSV: bảng mã không phải UTF-8 hay Windows-1258.")


def _read_csv(content: bytes, name: str) -> Sheet:
    text = _decode_csv(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return Sheet(name, [list(row) for row in csv.reader(io.StringIO(text), dialect)])


def read_sheet(content: bytes, filename: str = "") -> Sheet:
    """The first sheet of the file as rows of cell values (None for an empty cell)."""
    if len(content) > MAX_BYTES:
        raise ReadError("Tệp quá lớn (tối đa 10 MB).")
    lower = filename.lower()
    if not content.startswith((ZIP, OLE)):
        if lower.endswith((".xlsx", ".xls", ".ods")):
            raise ReadError("Không đọc được tệp bảng tính; hãy lưu lại bằng Excel hoặc LibreOffice.")
        return _read_csv(content, filename.rsplit("/", 1)[-1] or "CSV")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = workbook.get_sheet_by_index(0)
        rows = [[None if v == "" else v for v in row] for row in sheet.to_python(skip_empty_area=False)]
        merged = []
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            merged.append((r0, c0, r1, c1))
    except Exception as exc:  # calamine raises its own error types for any damaged file
        raise ReadError("Không đọc được tệp bảng tính (.xlsx, .xls, .ods); hãy lưu lại và thử lại.") from exc
    return Sheet(sheet.name, rows, merged)
