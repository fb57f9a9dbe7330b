"""Shared plumbing records: the keys of one-shot form submissions already used."""

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
