"""Council sessions: preparation (submissions, verification), documents to delegates, questioning, votes,
resolutions.

A session belongs to a term of a council; everything else hangs under a session, so its council is the
session's.
"""

import datetime

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from simple_history.models import HistoricalRecords

from documents.models import Document
from hdnd.constraints import CheckConstraint
from hdnd.dates import format_date
from registry.models import Body, Council, Delegate, Person, Term


class SessionKind(models.TextChoices):
    REGULAR_MID = "giua_nam", "Thường lệ giữa năm"
    REGULAR_END = "cuoi_nam", "Thường lệ cuối năm"
    THEMATIC = "chuyen_de", "Chuyên đề"
    EXTRAORDINARY = "bat_thuong", "Bất thường"


REGULAR_KINDS = {SessionKind.REGULAR_MID, SessionKind.REGULAR_END}


class Requester(models.TextChoices):
    # Luật Tổ chức chính quyền địa phương: a thematic or urgent session is held at the request of the
    # standing committee, the chair of the UBND, or at least one third of all delegates.
    NONE = "", "—"
    STANDING = "thuong_truc", "Thường trực HĐND"
    UBND_CHAIR = "chu_tich_ubnd", "Chủ tịch UBND"
    DELEGATES = "dai_bieu", "Ít nhất một phần ba tổng số đại biểu"


class SessionState(models.TextChoices):
    PLANNED = "du_kien", "Dự kiến"
    CONVENED = "trieu_tap", "Đã triệu tập"
    OPEN = "dang_hop", "Đang họp"
    CLOSED = "be_mac", "Đã bế mạc"


class Session(models.Model):
    """A session (kỳ họp) of a council, numbered within its term ("Kỳ họp thứ 21")."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="sessions")
    term = models.ForeignKey(Term, verbose_name="nhiệm kỳ", on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField("kỳ họp thứ")
    kind = models.CharField("loại kỳ họp", max_length=12, choices=SessionKind.choices)
    requested_by = models.CharField(
        "theo yêu cầu của", max_length=16, choices=Requester.choices, blank=True, default=Requester.NONE
    )
    requesting_delegates = models.PositiveSmallIntegerField("số đại biểu yêu cầu", null=True, blank=True)
    created_on = models.DateField("ngày lập kỳ họp", help_text="Ngày bắt đầu chuẩn bị kỳ họp.")
    opens_on = models.DateField("ngày khai mạc dự kiến")
    closes_on = models.DateField("ngày bế mạc dự kiến")
    opened_on = models.DateField("ngày khai mạc thực tế", null=True, blank=True)
    closed_on = models.DateField("ngày bế mạc thực tế", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=250, blank=True)
    state = models.CharField("trạng thái", max_length=12, choices=SessionState.choices, default=SessionState.PLANNED)
    convening_document = models.ForeignKey(
        Document,
        verbose_name="quyết định triệu tập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_document = models.ForeignKey(
        Document,
        verbose_name="biên bản kỳ họp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kỳ họp"
        verbose_name_plural = "kỳ họp"
        ordering = ["-opens_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "number"],
                name="plenary_session_unique_number",
                violation_error_message="Nhiệm kỳ đã có kỳ họp với số thứ tự này.",
            ),
            CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="plenary_session_closes_after_opening",
                violation_error_message="Ngày bế mạc không thể trước ngày khai mạc.",
            ),
            CheckConstraint(
                condition=Q(opens_on__gte=models.F("created_on")),
                name="plenary_session_opens_after_creation",
                violation_error_message="Ngày khai mạc không thể trước ngày lập kỳ họp.",
            ),
        ]

    def __str__(self) -> str:
        return f"Kỳ họp thứ {self.number}"

    @property
    def opening(self) -> datetime.date:
        return self.opened_on or self.opens_on


class ItemKind(models.TextChoices):
    REPORT = "bao_cao", "Báo cáo"
    SUBMISSION = "to_trinh", "Tờ trình, dự thảo nghị quyết"
    DISCUSSION = "thao_luan", "Thảo luận"
    QUESTIONING = "chat_van", "Chất vấn"
    VOTE = "bieu_quyet", "Biểu quyết"
    CLOSING = "be_mac", "Bế mạc"


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, verbose_name="kỳ họp", on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField("thứ tự")
    kind = models.CharField("loại nội dung", max_length=12, choices=ItemKind.choices)
    title = models.CharField("nội dung", max_length=500)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nội dung chương trình"
        verbose_name_plural = "chương trình kỳ họp"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class SubmissionKind(models.TextChoices):
    DRAFT_RESOLUTION = "to_trinh", "Tờ trình và dự thảo nghị quyết"
    REPORT = "bao_cao", "Báo cáo"
    SCHEME = "de_an", "Đề án"


# What a complete file of each kind holds (Luật Ban hành văn bản quy phạm pháp luật; Quy chế làm việc).
CHECKLISTS: dict[str, list[tuple[str, str]]] = {
    SubmissionKind.DRAFT_RESOLUTION: [
        ("to_trinh", "Tờ trình"),
        ("du_thao", "Dự thảo nghị quyết"),
        ("tong_hop_y_kien", "Báo cáo tổng hợp, giải trình, tiếp thu ý kiến góp ý (nếu là văn bản quy phạm)"),
        ("tham_dinh", "Báo cáo thẩm định của cơ quan tư pháp (nếu là văn bản quy phạm)"),
        ("tai_lieu_lien_quan", "Tài liệu liên quan (nếu có)"),
    ],
    SubmissionKind.REPORT: [
        ("bao_cao", "Báo cáo"),
        ("phu_luc", "Phụ lục số liệu"),
    ],
    SubmissionKind.SCHEME: [
        ("to_trinh", "Tờ trình"),
        ("de_an", "Đề án"),
        ("du_thao", "Dự thảo nghị quyết thông qua đề án"),
        ("tai_lieu_lien_quan", "Tài liệu liên quan (nếu có)"),
    ],
}
# Parts only a normative resolution's file needs: consulting on the draft and the justice body's appraisal are
# steps of making a normative text (Luật Ban hành văn bản quy phạm pháp luật 64/2025/QH15); an election, a
# personnel matter or any other resolution that is not normative needs neither, and is not flagged for them.
NORMATIVE_PARTS = frozenset({"tong_hop_y_kien", "tham_dinh"})
# Parts a file holds only when there are any ("tài liệu liên quan, nếu có"): never missing.
OPTIONAL_PARTS = frozenset({"tai_lieu_lien_quan"})


def required_parts(kind: str, normative: bool) -> list[tuple[str, str]]:
    """The parts (code, label) a complete file of `kind` must hold; a file that is not normative needs no
    appraisal nor summary of comments."""
    return [
        (code, label)
        for code, label in CHECKLISTS.get(kind, [])
        if code not in OPTIONAL_PARTS and (normative or code not in NORMATIVE_PARTS)
    ]


class SubmissionState(models.TextChoices):
    """What a submission shows: never stored, read from its follow-up obligation (`submission_state_of`)."""

    EXPECTED = "cho_nop", "Chờ nộp"
    RECEIVED = "da_nhan", "Đã nhận"
    RETURNED = "tra_lai", "Trả lại để hoàn thiện"
    CANCELLED = "da_huy", "Không còn phải nộp"


# The follow-up states (followup.models.State values) as a submission reads them: the agency owes the file
# while its obligation is open; reported done (by the office's receipt, or the agency on /theo-doi/) or
# accepted, it has arrived; returned, it is back with the agency; cancelled, nothing is owed any more.
_RECEIVED_OBLIGATION = ("da_bao_cao", "hoan_thanh")


def submission_state_of(obligation_state: str | None) -> str:
    if obligation_state in _RECEIVED_OBLIGATION:
        return SubmissionState.RECEIVED
    if obligation_state == "tra_lai":
        return SubmissionState.RETURNED
    if obligation_state == "da_huy":
        return SubmissionState.CANCELLED
    return SubmissionState.EXPECTED


def obligation_columns(**columns: str) -> dict[str, Subquery]:
    """`obligation_<name>` annotations reading fields of the row's obligation (by `obligation_id`): one
    subquery each, no extra query."""
    from followup.models import Obligation

    obligation = Obligation.objects.filter(pk=OuterRef("obligation_id"))
    return {f"obligation_{name}": Subquery(obligation.values(field)[:1]) for name, field in columns.items()}


class SubmissionManager(models.Manager):
    """Every submission read comes with its obligation's deadline, state and report day (subqueries of the
    same row, no extra query), so lists and pages show them from the one place that holds them."""

    def get_queryset(self) -> models.QuerySet:
        return (
            super()
            .get_queryset()
            .annotate(**obligation_columns(due_on="due_on", state="state", reported_on="reported_on"))
        )


class VoteRule(models.TextChoices):
    ORDINARY = "thong_thuong", "Quá nửa tổng số đại biểu"
    DISMISSAL = "bai_nhiem", "Ít nhất hai phần ba tổng số đại biểu (bãi nhiệm)"


class Submission(models.Model):
    """A file an agency submits to a session (hồ sơ trình): due before the opening, checked for completeness."""

    session = models.ForeignKey(Session, verbose_name="kỳ họp", on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField("loại hồ sơ", max_length=10, choices=SubmissionKind.choices)
    title = models.CharField("trích yếu", max_length=500)
    agency = models.ForeignKey(Body, verbose_name="cơ quan trình", on_delete=models.PROTECT, related_name="+")
    normative = models.BooleanField("nghị quyết quy phạm pháp luật", default=False)
    vote_rule = models.CharField("tỷ lệ biểu quyết", max_length=14, choices=VoteRule.choices, default=VoteRule.ORDINARY)
    received_on = models.DateField("ngày nhận", null=True, blank=True)
    checklist = models.JSONField("thành phần hồ sơ đã có", default=list, blank=True)
    # The deadline and progress (expected, received, returned) are the obligation's ("submission_due"): an
    # extension or a recomputation on the follow-up screens moves them; the submission keeps what arrived.
    returned_on = models.DateField("ngày trả lại", null=True, blank=True)
    return_reason = models.TextField("lý do trả lại", blank=True, max_length=10_000)
    resubmitted_on = models.DateField("ngày nộp lại", null=True, blank=True)
    obligation_id = models.PositiveBigIntegerField("mã việc theo dõi", null=True, blank=True, editable=False)
    title_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")
    history = HistoricalRecords()

    objects = SubmissionManager()

    class Meta:
        verbose_name = "hồ sơ trình"
        verbose_name_plural = "hồ sơ trình"
        ordering = ["session", "pk"]
        constraints = [
            CheckConstraint(
                condition=Q(normative=False) | Q(kind="to_trinh") | Q(kind="de_an"),
                name="plenary_submission_normative_has_draft",
                violation_error_message="Chỉ hồ sơ có dự thảo nghị quyết mới có thể là văn bản quy phạm.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def _obligation_progress(self) -> None:
        """Load the obligation's deadline, state and report day when the row was not read through the manager."""
        if not hasattr(self, "obligation_state"):
            from followup.models import Obligation

            row = Obligation.objects.filter(pk=self.obligation_id).values("due_on", "state", "reported_on").first()
            self.obligation_due_on = row["due_on"] if row else None
            self.obligation_state = row["state"] if row else None
            self.obligation_reported_on = row["reported_on"] if row else None

    @property
    def due_on(self) -> datetime.date | None:
        """The day the file is due, as the obligation holds it (extensions and recomputations included)."""
        self._obligation_progress()
        return self.obligation_due_on

    @property
    def state(self) -> str:
        """Expected, received, returned or cancelled, as the obligation says."""
        self._obligation_progress()
        return submission_state_of(self.obligation_state)

    def get_state_display(self) -> str:
        return SubmissionState(self.state).label

    @property
    def complete_on(self) -> datetime.date | None:
        """The day the file arrived in the form it was kept in (the re-submission, after a return); the
        obligation's report day when the agency reported it on the follow-up screens."""
        self._obligation_progress()
        arrived = self.resubmitted_on or self.received_on
        return arrived or (self.obligation_reported_on if self.state == SubmissionState.RECEIVED else None)

    @property
    def is_expected(self) -> bool:
        return self.state == SubmissionState.EXPECTED

    @property
    def is_returned(self) -> bool:
        return self.state == SubmissionState.RETURNED

    @property
    def is_incomplete(self) -> bool:
        """Arrived (or returned) without every item its kind requires: counted and listed as incomplete."""
        return not self.is_expected and bool(self.missing_items)

    def days_late(self, on: datetime.date) -> int:
        """Calendar days past the due date: of arrival, or up to `on` while it has not arrived (none once
        the obligation is cancelled: nothing is owed)."""
        if self.state == SubmissionState.CANCELLED:
            return 0
        arrived = self.complete_on if self.state != SubmissionState.RETURNED else None
        end = arrived or on
        return max((end - self.due_on).days, 0) if self.due_on else 0

    @property
    def missing_items(self) -> list[str]:
        """The labels of the required parts (`required_parts`) the file does not hold."""
        have = set(self.checklist or [])
        return [label for key, label in required_parts(self.kind, self.normative) if key not in have]

    @property
    def has_draft(self) -> bool:
        return self.kind in (SubmissionKind.DRAFT_RESOLUTION, SubmissionKind.SCHEME)


class Conclusion(models.TextChoices):
    AGREE = "tan_thanh", "Tán thành"
    AGREE_WITH_CHANGES = "tan_thanh_co_sua", "Tán thành, đề nghị chỉnh sửa"
    DISAGREE = "khong_tan_thanh", "Không tán thành"


class Verification(models.Model):
    """The assignment of a submission to a committee for verification (thẩm tra), and its outcome."""

    submission = models.OneToOneField(
        Submission, verbose_name="hồ sơ trình", on_delete=models.CASCADE, related_name="verification"
    )
    committee = models.ForeignKey(Body, verbose_name="Ban thẩm tra", on_delete=models.PROTECT, related_name="+")
    assigned_on = models.DateField("ngày phân công")
    # The deadline (and how it was computed: the rule's version, its citation) is the committee's obligation
    # ("verification_report"): an extension or a recomputation on the follow-up screens moves it.
    obligation = models.OneToOneField(
        "followup.Obligation", verbose_name="việc theo dõi", on_delete=models.PROTECT, related_name="+", editable=False
    )
    report = models.ForeignKey(
        Document, verbose_name="báo cáo thẩm tra", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    conclusion = models.CharField("kết luận thẩm tra", max_length=18, choices=Conclusion.choices, blank=True)
    # What the committee's last report of completion said, from the plenary screen or its follow-up task;
    # whether and when it reported is the obligation's (`reported_on`).
    report_text = models.TextField("nội dung báo cáo thẩm tra", blank=True, max_length=50_000)
    explanation = models.TextField("giải trình, bổ sung của cơ quan trình", blank=True, max_length=50_000)
    explained_on = models.DateField("ngày giải trình", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phân công thẩm tra"
        verbose_name_plural = "phân công thẩm tra"

    def __str__(self) -> str:
        return f"Thẩm tra: {self.submission}"

    @property
    def due_on(self) -> datetime.date:
        """The day the verification report is due, as the obligation holds it (load it with the row:
        `select_related("verification__obligation")`)."""
        return self.obligation.due_on

    @property
    def progress_label(self) -> str:
        """The obligation's state, in words ("Đã giao", "Đã báo cáo hoàn thành", ...)."""
        return self.obligation.get_state_display()

    @property
    def reported_on(self) -> datetime.date | None:
        """The day the committee reported its verification done, as the obligation holds it: set by the
        report (the plenary screen's or one on the follow-up task), cleared when the office returns it."""
        return self.obligation.reported_on

    @property
    def is_cancelled(self) -> bool:
        """The office cancelled the committee's obligation on the follow-up screens: no report is owed."""
        return self.obligation.state == "da_huy"


class VoteMethod(models.TextChoices):
    BY_DELEGATE = "tung_dai_bieu", "Theo từng đại biểu"
    TOTALS = "tong_so", "Theo tổng số (giơ tay)"


class Vote(models.Model):
    """The vote on a draft resolution; the base is every delegate in office on the day (not those present)."""

    submission = models.OneToOneField(Submission, verbose_name="dự thảo", on_delete=models.PROTECT, related_name="vote")
    voted_on = models.DateField("ngày biểu quyết")
    method = models.CharField("cách biểu quyết", max_length=14, choices=VoteMethod.choices)
    yes = models.PositiveSmallIntegerField("tán thành")
    no = models.PositiveSmallIntegerField("không tán thành")
    abstain = models.PositiveSmallIntegerField("không biểu quyết")
    in_office = models.PositiveSmallIntegerField("tổng số đại biểu đương nhiệm")
    threshold_percent = models.PositiveSmallIntegerField("tỷ lệ theo quy định (%)")
    passed = models.BooleanField("thông qua")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kết quả biểu quyết"
        verbose_name_plural = "kết quả biểu quyết"

    def __str__(self) -> str:
        outcome = "thông qua" if self.passed else "không thông qua"
        return f"{self.yes}/{self.in_office} tán thành — {outcome}"

    @property
    def yes_percent(self) -> float:
        return round(100 * self.yes / self.in_office, 2) if self.in_office else 0.0


class Choice(models.TextChoices):
    YES = "tan_thanh", "Tán thành"
    NO = "khong_tan_thanh", "Không tán thành"
    ABSTAIN = "khong_bieu_quyet", "Không biểu quyết"


class Ballot(models.Model):
    vote = models.ForeignKey(Vote, verbose_name="biểu quyết", on_delete=models.CASCADE, related_name="ballots")
    delegate = models.ForeignKey(Delegate, verbose_name="đại biểu", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("lựa chọn", max_length=16, choices=Choice.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phiếu biểu quyết"
        verbose_name_plural = "phiếu biểu quyết"
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "delegate"],
                name="plenary_ballot_unique",
                violation_error_message="Đại biểu đã biểu quyết dự thảo này.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegate}: {self.get_choice_display()}"


class Resolution(models.Model):
    """A resolution (nghị quyết) passed by a vote and issued as a document of the register."""

    submission = models.OneToOneField(
        Submission, verbose_name="dự thảo", on_delete=models.PROTECT, related_name="resolution"
    )
    document = models.OneToOneField(Document, verbose_name="văn bản", on_delete=models.PROTECT, related_name="+")
    passed_on = models.DateField("ngày thông qua")
    effective_on = models.DateField("ngày có hiệu lực", null=True, blank=True)
    implementation_obligation_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nghị quyết"
        verbose_name_plural = "nghị quyết"
        ordering = ["passed_on", "pk"]

    def __str__(self) -> str:
        return str(self.document)


class AnswerMode(models.TextChoices):
    PENDING = "cho_tra_loi", "Chờ trả lời"
    AT_SESSION = "tai_ky_hop", "Trả lời tại kỳ họp"
    IN_WRITING = "bang_van_ban", "Trả lời bằng văn bản"


class QuestionState(models.TextChoices):
    """What a question shows: never stored, read from its mode and, for a written answer, its obligation."""

    PENDING = "cho_tra_loi", "Chờ trả lời"
    AT_SESSION = "tai_ky_hop", "Đã trả lời tại kỳ họp"
    AWAITING_WRITTEN = "cho_van_ban", "Chờ trả lời bằng văn bản"
    RETURNED = "tra_lai", "Câu trả lời bị trả lại"
    ANSWERED_IN_WRITING = "da_tra_loi_van_ban", "Đã trả lời bằng văn bản"
    CANCELLED = "da_huy", "Không còn phải trả lời"


# A written answer is owed while its obligation is open; reported done (on the question's screen or by the
# answering body on /theo-doi/) or accepted, it has been given; returned, it is owed again; cancelled, not.
_WRITTEN_STATE = {
    "da_bao_cao": QuestionState.ANSWERED_IN_WRITING,
    "hoan_thanh": QuestionState.ANSWERED_IN_WRITING,
    "tra_lai": QuestionState.RETURNED,
    "da_huy": QuestionState.CANCELLED,
}
QUESTION_OPEN_STATES = (QuestionState.PENDING, QuestionState.AWAITING_WRITTEN, QuestionState.RETURNED)


class QuestionManager(models.Manager):
    """Every question read comes with its written answer's obligation (deadline, state, report day) as
    subqueries of the same row: the obligation holds whether and when the written answer was given."""

    def get_queryset(self) -> models.QuerySet:
        return (
            super()
            .get_queryset()
            .annotate(**obligation_columns(due_on="due_on", state="state", reported_on="reported_on"))
        )


class Question(models.Model):
    """A question slip (phiếu chất vấn) of a delegate to a named official (Luật 87/2015, Điều 60).

    Answered at the session, it keeps the answer and its day; owed in writing, whether and when the answer
    was given is its obligation's ("questioning_answer"), and the answer's text comes with the report."""

    session = models.ForeignKey(Session, verbose_name="kỳ họp", on_delete=models.PROTECT, related_name="questions")
    delegate = models.ForeignKey(Delegate, verbose_name="đại biểu chất vấn", on_delete=models.PROTECT, related_name="+")
    addressee = models.ForeignKey(Person, verbose_name="người bị chất vấn", on_delete=models.PROTECT, related_name="+")
    addressee_body = models.ForeignKey(Body, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+")
    content = models.TextField("nội dung chất vấn", max_length=10_000)
    asked_on = models.DateField("ngày gửi phiếu")
    mode = models.CharField("trả lời", max_length=14, choices=AnswerMode.choices, default=AnswerMode.PENDING)
    answer = models.TextField("nội dung trả lời", blank=True, max_length=50_000)
    session_answered_on = models.DateField("ngày trả lời tại kỳ họp", null=True, blank=True)
    obligation_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = QuestionManager()

    class Meta:
        verbose_name = "chất vấn"
        verbose_name_plural = "chất vấn"
        ordering = ["asked_on", "pk"]

    def __str__(self) -> str:
        return f"Chất vấn của {self.delegate} đến {self.addressee}"

    def _obligation_progress(self) -> None:
        """Load the obligation's deadline, state and report day when the row was not read through the manager."""
        if not hasattr(self, "obligation_state"):
            from followup.models import Obligation

            row = Obligation.objects.filter(pk=self.obligation_id).values("due_on", "state", "reported_on").first()
            self.obligation_due_on = row["due_on"] if row else None
            self.obligation_state = row["state"] if row else None
            self.obligation_reported_on = row["reported_on"] if row else None

    @property
    def state(self) -> str:
        """Pending, answered at the session, or the written answer's progress as the obligation says."""
        if self.mode == AnswerMode.AT_SESSION:
            return QuestionState.AT_SESSION
        if self.mode != AnswerMode.IN_WRITING:
            return QuestionState.PENDING
        self._obligation_progress()
        return _WRITTEN_STATE.get(self.obligation_state, QuestionState.AWAITING_WRITTEN)

    def get_state_display(self) -> str:
        return QuestionState(self.state).label

    @property
    def is_open(self) -> bool:
        """Still owed an answer (none yet, or a written one not given or sent back)."""
        return self.state in QUESTION_OPEN_STATES

    @property
    def answered_on(self) -> datetime.date | None:
        """The day of the answer: at the session, the day kept; in writing, the day the obligation was
        reported done (by the office or by the answering body on the follow-up screens)."""
        if self.state == QuestionState.AT_SESSION:
            return self.session_answered_on
        if self.state == QuestionState.ANSWERED_IN_WRITING:
            return self.obligation_reported_on
        return None

    @property
    def answer_due_on(self) -> datetime.date | None:
        """The written answer's deadline, as the obligation holds it (extensions included)."""
        if self.obligation_id is None:
            return None
        self._obligation_progress()
        return self.obligation_due_on


class CommitmentManager(models.Manager):
    """Every commitment read comes with its obligation's deadline and state (subqueries of the same row, no
    extra query): the obligation holds both (an extension or a report on the follow-up screens moves them)."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().annotate(**obligation_columns(due_on="due_on", state="state"))


class Commitment(models.Model):
    """A commitment made while answering, reported on before the next session (Luật 87/2015).

    Its deadline and progress are its obligation's ("questioning_commitment"); it keeps what was promised."""

    question = models.ForeignKey(
        Question, verbose_name="chất vấn", on_delete=models.CASCADE, related_name="commitments"
    )
    content = models.TextField("nội dung lời hứa", max_length=10_000)
    next_session = models.ForeignKey(
        Session, verbose_name="báo cáo tại kỳ họp", on_delete=models.PROTECT, related_name="+"
    )
    obligation_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords()
    objects = CommitmentManager()

    class Meta:
        verbose_name = "lời hứa sau chất vấn"
        verbose_name_plural = "lời hứa sau chất vấn"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.content[:100]

    def _obligation_progress(self) -> None:
        """Load the obligation's deadline and state when the row was not read through the manager."""
        if not hasattr(self, "obligation_due_on"):
            from followup.models import Obligation

            row = Obligation.objects.filter(pk=self.obligation_id).values("due_on", "state").first()
            self.obligation_due_on = row["due_on"] if row else None
            self.obligation_state = row["state"] if row else None

    @property
    def due_on(self) -> datetime.date | None:
        """The day the report is due, as the obligation holds it (extensions and recomputations included)."""
        self._obligation_progress()
        return self.obligation_due_on

    @property
    def progress_label(self) -> str:
        """The obligation's state, in words ("Đã giao", "Đã báo cáo hoàn thành", ...)."""
        from followup.models import State

        self._obligation_progress()
        return State(self.obligation_state).label if self.obligation_state else ""


def _session_document_path(instance: "SessionDocument", filename: str) -> str:
    return f"ky-hop/{instance.session.council_id}/{instance.session_id}/{filename}"


class SessionDocument(models.Model):
    """A document of the session sent to delegates (and, if public, posted for everyone)."""

    session = models.ForeignKey(Session, verbose_name="kỳ họp", on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("tên tài liệu", max_length=500)
    document = models.ForeignKey(
        Document, verbose_name="văn bản", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission = models.ForeignKey(
        Submission, verbose_name="hồ sơ trình", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField("tệp", upload_to=_session_document_path, max_length=300, blank=True)
    file_name = models.CharField("tên tệp", max_length=200, blank=True)
    sent_on = models.DateField("ngày gửi đại biểu", null=True, blank=True)
    public = models.BooleanField("công khai", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tài liệu kỳ họp"
        verbose_name_plural = "tài liệu kỳ họp"
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        """Its register document was withdrawn (thu hồi): never served publicly, file or not."""
        return self.document is not None and self.document.is_withdrawn

    @property
    def is_downloadable(self) -> bool:
        """`plenary.selectors.downloadable_q` for a loaded row (its document loaded with it): what the public
        download serves and the portal, the session page and open data link to."""
        if self.is_withdrawn:
            return False
        return bool(self.file) or (self.document is not None and not self.document.is_draft)


class DocumentOpen(models.Model):
    """The first time a delegate opened a session document."""

    session_document = models.ForeignKey(
        SessionDocument, verbose_name="tài liệu", on_delete=models.CASCADE, related_name="opens"
    )
    delegate = models.ForeignKey(Delegate, verbose_name="đại biểu", on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField("thời điểm mở", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "lượt mở tài liệu"
        verbose_name_plural = "lượt mở tài liệu"
        constraints = [
            models.UniqueConstraint(fields=["session_document", "delegate"], name="plenary_document_open_unique")
        ]

    def __str__(self) -> str:
        return f"{self.delegate} mở {self.session_document}"


class Presence(models.TextChoices):
    PRESENT = "co_mat", "Có mặt"
    EXCUSED = "vang_co_ly_do", "Vắng có lý do"
    ABSENT = "vang_khong_ly_do", "Vắng không lý do"


class Attendance(models.Model):
    """A delegate's attendance on one sitting day of a session."""

    session = models.ForeignKey(Session, verbose_name="kỳ họp", on_delete=models.CASCADE, related_name="attendance")
    delegate = models.ForeignKey(Delegate, verbose_name="đại biểu", on_delete=models.PROTECT, related_name="+")
    day = models.DateField("ngày họp")
    presence = models.CharField("điểm danh", max_length=16, choices=Presence.choices)
    reason = models.CharField("lý do vắng", max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "delegate", "day"],
                name="plenary_attendance_unique",
                violation_error_message="Đại biểu đã được điểm danh ngày này.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegate} {format_date(self.day)}: {self.get_presence_display()}"


class Speech(models.Model):
    """A delegate's speech at a session, in plenary or in a group discussion."""

    session = models.ForeignKey(Session, verbose_name="kỳ họp", on_delete=models.CASCADE, related_name="speeches")
    delegate = models.ForeignKey(Delegate, verbose_name="đại biểu", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        AgendaItem, verbose_name="nội dung", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    in_group = models.BooleanField("phát biểu tại tổ", default=False)
    spoken_on = models.DateField("ngày phát biểu")
    summary = models.TextField("tóm tắt ý kiến", blank=True, max_length=50_000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phát biểu"
        verbose_name_plural = "phát biểu"
        ordering = ["spoken_on", "pk"]

    def __str__(self) -> str:
        return f"{self.delegate} phát biểu {format_date(self.spoken_on)}"


class GroupDiscussion(models.Model):
    """A group discussion (thảo luận tổ) of a delegate group during a session, with its notes."""

    session = models.ForeignKey(
        Session, verbose_name="kỳ họp", on_delete=models.CASCADE, related_name="group_discussions"
    )
    group = models.ForeignKey(Body, verbose_name="tổ đại biểu", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("ngày thảo luận")
    notes = models.TextField("nội dung thảo luận", max_length=50_000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thảo luận tổ"
        verbose_name_plural = "thảo luận tổ"
        ordering = ["held_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "group", "held_on"],
                name="plenary_group_discussion_unique",
                violation_error_message="Tổ đại biểu đã có biên bản thảo luận ngày này.",
            )
        ]

    def __str__(self) -> str:
        return f"Thảo luận {self.group} ngày {format_date(self.held_on)}"
