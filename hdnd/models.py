"""Shared plumbing records: the keys of one-shot form submissions already used, import uploads and mappings,
and the abstract background export of a list (petitions, follow-up)."""

from django.conf import settings
from django.db import models


class UsedSubmissionKey(models.Model):
    """A one-time key of a rendered form (an import preview...), recorded by the write it allowed.

    The unique key makes a second submission of the same form — a double click, two tabs — fail on the
    index inside its transaction instead of doing the work twice (see `hdnd.once`).
    """

    key = models.CharField("khóa gửi biểu mẫu", max_length=100, unique=True)
    used_at = models.DateTimeField("thời điểm dùng", auto_now_add=True)

    class Meta:
        verbose_name = "khóa gửi biểu mẫu đã dùng"
        verbose_name_plural = "khóa gửi biểu mẫu đã dùng"

    def __str__(self) -> str:
        return self.key


class ImportUpload(models.Model):
    """A sheet an office uploaded to import (hdnd.imports): kept as a file under MEDIA_ROOT, not in the
    session, and read again when the office confirms; the mapping is the one shown on the preview."""

    council = models.ForeignKey("registry.Council", verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="+")
    target = models.CharField("loại danh sách", max_length=40)
    owner_id = models.PositiveBigIntegerField("mã nơi nhập")  # the round, term or session imported into
    file = models.FileField("tệp", upload_to="nhap-tep/%Y/%m/", max_length=300)
    filename = models.CharField("tên tệp", max_length=255)
    mapping = models.JSONField("ghép cột", default=dict, blank=True)  # field key -> column index
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tải lên", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("lúc tải lên", auto_now_add=True)
    imported = models.PositiveIntegerField("số dòng đã nhập", null=True, blank=True)
    # How far the last reading of the file went (rows checked of rows in the file), written while the
    # preview reads it, so the page's progress bar shows a percentage.
    rows_checked = models.PositiveIntegerField("số dòng đã kiểm tra", default=0)
    rows_total = models.PositiveIntegerField("số dòng của tệp", default=0)

    class Meta:
        verbose_name = "tệp nhập"
        verbose_name_plural = "tệp nhập"

    def __str__(self) -> str:
        return self.filename


class ImportMapping(models.Model):
    """The council's last confirmed mapping of a target's fields to sheet headers, offered next time."""

    council = models.ForeignKey("registry.Council", verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="+")
    target = models.CharField("loại danh sách", max_length=40)
    headers = models.JSONField("ghép cột", default=dict)  # field key -> the sheet's header, as compared

    class Meta:
        verbose_name = "cách ghép cột đã dùng"
        verbose_name_plural = "cách ghép cột đã dùng"
        constraints = [models.UniqueConstraint(fields=["council", "target"], name="import_mapping_unique")]

    def __str__(self) -> str:
        return self.target


class ExportState(models.TextChoices):
    WAITING = "cho", "Đang chờ"
    RUNNING = "dang_chay", "Đang xuất"
    DONE = "xong", "Đã xong"
    FAILED = "loi", "Lỗi"


class BackgroundExport(models.Model):
    """A long export of a list run as a background task (shared by the petition and follow-up lists, see
    hdnd.exports): its filters (the list's query string), its progress (rows written of the total) and,
    when done, the file to download. Only its user, in its council, may see it."""

    council = models.ForeignKey("registry.Council", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    query = models.CharField("bộ lọc", max_length=2000, blank=True)
    state = models.CharField("trạng thái", max_length=10, choices=ExportState.choices, default=ExportState.WAITING)
    total = models.PositiveIntegerField("tổng số dòng", default=0)
    done = models.PositiveIntegerField("số dòng đã xuất", default=0)
    file = models.FileField("tệp", upload_to="exports/%Y/%m/", blank=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def running(self) -> bool:
        """Not written yet (waiting for the worker, or being written): its page keeps asking."""
        return self.state in (ExportState.WAITING, ExportState.RUNNING)

    @property
    def ready(self) -> bool:
        """Written and stored: the file may be downloaded."""
        return self.state == ExportState.DONE and bool(self.file)

    @property
    def failed(self) -> bool:
        return self.state == ExportState.FAILED

    @property
    def percent(self) -> int:
        if self.state == ExportState.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
