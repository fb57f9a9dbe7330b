"""Letters (đơn thư) from the office's own register sheet, through the shared importer (hdnd.imports).

Each row is one letter with one content; it is saved by `services.letter_receive`, so the register's
numbering of the year, the classification the law sets (an anonymous denunciation recorded as information,
a complaint without signature ineligible, a repeat of the same sender's content linked as a duplicate) and
the identity protection apply exactly as for a letter entered by hand. The preview never shows a protected
denouncer's name: nobody is granted a case that does not exist yet (`access.identity_visible`), and no
error or note of the preview quotes a sender.

A row whose handling is "forwarded" is forwarded by `services.case_forward`, the step of the letter's page:
its forwarding letter is issued on the row's day of forwarding, signed by the row's signer (else the chair,
or a vice-chair, of the standing committee on that day), and the competent body owes its report by the legal
limit in force that day, an obligation of the follow-up engine. A classification the file gives holds from
the day the letter was received (the file does not say when it was decided), the forwarding from its day.

The register's export (`letters_sheet`, the "Xuất Excel" of the register and this target's export) writes
exactly these columns, so a sheet exported imports back: rows of the same number are the contents of one
letter, each with its classification and forwarding; into the same council every row is already there. A sender the
export masked (a protected denouncer, or any sender for a user without the right to see them) is written
as the mask, and a masked row is only ever matched to the letter already there, never saved with the
mask as a name.
"""

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hdnd.dates import format_date
from hdnd.excel import streamed_workbook
from hdnd.imports import Choices, Field, Target, own_council, register
from hdnd.imports.cells import parse_date, sheet, whole_number, yes_no
from hdnd.text import fold
from petitions.duplicates import Candidate, duplicate_groups
from reception import services
from reception.access import EDIT, MASKED_TEXT, PROTECTED_TEXT
from reception.models import Case, Category, Channel, Handling, Ineligible, Letter, Relation, Sender
from reception.models import Field as LetterField
from registry.models import Body, Council, MemberRole, Membership, Person
from registry.selectors import standing_committee
from registry.services import council_accepts

_NON_WORD = re.compile(r"[^a-z0-9]+")
# What a register writes in the sender's column of a letter signed by no one.
NO_NAME = frozenset({"nac danh", "khuyet danh", "khong ro", "khong ro ten", "khong ghi ten", "an danh"})
# What the export writes in place of a sender the user may not see (the screens' own wording).
MASKS = frozenset(_NON_WORD.sub(" ", fold(text)).strip() for text in (PROTECTED_TEXT, MASKED_TEXT))
MASKED = "#che"  # the sender of a masked row, in the keys of what is already there
ANONYMOUS_NAME = "Nặc danh"
ELIGIBLE, UNDECIDED = "Đủ điều kiện", "Chưa xác định"


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


HANDLING = _table(Handling, "kết quả xử lý", [("Chuyển xử lý", Handling.FORWARDED), ("Lưu đơn", Handling.FILED)])
_ELIGIBILITY = Choices(
    [
        (_NON_WORD.sub(" ", fold(name)), value)
        for name, value in [
            (ELIGIBLE, (True, "")),
            ("Đủ điều kiện xử lý", (True, "")),
            ("Đủ", (True, "")),
            (UNDECIDED, (None, "")),
            ("Chưa phân loại", (None, "")),
            *((label, (False, value)) for value, label in Ineligible.choices),
        ]
    ],
    "điều kiện xử lý",
)


def _eligibility(text: str, context: dict) -> tuple[tuple[bool | None, str], str]:
    """ "Đủ điều kiện", "Chưa xác định" or the legal reason a content is not eligible (as the export writes it)."""
    try:
        (eligible, reason), _name = _ELIGIBILITY.match(_NON_WORD.sub(" ", fold(text)))
    except ValueError:
        raise ValueError(
            f"điều kiện xử lý “{text}” không hợp lệ (“{ELIGIBLE}”, “{UNDECIDED}” hoặc lý do không đủ điều kiện "
            "xử lý như trong danh mục)"
        ) from None
    label = ELIGIBLE if eligible else UNDECIDED if eligible is None else Ineligible(reason).label
    return (eligible, reason), label


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
    number: int | None = None  # the register's number in the file: rows of one number are one letter
    eligible: bool | None = None
    ineligible_reason: str = ""
    handling: str = ""
    competent_body: Body | None = None
    classified: bool = False  # the row gives eligibility, handling or the competent body
    forwarded: bool = False  # the file says forwarded: forwarded again here through `services.case_forward`
    forwarded_on: datetime.date | None = None
    signer_title: str = ""
    signer_name: str = ""
    masked: bool = False  # the export hid the sender: the row only matches a letter already there

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
    existing: set[tuple] = set()
    committee = standing_committee(council)
    signers = (
        list(
            Membership.objects.filter(body=committee, role__in=[MemberRole.CHAIR, MemberRole.VICE_CHAIR])
            .select_related("person")
            .order_by("starts_on", "pk")
        )
        if committee is not None
        else []
    )
    # Every content of every letter (a letter of several contents is exported as several rows), under its
    # sender and under the mask (a masked row is matched by its day and content).
    for day, summary, name in (
        Case.objects.filter(council=council)
        .values_list("letter__received_on", "summary_folded", "letter__senders__name_folded")
        .iterator()
    ):
        existing |= {(day, summary, name or ""), (day, summary, MASKED)}
    return {
        "council": council,
        "today": timezone.localdate(),
        "units": Choices([(n, u) for u in units for n in (u.unit_name, u.unit_label)], "xã, phường", "trong địa bàn"),
        "people": Choices([(p.full_name, p) for p in people], "đại biểu", "trong danh mục"),
        "bodies": Choices([(n, b) for b in bodies for n in (b.name, b.short_name)], "cơ quan", "trong danh mục"),
        "existing": existing,
        "letters": {},  # (year, number) -> what the first row of that number said of the letter
        "signers": signers,  # the standing committee's chairs and vice-chairs, who sign a forwarding
    }


def _signer_on(context: dict, day: datetime.date) -> tuple[str, str]:
    """(title, name) of who signed for the standing committee on `day`: the chair, else a vice-chair
    (as `supervision.wording.signer`); ("", "") when the register knows neither."""
    for role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR):
        for m in context["signers"]:
            if m.role == role and m.starts_on <= day and (m.ends_on is None or m.ends_on >= day):
                return MemberRole(role).label, m.person.full_name
    return "", ""


FIELDS = [
    Field(
        "number",
        "Số vào sổ",
        ("số đơn", "số vào sổ đơn", "số thứ tự vào sổ", "số đơn vào sổ"),
        parse=whole_number(1, 10_000_000, "số vào sổ"),
    ),
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
    Field("eligible", "Điều kiện xử lý", ("đủ điều kiện xử lý", "điều kiện xử lý đơn"), parse=_eligibility),
    Field("handling", "Kết quả xử lý", ("kết quả xử lý đơn", "hướng xử lý"), parse=HANDLING),
    Field(
        "competent_body",
        "Cơ quan có thẩm quyền",
        ("cơ quan có thẩm quyền giải quyết", "cơ quan giải quyết", "nơi chuyển đến"),
        parse=lambda t, c: c["bodies"].match(t),
    ),
    Field(
        "forwarded_on",
        "Ngày chuyển đơn",
        ("ngày chuyển", "ngày chuyển xử lý", "ngày ban hành phiếu chuyển", "ngày phiếu chuyển"),
        parse=parse_date,
    ),
    Field("signer_title", "Chức vụ người ký phiếu chuyển", ("chức vụ người ký",)),
    Field("signer_name", "Người ký phiếu chuyển", ("người ký", "họ tên người ký")),
]
# Columns the register's export adds after the fields, for reading only: the deadline follows the forwarding
# (a step of its own) and a duplicate is linked again by the service, so the import does not read them.
READ_ONLY = ("Hạn báo cáo (chỉ để xem)", "Trùng đơn số (chỉ để xem)")


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
    masked = not anonymous and _NON_WORD.sub(" ", fold(name)).strip() in MASKS
    if masked and (day, fold(values["summary"]), MASKED) not in context["existing"]:
        raise ValueError(
            "người gửi đã được che khi xuất tệp và sổ không có đơn này để đối chiếu: xuất lại tệp bằng tài khoản "
            "được xem thông tin người gửi, hoặc nhập đơn từ bản gốc"
        )
    eligible, reason = values.get("eligible") or (None, "")
    handling, body = values.get("handling") or "", values.get("competent_body")
    signed = values.get("signed") is not False
    forwarded = handling == Handling.FORWARDED
    forwarded_on = values.get("forwarded_on")
    title, signer = values.get("signer_title") or "", values.get("signer_name") or ""
    if forwarded:
        if eligible is False:
            raise ValueError("đơn ghi đã chuyển nhưng không đủ điều kiện xử lý; chỉ chuyển đơn đủ điều kiện xử lý")
        eligible = True  # a letter forwarded was found eligible
        if body is None:
            raise ValueError("đơn đã chuyển: ghi cơ quan nhận đơn ở cột “Cơ quan có thẩm quyền”")
        if forwarded_on is None:
            raise ValueError(
                "đơn đã chuyển: ghi ngày chuyển đơn ở cột “Ngày chuyển đơn” (hạn báo cáo tính từ ngày này)"
            )
        if forwarded_on < day or forwarded_on > context["today"]:
            raise ValueError(
                f"ngày chuyển đơn {format_date(forwarded_on)} phải từ ngày nhận đơn {format_date(day)} đến hôm nay"
            )
        try:
            council_accepts(context["council"], forwarded_on, field="issued_on")
        except ValidationError as exc:
            raise ValueError(" ".join(exc.messages)) from None
        if not title and not signer:
            title, signer = _signer_on(context, forwarded_on)
        if not title or not signer:
            raise ValueError(
                f"đơn đã chuyển ngày {format_date(forwarded_on)}: ghi người ký phiếu chuyển ở cột “Người ký phiếu "
                "chuyển” và chức vụ ở cột “Chức vụ người ký phiếu chuyển” (để trống cả hai: người ký là Chủ tịch, "
                "Phó Chủ tịch Thường trực HĐND trong ngày đó, nếu danh mục có)"
            )
        if len(title) > 120 or len(signer) > 120:
            raise ValueError("chức vụ và họ tên người ký phiếu chuyển không quá 120 ký tự")
    elif forwarded_on is not None:
        raise ValueError("có ngày chuyển đơn nhưng kết quả xử lý không phải “Chuyển cơ quan có thẩm quyền”")
    if eligible and not signed and values["category"] in (Category.COMPLAINT, Category.DENUNCIATION):
        raise ValueError("đơn không có chữ ký hoặc điểm chỉ không đủ điều kiện xử lý (Luật Khiếu nại, Điều 11)")
    number = values.get("number")
    if number is not None:
        letter = (
            day,
            fold(name),
            *(values.get(k) or "" for k in ("address", "phone", "id_number")),
            channel,
            signed,
            values.get("people") or 1,
            *(getattr(values.get(k), "pk", None) for k in ("unit", "forwarded_by", "from_body")),
        )
        first = context["letters"].setdefault((day.year, number), letter)
        if first != letter:
            raise ValueError(
                f"cùng số vào sổ {number}/{day.year} với một dòng trước nhưng khác ngày nhận, người gửi hoặc thông "
                "tin chung của đơn; các dòng của một đơn chỉ khác nhau ở nội dung, loại đơn, lĩnh vực, xử lý"
            )
    senders = (
        []
        if anonymous or masked
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
        signed=signed,
        people=values.get("people") or 1,
        unit=values.get("unit"),
        forwarded_by=forwarded_by if channel == Channel.DELEGATE else None,
        from_body=from_body if channel == Channel.BODY else None,
        number=number,
        eligible=eligible,
        ineligible_reason=reason,
        handling="" if forwarded else handling,
        competent_body=body,
        classified=bool(values.get("eligible") or handling or body),
        forwarded=forwarded,
        forwarded_on=forwarded_on if forwarded else None,
        signer_title=title if forwarded else "",
        signer_name=signer if forwarded else "",
        masked=masked,
    )


def _key(row: LetterRow) -> tuple:
    """Already in the register: a content of a letter of the same day with the same sender (any sender,
    when the export masked it)."""
    name = MASKED if row.masked else fold(row.senders[0].full_name) if row.senders else ""
    return (row.received_on, fold(row.case.summary), name)


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
        if row.forwarded:
            notes.setdefault(index, []).append(
                f"tệp ghi đã chuyển {row.competent_body.name} ngày {format_date(row.forwarded_on)}: khi lưu sẽ ban "
                f"hành phiếu chuyển đơn ngày đó (người ký: {row.signer_title} {row.signer_name}) và giao theo dõi "
                "hạn báo cáo kết quả theo quy định"
            )
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
    """All the rows or none: the rows of one number as the contents of one letter, in order of receipt (the
    register's numbers follow the days), each content then classified as the row says (from the day the
    letter was received), then the forwarded ones forwarded as on the letter's page (`services.case_forward`:
    the forwarding letter and the body's obligation with its legal limit), in order of their days, as the
    register of documents numbers its letters."""
    if any(r.masked for r in rows):  # only ever matched to a letter already there (`_build`)
        raise ValidationError("Không nhập đơn có thông tin người gửi đã được che.")
    groups: dict[tuple, list[LetterRow]] = {}
    for index, r in enumerate(rows):
        groups.setdefault((r.received_on.year, r.number) if r.number else ("dòng", index), []).append(r)
    letters = []
    forwards: list[tuple[Case, LetterRow]] = []
    for group in sorted(groups.values(), key=lambda g: (g[0].received_on, g[0].number or 0)):
        first = group[0]
        letter = services.letter_receive(
            council=council,
            received_on=first.received_on,
            cases=[r.case for r in group],
            senders=first.senders,
            channel=first.channel,
            anonymous=first.anonymous,
            signed=first.signed,
            people=first.people,
            unit=first.unit,
            forwarded_by=first.forwarded_by,
            from_body=first.from_body,
            user=user,
        )
        for case, r in zip(letter.cases.order_by("position"), group, strict=True):
            wanted = (r.eligible, r.ineligible_reason, r.handling, r.competent_body)
            if r.classified and wanted != (case.eligible, case.ineligible_reason, case.handling, case.competent_body):
                services.case_classify(
                    case=case,
                    user=user,
                    eligible=r.eligible,
                    ineligible_reason=r.ineligible_reason,
                    handling=r.handling,
                    competent_body=r.competent_body,
                    effective_on=r.received_on,
                )
            if r.forwarded:
                forwards.append((case, r))
        letters.append(letter)
    for case, r in sorted(forwards, key=lambda pair: (pair[1].forwarded_on, pair[0].pk)):
        services.case_forward(
            case=case,
            body=r.competent_body,
            user=user,
            signer_title=r.signer_title,
            signer_name=r.signer_name,
            issued_on=r.forwarded_on,
        )
    return letters


def _identity(letter: Letter, visible: bool) -> list[str]:
    """The sender's cells: the name and details, or the mask the screens show in their place."""
    sender = next((s for s in letter.senders.all() if s.relation == Relation.SELF), None)
    if letter.anonymous or sender is None:
        return [ANONYMOUS_NAME, "", "", ""]
    details = [sender.address, sender.phone, sender.id_number]
    if visible:
        return [sender.full_name, *details]
    mask = PROTECTED_TEXT if any(c.protected for c in letter.cases.all()) else MASKED_TEXT
    return [mask, *(mask if value else "" for value in details)]


def _eligibility_text(case: Case) -> str:
    return {True: ELIGIBLE, None: UNDECIDED}.get(case.eligible) or case.get_ineligible_reason_display()


def letters_sheet(*, letters: Iterable[Letter], visible: Callable[[Letter], bool], title: str, heading: str) -> bytes:
    """The register of letters as a sheet in the importer's own columns (one row per content, `FIELDS` in
    order, then the read-only columns), so it imports back; `visible(letter)` says whether this export may
    show the letter's senders (`access.identity_visible`), else they are masked. Letters come from
    `selectors.letter_list` (their cases, senders and places loaded)."""

    def rows() -> Iterator[list]:
        for letter in letters:
            identity = _identity(letter, visible(letter))
            for case in letter.shown_cases:
                forward = case.forward_document
                yield [
                    letter.number,
                    letter.received_on,
                    *identity,
                    case.summary,
                    case.get_category_display(),
                    case.get_field_display(),
                    letter.get_channel_display(),
                    letter.forwarded_by.full_name if letter.forwarded_by else "",
                    letter.from_body.name if letter.from_body else "",
                    letter.unit.unit_name if letter.unit else "",
                    "x" if letter.anonymous else "",
                    "x" if letter.signed else "không",
                    "x" if case.protected else "",
                    letter.people,
                    _eligibility_text(case),
                    case.get_handling_display(),
                    case.competent_body.name if case.competent_body else "",
                    forward.issued_on if forward else None,
                    forward.signer_title if forward else "",
                    forward.signer_name if forward else "",
                    case.obligation.due_on if case.obligation else None,
                    case.duplicate_of.letter.code if case.duplicate_of_id else "",
                ]

    labels = [f.label for f in FIELDS] + list(READ_ONLY)
    return streamed_workbook(
        title=title[:31],
        heading=[[heading], labels],
        rows=rows(),
        widths=[max(12, min(len(label) + 4, 40)) for label in labels[:-2]] + [14, 14],
        date_columns=[labels.index("Ngày nhận đơn") + 1, labels.index("Ngày chuyển đơn") + 1, len(labels) - 1],
        freeze="A3",
    )


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
