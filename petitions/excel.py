"""Excel in and out: the import template, the importer with row-by-row Vietnamese errors, the export.

The importer reads the product's template and the columns offices commonly use (matched by folded
header names). It reports every problem by row and column — merged cells, blank rows inside the table,
stray spaces, text not in NFC, an unknown commune or field, a wrong level — and the caller saves nothing
unless there is none (all or nothing).
"""

import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from hdnd.excel import rows_of, streamed_workbook
from hdnd.text import clean, fold
from petitions.models import Channel, ContactRound, Level, Petition, PetitionField
from petitions.services import PetitionData, attribution, child_units, contact_places, petition_errors
from registry.models import Body, BodyKind

# A service's error field -> the template column it shows under.
SERVICE_COLUMNS = {"contact_place": "unit", "people": "name"}
MAX_ROWS = 20000
MAX_BYTES = 10 * 1024 * 1024

# column key -> (template header, folded aliases offices use)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("Nội dung kiến nghị", ("noi dung kien nghi", "noi dung", "y kien, kien nghi", "kien nghi", "y kien")),
    "unit": ("Xã, phường", ("xa, phuong", "xa/phuong", "xa phuong", "dia phuong", "don vi", "xa, phuong, thi tran")),
    "field": ("Lĩnh vực", ("linh vuc", "nhom linh vuc")),
    "level": ("Cấp thẩm quyền", ("cap tham quyen", "cap giai quyet", "tham quyen giai quyet", "cap")),
    "body": ("Cơ quan giải quyết", ("co quan giai quyet", "co quan co tham quyen", "co quan tham quyen")),
    "voters": ("Số cử tri", ("so cu tri", "so cu tri kien nghi")),
    "name": ("Người kiến nghị", ("nguoi kien nghi", "ho ten", "ho va ten", "ho ten cu tri")),
    "address": ("Địa chỉ", ("dia chi",)),
    "phone": ("Điện thoại", ("dien thoai", "so dien thoai")),
    "complaint": ("Khiếu nại, tố cáo (x)", ("khieu nai, to cao (x)", "khieu nai, to cao", "khieu nai to cao")),
}
REQUIRED = ("text", "unit", "level")
IGNORED = {"stt", "tt", "so tt", "ghi chu"}

LEVEL_WORDS = {
    "trung uong": Level.CENTRAL,
    "tw": Level.CENTRAL,
    "tinh": Level.PROVINCE,
    "cap tinh": Level.PROVINCE,
    "huyen": Level.DISTRICT,
    "cap huyen": Level.DISTRICT,
    "thi xa": Level.DISTRICT,
    "huyen/thi xa": Level.DISTRICT,
    "thanh pho": Level.DISTRICT,
    "xa": Level.COMMUNE,
    "cap xa": Level.COMMUNE,
    "xa, phuong": Level.COMMUNE,
    "phuong": Level.COMMUNE,
}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Dòng {self.row}" + (f", cột “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    items: list[PetitionData] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    message: str = ""  # a whole-file problem (not Excel, empty sheet, no header)
    digest: str = ""  # the one-time key of the stored upload, once the preview is clean

    @property
    def ok(self) -> bool:
        return not self.message and not self.errors and bool(self.items)


def template_workbook() -> bytes:
    """The template the office fills in: one header row, an example row, Vietnamese headers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Kiến nghị cử tri"
    ws.append(["STT"] + [header for header, _ in COLUMNS.values()])
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


def _header_map(values: tuple) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        key = fold(str(value))
        for name, (header, aliases) in COLUMNS.items():
            if name not in found and (key == fold(header) or key in aliases):
                found[name] = index
                break
    return found


class Lookup:
    """The council's communes, fields and bodies, by folded name, loaded once per import."""

    def __init__(self, contact_round: ContactRound) -> None:
        council = contact_round.council
        self.units = {}
        for unit in child_units(council):
            for name in (unit.unit_name, unit.unit_label, f"{unit.unit_word} {unit.unit_name}"):
                self.units[fold(name)] = unit
        # A commune council writes its village or residential group in the same column.
        self.places = {}
        for place in contact_places(council):
            self.places.setdefault(fold(place.name), place)
            self.places[fold(place.label)] = place
        self.fields = {f.name_folded: f for f in PetitionField.objects.filter(council=council)}
        self.bodies = {}
        self.upper = None  # the upper council's body (the service fills it for upper-level petitions)
        for body in Body.objects.filter(council=council).order_by("pk"):
            self.bodies[fold(body.name)] = body
            self.bodies[fold(body.short_name)] = body
            if body.kind == BodyKind.UPPER_COUNCIL and self.upper is None:
                self.upper = body


def _cell_problems(raw: object) -> list[str]:
    if not isinstance(raw, str):
        return []
    problems = []
    if unicodedata.normalize("NFC", raw) != raw:
        problems.append("văn bản chưa ở dạng Unicode dựng sẵn (NFC); hãy lưu lại bằng bộ gõ Unicode dựng sẵn")
    if raw != raw.strip() or "  " in raw:
        problems.append("có khoảng trắng thừa ở đầu, cuối hoặc giữa các từ")
    return problems


def read_petitions(content: bytes, contact_round: ContactRound) -> ImportResult:
    """Parse an .xlsx of petitions for the round; nothing is saved here."""
    result = ImportResult()
    if len(content) > MAX_BYTES:
        result.message = "Tệp quá lớn (tối đa 10 MB)."
        return result
    if not zipfile.is_zipfile(io.BytesIO(content)):
        result.message = "Tệp không phải là tệp Excel (.xlsx). Hãy dùng mẫu tải về từ hệ thống."
        return result
    try:
        wb = load_workbook(io.BytesIO(content), read_only=False, data_only=True)
    except (InvalidFileException, KeyError, ValueError, zipfile.BadZipFile, OSError):
        result.message = "Không đọc được tệp Excel (.xlsx). Hãy dùng mẫu tải về từ hệ thống."
        return result
    ws = wb.worksheets[0]
    all_rows = list(ws.iter_rows(values_only=True))
    if not any(any(v not in (None, "") for v in row) for row in all_rows):
        result.message = f"Trang tính “{ws.title}” không có dữ liệu."
        return result
    header_row, columns = 0, {}
    for index, values in enumerate(all_rows[:10], start=1):
        columns = _header_map(values)
        if "text" in columns:
            header_row = index
            break
    if not header_row:
        result.message = "Không tìm thấy dòng tiêu đề có cột “Nội dung kiến nghị” trong 10 dòng đầu."
        return result
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in columns]
    if missing:
        result.message = f"Thiếu cột bắt buộc: {', '.join(missing)}."
        return result
    headers = {index: COLUMNS[name][0] for name, index in columns.items()}
    data = all_rows[header_row:]
    last = max((i for i, row in enumerate(data) if any(v not in (None, "") for v in row)), default=-1)
    data = data[: last + 1]
    if not data:
        result.message = "Trang tính chỉ có dòng tiêu đề, chưa có kiến nghị nào."
        return result
    if len(data) > MAX_ROWS:
        result.message = f"Tệp có {len(data)} dòng, vượt quá giới hạn {MAX_ROWS} dòng mỗi lần nhập."
        return result
    for merged in ws.merged_cells.ranges:
        if merged.max_row > header_row:
            result.errors.append(
                RowError(
                    merged.min_row,
                    headers.get(merged.min_col - 1, get_column_letter(merged.min_col)),
                    f"ô gộp ({merged.coord}); hãy bỏ gộp ô và ghi đủ giá trị cho từng dòng",
                )
            )
    lookup = Lookup(contact_round)
    for offset, values in enumerate(data):
        number = header_row + offset + 1
        if not any(v not in (None, "") for v in values):
            result.errors.append(RowError(number, "", "dòng trống giữa bảng; hãy xóa dòng này"))
            continue
        row_errors = _read_row(number, values, columns, headers, lookup, contact_round, result)
        result.errors.extend(row_errors)
    result.errors.sort(key=lambda e: (e.row, e.column))
    return result


def _read_row(
    number: int,
    values: tuple,
    columns: dict[str, int],
    headers: dict[int, str],
    lookup: Lookup,
    contact_round: ContactRound,
    result: ImportResult,
) -> list[RowError]:
    errors: list[RowError] = []

    def value(name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(values):
            return ""
        raw = values[index]
        for problem in _cell_problems(raw):
            errors.append(RowError(number, headers[index], problem))
        return clean(raw if raw is not None else "")

    text = value("text")
    if not text:
        errors.append(RowError(number, COLUMNS["text"][0], "chưa có nội dung kiến nghị"))
    unit_name = value("unit")
    unit = lookup.units.get(fold(unit_name))
    place = lookup.places.get(fold(unit_name)) if unit is None else None
    if unit is None and place is None:
        where = "xã, phường hoặc thôn, tổ dân phố" if lookup.places else "xã, phường"
        message = f"không có {where} “{unit_name}” trong địa bàn" if unit_name else f"chưa ghi {where}"
        errors.append(RowError(number, COLUMNS["unit"][0], message))
    field_name = value("field")
    petition_field = lookup.fields.get(fold(field_name)) if field_name else None
    if field_name and petition_field is None:
        errors.append(RowError(number, COLUMNS["field"][0], f"lĩnh vực “{field_name}” không có trong danh mục"))
    level_name = value("level")
    level = LEVEL_WORDS.get(fold(level_name))
    if level is None:
        message = (
            f"cấp thẩm quyền “{level_name}” không hợp lệ (Trung ương, Tỉnh, Huyện/Thị xã, Xã)"
            if level_name
            else "chưa ghi cấp thẩm quyền"
        )
        errors.append(RowError(number, COLUMNS["level"][0], message))
    body_name = value("body")
    body = lookup.bodies.get(fold(body_name)) if body_name else None
    if body_name and body is None:
        errors.append(RowError(number, COLUMNS["body"][0], f"cơ quan “{body_name}” không có trong danh mục"))
    voters_raw = values[columns["voters"]] if "voters" in columns and columns["voters"] < len(values) else None
    voters = 1
    if voters_raw not in (None, ""):
        try:
            voters = int(str(voters_raw).strip())  # from 1 up: the service's rule, checked below
        except ValueError:
            errors.append(RowError(number, COLUMNS["voters"][0], "số cử tri phải là số nguyên"))
    name, address, phone = value("name"), value("address"), value("phone")
    complaint = fold(value("complaint")) in {"x", "co", "1", "khieu nai", "to cao"}
    if not errors:
        data = PetitionData(
            text=text,
            unit=unit,
            contact_place=place,
            level=level,
            field=petition_field,
            body=body,
            channel=Channel.MEETING,
            voters=voters,
            complaint=complaint,
            people=[(name, address, phone)] if name else [],
        )
        # The rules a petition obeys are the service's, checked here only to show them row by row.
        for key, message in petition_errors(contact_round.council, contact_round, data, lookup.upper).items():
            column = COLUMNS[SERVICE_COLUMNS.get(key, key)][0] if SERVICE_COLUMNS.get(key, key) in COLUMNS else ""
            errors.append(RowError(number, column, message[:1].lower() + message[1:].rstrip(".")))
        if not errors:
            result.items.append(data)
        result.rows.append(number)
    return errors


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
