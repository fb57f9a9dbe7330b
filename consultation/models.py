"""Consultation on a draft resolution (lấy ý kiến dự thảo nghị quyết).

The office posts a draft, usually of a submission (tờ trình), for a period the council's setting bounds
(`consultation_min_days`). The draft's versions are kept, each split into its articles ("Điều N"); invited
bodies give opinions through their accounts and owe them by the close date (a follow-up obligation); the
public comments with a name and contact that stay private, moderated before anything is shown. The office
answers per article (tiếp thu / giải trình) and the synthesis report is generated from these records.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hdnd.constraints import CheckConstraint
from registry.models import Body, Council

WHOLE_DRAFT = 0  # an opinion or a response on the draft as a whole, not on one article


class Consultation(models.Model):
    """One draft put out for opinions, with its period. Not published: only the office sees it."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("tên dự thảo", max_length=500)
    summary = models.TextField("giới thiệu", max_length=5_000, blank=True)
    # The title and summary folded (no diacritics, lower case) for the portal's search; kept by the services.
    search_folded = models.TextField(editable=False, default="")
    submission = models.ForeignKey(
        "plenary.Submission",
        verbose_name="hồ sơ trình (tờ trình)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opens_on = models.DateField("ngày bắt đầu lấy ý kiến")
    closes_on = models.DateField("ngày kết thúc lấy ý kiến")
    published_on = models.DateField("ngày đăng tải", null=True, blank=True)
    closed_on = models.DateField("ngày kết thúc sớm hoặc khóa", null=True, blank=True)
    report = models.ForeignKey(
        "documents.Document",
        verbose_name="báo cáo tổng hợp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đợt lấy ý kiến dự thảo"
        verbose_name_plural = "lấy ý kiến dự thảo"
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["council", "-opens_on"], name="consultation_council_opens")]
        constraints = [
            CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="consultation_period_order",
                violation_error_message="Ngày kết thúc không thể trước ngày bắt đầu lấy ý kiến.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DraftVersion(models.Model):
    """A version of the draft's text, numbered from 1; kept, never changed once added."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="đợt lấy ý kiến", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("phiên bản")
    text = models.TextField("toàn văn", max_length=500_000)
    note = models.CharField("ghi chú thay đổi", max_length=500, blank=True)
    file_name = models.CharField("tệp nguồn", max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thêm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày thêm", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phiên bản dự thảo"
        verbose_name_plural = "phiên bản dự thảo"
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="consultation_version_unique"),
        ]

    def __str__(self) -> str:
        return f"Phiên bản {self.number}"

    @property
    def article_count(self) -> int:
        """How many articles ("Điều N") the version has; the preamble (number 0) is not one. Reads the
        prefetched articles."""
        return sum(1 for a in self.articles.all() if a.number)


class Article(models.Model):
    """One article ("Điều N") of a version; number 0 holds the text before the first article (the preamble)."""

    version = models.ForeignKey(
        DraftVersion, verbose_name="phiên bản", on_delete=models.CASCADE, related_name="articles"
    )
    number = models.PositiveSmallIntegerField("điều")
    heading = models.CharField("tiêu đề", max_length=500)
    text = models.TextField("nội dung", max_length=200_000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "điều của dự thảo"
        verbose_name_plural = "các điều của dự thảo"
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="consultation_article_unique")]

    def __str__(self) -> str:
        return self.heading


class Invitation(models.Model):
    """A body invited to give its opinion; what it owes is its follow-up obligation (due on the close date)."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="đợt lấy ý kiến", on_delete=models.CASCADE, related_name="invitations"
    )
    body = models.ForeignKey(Body, verbose_name="cơ quan được lấy ý kiến", on_delete=models.PROTECT, related_name="+")
    obligation = models.ForeignKey(
        "followup.Obligation",
        verbose_name="việc theo dõi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cơ quan được lấy ý kiến"
        verbose_name_plural = "cơ quan được lấy ý kiến"
        ordering = ["consultation", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "body"],
                name="consultation_invitation_unique",
                violation_error_message="Cơ quan này đã được mời góp ý.",
            )
        ]

    def __str__(self) -> str:
        return self.body.name


class Origin(models.TextChoices):
    BODY = "co_quan", "Cơ quan được lấy ý kiến"
    PUBLIC = "cong_chung", "Tổ chức, cá nhân (góp ý công khai)"


class Moderation(models.TextChoices):
    PENDING = "cho_duyet", "Chờ duyệt"
    APPROVED = "da_duyet", "Đã duyệt, được đăng"
    REJECTED = "tu_choi", "Không đăng"


class Opinion(models.Model):
    """An opinion on one article (or on the draft as a whole, article 0).

    A public commenter's name and contact are private: kept for the office's records, never shown on a
    page, in the API or in the report. A public comment is shown only once approved.
    """

    consultation = models.ForeignKey(
        Consultation, verbose_name="đợt lấy ý kiến", on_delete=models.CASCADE, related_name="opinions"
    )
    version = models.ForeignKey(
        DraftVersion, verbose_name="phiên bản góp ý", on_delete=models.PROTECT, related_name="+"
    )
    article = models.PositiveSmallIntegerField("điều", default=0)
    origin = models.CharField("nguồn", max_length=10, choices=Origin.choices)
    body = models.ForeignKey(
        Body, verbose_name="cơ quan góp ý", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản gửi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField("họ tên (không công khai)", max_length=200, blank=True)
    contact = models.CharField("liên hệ (không công khai)", max_length=200, blank=True)
    text = models.TextField("nội dung góp ý", max_length=10_000)
    status = models.CharField("kiểm duyệt", max_length=10, choices=Moderation.choices, default=Moderation.PENDING)
    reject_reason = models.CharField("lý do không đăng", max_length=500, blank=True)
    moderated_at = models.DateTimeField("ngày duyệt", null=True, blank=True)
    created_at = models.DateTimeField("ngày gửi", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "ý kiến góp ý"
        ordering = ["consultation", "article", "created_at", "pk"]
        indexes = [models.Index(fields=["consultation", "status"], name="consultation_opinion_status")]
        constraints = [
            CheckConstraint(
                condition=Q(origin="cong_chung", body__isnull=True) | Q(origin="co_quan", body__isnull=False),
                name="consultation_opinion_origin",
                violation_error_message="Ý kiến của cơ quan phải ghi cơ quan; góp ý công khai thì không.",
            ),
            CheckConstraint(
                condition=~Q(status="tu_choi") | ~Q(reject_reason=""),
                name="consultation_opinion_reject_reason",
                violation_error_message="Vui lòng ghi lý do không đăng ý kiến.",
            ),
        ]

    def __str__(self) -> str:
        return f"Ý kiến về {'toàn văn dự thảo' if self.article == WHOLE_DRAFT else f'Điều {self.article}'}"


class ResponseKind(models.TextChoices):
    ACCEPTED = "tiep_thu", "Tiếp thu"
    EXPLAINED = "giai_trinh", "Giải trình"


class Response(models.Model):
    """The office's answer to the opinions on one article: accepted (tiếp thu) or explained (giải trình)."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="đợt lấy ý kiến", on_delete=models.CASCADE, related_name="responses"
    )
    article = models.PositiveSmallIntegerField("điều", default=0)
    kind = models.CharField("hình thức", max_length=10, choices=ResponseKind.choices)
    text = models.TextField("nội dung tiếp thu, giải trình", max_length=10_000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tiếp thu, giải trình"
        verbose_name_plural = "tiếp thu, giải trình"
        ordering = ["consultation", "article"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "article"], name="consultation_response_unique"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
