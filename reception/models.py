"""Citizen reception, letters, complaints and denunciations (tiếp công dân, đơn thư, khiếu nại, tố cáo).

A letter (đơn) is received once and entered in the council's register with its number of the year. Its
contents are split into cases (one per content: a complaint, a denunciation, a recommendation or a
reflection), each classified, judged eligible or not with its legal reason, and handled: filed, guided,
under study, or forwarded to the competent body, which then owes the council an obligation in the
follow-up engine (the obligation is the only holder of that progress). The senders' identities are kept
apart from the cases: a denouncer who asked for protection is seen only by the users granted the case.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hdnd.constraints import CheckConstraint
from registry.models import Body, Council, Person


class Channel(models.TextChoices):
    POST = "buu_dien", "Qua dịch vụ bưu chính"
    IN_PERSON = "truc_tiep", "Nộp trực tiếp tại trụ sở"
    RECEPTION = "tiep_cong_dan", "Nhận tại buổi tiếp công dân"
    DELEGATE = "dai_bieu", "Đại biểu HĐND chuyển đến"
    BODY = "co_quan", "Cơ quan, tổ chức chuyển đến"
    VOTER_CONTACT = "tiep_xuc", "Nêu tại hội nghị tiếp xúc cử tri"
    ONLINE = "truc_tuyen", "Gửi trực tuyến"


class Category(models.TextChoices):
    COMPLAINT = "khieu_nai", "Khiếu nại"
    DENUNCIATION = "to_cao", "Tố cáo"
    RECOMMENDATION = "kien_nghi", "Kiến nghị"
    REFLECTION = "phan_anh", "Phản ánh"
    # Luật Tố cáo 25/2018, Điều 25: an anonymous or impersonated denunciation is not processed as one.
    ANONYMOUS_INFO = "thong_tin_to_cao", "Thông tin có nội dung tố cáo (nặc danh)"


class Field(models.TextChoices):
    POLICY = "hc_chinh_sach", "Hành chính — chế độ, chính sách"
    LAND = "hc_dat_dai", "Hành chính — đất đai, nhà cửa"
    CIVIL_SERVICE = "hc_cong_vu", "Hành chính — công chức, công vụ"
    ADMIN_OTHER = "hc_khac", "Hành chính — khác"
    JUSTICE = "tu_phap", "Tư pháp"
    PARTY = "dang_doan_the", "Đảng, đoàn thể"
    CORRUPTION = "tham_nhung", "Tham nhũng"
    OTHER = "khac", "Lĩnh vực khác"


class Ineligible(models.TextChoices):
    """Why a case cannot be handled: the nine complaints Luật Khiếu nại 02/2011, Điều 11 refuses, and the
    letters the rules on denunciations and letter handling set aside."""

    INTERNAL = "noi_bo", "Quyết định, hành vi nội bộ hoặc văn bản quy phạm pháp luật (Luật Khiếu nại, Điều 11)"
    NO_INTEREST = "khong_lien_quan", "Không liên quan trực tiếp đến quyền, lợi ích của người khiếu nại (Điều 11)"
    CAPACITY = "nang_luc", "Người khiếu nại không đủ năng lực hành vi, không có người đại diện (Điều 11)"
    REPRESENTATIVE = "dai_dien", "Người đại diện không hợp pháp (Luật Khiếu nại, Điều 11)"
    UNSIGNED = "khong_chu_ky", "Đơn không có chữ ký hoặc điểm chỉ (Luật Khiếu nại, Điều 11)"
    EXPIRED = "het_thoi_hieu", "Thời hiệu khiếu nại đã hết (Luật Khiếu nại, Điều 11)"
    SECOND_DECIDED = "da_giai_quyet_lan_hai", "Đã có quyết định giải quyết khiếu nại lần hai (Điều 11)"
    NOT_CONTINUED = "khong_tiep_tuc", "Quá 30 ngày từ thông báo đình chỉ mà không tiếp tục khiếu nại (Điều 11)"
    COURT = "toa_an", "Tòa án đã thụ lý hoặc đã có bản án, quyết định (Luật Khiếu nại, Điều 11)"
    ANONYMOUS = "nac_danh", "Đơn nặc danh, mạo danh (Luật Tố cáo 25/2018, Điều 25)"
    NO_NEW_FACTS = "khong_co_tinh_tiet_moi", "Đã được giải quyết, không có nội dung, tình tiết mới"
    ILLEGIBLE = "khong_doc_duoc", "Đơn bị rách, không đọc được nội dung"


class Handling(models.TextChoices):
    FILED = "luu_theo_doi", "Lưu đơn, theo dõi"
    FORWARDED = "chuyen_xu_ly", "Chuyển cơ quan có thẩm quyền"
    GUIDED = "huong_dan", "Hướng dẫn, giải thích, trả lời"
    STUDY = "dang_nghien_cuu", "Đang nghiên cứu"


class Relation(models.TextChoices):
    SELF = "ban_than", "Người gửi đơn"
    SPOUSE = "vo_chong", "Vợ hoặc chồng"
    PARENT = "cha_me", "Cha, mẹ (đẻ, nuôi)"
    CHILD = "con", "Con (đẻ, nuôi)"
    REPRESENTATIVE = "dai_dien", "Người đại diện"


class SessionKind(models.TextChoices):
    PERIODIC = "dinh_ky", "Tiếp định kỳ"
    REGULAR = "thuong_xuyen", "Tiếp thường xuyên"
    UNSCHEDULED = "dot_xuat", "Tiếp đột xuất"
    ONLINE = "truc_tuyen", "Tiếp trực tuyến"


class OnTheSpot(models.TextChoices):
    GUIDED = "huong_dan", "Hướng dẫn"
    EXPLAINED = "giai_thich", "Giải thích, trả lời"
    LETTER_RECEIVED = "nhan_don", "Tiếp nhận đơn"
    RECORDED = "ghi_nhan", "Ghi nhận ý kiến, chuyển xử lý"


class ReceptionSession(models.Model):
    """A reception of citizens (buổi tiếp công dân): who received, whom, about what, what was done then."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("ngày tiếp")
    kind = models.CharField("hình thức", max_length=14, choices=SessionKind.choices, default=SessionKind.PERIODIC)
    place = models.CharField("địa điểm", max_length=250, blank=True)
    receivers = models.ManyToManyField(Person, verbose_name="người tiếp", related_name="+", blank=True)
    citizens = models.PositiveIntegerField("số lượt người được tiếp", default=1)
    group = models.BooleanField("đoàn đông người", default=False)
    representative = models.CharField("người đại diện", max_length=250, blank=True)
    content = models.TextField("nội dung", max_length=10_000)
    documents = models.TextField("tài liệu công dân cung cấp", max_length=2_000, blank=True)
    on_the_spot = models.CharField(
        "kết quả tại buổi tiếp", max_length=12, choices=OnTheSpot.choices, default=OnTheSpot.RECORDED
    )
    conclusion = models.TextField("ý kiến kết luận của người chủ trì", max_length=10_000, blank=True)
    notice = models.ForeignKey(
        "documents.Document",
        verbose_name="thông báo kết luận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[receivers])

    class Meta:
        verbose_name = "buổi tiếp công dân"
        verbose_name_plural = "sổ tiếp công dân"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["council", "-held_on"], name="reception_session_council_day")]

    def __str__(self) -> str:
        return f"Tiếp công dân ngày {self.held_on:%d/%m/%Y}"


class Letter(models.Model):
    """A letter received (đơn thư), numbered in the council's register of the year."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số vào sổ")
    received_on = models.DateField("ngày nhận")
    channel = models.CharField("nguồn đơn", max_length=14, choices=Channel.choices, default=Channel.POST)
    reception = models.ForeignKey(
        ReceptionSession,
        verbose_name="buổi tiếp công dân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    origin_petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name="kiến nghị tại tiếp xúc cử tri",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forwarded_by = models.ForeignKey(
        Person, verbose_name="đại biểu chuyển đơn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_body = models.ForeignKey(
        Body, verbose_name="cơ quan chuyển đơn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Council,
        verbose_name="xã, phường nơi phát sinh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    anonymous = models.BooleanField("nặc danh", default=False)
    signed = models.BooleanField("có chữ ký hoặc điểm chỉ", default=True)
    people = models.PositiveIntegerField("số người đứng đơn", default=1)
    summary = models.TextField("tóm tắt nội dung đơn", max_length=10_000)
    scan = models.FileField("bản quét của đơn", upload_to="don-thu/%Y/", blank=True, max_length=250)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày nhập", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đơn thư"
        verbose_name_plural = "đơn thư"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "number"], name="reception_letter_number_unique"),
            CheckConstraint(condition=Q(people__gte=1), name="reception_letter_people_positive"),
        ]
        indexes = [models.Index(fields=["council", "-received_on"], name="reception_letter_council_day")]

    def __str__(self) -> str:
        return f"Đơn số {self.number}/{self.year}"

    @property
    def code(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def shown_cases(self) -> list["Case"]:
        """The contents a list shows: those its filter matched (`selectors.letter_list`), else all."""
        matched = getattr(self, "matched_cases", None)
        return matched if matched is not None else list(self.cases.all())


class Sender(models.Model):
    """A person named in a letter: a sender, or a relative of a denouncer (protected alike, Luật Tố cáo Điều 47).

    Kept apart from the cases: every read of these rows goes through `reception.access` and is logged."""

    letter = models.ForeignKey(Letter, verbose_name="đơn", on_delete=models.CASCADE, related_name="senders")
    relation = models.CharField("quan hệ", max_length=10, choices=Relation.choices, default=Relation.SELF)
    full_name = models.CharField("họ và tên", max_length=120)
    name_folded = models.CharField(max_length=120, editable=False, default="", db_index=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    id_number = models.CharField("số định danh cá nhân", max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "người gửi đơn"
        verbose_name_plural = "người gửi đơn"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name


class Case(models.Model):
    """One content of a letter (a letter with several contents is split, NĐ 154/2026 Điều 14(4))."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    letter = models.ForeignKey(Letter, verbose_name="đơn", on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveSmallIntegerField("thứ tự", default=1)
    category = models.CharField("loại đơn", max_length=16, choices=Category.choices)
    field = models.CharField("lĩnh vực", max_length=16, choices=Field.choices, default=Field.OTHER)
    summary = models.TextField("nội dung", max_length=10_000)
    summary_folded = models.TextField(editable=False, default="")
    protected = models.BooleanField(
        "giữ bí mật người tố cáo",
        default=False,
        help_text="Người tố cáo đề nghị giữ bí mật họ tên, địa chỉ, bút tích (Luật Tố cáo 25/2018, Điều 9, 47).",
    )
    eligible = models.BooleanField("đủ điều kiện xử lý", null=True, blank=True)
    ineligible_reason = models.CharField(
        "lý do không đủ điều kiện", max_length=24, choices=Ineligible.choices, blank=True
    )
    handling = models.CharField("kết quả xử lý đơn", max_length=16, choices=Handling.choices, blank=True)
    competent_body = models.ForeignKey(
        Body, verbose_name="cơ quan có thẩm quyền", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="trùng với đơn đã nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    forward_document = models.ForeignKey(
        "documents.Document",
        verbose_name="phiếu chuyển đơn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Forwarded, answered, accepted, overdue: the obligation's (one holder of progress). The case keeps what
    # the body answered (its text and document, written by the engine's callback) and when the citizen was told.
    obligation = models.OneToOneField(
        "followup.Obligation",
        verbose_name="việc theo dõi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_text = models.TextField("kết quả giải quyết cơ quan báo cáo", blank=True, max_length=20_000)
    answer_document = models.ForeignKey(
        "documents.Document",
        verbose_name="văn bản trả lời",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    citizen_told_on = models.DateField("ngày thông báo cho công dân", null=True, blank=True)
    # The council's supervision of how complaints are resolved: the round that looks at this case.
    supervision_round = models.ForeignKey(
        "supervision.Round",
        verbose_name="đợt giám sát",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reception_cases",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nội dung đơn"
        verbose_name_plural = "nội dung đơn"
        ordering = ["letter", "position"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "position"], name="reception_case_position_unique"),
            CheckConstraint(
                condition=~Q(eligible=False) | ~Q(ineligible_reason=""), name="reception_case_ineligible_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["council", "category"], name="reception_case_council_cat")]

    def __str__(self) -> str:
        return f"Đơn số {self.letter.code} — nội dung {self.position}"


class Classification(models.Model):
    """A case's classification from the day it takes effect (category, field, eligibility with its legal
    reason, handling and competent body): the statistics of a period read each case as its latest row
    effective by the period's last day (`selectors.classified_as_of`), so a letter reclassified in 2026
    leaves the figures of 2025 as they were. The case keeps its latest classification in its own columns
    for the screens; every row here is a change with its day, who recorded it and when.

    Not simple-history's rows: those are dated when the office typed a change, which is not when it took
    effect (a past register imported today, a study recorded days later), as with obligations' dates."""

    case = models.ForeignKey(
        Case, verbose_name="nội dung đơn", on_delete=models.CASCADE, related_name="classifications"
    )
    effective_on = models.DateField("ngày có hiệu lực")
    category = models.CharField("loại đơn", max_length=16, choices=Category.choices)
    field = models.CharField("lĩnh vực", max_length=16, choices=Field.choices, default=Field.OTHER)
    eligible = models.BooleanField("đủ điều kiện xử lý", null=True, blank=True)
    ineligible_reason = models.CharField(
        "lý do không đủ điều kiện", max_length=24, choices=Ineligible.choices, blank=True
    )
    handling = models.CharField("kết quả xử lý đơn", max_length=16, choices=Handling.choices, blank=True)
    competent_body = models.ForeignKey(
        Body, verbose_name="cơ quan có thẩm quyền", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField("lúc ghi", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phân loại nội dung đơn"
        verbose_name_plural = "lịch sử phân loại nội dung đơn"
        ordering = ["case", "effective_on", "id"]
        constraints = [
            CheckConstraint(
                condition=~Q(eligible=False) | ~Q(ineligible_reason=""),
                name="reception_classification_ineligible_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["case", "effective_on"], name="reception_class_case_day")]

    def __str__(self) -> str:
        return f"{self.case} — từ ngày {self.effective_on:%d/%m/%Y}"


class CaseGrant(models.Model):
    """A user allowed to see the protected identity of one case's letter, with who granted it and why."""

    case = models.ForeignKey(Case, verbose_name="nội dung đơn", on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người được giao", on_delete=models.CASCADE)
    reason = models.CharField("lý do", max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người giao",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField("lúc giao", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quyền xem thông tin người tố cáo"
        verbose_name_plural = "quyền xem thông tin người tố cáo"
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="reception_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.case}"


class RosterRule(models.TextChoices):
    DAY_OF_MONTH = "ngay_co_dinh", "Một ngày cố định trong tháng"
    WEEKDAY = "thu_trong_thang", "Một thứ của một tuần trong tháng"


class HolidayShift(models.TextChoices):
    NEXT = "sau", "Lùi sang ngày làm việc kế tiếp"
    PREVIOUS = "truoc", "Đưa lên ngày làm việc liền trước"


class Roster(models.Model):
    """The council's rule for its delegates' reception days (lịch tiếp công dân): which day of each month,
    who takes turns, where, the shift when the day is not a working day, and the least each receiver
    must take a year. Every figure is the council's own (its regulation), none is national."""

    council = models.OneToOneField(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    rule = models.CharField("cách xác định ngày", max_length=16, choices=RosterRule.choices)
    day = models.PositiveSmallIntegerField("ngày trong tháng", null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(
        "thứ",
        null=True,
        blank=True,
        choices=[(0, "Thứ Hai"), (1, "Thứ Ba"), (2, "Thứ Tư"), (3, "Thứ Năm"), (4, "Thứ Sáu")],
    )
    week = models.PositiveSmallIntegerField(
        "tuần thứ", null=True, blank=True, help_text="1 đến 4; 5 là tuần cuối của tháng"
    )
    shift = models.CharField(
        "khi trùng ngày nghỉ", max_length=6, choices=HolidayShift.choices, default=HolidayShift.NEXT
    )
    place = models.CharField("địa điểm tiếp", max_length=250)
    receivers = models.ManyToManyField(Person, verbose_name="người tiếp luân phiên", related_name="+")
    minimum_per_year = models.PositiveSmallIntegerField(
        "số lần tiếp tối thiểu mỗi người mỗi năm", null=True, blank=True
    )
    decision = models.CharField(
        "văn bản quy định", max_length=300, help_text="Ví dụ: Quy chế làm việc của HĐND, Điều 12"
    )
    history = HistoricalRecords(m2m_fields=[receivers])

    class Meta:
        verbose_name = "quy định lịch tiếp công dân"
        verbose_name_plural = "quy định lịch tiếp công dân"
        constraints = [
            CheckConstraint(condition=Q(day__isnull=True) | Q(day__gte=1, day__lte=28), name="reception_roster_day"),
            CheckConstraint(condition=Q(week__isnull=True) | Q(week__gte=1, week__lte=5), name="reception_roster_week"),
        ]

    def __str__(self) -> str:
        return f"Lịch tiếp công dân — {self.council}"


class Slot(models.Model):
    """One reception day of the schedule with the person on duty; a change keeps the first day and says why."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    day = models.DateField("ngày tiếp")
    person = models.ForeignKey(Person, verbose_name="người tiếp", on_delete=models.PROTECT, related_name="+")
    place = models.CharField("địa điểm", max_length=250)
    planned_day = models.DateField("ngày theo lịch ban đầu", null=True, blank=True)
    reason = models.CharField("lý do thay đổi", max_length=300, blank=True)
    published_on = models.DateField("ngày công bố", null=True, blank=True)
    # The receiver's report on the day, owed to the standing committee after it (an obligation).
    obligation = models.OneToOneField(
        "followup.Obligation",
        verbose_name="báo cáo kết quả tiếp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ngày tiếp công dân"
        verbose_name_plural = "lịch tiếp công dân"
        ordering = ["day", "id"]
        constraints = [models.UniqueConstraint(fields=["council", "day", "person"], name="reception_slot_unique")]
        indexes = [models.Index(fields=["council", "day"], name="reception_slot_council_day")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.person}"


class ReceptionTask(models.Model):
    """A task the notice of conclusions of a reception gives a body (NĐ 154/2026, Điều 25): it becomes the
    body's obligation when the notice is issued."""

    session = models.ForeignKey(
        ReceptionSession, verbose_name="buổi tiếp", on_delete=models.CASCADE, related_name="tasks"
    )
    body = models.ForeignKey(Body, verbose_name="cơ quan thực hiện", on_delete=models.PROTECT, related_name="+")
    text = models.TextField("nội dung giao", max_length=5_000)
    due_on = models.DateField("hạn thực hiện", null=True, blank=True)
    obligation = models.OneToOneField(
        "followup.Obligation",
        verbose_name="việc theo dõi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nhiệm vụ sau buổi tiếp công dân"
        verbose_name_plural = "nhiệm vụ sau buổi tiếp công dân"
        ordering = ["session", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class RefusalGround(models.TextChoices):
    """The grounds on which a repeat petitioner is refused in writing (Mẫu 01/TCD)."""

    RESOLVED = (
        "da_giai_quyet",
        "Vụ việc đã được giải quyết đúng chính sách, pháp luật, được kiểm tra, rà soát, thông báo bằng văn bản "
        "và đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài "
        "(Luật Tiếp công dân 42/2013/QH13, Điều 9 khoản 3)",
    )
    ANSWERED = (
        "da_tra_loi",
        "Kiến nghị, phản ánh đã được trả lời đúng quy định, không có thông tin, tình tiết mới "
        "(Nghị định 154/2026/NĐ-CP, Điều 4)",
    )


class RefusalNotice(models.Model):
    """The written refusal to receive a repeat petitioner (Thông báo từ chối tiếp công dân, Mẫu 01/TCD),
    owed within the council's `reception_refusal_notice_days` of the day its grounds were established
    (Nghị định 154/2026/NĐ-CP, Điều 4 khoản 3): an obligation that closes when the notice is issued."""

    letter = models.ForeignKey(Letter, verbose_name="đơn", on_delete=models.PROTECT, related_name="refusals")
    ground = models.CharField("căn cứ từ chối", max_length=16, choices=RefusalGround.choices)
    established_on = models.DateField("ngày xác định căn cứ từ chối")
    earlier = models.CharField("văn bản đã giải quyết, trả lời", max_length=300)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name="thông báo từ chối",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    obligation = models.OneToOneField(
        "followup.Obligation",
        verbose_name="việc gửi thông báo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thông báo từ chối tiếp công dân"
        verbose_name_plural = "thông báo từ chối tiếp công dân"
        ordering = ["-established_on", "-id"]

    def __str__(self) -> str:
        return f"Từ chối tiếp công dân — đơn số {self.letter.code}"


class ChaseLetter(models.Model):
    """A letter pressing a competent body for the cases forwarded to it and not reported in time (công văn
    đôn đốc, Luật Tiếp công dân Điều 22 khoản 3; Thông tư 05/2021/TT-TTCP Điều 14 khoản 2): one per body."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(Body, verbose_name="cơ quan được đôn đốc", on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey(
        "documents.Document",
        verbose_name="công văn đôn đốc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cases = models.ManyToManyField(Case, verbose_name="nội dung đơn quá hạn", related_name="chase_letters")
    made_on = models.DateField("ngày lập")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[cases])

    class Meta:
        verbose_name = "công văn đôn đốc"
        verbose_name_plural = "công văn đôn đốc"
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        return f"Đôn đốc {self.body} ngày {self.made_on:%d/%m/%Y}"


class SlotReminder(models.Model):
    """That a receiver was reminded of their reception day (once per day on duty, however often it runs)."""

    slot = models.OneToOneField(Slot, verbose_name="ngày tiếp", on_delete=models.CASCADE, related_name="reminder")
    sent_at = models.DateTimeField("thời điểm nhắc", auto_now_add=True)
    recipients = models.PositiveIntegerField("số người nhận", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lần nhắc lịch tiếp công dân"
        verbose_name_plural = "lần nhắc lịch tiếp công dân"

    def __str__(self) -> str:
        return f"Nhắc {self.slot}"
