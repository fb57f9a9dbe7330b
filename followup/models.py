"""Tracked obligations: who owes what to the council, by when, in which state, with what evidence.

Overdue is never stored: it follows from the deadline, the state and the day (see `selectors.with_lateness`).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from followup.kinds import kind_label
from hdnd.constraints import CheckConstraint
from hdnd.dates import format_date
from hdnd.models import BackgroundExport
from registry.models import Body, Council, Person


class State(models.TextChoices):
    ASSIGNED = "da_giao", "Đã giao"
    IN_PROGRESS = "dang_thuc_hien", "Đang thực hiện"
    REPORTED_DONE = "da_bao_cao", "Đã báo cáo hoàn thành"
    RETURNED = "tra_lai", "Bị trả lại"
    ACCEPTED = "hoan_thanh", "Đã hoàn thành"
    CANCELLED = "da_huy", "Đã hủy"


# States in which the owner still has to act; a deadline passing in one of them makes the obligation overdue.
OPEN_STATES = (State.ASSIGNED, State.IN_PROGRESS, State.RETURNED)
CLOSED_STATES = (State.ACCEPTED, State.CANCELLED)


class Action(models.TextChoices):
    CREATE = "giao", "Giao việc"
    START = "tiep_nhan", "Tiếp nhận, bắt đầu thực hiện"
    PROGRESS = "bao_cao_tien_do", "Báo cáo tiến độ"
    DONE = "bao_cao_hoan_thanh", "Báo cáo hoàn thành"
    ACCEPT = "chap_nhan", "Chấp nhận kết quả"
    RETURN = "tra_lai", "Trả lại"
    CANCEL = "huy", "Hủy"
    EXTEND = "gia_han", "Gia hạn"
    RECOMPUTE = "tinh_lai_han", "Tính lại hạn theo lịch làm việc"
    # The workflow that set the deadline ended earlier (a consultation closed before its close date).
    BRING_FORWARD = "rut_ngan_han", "Rút ngắn hạn"


class Obligation(models.Model):
    """Something a body owes the council by a deadline, coming from a record of some workflow."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="obligations")
    owner = models.ForeignKey(
        Body, verbose_name="cơ quan thực hiện", on_delete=models.PROTECT, related_name="obligations"
    )
    owner_person = models.ForeignKey(
        Person,
        verbose_name="người chịu trách nhiệm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    title = models.CharField("nội dung phải thực hiện", max_length=500)
    description = models.TextField("mô tả", blank=True, max_length=10_000)
    kind = models.CharField("loại", max_length=40, db_index=True)
    source_type = models.ForeignKey(
        ContentType, verbose_name="loại hồ sơ nguồn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField("mã hồ sơ nguồn", null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField("nguồn", max_length=300, blank=True)
    source_date = models.DateField("ngày của nguồn")
    due_on = models.DateField("hạn xử lý", db_index=True)
    due_rule = models.CharField("quy định tính hạn", max_length=60, blank=True)
    # What the deadline was computed with, kept so a running deadline keeps its version of the rule and
    # the calendar can recompute it (a holiday added) with the same start, value and unit.
    due_citation = models.CharField("căn cứ tính hạn", max_length=300, blank=True)
    due_version_from = models.DateField("phiên bản quy định áp dụng từ", null=True, blank=True)
    due_version_to = models.DateField("phiên bản quy định áp dụng đến", null=True, blank=True)
    due_setting_decision = models.CharField("văn bản của Hội đồng quy định", max_length=300, blank=True)
    due_start = models.DateField("ngày bắt đầu tính hạn", null=True, blank=True)
    due_start_event = models.CharField("sự kiện bắt đầu tính hạn", max_length=200, blank=True)
    due_value = models.IntegerField("số ngày", null=True, blank=True)
    due_unit = models.CharField("đơn vị tính hạn", max_length=16, blank=True)
    due_before = models.BooleanField("tính lùi trước ngày bắt đầu", default=False)
    state = models.CharField("trạng thái", max_length=16, choices=State.choices, default=State.ASSIGNED)
    reported_on = models.DateField("ngày báo cáo hoàn thành", null=True, blank=True)
    closed_at = models.DateTimeField("thời điểm kết thúc", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người giao",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    title_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "việc cần theo dõi"
        verbose_name_plural = "việc cần theo dõi"
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["council", "state", "due_on"], name="obligation_council_state_due"),
            models.Index(fields=["source_type", "source_id"], name="obligation_source"),
        ]
        constraints = [
            CheckConstraint(
                condition=Q(due_on__gte=F("source_date")),
                name="obligation_due_after_source",
                violation_error_message="Hạn xử lý không thể trước ngày của nguồn.",
            ),
            CheckConstraint(
                condition=Q(state__in=State.values),
                name="obligation_state_valid",
                violation_error_message="Trạng thái không hợp lệ.",
            ),
            CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="obligation_source_complete",
                violation_error_message="Liên kết hồ sơ nguồn không đầy đủ.",
            ),
            CheckConstraint(
                condition=~Q(state__in=[State.REPORTED_DONE, State.ACCEPTED]) | Q(reported_on__isnull=False),
                name="obligation_done_has_date",
                violation_error_message="Việc đã báo cáo hoàn thành phải có ngày báo cáo.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_accepted(self) -> bool:
        """The office accepted the owner's report: the obligation is closed as done."""
        return self.state == State.ACCEPTED

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


class ObligationUpdate(models.Model):
    """One step of an obligation's timeline: who did what, from which state to which, with what evidence."""

    obligation = models.ForeignKey(
        Obligation, verbose_name="việc cần theo dõi", on_delete=models.CASCADE, related_name="updates"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    action = models.CharField("thao tác", max_length=24, choices=Action.choices)
    from_state = models.CharField("từ trạng thái", max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField("sang trạng thái", max_length=16, choices=State.choices)
    text = models.TextField("nội dung", blank=True, max_length=10_000)
    reply_type = models.ForeignKey(
        ContentType,
        verbose_name="loại văn bản trả lời",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_id = models.PositiveBigIntegerField("mã văn bản trả lời", null=True, blank=True)
    reply = GenericForeignKey("reply_type", "reply_id")
    reply_label = models.CharField("văn bản trả lời", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cập nhật tiến độ"
        verbose_name_plural = "cập nhật tiến độ"
        ordering = ["created_at", "pk"]
        constraints = [
            CheckConstraint(
                condition=Q(reply_type__isnull=True, reply_id__isnull=True)
                | Q(reply_type__isnull=False, reply_id__isnull=False),
                name="obligation_update_reply_complete",
                violation_error_message="Liên kết văn bản trả lời không đầy đủ.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({format_date(self.created_at)})"


class ObligationFile(models.Model):
    """A file attached to an update as evidence (reply scan, report, photos)."""

    update = models.ForeignKey(
        ObligationUpdate, verbose_name="cập nhật", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("tệp", upload_to="theo-doi/%Y/%m/")
    name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveBigIntegerField("dung lượng", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tệp minh chứng"
        verbose_name_plural = "tệp minh chứng"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Threshold(models.TextChoices):
    DUE_SOON = "sap_den_han", "Sắp đến hạn"
    OVERDUE = "qua_han", "Quá hạn"


class Reminder(models.Model):
    """The record that an obligation's owners were reminded at a threshold; at most one per threshold."""

    obligation = models.ForeignKey(
        Obligation, verbose_name="việc cần theo dõi", on_delete=models.CASCADE, related_name="reminders"
    )
    threshold = models.CharField("mốc nhắc", max_length=12, choices=Threshold.choices)
    sent_at = models.DateTimeField("thời điểm gửi", auto_now_add=True)
    recipients = models.PositiveIntegerField("số người nhận", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lần nhắc việc"
        verbose_name_plural = "lần nhắc việc"
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "threshold"],
                name="reminder_once_per_threshold",
                violation_error_message="Đã nhắc việc này ở mốc này.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_threshold_display()}: {self.obligation}"


class Notification(models.Model):
    """An in-app notice to one user: about an obligation's reminder, or (`services.notify`) about anything a
    workflow wants to point the user to, by its page's address — the engine knows no workflow's records."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhận", on_delete=models.CASCADE, related_name="followup_notices"
    )
    reminder = models.ForeignKey(
        Reminder,
        verbose_name="lần nhắc việc",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    message = models.CharField("nội dung", max_length=600)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reminder"],
                name="notification_once_per_user",
                violation_error_message="Người dùng đã nhận thông báo này.",
            ),
            CheckConstraint(
                condition=Q(reminder__isnull=False) | ~Q(url=""),
                name="notification_points_somewhere",
                violation_error_message="Thông báo phải gắn với một lần nhắc việc hoặc một đường dẫn.",
            ),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def link(self) -> str:
        """Where the notice takes its reader: its own address, else the reminded obligation's page."""
        if self.url:
            return self.url
        from django.urls import reverse

        return reverse("followup:obligation_detail", args=[self.reminder.obligation_id])


class FollowupExport(BackgroundExport):
    """A long export of the follow-up list run as a background task (hdnd.models.BackgroundExport)."""

    class Meta(BackgroundExport.Meta):
        verbose_name = "lượt xuất việc cần theo dõi"
        verbose_name_plural = "lượt xuất việc cần theo dõi"

    def __str__(self) -> str:
        return f"Xuất việc cần theo dõi {self.created_at:%d/%m/%Y %H:%M}"
