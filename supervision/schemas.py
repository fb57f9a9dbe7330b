import datetime

from django.urls import reverse
from ninja import Field, Schema

from followup.schemas import DueBasisOut
from followup.why import basis_summary
from registry.schemas import CleanSchema, InputSchema
from supervision.models import Programme, ProgrammeMilestoneKey, RoundKind


class SupervisionRoundIn(CleanSchema):
    kind: str = RoundKind.SUPERVISION
    body_id: int
    subject: str = Field(..., min_length=1, max_length=500)
    supervised_ids: list[int] = Field(..., min_length=1)
    supervised_label: str = Field("", max_length=300)
    set_up_on: datetime.date
    decision_id: int | None = None
    plan: str = Field("", max_length=50_000)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


class SupervisionRoundOut(Schema):
    id: int
    kind: str
    body_id: int
    body_name: str
    subject: str
    supervised_ids: list[int]
    supervised_label: str
    set_up_on: datetime.date
    decision_id: int | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    content_sent_on: datetime.date | None
    content_due_on: datetime.date | None
    schedule_sent_on: datetime.date | None
    schedule_due_on: datetime.date | None
    report_id: int | None
    report_on: datetime.date | None
    report_due_on: datetime.date | None
    considered_on: datetime.date | None
    consider_due_on: datetime.date | None
    conclusions: str
    published: bool

    @staticmethod
    def resolve_body_name(obj: object) -> str:
        return obj.body.name

    @staticmethod
    def resolve_supervised_ids(obj: object) -> list[int]:
        return [b.pk for b in obj.supervised.all()]


class MemberIn(CleanSchema):
    delegate_id: int
    role: str = Field("Thành viên", max_length=60)


class MemberOut(Schema):
    id: int
    delegate_id: int
    role: str


class SupervisionSessionIn(CleanSchema):
    held_on: datetime.date
    place: str = Field(..., min_length=1, max_length=250)
    body_id: int
    notes: str = Field("", max_length=50_000)


class SupervisionSessionOut(Schema):
    id: int
    held_on: datetime.date
    place: str
    body_id: int
    notes: str


class BodyReportsIn(InputSchema):
    sent_on: datetime.date
    due_on: datetime.date


class BodyReportOut(Schema):
    id: int
    body_id: int
    obligation_id: int


class SupervisionReportIn(InputSchema):
    report_on: datetime.date
    document_id: int | None = None


class ConsiderIn(CleanSchema):
    considered_on: datetime.date
    conclusions: str = Field("", max_length=50_000)


class RecommendationIn(CleanSchema):
    body_id: int | None = None
    text: str = Field("", max_length=10_000)
    due_on: datetime.date | None = None
    made_on: datetime.date | None = None


class RecommendationOut(Schema):
    id: int
    round_id: int
    body_id: int
    text: str
    made_on: datetime.date
    obligation_id: int
    state: str
    due_on: datetime.date

    @staticmethod
    def resolve_state(obj: object) -> str:
        return obj.obligation.state

    @staticmethod
    def resolve_due_on(obj: object) -> datetime.date:
        return obj.obligation.due_on


class BodyLineOut(Schema):
    body_id: int
    body_name: str
    total: int
    done: int
    in_progress: int
    overdue: int


class ReportRowOut(Schema):
    recommendation_id: int
    body_id: int
    made_on: datetime.date
    due_on: datetime.date
    status: str
    text: str


class RecommendationReportOut(Schema):
    year: int
    on: datetime.date
    total: int
    done: int
    in_progress: int
    overdue: int
    earlier_open: int
    by_body: list[BodyLineOut]
    rows: list[ReportRowOut]


class BodyCountOut(Schema):
    body_id: int
    body_name: str
    supervisions: int
    surveys: int
    subjects: list[str]
    text: str
    footnote: str


class SupervisionCountsOut(Schema):
    year: int
    text: str
    supervisions: int
    surveys: int
    bodies: list[BodyCountOut]
    recommendations_total: int
    recommendations_done: int
    recommendations_overdue: int


class SupervisionProgrammeIn(CleanSchema):
    kind: str
    year: int = Field(..., ge=1990, le=2100)
    body_id: int
    title: str = Field("", max_length=300)
    session_on: datetime.date | None = None
    results_session_on: datetime.date | None = None


class ProposalsBasisOut(Schema):
    """How the proposals' day was found (a date-type rule): `why_url` opens “Vì sao hạn này”."""

    rule: str
    label: str
    year: int = Field(..., description="Năm phải gửi đề xuất (năm trước năm giám sát).")
    missing: bool = Field(..., description="Phiên bản có hiệu lực chưa có ngày và Hội đồng chưa thiết lập.")
    value: int | None = Field(None, description="Tháng × 100 + ngày (301 là 01/03).")
    value_label: str = ""
    unit: str = ""
    citation: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    setting_decision: str = ""
    from_setting: bool = False
    not_applicable: bool = Field(
        False, description="Hội đồng bắt đầu nhiệm kỳ đầu tiên sau ngày theo quy định: không có hạn gửi đề xuất."
    )
    note: str = ""
    why_url: str


class SupervisionProgrammeOut(Schema):
    id: int
    kind: str
    year: int
    body_id: int
    title: str
    session_on: datetime.date | None
    results_session_on: datetime.date | None
    proposals_due_on: datetime.date | None
    proposals_basis: ProposalsBasisOut | None
    draft_due_on: datetime.date | None
    draft_due_basis: DueBasisOut | None
    adopt_due_on: datetime.date | None
    adopt_due_basis: DueBasisOut | None
    adopted_on: datetime.date | None
    results_due_on: datetime.date | None
    results_due_basis: DueBasisOut | None
    results_reported_on: datetime.date | None
    published: bool

    @staticmethod
    def resolve_proposals_basis(obj: Programme) -> dict | None:
        if not obj.proposals_basis:
            return None
        return {**obj.proposals_basis, "why_url": reverse("supervision:programme_proposals_why", args=[obj.pk])}

    @staticmethod
    def resolve_draft_due_basis(obj: Programme) -> dict | None:
        obligation = obj.milestone_obligation(ProgrammeMilestoneKey.DRAFT)
        return basis_summary(obligation) if obj.draft_due_on else None

    @staticmethod
    def resolve_adopt_due_basis(obj: Programme) -> dict | None:
        obligation = obj.milestone_obligation(ProgrammeMilestoneKey.ADOPT)
        return basis_summary(obligation) if obj.adopt_due_on else None

    @staticmethod
    def resolve_results_due_basis(obj: Programme) -> dict | None:
        obligation = obj.milestone_obligation(ProgrammeMilestoneKey.RESULTS)
        return basis_summary(obligation) if obj.results_due_on else None


class ItemIn(CleanSchema):
    subject: str = Field(..., min_length=1, max_length=500)
    body_id: int
    kind: str = RoundKind.SUPERVISION
    planned_from: datetime.date | None = None
    planned_to: datetime.date | None = None


class ItemOut(Schema):
    id: int
    subject: str
    body_id: int
    kind: str
    planned_from: datetime.date | None
    planned_to: datetime.date | None
    round_ids: list[int]

    @staticmethod
    def resolve_round_ids(obj: object) -> list[int]:
        return [r.pk for r in obj.rounds.all()]


class SupervisionProgrammeDetailOut(SupervisionProgrammeOut):
    items: list[ItemOut]

    @staticmethod
    def resolve_items(obj: object) -> list:
        return list(obj.items.all())


class RoundPatchIn(CleanSchema):
    """Only the fields sent are changed (services.ROUND_FIELDS and the supervised bodies)."""

    kind: str | None = None
    body_id: int | None = None
    subject: str | None = Field(None, min_length=1, max_length=500)
    supervised_ids: list[int] | None = Field(None, min_length=1)
    supervised_label: str | None = Field(None, max_length=300)
    item_id: int | None = None
    set_up_on: datetime.date | None = None
    decision_id: int | None = None
    plan: str | None = Field(None, max_length=50_000)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    content_sent_on: datetime.date | None = None
    schedule_sent_on: datetime.date | None = None


class ProgrammePatchIn(CleanSchema):
    """Only the fields sent are changed (services.PROGRAMME_FIELDS)."""

    title: str | None = Field(None, min_length=1, max_length=300)
    session_on: datetime.date | None = None
    results_session_on: datetime.date | None = None
    draft_sent_on: datetime.date | None = None
    adopted_on: datetime.date | None = None
    resolution_id: int | None = None
    results_reported_on: datetime.date | None = None


class SupervisionPublishIn(InputSchema):
    published: bool


class SupervisionDocumentRefOut(Schema):
    """A document generated in the register; its DOCX is downloaded from the documents routes."""

    id: int
    doc_type: str
    subject: str
    state: str


class ReviewCreateIn(InputSchema):
    document_id: int


class ReviewRecordIn(CleanSchema):
    outcome: str
    reviewed_on: datetime.date
    notes: str = Field("", max_length=50_000)


class ReviewOut(Schema):
    id: int
    document_id: int
    document_subject: str
    issuer_body_id: int | None
    outcome: str
    notes: str
    reviewed_on: datetime.date | None
    obligation_id: int | None
    reply_due_on: datetime.date | None

    @staticmethod
    def resolve_document_subject(obj: object) -> str:
        return obj.document.subject

    @staticmethod
    def resolve_issuer_body_id(obj: object) -> int | None:
        return obj.document.sender_body_id

    @staticmethod
    def resolve_reply_due_on(obj: object) -> datetime.date | None:
        return obj.obligation.due_on if obj.obligation_id else None
