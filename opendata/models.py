"""The bulk exports of open data: one row per ZIP file written, per council or for the whole country."""

from django.db import models
from simple_history.models import HistoricalRecords

from registry.models import Council


def _export_path(instance: "BulkExport", filename: str) -> str:
    return f"du-lieu-mo/{instance.council_id or 'ca-nuoc'}/{filename}"


class BulkExport(models.Model):
    """A ZIP of the public records (CSV + JSON, README, CSVW metadata); `council` empty: the whole country."""

    council = models.ForeignKey(
        Council,
        verbose_name="Hội đồng",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Để trống: dữ liệu của mọi Hội đồng đang hoạt động.",
    )
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    file = models.FileField("tệp", upload_to=_export_path, max_length=300)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0)
    rows = models.JSONField("số bản ghi theo loại", default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bản xuất dữ liệu mở"
        verbose_name_plural = "bản xuất dữ liệu mở"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["council", "-created_at"], name="opendata_export_council_day")]

    def __str__(self) -> str:
        scope = str(self.council) if self.council_id else "Cả nước"
        return f"{scope} — {self.created_at:%d/%m/%Y %H:%M}"
