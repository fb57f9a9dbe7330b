"""The standing committee's work: meetings and their conclusions, and written opinions.

A meeting (phiên họp Thường trực) is chaired by a member of the standing committee on that day, lists who
attended, what was heard and what was concluded; its notice of conclusions (thông báo kết luận, seed 001)
is a document of the register, and each task a conclusion assigns becomes an obligation of a body.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from documents.models import Document
from followup.models import Obligation, State
from hdnd.constraints import CheckConstraint
from hdnd.dates import format_date
from registry.models import Body, Council, Membership, Person


class Meeting(models.Model):
    """A meeting of the standing committee."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("ngày họp")
    starts_at = models.TimeField("giờ bắt đầu", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=250, help_text="Ví dụ: Phòng họp số 1 Thị ủy Đức Phổ")
    purpose = models.TextField(
        "mục đích",
        help_text="Viết tiếp sau “… tổ chức Phiên họp Thường trực HĐND để”, ví dụ: cho ý kiến thống nhất về "
        "Kế hoạch công tác của HĐND thị xã năm 2022",
        max_length=10_000,
    )
    chair = models.ForeignKey(Membership, verbose_name="người chủ trì", on_delete=models.PROTECT, related_name="+")
    other_attendees = models.CharField(
        "thành phần dự họp khác",
        max_length=500,
        blank=True,
        help_text="Ví dụ: Trưởng, Phó các Ban HĐND thị xã; đại diện lãnh đạo Văn phòng thị xã",
    )
    invited = models.TextField("cơ quan, cá nhân được mời", blank=True, max_length=5_000)
    heard = models.TextField(
        "nội dung đã nghe",
        blank=True,
        help_text="Viết tiếp sau “Sau khi nghe”, ví dụ: đồng chí Phó Chủ tịch HĐND thị xã báo cáo …; "
        "để trống thì lấy từ các nội dung của phiên họp.",
        max_length=10_000,
    )
    notice = models.ForeignKey(
        Document,
        verbose_name="thông báo kết luận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # The meeting's other documents, generated from the record (Nghị định 30/2020/NĐ-CP, Phụ lục III).
    invitation = models.ForeignKey(
        Document,
        verbose_name="giấy mời",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    programme = models.ForeignKey(
        Document,
        verbose_name="chương trình phiên họp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    minutes = models.ForeignKey(
        Document,
        verbose_name="biên bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    tasks_assigned_on = models.DateField("ngày giao nhiệm vụ", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    purpose_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phiên họp Thường trực"
        verbose_name_plural = "phiên họp Thường trực"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["council", "held_on"], name="meeting_council_day")]

    def __str__(self) -> str:
        return f"Phiên họp Thường trực ngày {format_date(self.held_on)}"


class Attendee(models.Model):
    """A person at (or excused from) a meeting; the chair is not listed again."""

    meeting = models.ForeignKey(Meeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="attendees")
    person = models.ForeignKey(Person, verbose_name="đồng chí", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("có mặt", default=True)
    absence_reason = models.CharField("lý do vắng mặt", max_length=250, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thành phần dự họp"
        verbose_name_plural = "thành phần dự họp"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendee_once",
                violation_error_message="Đồng chí này đã có trong thành phần phiên họp.",
            ),
            CheckConstraint(
                condition=Q(present=True) | ~Q(absence_reason=""),
                name="attendee_absent_has_reason",
                violation_error_message="Vui lòng nêu lý do vắng mặt.",
            ),
        ]

    def __str__(self) -> str:
        return self.person.full_name


class AgendaItem(models.Model):
    """One item the meeting heard and discussed."""

    meeting = models.ForeignKey(Meeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    content = models.TextField("nội dung", max_length=50_000)
    presenter = models.CharField(
        "cơ quan, người trình bày", max_length=250, blank=True, help_text="Ví dụ: đồng chí Phó Chủ tịch HĐND thị xã"
    )
    documents = models.ManyToManyField(Document, verbose_name="tài liệu kèm theo", blank=True, related_name="+")
    history = HistoricalRecords(m2m_fields=["documents"])

    class Meta:
        verbose_name = "nội dung phiên họp"
        verbose_name_plural = "nội dung phiên họp"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.content[:100]


class Section(models.Model):
    """A heading of the conclusions: "1. Đánh giá …" (no parent) or "a) Kết quả đạt được" (under one)."""

    meeting = models.ForeignKey(Meeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", verbose_name="thuộc mục", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField(
        "tiêu đề", max_length=500, help_text="Không ghi số thứ tự; hệ thống tự đánh 1., 2., a), b)"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mục kết luận"
        verbose_name_plural = "mục kết luận"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Paragraph(models.Model):
    """A paragraph of the conclusions; it assigns work when it names responsible bodies."""

    section = models.ForeignKey(Section, verbose_name="mục", on_delete=models.CASCADE, related_name="paragraphs")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = models.TextField("nội dung", max_length=10_000)
    due_on = models.DateField("hạn thực hiện", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đoạn kết luận"
        verbose_name_plural = "đoạn kết luận"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:100]


class Assignment(models.Model):
    """A body a conclusion gives work to; its obligation exists once the notice is issued."""

    paragraph = models.ForeignKey(
        Paragraph, verbose_name="đoạn kết luận", on_delete=models.CASCADE, related_name="assignments"
    )
    body = models.ForeignKey(Body, verbose_name="cơ quan thực hiện", on_delete=models.PROTECT, related_name="+")
    obligation = models.OneToOneField(
        Obligation, verbose_name="việc cần theo dõi", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "giao nhiệm vụ"
        verbose_name_plural = "giao nhiệm vụ"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "body"],
                name="assignment_once",
                violation_error_message="Cơ quan này đã được giao trong đoạn kết luận.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name}: {self.paragraph}"


class OpinionState(models.TextChoices):
    """What a request shows: never stored, read from its obligation (`OpinionRequest.state`)."""

    OPEN = "cho_y_kien", "Đang cho ý kiến"
    ANSWERED = "da_tra_loi", "Đã có văn bản trả lời"
    CANCELLED = "da_huy", "Đã hủy theo dõi"


# The obligation states (followup.models.State) in which the standing committee has answered.
ANSWERED_OBLIGATION_STATES = (State.REPORTED_DONE, State.ACCEPTED)


def opinion_state_q(state: str) -> Q:
    """The filter matching the requests that show `state`."""
    if state == OpinionState.ANSWERED:
        return Q(obligation__state__in=ANSWERED_OBLIGATION_STATES)
    if state == OpinionState.CANCELLED:
        return Q(obligation__state=State.CANCELLED)
    if state == OpinionState.OPEN:
        return ~Q(obligation__state__in=[*ANSWERED_OBLIGATION_STATES, State.CANCELLED]) | Q(obligation__isnull=True)
    return Q(pk__in=[])


class OpinionRequest(models.Model):
    """A request of the people's committee for the standing committee's written opinion (cho ý kiến bằng văn bản)."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    request_document = models.ForeignKey(
        Document, verbose_name="văn bản đề nghị", on_delete=models.PROTECT, related_name="+", editable=False
    )
    subject = models.CharField("nội dung xin ý kiến", max_length=500)
    received_on = models.DateField("ngày nhận")
    # Progress (open, answered, overdue) and the deadline (extended on the follow-up screens) are the
    # obligation's: the request keeps what was asked and its letter.
    obligation = models.OneToOneField(
        Obligation,
        verbose_name="việc cần theo dõi",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    reply = models.ForeignKey(
        Document,
        verbose_name="văn bản trả lời",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    subject_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đề nghị cho ý kiến"
        verbose_name_plural = "đề nghị cho ý kiến"
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"Xin ý kiến: {self.subject}"[:200]

    @property
    def due_on(self) -> datetime.date | None:
        """The deadline to answer, as its obligation holds it (extensions included; load it with select_related)."""
        return self.obligation.due_on if self.obligation_id else None

    @property
    def state(self) -> str:
        """Open, answered or cancelled, as its obligation says (load it with select_related)."""
        if self.obligation_id is None:
            return OpinionState.OPEN
        if self.obligation.state in ANSWERED_OBLIGATION_STATES:
            return OpinionState.ANSWERED
        if self.obligation.state == State.CANCELLED:
            return OpinionState.CANCELLED
        return OpinionState.OPEN

    def get_state_display(self) -> str:
        return OpinionState(self.state).label

    @property
    def answered_on(self) -> datetime.date | None:
        """The day the obligation was reported done (the letter's date when issued through the request)."""
        if self.state != OpinionState.ANSWERED:
            return None
        return self.obligation.reported_on


class Stance(models.TextChoices):
    AGREE = "dong_y", "Đồng ý"
    DISAGREE = "khong_dong_y", "Không đồng ý"
    OTHER = "y_kien_khac", "Ý kiến khác"


class MemberOpinion(models.Model):
    """One standing-committee member's opinion on a request."""

    request = models.ForeignKey(
        OpinionRequest, verbose_name="đề nghị", on_delete=models.CASCADE, related_name="opinions"
    )
    person = models.ForeignKey(Person, verbose_name="thành viên", on_delete=models.PROTECT, related_name="+")
    stance = models.CharField("ý kiến", max_length=12, choices=Stance.choices)
    text = models.TextField("nội dung ý kiến", blank=True, max_length=10_000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ý kiến thành viên"
        verbose_name_plural = "ý kiến thành viên"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"],
                name="opinion_once_per_member",
                violation_error_message="Thành viên này đã cho ý kiến về đề nghị.",
            ),
            CheckConstraint(
                condition=Q(stance="dong_y") | ~Q(text=""),
                name="opinion_other_has_text",
                violation_error_message="Vui lòng ghi nội dung ý kiến khi không đồng ý hoặc có ý kiến khác.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_stance_display()}"


class ConferenceKind(models.TextChoices):
    # Luật Tổ chức chính quyền địa phương 2015, Điều 104: the standing committee agrees the content of
    # sessions with the people's committee and the fatherland front (hội nghị liên tịch) and keeps in touch
    # with delegate groups and lower councils (hội nghị trực báo).
    JOINT = "lien_tich", "Hội nghị liên tịch"
    BRIEFING = "truc_bao", "Hội nghị trực báo"


class Conference(models.Model):
    """A joint or briefing conference the standing committee holds; its tasks are followed up like a meeting's."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("loại hội nghị", max_length=10, choices=ConferenceKind.choices)
    held_on = models.DateField("ngày tổ chức")
    place = models.CharField("địa điểm", max_length=250)
    subject = models.CharField(
        "nội dung",
        max_length=500,
        help_text="Viết tiếp sau “Hội nghị … để”, ví dụ: thống nhất nội dung, chương trình các kỳ họp năm 2024",
    )
    participants = models.ManyToManyField(Body, verbose_name="thành phần tham dự", related_name="+", blank=True)
    conclusions = models.TextField(
        "kết luận",
        blank=True,
        help_text="Mỗi dòng một ý; dòng bắt đầu bằng “# ” là tiêu đề mục.",
        max_length=50_000,
    )
    document = models.ForeignKey(
        Document,
        verbose_name="văn bản của hội nghị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    tasks_assigned_on = models.DateField("ngày giao nhiệm vụ", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    subject_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")
    history = HistoricalRecords(m2m_fields=["participants"])

    class Meta:
        verbose_name = "hội nghị"
        verbose_name_plural = "hội nghị"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["council", "held_on"], name="conference_council_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ngày {format_date(self.held_on)}: {self.subject}"[:300]


class ConferenceTask(models.Model):
    """Work a conference gives to a body; its obligation exists once the conference's document is issued."""

    conference = models.ForeignKey(Conference, verbose_name="hội nghị", on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = models.TextField("nhiệm vụ", max_length=10_000)
    body = models.ForeignKey(Body, verbose_name="cơ quan thực hiện", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("hạn thực hiện", null=True, blank=True)
    obligation = models.OneToOneField(
        Obligation, verbose_name="việc cần theo dõi", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nhiệm vụ của hội nghị"
        verbose_name_plural = "nhiệm vụ của hội nghị"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.body.short_name}: {self.text[:100]}"


class ProgrammeOwner(models.TextChoices):
    # Luật Tổ chức chính quyền địa phương 2015, Điều 104: the standing committee sets the council's annual
    # work programme and its own.
    COUNCIL = "hdnd", "Hội đồng nhân dân"
    STANDING = "thuong_truc", "Thường trực HĐND"


class WorkProgramme(models.Model):
    """The year's work programme (chương trình công tác năm) of the council or of its standing committee."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm", validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    owner = models.CharField("chương trình của", max_length=12, choices=ProgrammeOwner.choices)
    title = models.CharField("tên chương trình", max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chương trình công tác năm"
        verbose_name_plural = "chương trình công tác năm"
        ordering = ["-year", "owner"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "owner"],
                name="programme_once_a_year",
                violation_error_message="Năm này đã có chương trình công tác của cơ quan này.",
            )
        ]

    def __str__(self) -> str:
        return self.title


class WorkItem(models.Model):
    """A line of a programme: what, in which month, by whom; linked to the record that carried it out."""

    programme = models.ForeignKey(
        WorkProgramme, verbose_name="chương trình", on_delete=models.CASCADE, related_name="items"
    )
    month = models.PositiveSmallIntegerField("tháng", validators=[MinValueValidator(1), MaxValueValidator(12)])
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    content = models.TextField("nội dung công việc", max_length=10_000)
    body = models.ForeignKey(Body, verbose_name="cơ quan chủ trì", on_delete=models.PROTECT, related_name="+")
    # What carried it out: a standing meeting, a conference, a session (plenary), a supervision round; a generic
    # link so that this app imports none of those apps. Label and date are copied at linking for the lists.
    done_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    done_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    done = GenericForeignKey("done_type", "done_id")
    done_label = models.CharField("thực hiện bằng", max_length=300, blank=True, editable=False)
    done_on = models.DateField("ngày thực hiện", null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "công việc trong chương trình"
        verbose_name_plural = "công việc trong chương trình"
        ordering = ["month", "order", "pk"]
        constraints = [
            CheckConstraint(
                condition=Q(done_type__isnull=True, done_id__isnull=True)
                | Q(done_type__isnull=False, done_id__isnull=False),
                name="work_item_link_whole",
            )
        ]

    def __str__(self) -> str:
        return f"Tháng {self.month}: {self.content[:100]}"
