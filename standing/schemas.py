import datetime

from ninja import Field, Schema

from registry.schemas import CleanSchema, InputSchema


class StandingMeetingIn(CleanSchema):
    held_on: datetime.date
    starts_at: datetime.time | None = None
    place: str = Field(..., min_length=1, max_length=250)
    purpose: str = Field(..., min_length=1, max_length=10_000)
    chair_id: int
    other_attendees: str = Field("", max_length=500)
    invited: str = Field("", max_length=5_000)
    heard: str = Field("", max_length=10_000)


class MeetingPatch(CleanSchema):
    held_on: datetime.date | None = None
    starts_at: datetime.time | None = None
    place: str | None = Field(None, min_length=1, max_length=250)
    purpose: str | None = Field(None, min_length=1)
    chair_id: int | None = None
    other_attendees: str | None = Field(None, max_length=500)
    invited: str | None = None
    heard: str | None = None


class StandingMeetingOut(Schema):
    id: int
    held_on: datetime.date
    starts_at: datetime.time | None
    place: str
    purpose: str
    chair_id: int
    chair_name: str
    other_attendees: str
    invited: str
    heard: str
    notice_id: int | None
    notice_number: str
    invitation_id: int | None
    programme_id: int | None
    minutes_id: int | None
    tasks_assigned_on: datetime.date | None

    @staticmethod
    def resolve_chair_name(obj: object) -> str:
        return obj.chair.person.full_name

    @staticmethod
    def resolve_notice_number(obj: object) -> str:
        return obj.notice.number_symbol if obj.notice_id else ""


class AttendeeIn(CleanSchema):
    person_id: int
    present: bool = True
    absence_reason: str = Field("", max_length=250)


class AttendeeOut(Schema):
    id: int
    person_id: int
    person_name: str
    present: bool
    absence_reason: str

    @staticmethod
    def resolve_person_name(obj: object) -> str:
        return obj.person.full_name


class AgendaIn(CleanSchema):
    content: str = Field(..., min_length=1, max_length=50_000)
    presenter: str = Field("", max_length=250)


class AgendaOut(Schema):
    id: int
    order: int
    content: str
    presenter: str
    document_ids: list[int]

    @staticmethod
    def resolve_document_ids(obj: object) -> list[int]:
        return [d.pk for d in obj.documents.all()]


class AgendaDocumentIn(InputSchema):
    document_id: int


class SectionIn(CleanSchema):
    title: str = Field(..., min_length=1, max_length=500)
    parent_id: int | None = None


class SectionOut(Schema):
    id: int
    parent_id: int | None
    order: int
    title: str


class ParagraphIn(CleanSchema):
    section_id: int
    text: str = Field(..., min_length=1, max_length=10_000)
    assigns: bool = False
    body_ids: list[int] = []
    due_on: datetime.date | None = None


class AssignmentOut(Schema):
    id: int
    body_id: int
    body_name: str
    obligation_id: int | None

    @staticmethod
    def resolve_body_name(obj: object) -> str:
        return obj.body.short_name


class ParagraphOut(Schema):
    id: int
    section_id: int
    order: int
    text: str
    due_on: datetime.date | None
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_assignments(obj: object) -> list:
        return list(obj.assignments.all())


class MeetingDetailOut(StandingMeetingOut):
    attendees: list[AttendeeOut]
    agenda: list[AgendaOut]
    sections: list[SectionOut]
    paragraphs: list[ParagraphOut]

    @staticmethod
    def resolve_attendees(obj: object) -> list:
        return list(obj.attendees.all())

    @staticmethod
    def resolve_agenda(obj: object) -> list:
        return list(obj.agenda.all())

    @staticmethod
    def resolve_sections(obj: object) -> list:
        return list(obj.sections.all())

    @staticmethod
    def resolve_paragraphs(obj: object) -> list:
        return [p for s in obj.sections.all() for p in s.paragraphs.all()]


class StandingIssueIn(InputSchema):
    issued_on: datetime.date | None = None


class DocumentRef(Schema):
    id: int
    number_symbol: str
    state: str
    subject: str


class OpinionRequestIn(CleanSchema):
    subject: str = Field(..., min_length=1, max_length=500)
    received_on: datetime.date
    due_on: datetime.date
    sender_body_id: int | None = None
    external_number: str = Field("", max_length=60)
    external_date: datetime.date | None = None


class OpinionIn(CleanSchema):
    person_id: int
    stance: str
    text: str = Field("", max_length=10_000)


class OpinionOut(Schema):
    id: int
    person_id: int
    person_name: str
    stance: str
    text: str

    @staticmethod
    def resolve_person_name(obj: object) -> str:
        return obj.person.full_name


class OpinionRequestOut(Schema):
    id: int
    subject: str
    received_on: datetime.date
    due_on: datetime.date
    state: str
    answered_on: datetime.date | None
    request_document_id: int
    reply_id: int | None
    obligation_id: int | None


class OpinionRequestDetailOut(OpinionRequestOut):
    opinions: list[OpinionOut]

    @staticmethod
    def resolve_opinions(obj: object) -> list:
        return list(obj.opinions.all())


class ConferenceIn(CleanSchema):
    kind: str
    held_on: datetime.date
    place: str = Field(..., min_length=1, max_length=250)
    subject: str = Field(..., min_length=1, max_length=500)
    participant_ids: list[int] = []
    conclusions: str = Field("", max_length=50_000)


class ConferencePatch(CleanSchema):
    kind: str | None = None
    held_on: datetime.date | None = None
    place: str | None = Field(None, min_length=1, max_length=250)
    subject: str | None = Field(None, min_length=1, max_length=500)
    participant_ids: list[int] | None = None
    conclusions: str | None = None


class ConferenceTaskIn(CleanSchema):
    text: str = Field(..., min_length=1, max_length=10_000)
    body_id: int
    due_on: datetime.date | None = None


class ConferenceTaskOut(Schema):
    id: int
    order: int
    text: str
    body_id: int
    body_name: str
    due_on: datetime.date | None
    obligation_id: int | None

    @staticmethod
    def resolve_body_name(obj: object) -> str:
        return obj.body.short_name


class ConferenceOut(Schema):
    id: int
    kind: str
    held_on: datetime.date
    place: str
    subject: str
    conclusions: str
    participant_ids: list[int]
    document_id: int | None
    document_number: str
    tasks_assigned_on: datetime.date | None

    @staticmethod
    def resolve_participant_ids(obj: object) -> list[int]:
        return [b.pk for b in obj.participants.all()]

    @staticmethod
    def resolve_document_number(obj: object) -> str:
        return obj.document.number_symbol if obj.document_id else ""


class ConferenceDetailOut(ConferenceOut):
    tasks: list[ConferenceTaskOut]

    @staticmethod
    def resolve_tasks(obj: object) -> list:
        return list(obj.tasks.all())


class ConferenceDocumentIn(InputSchema):
    doc_type: str = "thong_bao"


class StandingProgrammeIn(CleanSchema):
    year: int = Field(..., ge=1990, le=2100)
    owner: str
    title: str = Field("", max_length=300)


class StandingProgrammeOut(Schema):
    id: int
    year: int
    owner: str
    title: str


class WorkItemIn(CleanSchema):
    month: int = Field(..., ge=1, le=12)
    content: str = Field(..., min_length=1, max_length=50_000)
    body_id: int


class WorkItemLinkIn(InputSchema):
    record: str = Field(..., description="Loại và mã hoạt động, ví dụ standing.meeting:12, plenary.session:3")


class WorkItemOut(Schema):
    id: int
    month: int
    order: int
    content: str
    body_id: int
    body_name: str
    done_kind: str
    done_id: int | None
    done_label: str
    done_on: datetime.date | None

    @staticmethod
    def resolve_body_name(obj: object) -> str:
        return obj.body.short_name

    @staticmethod
    def resolve_done_kind(obj: object) -> str:
        return f"{obj.done_type.app_label}.{obj.done_type.model}" if obj.done_type_id else ""


class WorkItemStatusOut(WorkItemOut):
    status: str


class StandingProgrammeDetailOut(StandingProgrammeOut):
    items: list[WorkItemStatusOut]


class StandingCountsOut(Schema):
    year: int
    meetings_held: int
    meeting_ids: list[int]
    written_opinions: int
    opinion_request_ids: list[int]
    opinion_subjects: list[str]
    conferences_held: int
    conference_ids: list[int]


class MoveIn(InputSchema):
    up: bool
