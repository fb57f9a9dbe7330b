"""Letters (đơn thư) from the office's own register sheet, through the shared importer (hdnd.imports).

Each row is one letter with one content; it is saved by `services.letter_receive`, so the register's
numbering of the year, the classification the law sets (an anonymous denunciation recorded as information,
a complaint without signature ineligible, a repeat of the same sender's content linked as a duplicate) and
the identity protection apply exactly as for a letter entered by hand. The preview never shows a protected
denouncer's name: nobody is granted a case that does not exist yet (`access.identity_visible`), and no
error or note of the preview quotes a sender.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hdnd.dates import format_date
from hdnd.imports import Choices, Field, Target, own_council, register
from hdnd.imports.cells import parse_date, sheet, whole_number, yes_no
from hdnd.text import fold
from petitions.duplicates import Candidate, duplicate_groups
from reception import services
from reception.access import EDIT, PROTECTED_TEXT
from reception.models import Case, Category, Channel, Letter, Relation, Sender
from reception.models import Field as LetterField
from registry.models import Body, Council, Person
from registry.services import council_accepts

_NON_WORD = re.compile(r"[^a-z0-9]+")
# What a register writes in the sender's column of a letter signed by no one.
NO_NAME = frozenset({"nac danh", "khuyet danh", "khong ro", "khong ro ten", "khong ghi ten", "an danh"})


def _table(choices: type, what: str, extra: list[tuple[str, str]]) -> Any:
    """A cell matched against a fixed list's labels and the wordings registers use, punctuation aside;
    the product's label is shown as what it matched."""
    names = [(c.label, c.value) for c in choices] + extra
    table = Choices([(_NON_WORD.sub(" ", fold(n)), v) for n, v in names], what)

    def parse(text: str, context: dict) -> tuple[str, str]:
        try:
            value, _name = table.match(_NON_WORD.sub(" ", fold(text)))
        except ValueError:
            labels = ", ".join(c.label for c in choices if c.value in {v for _, v in names})
            raise ValueError(f"{what} “{text}” không hợp lệ ({labels})") from None
        return value, choices(value).label

    return parse


CATEGORY = _table(
    Category,
    "loại đơn",
    [
        ("Đơn khiếu nại", Category.COMPLAINT),
        ("Đơn tố cáo", Category.DENUNCIATION),
        ("Đơn kiến nghị", Category.RECOMMENDATION),
        ("Kiến nghị, phản ánh", Category.RECOMMENDATION),
        ("Đơn kiến nghị, phản ánh", Category.RECOMMENDATION),
        ("Đơn phản ánh", Category.REFLECTION),
    ],
)
FIELD = _table(
    LetterField,
    "lĩnh vực",
    [
        ("Chế độ, chính sách", LetterField.POLICY),
        ("Chính sách", LetterField.POLICY),
        ("Đất đai", LetterField.LAND),
        ("Đất đai, nhà cửa", LetterField.LAND),
        ("Nhà cửa", LetterField.LAND),
        ("Công chức, công vụ", LetterField.CIVIL_SERVICE),
        ("Hành chính", LetterField.ADMIN_OTHER),
        ("Tư pháp", LetterField.JUSTICE),
        ("Đảng, đoàn thể", LetterField.PARTY),
        ("Tham nhũng", LetterField.CORRUPTION),
        ("Khác", LetterField.OTHER),
    ],
)
CHANNEL = _table(
    Channel,
    "nguồn đơn",
    [
        ("Bưu điện", Channel.POST),
        ("Bưu chính", Channel.POST),
        ("Qua bưu điện", Channel.POST),
        ("Trực tiếp", Channel.IN_PERSON),
        ("Nộp trực tiếp", Channel.IN_PERSON),
        ("Tiếp công dân", Channel.RECEPTION),
        ("Qua tiếp công dân", Channel.RECEPTION),
        ("Đại biểu chuyển", Channel.DELEGATE),
        ("Đại biểu chuyển đến", Channel.DELEGATE),
        ("Cơ quan chuyển", Channel.BODY),
        ("Cơ quan chuyển đến", Channel.BODY),
        ("Tiếp xúc cử tri", Channel.VOTER_CONTACT),
        ("Trực tuyến", Channel.ONLINE),
        ("Thư điện tử", Channel.ONLINE),
        ("Email", Channel.ONLINE),
    ],
)


@dataclass
class LetterRow:
    """One row of the register as `services.letter_receive` takes it."""

    received_on: datetime.date
    case: services.CaseIn
    senders: list[services.SenderIn]
    channel: str
    anonymous: bool
    signed: bool
    people: int
    unit: Council | None
    forwarded_by: Person | None
    from_body: Body | None

    @property
    def category(self) -> str:
        """The category the letter will have: an anonymous denunciation is information (Luật Tố cáo, Điều 25)."""
        if self.anonymous and self.case.category == Category.DENUNCIATION:
            return Category.ANONYMOUS_INFO
        return self.case.category


def _context(council: Council) -> dict[str, Any]:
    units = Council.objects.filter(parent=council)
    people = Person.objects.filter(council=council)
    bodies = Body.objects.filter(council=council)
    existing = (
        Case.objects.filter(council=council, position=1)
        .values_list("letter__received_on", "summary_folded", "letter__senders__name_folded")
        .iterator()
    )
    return {
        "council": council,
        "today": timezone.localdate(),
        "units": Choices([(n, u) for u in units for n in (u.unit_name, u.unit_label)], "xã, phường", "trong địa bàn"),
        "people": Choices([(p.full_name, p) for p in people], "đại biểu", "trong danh mục"),
        "bodies": Choices([(n, b) for b in bodies for n in (b.name, b.short_name)], "cơ quan", "trong danh mục"),
        "existing": {(day, summary, name or "") for day, summary, name in existing},
    }


FIELDS = [
    Field(
        "received_on",
        "Ngày nhận đơn",
        ("ngày nhận", "ngày tiếp nhận", "ngày nhận đơn thư", "ngày tiếp nhận đơn", "ngày đến", "ngày vào sổ"),
        required=True,
        parse=parse_date,
    ),
    Field(
        "name",
        "Họ tên người gửi đơn",
        ("người gửi đơn", "người gửi", "họ và tên", "họ tên", "người đứng đơn", "họ tên người gửi", "người viết đơn"),
    ),
    Field("address", "Địa chỉ", ("địa chỉ người gửi", "địa chỉ người gửi đơn", "nơi cư trú", "nơi ở")),
    Field("phone", "Số điện thoại", ("điện thoại", "sđt")),
    Field(
        "id_number",
        "Số định danh cá nhân",
        ("số cccd", "cccd", "căn cước công dân", "số căn cước", "số căn cước công dân", "cmnd", "số cmnd/cccd"),
    ),
    Field(
        "summary",
        "Nội dung đơn",
        ("nội dung", "tóm tắt nội dung", "tóm tắt nội dung đơn", "nội dung đơn thư", "nội dung vụ việc"),
        required=True,
        multiline=True,
    ),
    Field(
        "category", "Loại đơn", ("phân loại", "phân loại đơn", "loại đơn thư", "loại"), required=True, parse=CATEGORY
    ),
    Field("field", "Lĩnh vực", ("nhóm lĩnh vực", "lĩnh vực đơn"), parse=FIELD),
    Field("channel", "Nguồn đơn", ("nguồn", "nguồn tiếp nhận", "hình thức tiếp nhận", "hình thức nhận"), parse=CHANNEL),
    Field(
        "forwarded_by",
        "Đại biểu chuyển đơn",
        ("đại biểu chuyển", "đại biểu hđnd chuyển đơn"),
        parse=lambda t, c: c["people"].match(t),
    ),
    Field(
        "from_body",
        "Cơ quan chuyển đơn",
        ("cơ quan chuyển", "cơ quan, đơn vị chuyển đơn", "nơi chuyển đơn"),
        parse=lambda t, c: c["bodies"].match(t),
    ),
    Field(
        "unit",
        "Xã, phường nơi phát sinh",
        ("xã, phường", "nơi phát sinh", "địa bàn", "xã/phường"),
        parse=lambda t, c: c["units"].match(t),
    ),
    Field("anonymous", "Nặc danh", ("đơn nặc danh", "khuyết danh"), parse=yes_no),
    Field("signed", "Có chữ ký hoặc điểm chỉ", ("chữ ký", "có chữ ký", "ký tên", "điểm chỉ"), parse=yes_no),
    Field(
        "protected",
        "Giữ bí mật người tố cáo",
        ("đề nghị giữ bí mật", "giữ bí mật", "bảo vệ người tố cáo", "giữ bí mật thông tin"),
        parse=yes_no,
    ),
    Field(
        "people",
        "Số người đứng đơn",
        ("số người", "số người ký đơn", "số người gửi"),
        parse=whole_number(1, 100_000, "số người đứng đơn"),
    ),
]


def _build(values: dict[str, Any], context: dict) -> LetterRow:
    """The row as the service takes it; what the service would refuse is refused here, in the preview,
    without quoting any sender (a protected denouncer's name is in this row)."""
    day = values["received_on"]
    if day > context["today"]:
        raise ValueError(f"ngày nhận đơn {format_date(day)} sau ngày hôm nay")
    try:
        council_accepts(context["council"], day, field="received_on")
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from None
    name = values.get("name") or ""
    unnamed = not name or _NON_WORD.sub(" ", fold(name)).strip() in NO_NAME
    if values.get("anonymous") and not unnamed:
        raise ValueError("đơn ghi “nặc danh” nhưng có tên người gửi; bỏ “x” ở cột nặc danh hoặc xóa tên")
    anonymous = unnamed
    protected = bool(values.get("protected"))
    if protected and (anonymous or values["category"] != Category.DENUNCIATION):
        raise ValueError("chỉ người tố cáo có tên mới đề nghị giữ bí mật thông tin cá nhân")
    forwarded_by, from_body = values.get("forwarded_by"), values.get("from_body")
    channel = values.get("channel") or (
        Channel.DELEGATE if forwarded_by else Channel.BODY if from_body else Channel.POST
    )
    if channel == Channel.DELEGATE and forwarded_by is None:
        raise ValueError("đơn do đại biểu chuyển đến: ghi tên đại biểu ở cột “Đại biểu chuyển đơn”")
    if channel == Channel.BODY and from_body is None:
        raise ValueError("đơn do cơ quan chuyển đến: ghi tên cơ quan ở cột “Cơ quan chuyển đơn”")
    senders = (
        []
        if anonymous
        else [
            services.SenderIn(
                full_name=name,
                address=values.get("address") or "",
                phone=values.get("phone") or "",
                id_number=values.get("id_number") or "",
                relation=Relation.SELF,
            )
        ]
    )
    return LetterRow(
        received_on=day,
        case=services.CaseIn(
            category=values["category"],
            summary=values["summary"],
            field=values.get("field") or LetterField.OTHER,
            protected=protected,
        ),
        senders=senders,
        channel=channel,
        anonymous=anonymous,
        signed=values.get("signed") is not False,
        people=values.get("people") or 1,
        unit=values.get("unit"),
        forwarded_by=forwarded_by if channel == Channel.DELEGATE else None,
        from_body=from_body if channel == Channel.BODY else None,
    )


def _key(row: LetterRow) -> tuple:
    """Already in the register: a letter of the same day whose (first) content and sender are the same."""
    return (row.received_on, fold(row.case.summary), fold(row.senders[0].full_name) if row.senders else "")


def _near(council: Council, rows: list[LetterRow], numbers: list[int]) -> dict[int, str]:
    """What the register will link or should look at, quoting letters by their number only (never a sender):
    a content the same sender sent before (saved as a duplicate of it, counted once), and contents that read
    alike (petitions' duplicate matcher), among the council's letters of the same years and the file's rows."""
    years = {r.received_on.year for r in rows}
    cases = list(
        Case.objects.filter(council=council, letter__year__in=years, duplicate_of__isnull=True)
        .values_list("pk", "summary", "summary_folded", "letter__number", "letter__year")
        .order_by("pk")
    )
    codes = {pk: f"{number}/{year}" for pk, _s, _f, number, year in cases}
    by_content: dict[str, list[int]] = {}
    for pk, _s, folded, _n, _y in cases:
        by_content.setdefault(folded, []).append(pk)
    names = {fold(r.senders[0].full_name) for r in rows if r.senders}
    same_sender: dict[str, set[int]] = {}
    for name, pk in Sender.objects.filter(
        letter__council=council, letter__year__in=years, name_folded__in=names, relation=Relation.SELF
    ).values_list("name_folded", "letter__cases__pk"):
        same_sender.setdefault(name, set()).add(pk)
    notes: dict[int, list[str]] = {}
    for index, row in enumerate(rows):
        if not row.senders:
            continue
        earlier = same_sender.get(fold(row.senders[0].full_name), set())
        repeated = sorted(pk for pk in by_content.get(fold(row.case.summary), []) if pk in earlier)
        if repeated:
            notes.setdefault(index, []).append(
                f"cùng người gửi, cùng nội dung với đơn số {codes[repeated[0]]}: sẽ ghi là đơn trùng, tính một lần"
            )
    candidates = [Candidate(pk, summary, False) for pk, summary, _f, _n, _y in cases]
    candidates += [Candidate(-1 - i, row.case.summary, True) for i, row in enumerate(rows)]
    for group in duplicate_groups(candidates):
        there = [f"đơn số {codes[pk]}" for pk in group if pk >= 0][:3]
        mine = sorted(-1 - pk for pk in group if pk < 0)
        for index in mine:
            if there and not notes.get(index):
                notes.setdefault(index, []).append("nội dung gần giống " + ", ".join(there))
            others = [str(numbers[j]) for j in mine if j != index][:5]
            if others:
                notes.setdefault(index, []).append(f"nội dung gần giống dòng {', '.join(others)} của tệp")
    return {index: "; ".join(parts) for index, parts in notes.items()}


def _sender_shown(row: LetterRow) -> str:
    """The sender as the preview shows them: a protected denouncer is never named (no one is granted a case
    before it exists); the importer holds `EDIT`, which every role holding it pairs with `PERSONAL`."""
    if row.anonymous:
        return "Nặc danh"
    if row.case.protected:
        return PROTECTED_TEXT
    return row.senders[0].full_name


def _show(row: LetterRow) -> list[str]:
    return [
        format_date(row.received_on),
        _sender_shown(row),
        Category(row.category).label,
        LetterField(row.case.field).label,
        row.case.summary[:300],
        Channel(row.channel).label,
    ]


@transaction.atomic
def _save(council: Council, rows: list[LetterRow], user: Any) -> list[Letter]:
    """All the rows or none, in order of receipt (the register's numbers follow the days)."""
    return [
        services.letter_receive(
            council=council,
            received_on=r.received_on,
            cases=[r.case],
            senders=r.senders,
            channel=r.channel,
            anonymous=r.anonymous,
            signed=r.signed,
            people=r.people,
            unit=r.unit,
            forwarded_by=r.forwarded_by,
            from_body=r.from_body,
            user=user,
        )
        for r in sorted(rows, key=lambda r: r.received_on)
    ]


LETTERS = register(
    Target(
        key="don-thu",
        label="Sổ đơn thư",
        fields=FIELDS,
        context=_context,
        build=_build,
        save=_save,
        existing=lambda c: c["existing"],
        existing_key=_key,
        noun="đơn thư",
        permission=EDIT,
        owner=own_council,
        owner_label=lambda c: f"sổ đơn thư của {c}",
        done_url=lambda c: reverse("reception:letter_list"),
        show=_show,
        show_headers=("Ngày nhận", "Người gửi", "Loại đơn", "Lĩnh vực", "Nội dung", "Nguồn đơn"),
        near=_near,
        template=lambda c: sheet(LETTERS, []),
    )
)
