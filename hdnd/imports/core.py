"""Targets, header mapping, cleaning, name matching and the preview every import shows before saving."""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from rapidfuzz import fuzz, process

from hdnd.imports.reading import ReadError, Sheet, read_sheet
from hdnd.text import clean, clean_multiline, fold

HEADER_SEARCH_ROWS = 20
MAX_ROWS = 20_000
PROGRESS_STEP = 500  # rows between two reports of progress (a write each): 20 for a 10,000-row file
_NON_WORD = re.compile(r"[^a-z0-9]+")


def header_key(value: object) -> str:
    """A header as compared: folded, punctuation as spaces ("Nội dung ý kiến, kiến nghị" -> "noi dung y kien ...")."""
    return _NON_WORD.sub(" ", fold(str(value))).strip()


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as Excel shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: object, *, multiline: bool = False) -> str:
    """A cell as cleaned text: NFC, trimmed, inner spaces collapsed (line breaks kept when `multiline`);
    3.0 read from Excel is "3"; a date is dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.strftime("%d/%m/%Y")
    return clean_multiline(str(value)) if multiline else clean(str(value))


class Choices:
    """Names to match a cell against, insensitive to case, spacing and diacritics where unique."""

    def __init__(self, items: Iterable[tuple[str, Any]], what: str, where: str = "") -> None:
        items = list(items)
        self.what, self.where = what, where
        self.by_key: dict[str, list[tuple[str, Any]]] = {}
        for name, obj in items:
            entries = self.by_key.setdefault(fold(name).replace(" ", ""), [])
            if all(o != obj for _, o in entries):  # one record under two of its names is one choice
                entries.append((name, obj))
        self.labels = {key: entries[0][0] for key, entries in self.by_key.items()}

    def match(self, value: str) -> tuple[Any, str]:
        """(object, the name it matched); raises ValueError with a Vietnamese reason and near matches."""
        entries = self.by_key.get(fold(value).replace(" ", ""), [])
        if len(entries) == 1:
            return entries[0][1], entries[0][0]
        if len(entries) > 1:
            names = ", ".join(f"“{n}”" for n, _ in entries)
            raise ValueError(f"“{value}” trùng tên nhiều {self.what}: {names}; hãy ghi rõ hơn")
        near = process.extract(
            fold(value).replace(" ", ""), list(self.labels), scorer=fuzz.ratio, limit=3, score_cutoff=60
        )
        message = f"không có {self.what} “{value}”" + (f" {self.where}" if self.where else "")
        if near:
            message += "; gần giống: " + ", ".join(self.labels[key] for key, _, _ in near)
        raise ValueError(message)


@dataclass
class Field:
    """One field of a target. `parse(text, context)` returns the value or raises ValueError(reason)."""

    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    parse: Callable[[str, dict], Any] | None = None
    multiline: bool = False  # a body of text: its line breaks are kept

    def header_keys(self) -> set[str]:
        return {header_key(self.label), *(header_key(s) for s in self.synonyms)}


def own_council(council: Any, pk: int) -> Any:
    """The owner of a target imported into the council's own register: the council itself; any other id is
    a 404, never a sign that another council exists."""
    if pk != council.pk:
        raise Http404("Không tìm thấy Hội đồng.")
    return council


@dataclass
class Target:
    """What a list is imported into, declared once by the app that owns it (`<app>/imports.py`).

    `context(owner)` loads the lookups once (the council's communes, places, bodies...); each field's
    `parse(text, context)` cleans and matches a cell; `build(values, context)` makes the item the app's
    service takes; `save(owner, items, user)` saves them all or nothing through that service.
    `existing(context)` / `existing_key(item)` say which rows are already there; `near(owner, items, rows)`
    flags near-duplicates (index -> explanation). The screen and the API find the owner (a round, a
    term, a session...) with `owner(council, pk)`, which answers 404 outside the council.
    """

    key: str
    label: str
    fields: list[Field]
    context: Callable[[Any], dict]
    build: Callable[[dict[str, Any], dict], Any]
    save: Callable[[Any, list, Any], list]
    existing_key: Callable[[Any], Any] | None = None  # an item's identity against what is already there
    existing: Callable[[dict], set] | None = None
    noun: str = "dòng"  # what one row is, in the preview's sentences ("kiến nghị", "cơ quan")
    permission: str = ""  # what the user needs in the council to import
    owner: Callable[[Any, int], Any] | None = None  # (council, pk) -> the owner, Http404 outside
    owner_label: Callable[[Any], str] = str
    done_url: Callable[[Any], str] | None = None  # where the office goes once the rows are saved
    show: Callable[[Any], list[str]] | None = None  # an item's cells in the preview table
    show_headers: tuple[str, ...] = ()
    near: Callable[[Any, list, list[int]], dict[int, str]] | None = None  # (owner, items, Excel rows)
    template: Callable[[Any], bytes] | None = None  # an empty sheet to fill in (the export's layout)
    export: Callable[[Any], bytes] | None = None  # what is already there, in the same layout


_TARGETS: dict[str, Target] = {}


def register(target: Target) -> Target:
    _TARGETS[target.key] = target
    return target


def get_target(key: str) -> Target:
    """The registered target; KeyError for an unknown key (the screens answer 404)."""
    return _TARGETS[key]


def targets() -> list[Target]:
    return list(_TARGETS.values())


@dataclass
class CellError:
    sheet: str
    row: int  # as Excel shows it
    column: str  # letter, "" for the whole row
    header: str  # the sheet's own header
    message: str

    def __str__(self) -> str:
        where = f"Trang “{self.sheet}”, dòng {self.row}"
        if self.column:
            where += f", cột {self.column}" + (f" (“{self.header}”)" if self.header else "")
        return f"{where}: {self.message}"


@dataclass
class Column:
    index: int
    letter: str
    header: str
    field: str = ""  # the target field it is mapped to, "" when not needed


@dataclass
class PreviewRow:
    number: int
    item: Any
    matched: dict[str, str]  # field label -> the name matched in the product, when it differs from the cell
    already: bool = False
    typed: dict[str, str] = field(default_factory=dict)  # field label -> the cell as typed, where matched
    near: str = ""  # a near-duplicate of something already there or of another row

    @property
    def matches(self) -> list[tuple[str, str, str]]:
        """(field label, the cell as typed, the name it matched) where they differ."""
        return [(label, self.typed.get(label, ""), name) for label, name in self.matched.items()]


@dataclass
class Preview:
    target: str
    sheet: str = ""
    header_rows: tuple[int, ...] = ()
    columns: list[Column] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)
    blank_rows: list[int] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    message: str = ""

    @property
    def ok(self) -> bool:
        return not self.message and not self.errors and bool(self.rows)

    @property
    def mapping(self) -> dict[str, int]:
        return {c.field: c.index for c in self.columns if c.field}

    def new_items(self, *, include_existing: bool = False) -> list:
        return [r.item for r in self.rows if include_existing or not r.already]


def _match_field(text: str, fields: list[Field], taken: set[str]) -> str:
    key = header_key(text)
    if not key:
        return ""
    for f in fields:
        if f.key not in taken and key in f.header_keys():
            return f.key
    best, length = "", 0  # a header containing a synonym ("Nội dung ý kiến, kiến nghị của cử tri")
    for f in fields:
        if f.key in taken:
            continue
        for synonym in f.header_keys():
            if len(synonym) > length and len(synonym) >= 6 and f" {synonym} " in f" {key} ":
                best, length = f.key, len(synonym)
    return best


def map_headers(sheet: Sheet, target: Target) -> tuple[tuple[int, ...], list[Column]]:
    """The header row(s) and each column's sheet header and field: the row under the title rows that
    names most fields, with the row below it when it names more (a two-row header under merged cells)."""
    best_row, best_count = -1, 0
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        taken: set[str] = set()
        for value in row:
            if value is not None and (found := _match_field(str(value), target.fields, taken)):
                taken.add(found)
        if len(taken) > best_count:
            best_row, best_count = index, len(taken)
    if best_row < 0:
        return (), []
    top = list(sheet.rows[best_row])
    width = max(len(r) for r in sheet.rows[best_row : best_row + 2])
    top += [None] * (width - len(top))
    for r0, c0, r1, c1 in sheet.merged:  # a merged header cell stands above each of its columns
        if r0 <= best_row <= r1:
            for c in range(c0 + 1, min(c1 + 1, width)):
                top[c] = top[c0]
    below = list(sheet.rows[best_row + 1]) if best_row + 1 < len(sheet.rows) else []
    below += [None] * (width - len(below))
    header_rows: tuple[int, ...] = (best_row,)
    two = any(v is not None and top[i] is None for i, v in enumerate(below)) or any(
        (r0 == best_row and r1 > r0) or (r0 == best_row and c1 > c0) for r0, c0, r1, c1 in sheet.merged
    )
    if two and any(v is not None and _match_field(str(v), target.fields, set()) for v in below):
        header_rows = (best_row, best_row + 1)
    columns, taken = [], set()
    for i in range(width):
        texts = [cell_text(below[i])] if len(header_rows) == 2 and below[i] is not None else []
        texts.append(cell_text(top[i]))
        found = ""
        for text in texts:
            if found := _match_field(text, target.fields, taken):
                break
        taken.add(found)
        header = " / ".join(dict.fromkeys(t for t in reversed(texts) if t))
        columns.append(Column(i, column_letter(i), header, found))
    return header_rows, columns


def preview(
    target: Target,
    owner: Any,
    content: bytes,
    filename: str = "",
    mapping: dict[str, int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Preview:
    """Read, map, clean and check every row; nothing is saved. `mapping` (field -> column index) is the
    office's confirmed or remembered choice and overrides the recognised headers. `progress(done, total)`
    is told how many rows are checked, every PROGRESS_STEP rows and at the end (the near-duplicate search
    counts as the last row)."""
    result = Preview(target.key)
    try:
        sheet = read_sheet(content, filename)
    except ReadError as exc:
        result.message = str(exc)
        return result
    result.sheet = sheet.name
    if not any(cell_text(v) for row in sheet.rows for v in row):
        result.message = f"Trang tính “{sheet.name}” không có dữ liệu."
        return result
    result.header_rows, result.columns = map_headers(sheet, target)
    recognised = bool(result.header_rows)
    if not recognised:  # the office can still say which column is which, under the first written row
        first = next(i for i, row in enumerate(sheet.rows) if any(cell_text(v) for v in row))
        width = max(len(r) for r in sheet.rows[first : first + 2])
        cells = list(sheet.rows[first]) + [None] * width
        result.header_rows = (first,)
        result.columns = [Column(i, column_letter(i), cell_text(cells[i])) for i in range(width)]
    if mapping is not None:
        fields = {f.key for f in target.fields}
        for column in result.columns:
            column.field = ""
        for key, index in mapping.items():
            if key in fields and isinstance(index, int) and 0 <= index < len(result.columns):
                result.columns[index].field = key
    elif not recognised:
        names = ", ".join(f"“{f.label}”" for f in target.fields if f.required)
        result.message = (
            f"Không tìm thấy dòng tiêu đề có các cột {names} trong {HEADER_SEARCH_ROWS} dòng đầu; "
            "hãy chọn cột tương ứng ở bảng ghép cột."
        )
        return result
    by_field = {c.field: c for c in result.columns if c.field}
    missing = [f.label for f in target.fields if f.required and f.key not in by_field]
    if missing:
        result.message = "Thiếu cột bắt buộc: " + ", ".join(missing) + "; hãy chọn cột tương ứng ở bảng ghép cột."
        return result
    if len(sheet.rows) - result.header_rows[-1] - 1 > MAX_ROWS:
        result.message = f"Tệp có hơn {MAX_ROWS} dòng, vượt quá giới hạn mỗi lần nhập; hãy chia tệp."
        return result
    context = target.context(owner)
    existing = target.existing(context) if target.existing else set()
    start = result.header_rows[-1] + 1
    data = sheet.rows[start:]
    while data and all(cell_text(v) == "" for v in data[-1]):
        data.pop()
    total = len(data) + 1
    for offset, values in enumerate(data):
        if progress is not None and offset % PROGRESS_STEP == 0:
            progress(offset, total)
        number = start + offset + 1
        texts = {}
        for f in target.fields:
            column = by_field.get(f.key)
            raw = values[column.index] if column is not None and column.index < len(values) else None
            texts[f.key] = cell_text(raw, multiline=f.multiline)
        if all(cell_text(v) == "" for v in values):
            result.blank_rows.append(number)
            continue
        parsed, matched, typed, failed = {}, {}, {}, False
        for f in target.fields:
            column = by_field.get(f.key)
            text = texts.get(f.key, "")
            header = column.header if column else f.label
            letter = column.letter if column else ""
            if not text:
                if f.required:
                    result.errors.append(CellError(sheet.name, number, letter, header, f"chưa ghi {f.label.lower()}"))
                    failed = True
                parsed[f.key] = None
                continue
            try:
                value = f.parse(text, context) if f.parse else text
            except ValueError as exc:
                result.errors.append(CellError(sheet.name, number, letter, header, str(exc)))
                failed = True
                continue
            if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
                value, name = value
                if name != text:
                    matched[f.label], typed[f.label] = name, text
            parsed[f.key] = value
        if failed:
            continue
        try:
            item = target.build(parsed, context)
        except ValueError as exc:
            result.errors.append(CellError(sheet.name, number, "", "", str(exc)))
            continue
        already = bool(existing) and target.existing_key is not None and target.existing_key(item) in existing
        result.rows.append(PreviewRow(number, item, matched, already, typed))
    if not result.rows and not result.errors:
        result.message = "Trang tính chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào."
    if target.near is not None and result.rows and not result.errors:
        fresh = [r for r in result.rows if not r.already]
        for index, note in target.near(owner, [r.item for r in fresh], [r.number for r in fresh]).items():
            fresh[index].near = note
    if progress is not None:
        progress(total, total)
    return result
