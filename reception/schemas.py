"""Schemas of the reception routes; names are unique in the API document (Letter…, Reception…)."""

import datetime

from ninja import Field as SchemaField
from ninja import Schema
from pydantic import ConfigDict

from documents.models import Authority
from reception.models import Field, Relation
from reception.wording import classification_line
from registry.schemas import CleanSchema


class _In(CleanSchema):
    model_config = ConfigDict(extra="forbid")


class LetterCaseIn(_In):
    category: str
    summary: str = SchemaField(max_length=10_000)
    field: str = Field.OTHER
    protected: bool = False


class LetterSenderIn(_In):
    full_name: str = SchemaField(max_length=120)
    address: str = SchemaField("", max_length=300)
    phone: str = SchemaField("", max_length=20)
    id_number: str = SchemaField("", max_length=20)
    relation: str = Relation.SELF


class LetterReceiveIn(_In):
    received_on: datetime.date
    cases: list[LetterCaseIn] = SchemaField(min_length=1, max_length=20)
    senders: list[LetterSenderIn] = SchemaField([], max_length=50)
    channel: str = "buu_dien"
    anonymous: bool = False
    signed: bool = True
    people: int = SchemaField(1, ge=1, le=100_000)
    unit_id: int | None = None
    reception_id: int | None = None
    forwarded_by_id: int | None = None
    from_body_id: int | None = None
    origin_petition_id: int | None = None


class LetterClassifyIn(_In):
    category: str | None = None
    field: str | None = None
    eligible: bool | None = None
    ineligible_reason: str = ""
    handling: str = ""
    competent_body_id: int | None = None
    effective_on: datetime.date | None = None  # the day the change takes effect; today when None


class LetterForwardIn(_In):
    body_id: int
    signer_title: str = SchemaField(max_length=120)
    signer_name: str = SchemaField(max_length=120)
    signer_authority: str = Authority.TM
    issued_on: datetime.date | None = None


class LetterSplitIn(_In):
    parts: list[LetterCaseIn] = SchemaField(min_length=2, max_length=20)


class LetterToldIn(_In):
    on: datetime.date


class LetterGrantIn(_In):
    user_id: int
    reason: str = SchemaField(max_length=300)


class LetterGrantOut(Schema):
    id: int
    case_id: int
    user_id: int
    reason: str
    granted_at: datetime.datetime


class LetterSenderOut(Schema):
    full_name: str
    relation: str
    address: str
    phone: str
    id_number: str


class LetterClassificationOut(Schema):
    """A case's classification in effect from `effective_on` (until the next one's day)."""

    effective_on: datetime.date
    category: str
    category_label: str
    field: str
    eligible: bool | None
    ineligible_reason: str
    handling: str
    competent_body_id: int | None
    recorded_by: str
    recorded_at: datetime.datetime
    text: str  # the same in words, as the letter's page shows it

    @staticmethod
    def resolve_category_label(obj: object) -> str:
        return obj.get_category_display()

    @staticmethod
    def resolve_recorded_by(obj: object) -> str:
        user = obj.recorded_by
        return (user.get_full_name() or user.get_username()) if user is not None else ""

    @staticmethod
    def resolve_text(obj: object) -> str:
        return classification_line(obj)


class LetterCaseOut(Schema):
    id: int
    position: int
    category: str
    category_label: str
    field: str
    summary: str
    protected: bool
    eligible: bool | None
    ineligible_reason: str
    handling: str
    competent_body_id: int | None
    duplicate_of_id: int | None
    forward_document_id: int | None
    obligation_id: int | None
    due_on: datetime.date | None
    answer_text: str
    citizen_told_on: datetime.date | None
    supervision_round_id: int | None
    classifications: list[LetterClassificationOut]  # oldest first: what the statistics of each period read

    @staticmethod
    def resolve_category_label(obj: object) -> str:
        return obj.get_category_display()

    @staticmethod
    def resolve_classifications(obj: object) -> list:
        return list(obj.classifications.all())

    @staticmethod
    def resolve_due_on(obj: object) -> datetime.date | None:
        return obj.obligation.due_on if obj.obligation_id else None


class LetterOut(Schema):
    id: int
    code: str
    received_on: datetime.date
    channel: str
    anonymous: bool
    signed: bool
    people: int
    summary: str
    reception_id: int | None
    unit_id: int | None
    identity: str  # "visible", "masked", "protected" or "anonymous"
    senders: list[LetterSenderOut]
    cases: list[LetterCaseOut]


class LetterForwardOut(Schema):
    document_id: int
    number_symbol: str
    obligation_id: int
    due_on: datetime.date
    rule: str
    citation: str


class LetterFigureOut(Schema):
    label: str
    value: int
    params: dict[str, str]


class LetterStatisticsOut(Schema):
    year: int
    date_from: datetime.date
    date_to: datetime.date
    as_of: datetime.date
    period: dict[str, str]
    sessions: int
    citizens: int
    group_sessions: int
    letters: int
    cases: int
    duplicates: int
    eligible: int
    ineligible: int
    forwarded: int
    answered: int
    answered_on_time: int
    answered_late: int
    waiting: int
    overdue: int
    chased: int
    by_category: list[LetterFigureOut]
    by_field: list[LetterFigureOut]
    by_handling: list[LetterFigureOut]


class ReceptionSessionIn(_In):
    held_on: datetime.date
    content: str = SchemaField(max_length=10_000)
    kind: str = "dinh_ky"
    place: str = SchemaField("", max_length=250)
    receiver_ids: list[int] = SchemaField([], max_length=50)
    citizens: int = SchemaField(1, ge=1, le=100_000)
    group: bool = False
    representative: str = SchemaField("", max_length=250)
    documents: str = SchemaField("", max_length=2_000)
    on_the_spot: str = ""


class ReceptionSessionOut(Schema):
    id: int
    held_on: datetime.date
    kind: str
    place: str
    receiver_ids: list[int]
    citizens: int
    group: bool
    content: str
    on_the_spot: str

    @staticmethod
    def resolve_receiver_ids(obj: object) -> list[int]:
        return [p.pk for p in obj.receivers.all()]


class ReceptionRosterIn(_In):
    rule: str
    place: str = SchemaField(max_length=250)
    decision: str = SchemaField(max_length=300)
    receiver_ids: list[int] = SchemaField(min_length=1, max_length=100)
    day: int | None = SchemaField(None, ge=1, le=28)
    weekday: int | None = SchemaField(None, ge=0, le=4)
    week: int | None = SchemaField(None, ge=1, le=5)
    shift: str = "sau"
    minimum_per_year: int | None = SchemaField(None, ge=1, le=366)


class ReceptionRosterOut(Schema):
    rule: str
    place: str
    decision: str
    receiver_ids: list[int]
    day: int | None
    weekday: int | None
    week: int | None
    shift: str
    minimum_per_year: int | None

    @staticmethod
    def resolve_receiver_ids(obj: object) -> list[int]:
        return [p.pk for p in obj.receivers.all()]


class ReceptionPeriodIn(_In):
    start: datetime.date
    end: datetime.date


class ReceptionSlotOut(Schema):
    id: int
    day: datetime.date
    planned_day: datetime.date | None
    person_id: int
    person_name: str
    place: str
    reason: str
    published_on: datetime.date | None
    obligation_id: int | None

    @staticmethod
    def resolve_person_name(obj: object) -> str:
        return obj.person.full_name


class ReceptionSlotChangeIn(_In):
    reason: str = SchemaField(max_length=300)
    day: datetime.date | None = None
    person_id: int | None = None
    place: str = SchemaField("", max_length=250)


class ReceptionPublishOut(Schema):
    published: int


class ReceptionTaskIn(_In):
    body_id: int
    text: str = SchemaField(max_length=5_000)
    due_on: datetime.date | None = None


class ReceptionTaskOut(Schema):
    id: int
    body_id: int
    text: str
    due_on: datetime.date | None
    obligation_id: int | None


class ReceptionNoticeIn(_In):
    conclusion: str = SchemaField(max_length=10_000)
    signer_title: str = SchemaField(max_length=120)
    signer_name: str = SchemaField(max_length=120)
    signer_authority: str = Authority.TL


class ReceptionNoticeOut(Schema):
    document_id: int
    state: str


class LetterFromPetitionIn(_In):
    category: str
    field: str = Field.OTHER


class LetterScanOut(Schema):
    letter_id: int
    has_scan: bool


class LetterRoundIn(_In):
    round_id: int | None = None


class LetterRefusalIn(_In):
    ground: str
    established_on: datetime.date
    earlier: str = SchemaField(max_length=300)
    signer_title: str = SchemaField(max_length=120)
    signer_name: str = SchemaField(max_length=120)
    signer_authority: str = Authority.TM


class LetterRefusalOut(Schema):
    id: int
    letter_id: int
    ground: str
    established_on: datetime.date
    document_id: int
    obligation_id: int
    due_on: datetime.date
    citation: str

    @staticmethod
    def resolve_due_on(obj: object) -> datetime.date:
        return obj.obligation.due_on

    @staticmethod
    def resolve_citation(obj: object) -> str:
        return obj.obligation.due_citation


class LetterChaseIn(_In):
    signer_title: str = SchemaField(max_length=120)
    signer_name: str = SchemaField(max_length=120)
    signer_authority: str = Authority.TM


class LetterChaseOut(Schema):
    id: int
    body_id: int
    body_name: str
    made_on: datetime.date
    document_id: int | None
    case_ids: list[int]

    @staticmethod
    def resolve_body_name(obj: object) -> str:
        return obj.body.name

    @staticmethod
    def resolve_case_ids(obj: object) -> list[int]:
        return [c.pk for c in obj.cases.all()]
