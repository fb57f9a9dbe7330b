"""Supervision (giám sát): programmes, rounds and surveys, recommendations, regular review of documents.

Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân 87/2015/QH13. Every legal deadline is computed
by `registry.calendar.compute` from a rule of `registry.rules` when the date it counts from is recorded.
A round's milestones are followed as obligations, which hold their due dates (with the basis "Vì sao hạn
này" shows) and their progress; programmes store theirs beside the dates they count from.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from documents.models import Document
from followup.models import Obligation, State
from hdnd.constraints import CheckConstraint
from hdnd.dates import format_date
from registry.models import Body, BodyKind, Council, Delegate

# Who conducts a round: the standing committee, a committee, a delegate group (Luật 87/2015/QH13, Điều 5).
CONDUCTING_KINDS = (BodyKind.STANDING_COMMITTEE, BodyKind.COMMITTEE, BodyKind.DELEGATE_GROUP)


class RoundKind(models.TextChoices):
    SUPERVISION = "giam_sat", "Giám sát chuyên đề"
    SURVEY = "khao_sat", "Khảo sát"


class ProgrammeKind(models.TextChoices):
    COUNCIL = "hdnd", "Chương trình giám sát năm của HĐND"
    STANDING = "thuong_truc", "Chương trình giám sát của Thường trực HĐND"
    COMMITTEE = "ban", "Kế hoạch giám sát của Ban"


class Programme(models.Model):
    """A year's supervision programme of the council, of the standing committee, or a committee's plan.

    The session dates come as fields (the sessions may not be recorded in plenary/ yet). The draft, the
    adoption and (for the council's programme) the results report are the standing committee's obligations
    (ProgrammeMilestone), which hold their due dates; the proposals' day is computed once from the date-type
    rule and stored with its basis (the version it was computed with is kept, as an obligation keeps its).
    """

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("loại", max_length=12, choices=ProgrammeKind.choices)
    year = models.PositiveSmallIntegerField("năm giám sát")
    body = models.ForeignKey(
        Body,
        verbose_name="cơ quan giám sát",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="HĐND: Thường trực HĐND (cơ quan tổng hợp); Ban: Ban lập kế hoạch.",
    )
    title = models.CharField("tên chương trình", max_length=300)
    session_on = models.DateField(
        "ngày kỳ họp liên quan",
        null=True,
        blank=True,
        help_text="HĐND: ngày khai mạc kỳ họp giữa năm của năm trước; Thường trực: ngày bế mạc kỳ họp cuối năm "
        "của năm trước.",
    )
    results_session_on = models.DateField(
        "ngày kỳ họp báo cáo kết quả",
        null=True,
        blank=True,
        help_text="HĐND: kỳ họp giữa năm của năm sau năm giám sát.",
    )
    # A date-type rule ("proposals by 01/03 of the year before"): no body owes it alone (committees, delegate
    # groups, delegates, the Fatherland Front may propose), so it is a computed date with its basis kept.
    proposals_due_on = models.DateField("hạn gửi đề xuất", null=True, blank=True, editable=False)
    proposals_basis = models.JSONField("căn cứ hạn gửi đề xuất", default=dict, blank=True, editable=False)
    draft_sent_on = models.DateField("ngày gửi dự kiến chương trình", null=True, blank=True)
    adopted_on = models.DateField("ngày thông qua", null=True, blank=True)
    resolution = models.ForeignKey(
        Document,
        verbose_name="nghị quyết, văn bản thông qua",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    results_reported_on = models.DateField("ngày báo cáo kết quả", null=True, blank=True)
    published = models.BooleanField("đã công khai", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chương trình giám sát"
        verbose_name_plural = "chương trình giám sát"
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "year", "body"],
                name="programme_once_per_year",
                violation_error_message="Đã có chương trình giám sát này cho năm này.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def milestone_obligation(self, key: str) -> Obligation | None:
        """The current obligation of a milestone (the last one of its key), from the prefetched
        `milestone_obligations` (with their obligation: see supervision.selectors.PROGRAMME_MILESTONE_PREFETCH)."""
        links = [link for link in self.milestone_obligations.all() if link.key == key]
        return max(links, key=lambda link: link.pk).obligation if links else None

    def _due(self, key: str) -> datetime.date | None:
        obligation = self.milestone_obligation(key)
        return obligation.due_on if obligation is not None and obligation.state != State.CANCELLED else None

    @property
    def draft_due_on(self) -> datetime.date | None:
        return self._due(ProgrammeMilestoneKey.DRAFT)

    @property
    def adopt_due_on(self) -> datetime.date | None:
        return self._due(ProgrammeMilestoneKey.ADOPT)

    @property
    def results_due_on(self) -> datetime.date | None:
        return self._due(ProgrammeMilestoneKey.RESULTS)

    @property
    def adopt_obligation(self) -> Obligation | None:
        return self.milestone_obligation(ProgrammeMilestoneKey.ADOPT)


class ProgrammeMilestoneKey(models.TextChoices):
    DRAFT = "draft", "Gửi dự kiến chương trình đến đại biểu"
    ADOPT = "adopt", "Thông qua chương trình"
    RESULTS = "results", "Báo cáo kết quả thực hiện chương trình"


class ProgrammeMilestone(models.Model):
    """A programme's legal milestone owed by the standing committee (send the draft; have it adopted; report its
    results), followed as an obligation. A milestone whose due date moves gets a new obligation (the old one extended or
    cancelled): the rows of one key are its history, the last one is current."""

    programme = models.ForeignKey(
        Programme, verbose_name="chương trình", on_delete=models.CASCADE, related_name="milestone_obligations"
    )
    key = models.CharField("mốc", max_length=10, choices=ProgrammeMilestoneKey.choices)
    obligation = models.OneToOneField(
        Obligation, verbose_name="theo dõi", on_delete=models.PROTECT, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mốc thời hạn của chương trình giám sát"
        verbose_name_plural = "mốc thời hạn của chương trình giám sát"
        ordering = ["programme", "key", "pk"]

    def __str__(self) -> str:
        return f"{self.get_key_display()} — {self.programme}"


class ProgrammeItem(models.Model):
    """One planned supervision of a programme: its subject, conducting body and period."""

    programme = models.ForeignKey(
        Programme, verbose_name="chương trình", on_delete=models.CASCADE, related_name="items"
    )
    subject = models.CharField("nội dung giám sát", max_length=500)
    body = models.ForeignKey(Body, verbose_name="cơ quan tiến hành", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("hình thức", max_length=12, choices=RoundKind.choices, default=RoundKind.SUPERVISION)
    planned_from = models.DateField("dự kiến từ ngày", null=True, blank=True)
    planned_to = models.DateField("dự kiến đến ngày", null=True, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nội dung chương trình giám sát"
        verbose_name_plural = "nội dung chương trình giám sát"
        ordering = ["order", "pk"]
        constraints = [
            CheckConstraint(
                condition=Q(planned_to__isnull=True)
                | Q(planned_from__isnull=True)
                | Q(planned_to__gte=F("planned_from")),
                name="programme_item_period",
                violation_error_message="Thời gian dự kiến kết thúc không thể trước thời gian bắt đầu.",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class MilestoneKey(models.TextChoices):
    CONTENT = "content", "Gửi nội dung, đề cương báo cáo cho đối tượng giám sát"
    SCHEDULE = "schedule", "Gửi kế hoạch, thành phần đoàn"
    REPORT = "report", "Báo cáo kết quả giám sát"
    CONSIDER = "consider", "Thường trực HĐND xem xét báo cáo"


class Round(models.Model):
    """A thematic supervision round or a survey (đợt giám sát chuyên đề, đợt khảo sát)."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("hình thức", max_length=12, choices=RoundKind.choices, default=RoundKind.SUPERVISION)
    body = models.ForeignKey(Body, verbose_name="cơ quan tiến hành", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(
        "nội dung giám sát",
        max_length=500,
        help_text="Viết tiếp sau “về”, ví dụ: công tác quản lý trật tự đô thị",
    )
    supervised = models.ManyToManyField(Body, verbose_name="đối tượng giám sát", related_name="+")
    supervised_label = models.CharField(
        "cách gọi đối tượng giám sát",
        max_length=300,
        blank=True,
        help_text="Ví dụ: UBND các phường Phổ Quang và Phổ Thạnh; để trống thì ghi tên ngắn các cơ quan.",
    )
    item = models.ForeignKey(
        ProgrammeItem,
        verbose_name="thực hiện nội dung chương trình",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds",
    )
    set_up_on = models.DateField("ngày quyết định thành lập đoàn")
    decision = models.ForeignKey(
        Document,
        verbose_name="quyết định thành lập đoàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    plan = models.TextField("kế hoạch", blank=True, max_length=50_000)
    starts_on = models.DateField("bắt đầu", null=True, blank=True)
    ends_on = models.DateField("kết thúc", null=True, blank=True)
    content_sent_on = models.DateField("ngày gửi nội dung, đề cương báo cáo", null=True, blank=True)
    schedule_sent_on = models.DateField("ngày gửi kế hoạch, thành phần đoàn", null=True, blank=True)
    report = models.ForeignKey(
        Document,
        verbose_name="báo cáo kết quả giám sát",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report_on = models.DateField("ngày báo cáo kết quả", null=True, blank=True)
    considered_on = models.DateField("ngày Thường trực xem xét báo cáo", null=True, blank=True)
    conclusions = models.TextField("kết luận", blank=True, max_length=50_000)
    # The milestones' due dates and progress are their obligations' (MilestoneObligation): the round keeps
    # the days it recorded itself (content sent, schedule sent, report, consideration).
    published = models.BooleanField("đã công khai", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    subject_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")
    history = HistoricalRecords(m2m_fields=["supervised"])

    class Meta:
        verbose_name = "đợt giám sát"
        verbose_name_plural = "đợt giám sát"
        ordering = ["-set_up_on", "-pk"]
        indexes = [models.Index(fields=["council", "set_up_on"], name="round_council_day")]
        constraints = [
            CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="round_ends_after_start",
                violation_error_message="Ngày kết thúc không thể trước ngày bắt đầu.",
            ),
            CheckConstraint(
                condition=Q(report_on__isnull=True) | Q(ends_on__isnull=False, report_on__gte=F("ends_on")),
                name="round_report_after_end",
                violation_error_message="Báo cáo kết quả không thể trước ngày kết thúc đợt giám sát.",
            ),
        ]

    def __str__(self) -> str:
        word = "Khảo sát" if self.kind == RoundKind.SURVEY else "Giám sát"
        return f"{word} về {self.subject}"

    def milestone_obligation(self, key: str) -> Obligation | None:
        """The current obligation of a milestone (the last one of its key), from the prefetched
        `milestone_obligations` (with their obligation: see supervision.selectors.MILESTONE_PREFETCH)."""
        links = [link for link in self.milestone_obligations.all() if link.key == key]
        return max(links, key=lambda link: link.pk).obligation if links else None

    def _due(self, key: str) -> datetime.date | None:
        obligation = self.milestone_obligation(key)
        return obligation.due_on if obligation is not None and obligation.state != State.CANCELLED else None

    @property
    def content_due_on(self) -> datetime.date | None:
        return self._due(MilestoneKey.CONTENT)

    @property
    def schedule_due_on(self) -> datetime.date | None:
        return self._due(MilestoneKey.SCHEDULE)

    @property
    def report_due_on(self) -> datetime.date | None:
        return self._due(MilestoneKey.REPORT)

    @property
    def consider_due_on(self) -> datetime.date | None:
        return self._due(MilestoneKey.CONSIDER)


class RoundMember(models.Model):
    """A delegate of the council in the delegation."""

    round = models.ForeignKey(Round, verbose_name="đợt giám sát", on_delete=models.CASCADE, related_name="members")
    delegate = models.ForeignKey(Delegate, verbose_name="đại biểu", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("nhiệm vụ trong đoàn", max_length=60, default="Thành viên")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thành viên đoàn"
        verbose_name_plural = "thành viên đoàn"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "delegate"],
                name="round_member_once",
                violation_error_message="Đại biểu này đã có trong đoàn.",
            ),
        ]

    def __str__(self) -> str:
        return self.delegate.person.full_name


class WorkingSession(models.Model):
    """A day the delegation works with a supervised body."""

    round = models.ForeignKey(Round, verbose_name="đợt giám sát", on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("ngày làm việc")
    place = models.CharField("địa điểm", max_length=250)
    body = models.ForeignKey(Body, verbose_name="làm việc với", on_delete=models.PROTECT, related_name="+")
    notes = models.TextField("ghi chú", blank=True, max_length=10_000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "buổi làm việc"
        verbose_name_plural = "buổi làm việc"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Làm việc với {self.body} ngày {format_date(self.held_on)}"


class BodyReport(models.Model):
    """The report a supervised body owes the delegation, followed as an obligation of that body."""

    round = models.ForeignKey(Round, verbose_name="đợt giám sát", on_delete=models.CASCADE, related_name="body_reports")
    body = models.ForeignKey(Body, verbose_name="đối tượng giám sát", on_delete=models.PROTECT, related_name="+")
    obligation = models.OneToOneField(
        Obligation, verbose_name="theo dõi", on_delete=models.PROTECT, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "báo cáo của đối tượng giám sát"
        verbose_name_plural = "báo cáo của đối tượng giám sát"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "body"],
                name="body_report_once",
                violation_error_message="Đã yêu cầu cơ quan này báo cáo trong đợt giám sát.",
            ),
        ]

    def __str__(self) -> str:
        return f"Báo cáo của {self.body}"


class Recommendation(models.Model):
    """A recommendation after supervision (kiến nghị sau giám sát), followed as an obligation of its addressee."""

    round = models.ForeignKey(
        Round, verbose_name="đợt giám sát", on_delete=models.PROTECT, related_name="recommendations"
    )
    body = models.ForeignKey(Body, verbose_name="cơ quan được kiến nghị", on_delete=models.PROTECT, related_name="+")
    text = models.TextField("nội dung kiến nghị", max_length=10_000)
    made_on = models.DateField("ngày kiến nghị")
    obligation = models.OneToOneField(
        Obligation, verbose_name="theo dõi", on_delete=models.PROTECT, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kiến nghị sau giám sát"
        verbose_name_plural = "kiến nghị sau giám sát"
        ordering = ["made_on", "pk"]

    def __str__(self) -> str:
        return self.text[:120]


class MilestoneObligation(models.Model):
    """A round's pending legal milestone followed as an obligation, so reminders and the overdue list show it.

    A milestone whose due date moves gets a new obligation (the old one extended or cancelled): the rows of one
    key are its history, the last one is current.
    """

    round = models.ForeignKey(
        Round, verbose_name="đợt giám sát", on_delete=models.CASCADE, related_name="milestone_obligations"
    )
    key = models.CharField("mốc", max_length=10, choices=MilestoneKey.choices)
    obligation = models.OneToOneField(
        Obligation, verbose_name="theo dõi", on_delete=models.PROTECT, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mốc thời hạn được theo dõi"
        verbose_name_plural = "mốc thời hạn được theo dõi"
        ordering = ["round", "key", "pk"]

    def __str__(self) -> str:
        return f"{self.get_key_display()} — {self.round}"


class ReviewOutcome(models.TextChoices):
    PENDING = "chua_xem_xet", "Chưa xem xét"
    LAWFUL = "phu_hop", "Phù hợp, không có dấu hiệu trái pháp luật"
    UNLAWFUL = "trai_phap_luat", "Có dấu hiệu trái pháp luật, đã yêu cầu xử lý"


class Review(models.Model):
    """Regular supervision of a document received (a UBND decision, a commune council's resolution)."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    document = models.OneToOneField(
        Document, verbose_name="văn bản được giám sát", on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField("kết quả xem xét", max_length=16, choices=ReviewOutcome.choices, default="chua_xem_xet")
    notes = models.TextField("nhận xét", blank=True, max_length=10_000)
    reviewed_on = models.DateField("ngày xem xét", null=True, blank=True)
    obligation = models.OneToOneField(
        Obligation,
        verbose_name="theo dõi trả lời",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "văn bản giám sát thường xuyên"
        verbose_name_plural = "văn bản giám sát thường xuyên"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Giám sát văn bản: {self.document}"


class RecommendationReportRecord(models.Model):
    """The making of a report on the state of recommendations (as of `on`) for a session: the source of its
    document in the register, so the document's page links back to the report screen of that year."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    on = models.DateField("tính đến ngày")
    document = models.OneToOneField(
        Document,
        verbose_name="văn bản báo cáo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "báo cáo thực hiện kiến nghị sau giám sát"
        verbose_name_plural = "báo cáo thực hiện kiến nghị sau giám sát"
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return f"Kết quả thực hiện kiến nghị sau giám sát năm {self.year} (tính đến {format_date(self.on)})"
