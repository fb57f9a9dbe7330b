"""Voter contacts and voters' petitions (Nghị quyết liên tịch 72/2025, sửa đổi bởi 100/2025).

A round of contacts (đợt tiếp xúc cử tri) holds one meeting per commune or ward; each petition raised is
classified (field, competent level and body), merged with its duplicates into an aggregated petition
that keeps every origin, forwarded (an obligation of the competent body), answered and accepted.
Petitioners' names, addresses and phones are personal data (Nghị định 13/2023/NĐ-CP).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hdnd.constraints import CheckConstraint
from hdnd.dates import format_date
from hdnd.models import BackgroundExport
from hdnd.text import fold
from registry.models import Body, Council, Delegate, UnitType

# Luật 72/2025/QH15: district and town councils ceased on 01/07/2025; the district level stays for old records.
REFORM_DAY = datetime.date(2025, 7, 1)


class Period(models.TextChoices):
    MID_YEAR = "giua_nam", "giữa năm"
    YEAR_END = "cuoi_nam", "cuối năm"


class Timing(models.TextChoices):
    # Nghị quyết liên tịch 72/2025: contacts before a regular session are compulsory, after it optional.
    BEFORE = "truoc", "trước kỳ họp"
    AFTER = "sau", "sau kỳ họp"


class MeetingForm(models.TextChoices):
    IN_PERSON = "truc_tiep", "Trực tiếp"
    ONLINE = "truc_tuyen", "Trực tuyến"
    BOTH = "ket_hop", "Trực tiếp kết hợp trực tuyến"


class Level(models.TextChoices):
    CENTRAL = "trung_uong", "Trung ương"
    PROVINCE = "tinh", "Cấp tỉnh"
    DISTRICT = "huyen", "Cấp huyện (trước 01/07/2025)"
    COMMUNE = "xa", "Cấp xã"


LEVEL_RANK = {Level.CENTRAL: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}
COUNCIL_RANK = {"tinh": 1, "huyen": 2, "xa": 3}


class Channel(models.TextChoices):
    MEETING = "tiep_xuc", "Hội nghị tiếp xúc cử tri"
    FRONT = "mttq", "Ủy ban MTTQ tổng hợp"
    LETTER = "van_ban", "Văn bản, đơn thư gửi đến"
    OTHER = "khac", "Kênh khác"


class PetitionState(models.TextChoices):
    """What a petition shows: never stored, read from its follow-up obligation and its outcome (`state_of`)."""

    RECEIVED = "tiep_nhan", "Đã tiếp nhận"
    FORWARDED = "da_chuyen", "Đã chuyển cơ quan có thẩm quyền"
    ANSWERED = "da_tra_loi", "Đã trả lời"
    RESOLVING = "dang_giai_quyet", "Đang giải quyết"
    EXPLAINED = "da_giai_trinh", "Đã giải trình"
    WITHDRAWN = "da_huy", "Đã hủy theo dõi"


class Outcome(models.TextChoices):
    """The kind of answer the body gave: content of the petition, chosen with the answer."""

    ANSWERED = PetitionState.ANSWERED.value, PetitionState.ANSWERED.label
    RESOLVING = PetitionState.RESOLVING.value, PetitionState.RESOLVING.label
    EXPLAINED = PetitionState.EXPLAINED.value, PetitionState.EXPLAINED.label


ANSWER_STATES = (PetitionState.ANSWERED, PetitionState.RESOLVING, PetitionState.EXPLAINED)
OPEN_STATES = (PetitionState.RECEIVED, PetitionState.FORWARDED, PetitionState.RESOLVING)

# The follow-up states (followup.models.State values) grouped as a petition reads them; strings, because
# followup.models imports registry only and petitions' models stay importable before it.
_OBLIGATION_OPEN = ("da_giao", "dang_thuc_hien", "tra_lai")
_OBLIGATION_DONE = ("da_bao_cao", "hoan_thanh")
_OBLIGATION_CANCELLED = "da_huy"


def state_of(obligation_state: str | None, outcome: str) -> str:
    """The state a petition shows, from its obligation's state (None: not forwarded) and its outcome.

    Forwarded while the body still owes the answer (being resolved if it said so); answered or explained
    once it reported done, accepted or not; withdrawn when the office cancelled the obligation.
    """
    if obligation_state is None:
        return PetitionState.RECEIVED
    if obligation_state == _OBLIGATION_CANCELLED:
        return PetitionState.WITHDRAWN
    if obligation_state in _OBLIGATION_DONE:
        return PetitionState(outcome) if outcome in (Outcome.ANSWERED, Outcome.EXPLAINED) else PetitionState.ANSWERED
    return PetitionState.RESOLVING if outcome == Outcome.RESOLVING else PetitionState.FORWARDED


def state_q(state: str, prefix: str = "") -> Q:
    """The filter matching petitions that show `state` (`prefix` reaches them through a relation)."""
    ob, out = f"{prefix}obligation__state", f"{prefix}outcome"
    if state == PetitionState.RECEIVED:
        return Q(**{f"{prefix}obligation__isnull": True})
    if state == PetitionState.WITHDRAWN:
        return Q(**{ob: _OBLIGATION_CANCELLED})
    if state == PetitionState.FORWARDED:
        return Q(**{f"{ob}__in": _OBLIGATION_OPEN}) & ~Q(**{out: Outcome.RESOLVING})
    if state == PetitionState.RESOLVING:
        return Q(**{f"{ob}__in": _OBLIGATION_OPEN, out: Outcome.RESOLVING})
    if state == PetitionState.EXPLAINED:
        return Q(**{f"{ob}__in": _OBLIGATION_DONE, out: Outcome.EXPLAINED})
    if state == PetitionState.ANSWERED:
        return Q(**{f"{ob}__in": _OBLIGATION_DONE}) & ~Q(**{out: Outcome.EXPLAINED})
    return Q(pk__in=[])


def answered_q(prefix: str = "") -> Q:
    """The petitions that have an answer: every answer state (answered, being resolved, explained), as the
    report's and dashboard's figure "đã được trả lời" counts them; the one definition public counts use too."""
    q = Q(pk__in=[])
    for state in ANSWER_STATES:
        q |= state_q(state, prefix)
    return q


def with_answer_q() -> Q:
    """`answered_q` for a petition counted under its own place: an origin merged into an aggregate has the
    aggregate's answer."""
    return answered_q() | Q(merged_into__isnull=False) & answered_q("merged_into__")


def state_case(prefix: str = "") -> models.Case:
    """`state_of` as an SQL expression, for counting petitions by state in one query."""
    return models.Case(
        *(models.When(state_q(s, prefix), then=models.Value(s.value)) for s in PetitionState),
        default=models.Value(PetitionState.RECEIVED.value),
        output_field=models.CharField(),
    )


DEFAULT_FIELDS = [
    "Đất đai",
    "Giao thông",
    "Xây dựng",
    "Môi trường",
    "Y tế",
    "Giáo dục",
    "Chính sách xã hội",
    "Nông nghiệp",
    "Điện, nước sinh hoạt",
    "An ninh, trật tự",
    "Văn hóa, thông tin",
    "Khác",
]


class ContactRound(models.Model):
    """A round of voter contacts before or after a regular session of a year."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    period = models.CharField("kỳ họp", max_length=10, choices=Period.choices)
    timing = models.CharField("thời điểm", max_length=6, choices=Timing.choices, default=Timing.BEFORE)
    label = models.CharField("tên đợt", max_length=200, help_text="Ví dụ: trước kỳ họp giữa năm 2024")
    starts_on = models.DateField("từ ngày", null=True, blank=True)
    ends_on = models.DateField("đến ngày", null=True, blank=True)
    published = models.BooleanField("đã công khai", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đợt tiếp xúc cử tri"
        verbose_name_plural = "đợt tiếp xúc cử tri"
        ordering = ["-year", "-period", "timing"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "period", "timing"],
                name="contact_round_unique",
                violation_error_message="Hội đồng đã có đợt tiếp xúc cử tri này.",
            ),
            CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="contact_round_year_range",
                violation_error_message="Năm không hợp lệ.",
            ),
            CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="contact_round_ends_after_start",
                violation_error_message="Ngày kết thúc không thể trước ngày bắt đầu.",
            ),
        ]

    def __str__(self) -> str:
        return f"Đợt tiếp xúc cử tri {self.label}"

    @property
    def reference_day(self) -> datetime.date:
        """The day the round is dated by (its start, else the middle of its half-year)."""
        if self.starts_on:
            return self.starts_on
        return datetime.date(self.year, 5 if self.period == Period.MID_YEAR else 11, 15)

    @property
    def short_label(self) -> str:
        """'giữa năm 2024' as the seeds name a round."""
        return f"{Period(self.period).label} {self.year}"


class PetitionField(models.Model):
    """A field of the council's own taxonomy of petitions (đất đai, giao thông, ...)."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("lĩnh vực", max_length=100)
    name_folded = models.CharField(max_length=100, db_index=True, editable=False, default="")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lĩnh vực kiến nghị"
        verbose_name_plural = "lĩnh vực kiến nghị"
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name_folded"],
                name="petition_field_unique",
                violation_error_message="Hội đồng đã có lĩnh vực này.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PlaceKind(models.TextChoices):
    VILLAGE = "thon", "Thôn"
    RESIDENTIAL_GROUP = "to_dan_pho", "Tổ dân phố"
    QUARTER = "khu_pho", "Khu phố"
    OTHER = "khac", "Khác"


class ContactPlace(models.Model):
    """A village or residential group where a commune council meets voters (thôn, tổ dân phố).

    Not an administrative unit: each council keeps its own list (Luật Tổ chức chính quyền địa phương 2025:
    the commune is the lowest level; thôn and tổ dân phố are self-managed communities under it).
    """

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("tên", max_length=120, help_text="Ví dụ: An Ba, Tổ dân phố 3")
    name_folded = models.CharField(max_length=120, db_index=True, editable=False, default="")
    kind = models.CharField("loại", max_length=12, choices=PlaceKind.choices, default=PlaceKind.VILLAGE)
    active = models.BooleanField("đang dùng", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thôn, tổ dân phố"
        verbose_name_plural = "thôn, tổ dân phố"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "name_folded"],
                name="contact_place_unique",
                violation_error_message="Hội đồng đã có thôn, tổ dân phố này.",
            ),
            CheckConstraint(
                condition=Q(kind__in=PlaceKind.values),
                name="contact_place_kind_valid",
                violation_error_message="Loại địa bàn không hợp lệ.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def word(self) -> str:
        """'thôn', 'tổ dân phố', 'khu phố' (nothing for other places: their name says it)."""
        return "" if self.kind == PlaceKind.OTHER else PlaceKind(self.kind).label.lower()

    @property
    def label(self) -> str:
        """'thôn An Ba'; a name that already starts with its kind ('Tổ dân phố 3') is kept as it is."""
        if not self.word or fold(self.name).startswith(fold(self.word)):
            return self.name
        return f"{self.word} {self.name}"


class ContactMeeting(models.Model):
    """The contact with the voters of one commune or ward in a round — or, for a commune council, of one of
    its own villages or residential groups (exactly one of the two)."""

    round = models.ForeignKey(ContactRound, verbose_name="đợt", on_delete=models.PROTECT, related_name="meetings")
    unit = models.ForeignKey(
        Council, verbose_name="xã, phường", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_place = models.ForeignKey(
        ContactPlace,
        verbose_name="thôn, tổ dân phố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    held_on = models.DateField("ngày tiếp xúc")
    place = models.CharField("địa điểm", max_length=250)
    form = models.CharField("hình thức", max_length=10, choices=MeetingForm.choices, default=MeetingForm.IN_PERSON)
    delegates = models.ManyToManyField(Delegate, verbose_name="đại biểu tham dự", blank=True, related_name="+")
    voters = models.PositiveIntegerField("số cử tri tham dự", null=True, blank=True)
    co_organiser = models.ForeignKey(
        Body, verbose_name="cơ quan phối hợp", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes = models.ForeignKey(
        "documents.Document",
        verbose_name="biên bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=["delegates"])

    class Meta:
        verbose_name = "hội nghị tiếp xúc cử tri"
        verbose_name_plural = "hội nghị tiếp xúc cử tri"
        ordering = ["held_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"],
                name="contact_meeting_one_per_unit",
                violation_error_message="Đợt này đã có hội nghị tiếp xúc cử tri tại xã, phường này.",
            ),
            models.UniqueConstraint(
                fields=["round", "contact_place"],
                name="contact_meeting_one_per_place",
                violation_error_message="Đợt này đã có hội nghị tiếp xúc cử tri tại thôn, tổ dân phố này.",
            ),
            CheckConstraint(
                condition=Q(unit__isnull=True, contact_place__isnull=False)
                | Q(unit__isnull=False, contact_place__isnull=True),
                name="contact_meeting_unit_or_place",
                violation_error_message="Hội nghị tiếp xúc ở một xã, phường hoặc một thôn, tổ dân phố (chỉ một).",
            ),
        ]

    def __str__(self) -> str:
        return f"Tiếp xúc cử tri {self.area_label} ({format_date(self.held_on)})"

    @property
    def area_label(self) -> str:
        """'phường Phổ Quang' or 'thôn An Ba': where the voters met."""
        return area_label(self.unit, self.contact_place)


class Petition(models.Model):
    """A petition of voters; an aggregated one has no unit of its own but its merged origins."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(ContactRound, verbose_name="đợt", on_delete=models.PROTECT, related_name="petitions")
    meeting = models.ForeignKey(
        ContactMeeting,
        verbose_name="hội nghị tiếp xúc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    channel = models.CharField("kênh tiếp nhận", max_length=10, choices=Channel.choices, default=Channel.MEETING)
    unit = models.ForeignKey(
        Council, verbose_name="xã, phường", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_place = models.ForeignKey(
        ContactPlace,
        verbose_name="thôn, tổ dân phố",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    text = models.TextField("nội dung kiến nghị", max_length=10_000)
    text_folded = models.TextField(editable=False, default="")
    # The duplicate matcher's keys of the text (petitions.duplicates.stored_keys), kept by the services.
    match_keys = models.TextField(editable=False, default="")
    field = models.ForeignKey(
        PetitionField, verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("cấp có thẩm quyền", max_length=12, choices=Level.choices)
    body = models.ForeignKey(
        Body,
        verbose_name="cơ quan có thẩm quyền",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voters = models.PositiveIntegerField("số cử tri kiến nghị", default=1)
    complaint = models.BooleanField(
        "khiếu nại, tố cáo",
        default=False,
        help_text="Khiếu nại, tố cáo nêu tại hội nghị tiếp xúc chuyển sang quy trình giải quyết khiếu nại, tố cáo.",
    )
    # Progress (forwarded, answered, accepted, returned, overdue) is the obligation's; the petition keeps
    # only what kind of answer the body gave, chosen with the answer.
    outcome = models.CharField("kết quả trả lời", max_length=16, choices=Outcome.choices, blank=True, default="")
    is_aggregate = models.BooleanField("kiến nghị tổng hợp", default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="đã gộp vào",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="origins",
    )
    forward_document = models.ForeignKey(
        "documents.Document",
        verbose_name="công văn chuyển",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    obligation = models.OneToOneField(
        "followup.Obligation",
        verbose_name="việc theo dõi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_text = models.TextField("nội dung trả lời", blank=True, max_length=20_000)
    answer_folded = models.TextField(editable=False, default="")
    answer_document = models.ForeignKey(
        "documents.Document",
        verbose_name="văn bản trả lời",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    # The matcher's keys are derived from the text the history already keeps: no copy of them in every row.
    history = HistoricalRecords(excluded_fields=["match_keys"])

    class Meta:
        verbose_name = "kiến nghị cử tri"
        verbose_name_plural = "kiến nghị cử tri"
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["council", "round", "merged_into"], name="petition_round"),
            # The lists and the rounds' counts read top-level petitions only, by round then entry.
            models.Index(
                fields=["council", "round", "id"], condition=Q(merged_into__isnull=True), name="petition_top_level"
            ),
        ]
        constraints = [
            CheckConstraint(
                condition=Q(outcome__in=["", *Outcome.values]),
                name="petition_outcome_valid",
                violation_error_message="Kết quả trả lời không hợp lệ.",
            ),
            CheckConstraint(
                condition=Q(level__in=Level.values),
                name="petition_level_valid",
                violation_error_message="Cấp có thẩm quyền không hợp lệ.",
            ),
            CheckConstraint(
                condition=Q(is_aggregate=True) | Q(unit__isnull=False) | Q(contact_place__isnull=False),
                name="petition_has_unit",
                violation_error_message="Vui lòng chọn xã, phường (hoặc thôn, tổ dân phố) của kiến nghị.",
            ),
            CheckConstraint(
                condition=Q(unit__isnull=True) | Q(contact_place__isnull=True),
                name="petition_unit_or_place",
                violation_error_message="Kiến nghị thuộc một xã, phường hoặc một thôn, tổ dân phố (chỉ một).",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:120]

    @property
    def state(self) -> str:
        """What the petition shows, read from its obligation (load it with select_related("obligation"))."""
        return state_of(self.obligation.state if self.obligation_id else None, self.outcome)

    def get_state_display(self) -> str:
        return PetitionState(self.state).label

    @property
    def is_received(self) -> bool:
        """Received and not yet forwarded: still the office's to classify, merge or split."""
        return self.state == PetitionState.RECEIVED

    @property
    def answered_on(self) -> datetime.date | None:
        """The day the body reported its answer done (the obligation's report date), None before."""
        if self.obligation_id is None or self.obligation.state not in _OBLIGATION_DONE:
            return None
        return self.obligation.reported_on

    @property
    def area_label(self) -> str:
        """'xã Phổ An' or 'thôn An Ba' (empty for an aggregate: see its origins)."""
        return area_label(self.unit, self.contact_place)


class Petitioner(models.Model):
    """A voter who raised a petition: personal data, never public, shown only to roles that need it."""

    petition = models.ForeignKey(Petition, verbose_name="kiến nghị", on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField("họ và tên", max_length=120)
    address = models.CharField("địa chỉ", max_length=250, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "người kiến nghị"
        verbose_name_plural = "người kiến nghị"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.full_name


def area_label(unit: Council | None, place: ContactPlace | None) -> str:
    if unit is not None:
        return unit.unit_label
    return place.label if place is not None else ""


def place_plural(places: list[ContactPlace]) -> str:
    """'thôn An Ba' / 'các thôn An Ba, An Bình' / 'thôn An Ba, tổ dân phố 3'."""
    if not places:
        return ""
    word = places[0].word
    if len(places) > 1 and word and all(p.kind == places[0].kind and p.label != p.name for p in places):
        return f"các {word} {', '.join(p.name for p in places)}"
    return ", ".join(p.label for p in places)


def unit_plural(units: list[Council]) -> str:
    """'các xã Phổ An, Phổ Châu' / 'phường Phổ Quang' / 'các xã, phường Phổ An, Phổ Quang'."""
    if not units:
        return ""
    words = []
    for unit in units:
        word = unit.unit_word
        if word not in words:
            words.append(word)
    names = ", ".join(u.unit_name for u in units)
    if len(units) == 1:
        return f"{words[0]} {names}"
    words.sort(key=lambda w: {UnitType.XA.label.lower(): 0}.get(w, 1))
    return f"các {', '.join(words)} {names}"


class PetitionExport(BackgroundExport):
    """A long export of the petition list run as a background task (hdnd.models.BackgroundExport)."""

    class Meta(BackgroundExport.Meta):
        verbose_name = "lượt xuất kiến nghị"
        verbose_name_plural = "lượt xuất kiến nghị"

    def __str__(self) -> str:
        return f"Xuất kiến nghị {self.created_at:%d/%m/%Y %H:%M}"
