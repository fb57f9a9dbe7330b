"""The annual self-evaluation report (báo cáo kiểm điểm tập thể) of a collective, seed 000."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from documents.models import Document
from hdnd.constraints import CheckConstraint
from registry.models import Body, Council


class Rating(models.TextChoices):
    """The self-rating of each criterion, as seed 000 prints it."""

    EXCELLENT = "xuat_sac", "Xuất sắc"
    GOOD = "tot", "Tốt"
    AVERAGE = "trung_binh", "Trung bình"
    POOR = "kem", "Kém"


class Classification(models.TextChoices):
    """The proposed classification (Quy định 366-QĐ/TW: ≥ 90, 70-89, 50-69, < 50 points)."""

    EXCELLENT = "hoan_thanh_xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "hoan_thanh_tot", "Hoàn thành tốt nhiệm vụ"
    DONE = "hoan_thanh", "Hoàn thành nhiệm vụ"
    NOT_DONE = "khong_hoan_thanh", "Không hoàn thành nhiệm vụ"


class ReportState(models.TextChoices):
    DRAFT = "du_thao", "Dự thảo"
    ISSUED = "ban_hanh", "Đã ban hành"


class AnnualReport(models.Model):
    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    collective = models.ForeignKey(Body, verbose_name="tập thể kiểm điểm", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    state = models.CharField("trạng thái", max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    texts = models.JSONField("nội dung các phần", default=dict, blank=True)
    ratings = models.JSONField("tự đánh giá theo tiêu chí", default=dict, blank=True)
    score_general = models.PositiveSmallIntegerField("điểm tiêu chí chung (tối đa 30)", null=True, blank=True)
    score_results = models.PositiveSmallIntegerField("điểm kết quả thực hiện (tối đa 70)", null=True, blank=True)
    classification = models.CharField("đề nghị xếp loại", max_length=24, choices=Classification.choices, blank=True)
    recipients = models.TextField("nơi nhận", blank=True, max_length=5_000)
    frozen_figures = models.JSONField("số liệu khi ban hành", null=True, blank=True)
    document = models.OneToOneField(
        Document, verbose_name="văn bản", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "báo cáo kiểm điểm tập thể"
        verbose_name_plural = "báo cáo kiểm điểm tập thể"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "collective", "year"],
                name="annual_report_once",
                violation_error_message="Tập thể đã có báo cáo kiểm điểm của năm này.",
            ),
            CheckConstraint(
                condition=models.Q(score_general__isnull=True) | models.Q(score_general__lte=30),
                name="annual_report_general_max",
                violation_error_message="Điểm tiêu chí chung tối đa 30.",
            ),
            CheckConstraint(
                condition=models.Q(score_results__isnull=True) | models.Q(score_results__lte=70),
                name="annual_report_results_max",
                violation_error_message="Điểm kết quả thực hiện tối đa 70.",
            ),
        ]

    def __str__(self) -> str:
        return f"Báo cáo kiểm điểm {self.collective.short_name} năm {self.year}"

    @property
    def score(self) -> int | None:
        if self.score_general is None or self.score_results is None:
            return None
        return self.score_general + self.score_results
