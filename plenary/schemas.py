import datetime

from django.urls import reverse
from ninja import Field, Schema

from plenary.models import AnswerMode, Conclusion, ItemKind, SessionState
from registry.schemas import CleanSchema, InputSchema


class PlenarySessionOut(Schema):
    id: int
    term_id: int
    number: int
    kind: str
    requested_by: str
    created_on: datetime.date
    opens_on: datetime.date
    closes_on: datetime.date
    opened_on: datetime.date | None
    closed_on: datetime.date | None
    place: str
    state: str


class PlenarySessionIn(CleanSchema):
    term_id: int
    number: int = Field(..., ge=1)
    kind: str
    opens_on: datetime.date
    closes_on: datetime.date
    created_on: datetime.date | None = None
    place: str = ""
    requested_by: str = ""
    requesting_delegates: int | None = None


def _why_url(obligation_id: int | None) -> str | None:
    """The "Vì sao hạn này" page of an obligation's deadline (none without an obligation)."""
    return reverse("followup:obligation_why", args=[obligation_id]) if obligation_id else None


class VerificationOut(Schema):
    id: int
    submission_id: int
    committee_id: int
    due_on: datetime.date = Field(..., description="Hạn báo cáo thẩm tra, theo việc theo dõi của Ban")
    progress: str = Field(..., alias="obligation.state", description="Trạng thái việc theo dõi của Ban")
    due_why_url: str = Field(..., description="Trang “Vì sao hạn này” của hạn báo cáo thẩm tra")
    conclusion: str
    reported_on: datetime.date | None = Field(..., description="Ngày Ban báo cáo hoàn thành, theo việc theo dõi")
    report_id: int | None = Field(..., description="Báo cáo thẩm tra trong sổ văn bản")
    report_text: str = Field(..., description="Nội dung báo cáo hoàn thành gần nhất của Ban")

    @staticmethod
    def resolve_due_why_url(obj: object) -> str | None:
        return _why_url(obj.obligation_id)


class SubmissionOut(Schema):
    id: int
    session_id: int
    kind: str
    title: str
    agency_id: int
    normative: bool
    due_on: datetime.date
    received_on: datetime.date | None
    state: str
    days_late: int
    missing_items: list[str]
    checklist: list[str]
    verification: VerificationOut | None = None


class SubmissionIn(CleanSchema):
    kind: str
    title: str = Field(..., min_length=1, max_length=500)
    agency_id: int
    normative: bool = False
    vote_rule: str = "thong_thuong"


class ReceiveIn(InputSchema):
    received_on: datetime.date
    checklist: list[str] = []


class AssignIn(InputSchema):
    committee_id: int
    assigned_on: datetime.date


class VoteIn(InputSchema):
    voted_on: datetime.date
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    ballots: dict[int, str] | None = Field(
        None, description="Mã đại biểu → tan_thanh / khong_tan_thanh / khong_bieu_quyet"
    )


class VoteOut(Schema):
    id: int
    voted_on: datetime.date
    method: str
    yes: int
    no: int
    abstain: int
    in_office: int
    threshold_percent: int
    passed: bool


class ResolutionIn(CleanSchema):
    subject: str = Field(..., min_length=1, max_length=500)
    text: str = Field(..., min_length=1, max_length=10_000)
    issued_on: datetime.date
    signer_name: str = Field(..., min_length=1, max_length=120)
    signer_title: str = "Chủ tịch"
    effective_on: datetime.date | None = None
    report_due_on: datetime.date | None = None


class ResolutionOut(Schema):
    id: int
    submission_id: int
    document_id: int
    number_symbol: str = Field(..., alias="document.number_symbol")
    passed_on: datetime.date
    effective_on: datetime.date | None


class QuestionIn(CleanSchema):
    delegate_id: int
    addressee_id: int
    addressee_body_id: int
    content: str = Field(..., min_length=1, max_length=50_000)
    asked_on: datetime.date


class QuestionOut(Schema):
    id: int
    session_id: int
    delegate_id: int
    addressee_id: int
    addressee_body_id: int
    content: str
    mode: str
    state: str = Field(..., description="Chờ trả lời, đã trả lời tại kỳ họp, hoặc tiến độ trả lời bằng văn bản")
    answer: str
    answered_on: datetime.date | None = Field(
        ..., description="Ngày trả lời: tại kỳ họp, hoặc ngày báo cáo trả lời bằng văn bản trên việc theo dõi"
    )
    answer_due_on: datetime.date | None = Field(..., description="Hạn trả lời bằng văn bản")
    answer_why_url: str | None = Field(..., description="Trang “Vì sao hạn này” của hạn trả lời bằng văn bản")

    @staticmethod
    def resolve_answer_why_url(obj: object) -> str | None:
        return _why_url(obj.obligation_id)


class SessionDetailOut(PlenarySessionOut):
    submissions: list[SubmissionOut]
    questions: list[QuestionOut]


class PlenaryCountsOut(Schema):
    year: int
    sessions: int
    sessions_by_kind: dict[str, int]
    regular_sessions: int
    thematic_sessions: int
    extraordinary_sessions: int
    resolutions_passed: int
    session_ids: list[int]
    resolution_ids: list[int]


class LateSubmissionOut(Schema):
    id: int
    title: str
    agency: str
    days_late: int


class SessionLatenessOut(Schema):
    session_id: int
    number: int
    total: int
    late: list[LateSubmissionOut]
    incomplete: list[int]


class AgencyLatenessOut(Schema):
    name: str
    total: int
    late: int
    incomplete: int
    days_late: int


class LatenessOut(Schema):
    year: int
    sentence: str
    sessions: list[SessionLatenessOut]
    agencies: list[AgencyLatenessOut]


class MyDocumentOut(Schema):
    id: int
    session_id: int
    title: str
    sent_on: datetime.date | None
    opened: bool


class AttendanceRowIn(CleanSchema):
    delegate_id: int
    presence: str
    reason: str = Field("", max_length=250)


class AttendanceIn(InputSchema):
    day: datetime.date
    rows: list[AttendanceRowIn] = Field(..., min_length=1)


class AttendanceOut(Schema):
    delegate_id: int
    name: str
    presence: str
    reason: str


class SpeechIn(CleanSchema):
    delegate_id: int
    spoken_on: datetime.date
    item_id: int | None = None
    in_group: bool = False
    summary: str = Field("", max_length=50_000)


class SpeechOut(Schema):
    id: int
    delegate_id: int
    item_id: int | None
    in_group: bool
    spoken_on: datetime.date
    summary: str


class GroupDiscussionIn(CleanSchema):
    group_id: int
    held_on: datetime.date
    notes: str = Field(..., min_length=1, max_length=50_000)


class GroupDiscussionOut(Schema):
    id: int
    group_id: int
    held_on: datetime.date
    notes: str


class MinutesIn(CleanSchema):
    signer_name: str = Field(..., min_length=1, max_length=120)
    signer_title: str = Field("Chủ tọa kỳ họp", max_length=120)
    issued_on: datetime.date | None = None
    issue: bool = False


class ConveningIn(CleanSchema):
    """Either `document_id` (a document of the register) or the fields to issue a new decision."""

    document_id: int | None = None
    issued_on: datetime.date | None = None
    signer_name: str = Field("", max_length=120)
    signer_title: str = Field("Chủ tịch", max_length=120)
    text: str = Field("", max_length=10_000)


class PlenaryDocumentRefOut(Schema):
    id: int
    number_symbol: str
    doc_type: str
    state: str
    subject: str


class SessionDocumentIn(CleanSchema):
    title: str = Field("", max_length=500)
    submission_id: int | None = None
    document_id: int | None = None
    public: bool = False


class SessionDocumentOut(Schema):
    id: int
    title: str
    submission_id: int | None
    document_id: int | None
    has_file: bool
    sent_on: datetime.date | None
    public: bool

    @staticmethod
    def resolve_has_file(obj: object) -> bool:
        return bool(obj.file)


class AgencySubmissionOut(Schema):
    id: int
    session_id: int
    session_number: int
    title: str
    kind: str
    agency_id: int
    due_on: datetime.date
    received_on: datetime.date | None
    state: str
    days_late: int
    missing_items: list[str]


class SessionPatch(CleanSchema):
    """Sửa kỳ họp; khai mạc (`state: "dang_hop"`, `opened_on`) và bế mạc (`state: "be_mac"`, `closed_on`)."""

    place: str | None = Field(None, min_length=1, max_length=200)
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    opened_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    state: SessionState | None = None


class SubmissionReturnIn(InputSchema):  # texts keep their lines; the service cleans them
    returned_on: datetime.date
    reason: str = Field(..., min_length=1, max_length=5_000)


class SubmissionResubmitIn(InputSchema):  # texts keep their lines; the service cleans them
    resubmitted_on: datetime.date
    checklist: list[str] = Field(default_factory=list, description="Các thành phần hồ sơ đã đủ khi nộp lại.")


class VerificationReportIn(InputSchema):  # texts keep their lines; the service cleans them
    conclusion: Conclusion
    text: str = Field(..., min_length=1, max_length=50_000)
    reported_on: datetime.date = Field(..., description="Ngày ban hành báo cáo thẩm tra; số theo năm của ngày này.")
    signer_name: str = Field(..., min_length=1, max_length=120)
    signer_title: str = Field("Trưởng ban", max_length=120)


class QuestionAnswerIn(InputSchema):  # texts keep their lines; the service cleans them
    mode: AnswerMode
    answered_on: datetime.date
    answer: str = Field("", max_length=50_000)


class CommitmentIn(InputSchema):  # texts keep their lines; the service cleans them
    content: str = Field(..., min_length=1, max_length=10_000)
    next_session_id: int


class CommitmentOut(Schema):
    id: int
    question_id: int
    content: str
    next_session_id: int
    due_on: datetime.date


class SessionResolutionIn(InputSchema):
    submission_id: int
    vote: VoteIn
    resolution: ResolutionIn | None = Field(None, description="Nghị quyết ban hành khi dự thảo được thông qua.")


class SessionResolutionsIn(InputSchema):
    items: list[SessionResolutionIn] = Field(..., min_length=1, max_length=500)


class SessionResolutionOut(Schema):
    submission_id: int
    vote: VoteOut
    resolution: ResolutionOut | None


class PlenaryAgendaItemIn(CleanSchema):
    kind: ItemKind
    title: str = Field(..., min_length=1, max_length=500)
    order: int | None = Field(None, ge=1, le=1000, description="Thứ tự; bỏ trống: cuối chương trình")


class PlenaryAgendaItemOut(Schema):
    id: int
    session_id: int
    order: int
    kind: str
    title: str


class DocumentsSendIn(InputSchema):
    sent_on: datetime.date


class DocumentsSentOut(Schema):
    count: int = Field(..., description="Số tài liệu vừa gửi")
    due_on: datetime.date | None = Field(None, description="Hạn gửi tài liệu đến đại biểu theo quy định")


class SessionDocumentPublicIn(InputSchema):
    public: bool


class ExplainIn(CleanSchema):
    multiline = frozenset({"explanation"})

    explanation: str = Field(..., min_length=1, max_length=10_000)
    explained_on: datetime.date
