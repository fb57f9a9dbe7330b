"""The registry: councils, terms, people, delegates, bodies, memberships, roles, legal settings, calendar."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history import register
from simple_history.models import HistoricalRecords

from hdnd.constraints import CheckConstraint
from hdnd.dates import format_date


class CouncilLevel(models.TextChoices):
    PROVINCE = "tinh", "Cấp tỉnh"
    DISTRICT = "huyen", "Cấp huyện (trước 01/07/2025)"
    COMMUNE = "xa", "Cấp xã"


class UnitType(models.TextChoices):
    TINH = "tinh", "Tỉnh"
    THANH_PHO_TW = "thanh_pho_tw", "Thành phố trực thuộc trung ương"
    HUYEN = "huyen", "Huyện"
    THI_XA = "thi_xa", "Thị xã"
    THANH_PHO_THUOC_TINH = "thanh_pho_thuoc_tinh", "Thành phố thuộc tỉnh"
    QUAN = "quan", "Quận"
    XA = "xa", "Xã"
    PHUONG = "phuong", "Phường"
    THI_TRAN = "thi_tran", "Thị trấn"
    DAC_KHU = "dac_khu", "Đặc khu"


# The short word used inside titles: "HĐND thị xã", "HĐND tỉnh", "HĐND phường".
UNIT_WORD = {
    UnitType.TINH: "tỉnh",
    UnitType.THANH_PHO_TW: "thành phố",
    UnitType.HUYEN: "huyện",
    UnitType.THI_XA: "thị xã",
    UnitType.THANH_PHO_THUOC_TINH: "thành phố",
    UnitType.QUAN: "quận",
    UnitType.XA: "xã",
    UnitType.PHUONG: "phường",
    UnitType.THI_TRAN: "thị trấn",
    UnitType.DAC_KHU: "đặc khu",
}


class Council(models.Model):
    """The People's Council of one administrative unit."""

    level = models.CharField("cấp", max_length=8, choices=CouncilLevel.choices)
    unit_type = models.CharField("loại đơn vị hành chính", max_length=24, choices=UnitType.choices)
    unit_name = models.CharField("tên đơn vị hành chính", max_length=120, help_text="Ví dụ: Đức Phổ")
    unit_code = models.CharField("mã đơn vị hành chính", max_length=10)
    historical = models.BooleanField(
        "mã theo danh mục trước 01/07/2025",
        default=False,
        help_text="Đơn vị hành chính trước sắp xếp ngày 01/07/2025, giữ để tra cứu hồ sơ cũ.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="HĐND cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    active = models.BooleanField("đang hoạt động", default=False)
    ceased_on = models.DateField("ngày chấm dứt hoạt động", null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name="Hội đồng kế thừa",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        help_text="Sau sắp xếp đơn vị hành chính: các Hội đồng tiếp nhận địa bàn của Hội đồng này.",
    )
    place_name = models.CharField(
        "địa danh ghi trên văn bản",
        max_length=80,
        blank=True,
        help_text="Ví dụ: Đức Phổ (Nghị định 30/2020/NĐ-CP)",
    )
    name_folded = models.CharField(max_length=200, db_index=True, editable=False, default="")
    history = HistoricalRecords(m2m_fields=["successors"])

    class Meta:
        verbose_name = "Hội đồng nhân dân"
        verbose_name_plural = "Hội đồng nhân dân"
        ordering = ["level", "unit_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "unit_code", "historical"],
                name="council_unique_unit_code",
                violation_error_message="Đã có Hội đồng nhân dân với mã đơn vị hành chính này.",
            ),
            CheckConstraint(
                condition=Q(active=False) | Q(ceased_on__isnull=True),
                name="council_active_not_ceased",
                violation_error_message="Hội đồng đã chấm dứt hoạt động không thể đang hoạt động.",
            ),
        ]

    def __str__(self) -> str:
        return f"HĐND {self.unit_label}"

    @property
    def unit_word(self) -> str:
        return UNIT_WORD[UnitType(self.unit_type)]

    @property
    def last_day(self) -> datetime.date | None:
        """The last day the council acts (the day before it ceased); None while it goes on. Its records
        stay readable; nothing new is dated after this day."""
        return self.ceased_on - datetime.timedelta(days=1) if self.ceased_on else None

    def open_on(self, day: datetime.date) -> bool:
        """Whether the council still takes records on `day`: always while it goes on, and up to its last day
        when it ceased. The one test every button, screen, API route and service asks
        (`registry.services.council_accepts` refuses what this denies)."""
        last = self.last_day
        return last is None or day <= last

    @property
    def unit_label(self) -> str:
        """'thị xã Đức Phổ'."""
        return f"{self.unit_word} {self.unit_name}"

    @property
    def short_title(self) -> str:
        """'HĐND thị xã' — how the seeds name the council inside its own documents."""
        return f"HĐND {self.unit_word}"

    @property
    def full_title(self) -> str:
        """'HỘI ĐỒNG NHÂN DÂN THỊ XÃ ĐỨC PHỔ': a document's header (ND30), not running text (see `long_name`)."""
        return self.long_name.upper()

    @property
    def long_name(self) -> str:
        """'Hội đồng nhân dân thị xã Đức Phổ': the council's name in a sentence or a page title."""
        return f"Hội đồng nhân dân {self.unit_label}"

    @property
    def document_place(self) -> str:
        return self.place_name or self.unit_name


class Term(models.Model):
    """A term of office (nhiệm kỳ) of a council."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="terms")
    name = models.CharField("nhiệm kỳ", max_length=20, help_text="Ví dụ: 2021-2026")
    starts_on = models.DateField("ngày bắt đầu")
    ends_on = models.DateField("ngày kết thúc", null=True, blank=True)
    delegates_elected = models.PositiveIntegerField("số đại biểu được bầu")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nhiệm kỳ"
        verbose_name_plural = "nhiệm kỳ"
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="term_unique_name",
                violation_error_message="Hội đồng đã có nhiệm kỳ này.",
            ),
            CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="term_ends_after_start",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
        ]

    def __str__(self) -> str:
        return f"Nhiệm kỳ {self.name}"


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class Person(models.Model):
    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField("họ và tên", max_length=120)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    position = models.CharField("chức vụ", max_length=250, blank=True, help_text="Ví dụ: Tỉnh ủy viên, Bí thư Thị ủy")
    workplace = models.CharField("nơi công tác", max_length=250, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    name_folded = models.CharField(max_length=120, db_index=True, editable=False, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class BodyKind(models.TextChoices):
    STANDING_COMMITTEE = "thuong_truc", "Thường trực HĐND"
    COMMITTEE = "ban", "Ban của HĐND"
    DELEGATE_GROUP = "to_dai_bieu", "Tổ đại biểu"
    OFFICE = "van_phong", "Văn phòng"
    PEOPLES_COMMITTEE = "ubnd", "Ủy ban nhân dân"
    AGENCY = "co_quan", "Cơ quan chuyên môn"
    FATHERLAND_FRONT = "mttq", "Ủy ban MTTQ Việt Nam"
    COURT = "toa_an", "Tòa án nhân dân"
    PROCURACY = "vien_kiem_sat", "Viện kiểm sát nhân dân"
    LOWER_COUNCIL = "hdnd_cap_duoi", "HĐND cấp dưới"
    LOWER_PEOPLES_COMMITTEE = "ubnd_cap_duoi", "UBND cấp dưới"
    UPPER_COUNCIL = "hdnd_cap_tren", "HĐND cấp trên"
    PARTY = "cap_uy", "Cấp ủy"
    OTHER = "khac", "Cơ quan, tổ chức khác"


INTERNAL_KINDS = {BodyKind.STANDING_COMMITTEE, BodyKind.COMMITTEE, BodyKind.DELEGATE_GROUP, BodyKind.OFFICE}


class Body(models.Model):
    """A body of the council, or an outside body that receives documents or owes obligations."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="bodies")
    kind = models.CharField("loại", max_length=16, choices=BodyKind.choices)
    name = models.CharField("tên", max_length=200)
    short_name = models.CharField("tên ngắn dùng trên văn bản", max_length=80)
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    linked_council = models.ForeignKey(
        Council,
        verbose_name="HĐND tương ứng",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Với HĐND cấp dưới hoặc cấp trên: hội đồng trong hệ thống.",
    )
    email = models.EmailField("thư điện tử", blank=True)
    active = models.BooleanField("đang hoạt động", default=True)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cơ quan, tổ chức"
        verbose_name_plural = "cơ quan, tổ chức"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="body_unique_name",
                violation_error_message="Hội đồng đã có cơ quan, tổ chức với tên này.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_internal(self) -> bool:
        return self.kind in INTERNAL_KINDS


class MemberRole(models.TextChoices):
    CHAIR = "chu_tich", "Chủ tịch"
    VICE_CHAIR = "pho_chu_tich", "Phó Chủ tịch"
    HEAD = "truong_ban", "Trưởng ban"
    DEPUTY_HEAD = "pho_truong_ban", "Phó Trưởng ban"
    MEMBER = "uy_vien", "Ủy viên"
    GROUP_LEADER = "to_truong", "Tổ trưởng"
    GROUP_DEPUTY = "to_pho", "Tổ phó"
    OFFICE_CHIEF = "chanh_van_phong", "Chánh Văn phòng"
    OFFICE_DEPUTY = "pho_chanh_van_phong", "Phó Chánh Văn phòng"
    DIRECTOR = "thu_truong", "Thủ trưởng"
    STAFF = "chuyen_vien", "Chuyên viên"


# Roles held by one person at a time in a body (Luật Tổ chức chính quyền địa phương: one chair,
# one head of committee, one group leader, one office chief).
SINGLE_HOLDER_ROLES = {MemberRole.CHAIR, MemberRole.HEAD, MemberRole.GROUP_LEADER, MemberRole.OFFICE_CHIEF}


class Membership(models.Model):
    """A person holding a role in a body over a period; the end date is the last day held."""

    person = models.ForeignKey(Person, verbose_name="cá nhân", on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("chức danh", max_length=24, choices=MemberRole.choices)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"
        ordering = ["body", "role", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "body", "role", "starts_on"],
                name="membership_unique",
                violation_error_message="Người này đã giữ chức danh này trong cơ quan từ ngày đó.",
            ),
            CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
                violation_error_message="Ngày kết thúc không thể trước ngày bắt đầu.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} {self.body.short_name}"

    def active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class DelegateStatus(models.TextChoices):
    ELECTED = "trung_cu", "Trúng cử"
    RESIGNED = "thoi_lam_nhiem_vu", "Thôi làm nhiệm vụ đại biểu"
    DISMISSED = "bai_nhiem", "Bị bãi nhiệm"
    DECEASED = "tu_tran", "Từ trần"
    REMOVED = "mat_quyen", "Mất quyền đại biểu"


class Delegate(models.Model):
    """A person elected to a council for a term. `left_on` is the first day out of office."""

    term = models.ForeignKey(Term, verbose_name="nhiệm kỳ", on_delete=models.PROTECT, related_name="delegates")
    person = models.ForeignKey(Person, verbose_name="cá nhân", on_delete=models.PROTECT, related_name="delegacies")
    constituency = models.CharField("đơn vị bầu cử", max_length=200, blank=True)
    group = models.ForeignKey(
        Body,
        verbose_name="tổ đại biểu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegates",
        limit_choices_to={"kind": BodyKind.DELEGATE_GROUP},
    )
    elected_on = models.DateField("ngày trúng cử")
    status = models.CharField(
        "tình trạng", max_length=20, choices=DelegateStatus.choices, default=DelegateStatus.ELECTED
    )
    left_on = models.DateField("ngày thôi làm đại biểu", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đại biểu"
        verbose_name_plural = "đại biểu"
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "person"],
                name="delegate_unique_in_term",
                violation_error_message="Người này đã là đại biểu trong nhiệm kỳ.",
            ),
            CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=models.F("elected_on")),
                name="delegate_leaves_after_election",
                violation_error_message="Ngày thôi làm đại biểu phải sau ngày trúng cử.",
            ),
        ]

    def __str__(self) -> str:
        return self.person.full_name

    def in_office_on(self, day: datetime.date) -> bool:
        return self.elected_on <= day and (self.left_on is None or self.left_on > day)


class DelegateEvent(models.Model):
    """A change of a delegate's status, kept in order."""

    delegate = models.ForeignKey(Delegate, verbose_name="đại biểu", on_delete=models.CASCADE, related_name="events")
    status = models.CharField("tình trạng", max_length=20, choices=DelegateStatus.choices)
    happened_on = models.DateField("ngày")
    note = models.CharField("ghi chú", max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thay đổi tình trạng đại biểu"
        verbose_name_plural = "thay đổi tình trạng đại biểu"
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({format_date(self.happened_on)})"


class Role(models.TextChoices):
    ADMIN = "quan_tri", "Quản trị hệ thống"
    OFFICE_CHIEF = "lanh_dao_van_phong", "Lãnh đạo Văn phòng"
    OFFICE_STAFF = "van_phong", "Chuyên viên Văn phòng"
    STANDING_MEMBER = "thuong_truc", "Thành viên Thường trực"
    COMMITTEE_MEMBER = "thanh_vien_ban", "Thành viên Ban"
    DELEGATE = "dai_bieu", "Đại biểu"
    AGENCY_USER = "co_quan", "Người dùng cơ quan"


class RoleGrant(models.Model):
    """A user's role in a council; an agency user or committee member is tied to their body."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="grants"
    )
    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="grants")
    role = models.CharField("vai trò", max_length=24, choices=Role.choices)
    body = models.ForeignKey(Body, verbose_name="cơ quan", null=True, blank=True, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, verbose_name="cá nhân", null=True, blank=True, on_delete=models.PROTECT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        constraints = [
            models.UniqueConstraint(fields=["user", "council", "role"], name="grant_unique"),
            CheckConstraint(
                condition=~Q(role="co_quan") | Q(body__isnull=False),
                name="grant_agency_has_body",
                violation_error_message="Người dùng cơ quan phải gắn với một cơ quan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.council}"


class LegalSetting(models.Model):
    """A council's own version of one rule of `registry.rules.RULES`, in force from `valid_from` (empty:
    from the start) until the council's next version of it; `decision` names the council's decision that
    set it. Absent: the law's version in force applies."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="settings")
    key = models.CharField("quy định", max_length=60)
    value = models.IntegerField("giá trị", null=True, blank=True)
    unit = models.CharField("đơn vị", max_length=16, blank=True)
    valid_from = models.DateField("áp dụng từ ngày", null=True, blank=True)
    decision = models.CharField("văn bản của Hội đồng quy định", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thiết lập theo quy định"
        verbose_name_plural = "thiết lập theo quy định"
        ordering = [F("valid_from").asc(nulls_first=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "key", "valid_from"],
                name="setting_unique_from",
                violation_error_message="Quy định này đã có một thiết lập áp dụng từ ngày này.",
            ),
            models.UniqueConstraint(
                fields=["council", "key"],
                condition=Q(valid_from__isnull=True),
                name="setting_unique_open",
                violation_error_message="Quy định này đã có một thiết lập áp dụng từ đầu.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"

    def applies_on(self, day: datetime.date) -> bool:
        return self.valid_from is None or self.valid_from <= day


class DayKind(models.TextChoices):
    DAY_OFF = "nghi", "Ngày nghỉ"
    WORKING = "lam_viec", "Ngày làm việc (làm bù)"


class CalendarDay(models.Model):
    """A day the council adds to the national holidays: a day off, or a compensatory working day."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="calendar")
    day = models.DateField("ngày")
    kind = models.CharField("loại", max_length=10, choices=DayKind.choices)
    note = models.CharField("ghi chú", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ngày trong lịch làm việc"
        verbose_name_plural = "lịch làm việc"
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "day"],
                name="calendar_day_unique",
                violation_error_message="Ngày này đã có trong lịch của Hội đồng.",
            )
        ]

    def __str__(self) -> str:
        return f"{format_date(self.day)} — {self.get_kind_display()}"


class ApiToken(models.Model):
    """A personal API token; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=80)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    last_used_at = models.DateTimeField("lần dùng cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)


class LockoutRelease(models.Model):
    """An account unlocked after too many wrong passwords: who unlocked whom, when, and how many failures."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="+"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người mở khoá", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    failures = models.PositiveIntegerField("số lần sai đã xoá", default=0)
    released_at = models.DateTimeField("lúc mở khoá", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lần mở khoá tài khoản"
        verbose_name_plural = "các lần mở khoá tài khoản"
        ordering = ["-released_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} — {self.released_at:%d/%m/%Y %H:%M}"


class AccessKind(models.TextChoices):
    VIEW = "xem", "Xem"
    EXPORT = "xuat_excel", "Xuất Excel"
    API = "api", "Xem qua API"
    DOWNLOAD = "tai_tep", "Tải tệp"


class PersonalDataAccess(models.Model):
    """One access to citizens' personal data (Nghị định 13/2023/NĐ-CP): who, when, which record, how, from where.

    Append-only: rows are written by `registry.services.personal_access_record` and never edited or deleted
    through the product, so they carry no history (a history of rows that never change would only copy them).
    The record is a generic link (the registry does not import the workflow apps) with a label kept at the
    time, so the log still reads after the record is renamed or deleted.
    """

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người truy cập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField("tên đăng nhập", max_length=150)
    created_at = models.DateTimeField("lúc truy cập", default=timezone.now)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="loại hồ sơ", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("mã hồ sơ")
    record = GenericForeignKey("content_type", "object_id")
    label = models.CharField("hồ sơ", max_length=300)
    label_folded = models.CharField(max_length=300, editable=False, default="")
    kind = models.CharField("hình thức", max_length=20, choices=AccessKind.choices)
    address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)

    class Meta:
        verbose_name = "lần truy cập dữ liệu cá nhân"
        verbose_name_plural = "nhật ký truy cập dữ liệu cá nhân"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["council", "-created_at"], name="registry_pda_council_created")]

    def __str__(self) -> str:
        return f"{self.username} — {self.get_kind_display()} — {self.label}"


# Users' changes (name, e-mail, active, staff, groups) are audited like every other record; the password
# hash is left out so no history row or screen ever holds it.
register(
    get_user_model(),
    app="registry",
    m2m_fields=["groups"],
    excluded_fields=["password"],
)
