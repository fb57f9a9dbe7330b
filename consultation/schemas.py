"""Schemas of the consultation routes; names are unique in the API document (Consultation…). No output
schema has a field for a commenter's name or contact."""

import datetime

from ninja import Field as SchemaField
from ninja import Schema
from pydantic import ConfigDict

from documents.models import Authority
from registry.schemas import CleanSchema


class _ConsultationBaseIn(CleanSchema):
    model_config = ConfigDict(extra="forbid")


class ConsultationIn(_ConsultationBaseIn):
    multiline = frozenset({"summary", "text"})
    title: str = SchemaField(min_length=1, max_length=500)
    opens_on: datetime.date
    closes_on: datetime.date
    summary: str = SchemaField("", max_length=5_000)
    submission_id: int | None = None
    text: str = SchemaField("", max_length=500_000)


class ConsultationUpdateIn(_ConsultationBaseIn):
    multiline = frozenset({"summary"})
    title: str = SchemaField(min_length=1, max_length=500)
    opens_on: datetime.date
    closes_on: datetime.date
    summary: str = SchemaField("", max_length=5_000)


class ConsultationVersionIn(_ConsultationBaseIn):
    multiline = frozenset({"text"})
    text: str = SchemaField(min_length=1, max_length=500_000)
    note: str = SchemaField("", max_length=500)


class ConsultationInviteIn(_ConsultationBaseIn):
    body_ids: list[int] = SchemaField(min_length=1, max_length=200)


class ConsultationModerateIn(_ConsultationBaseIn):
    approve: bool
    reason: str = SchemaField("", max_length=500)


class ConsultationResponseIn(_ConsultationBaseIn):
    multiline = frozenset({"text"})
    article: int = SchemaField(ge=0, le=999)
    kind: str = SchemaField(min_length=1, max_length=10)
    text: str = SchemaField(min_length=1, max_length=10_000)


class ConsultationReportIn(_ConsultationBaseIn):
    signer_title: str = SchemaField(min_length=1, max_length=200)
    signer_name: str = SchemaField(min_length=1, max_length=200)
    signer_authority: str = Authority.TM


class ConsultationOpinionItemIn(_ConsultationBaseIn):
    multiline = frozenset({"text"})
    article: int = SchemaField(0, ge=0, le=999)
    text: str = SchemaField(max_length=5_000)


class ConsultationBodyOpinionsIn(_ConsultationBaseIn):
    body_id: int | None = None
    items: list[ConsultationOpinionItemIn] = SchemaField([], max_length=200)
    agreed: bool = False


class ConsultationCommentIn(_ConsultationBaseIn):
    multiline = frozenset({"text"})
    text: str = SchemaField(min_length=1, max_length=5_000)
    article: int = SchemaField(0, ge=0, le=999)
    name: str = SchemaField("", max_length=200)
    contact: str = SchemaField("", max_length=200)


class ConsultationArticleOut(Schema):
    number: int
    heading: str
    text: str


class ConsultationVersionOut(Schema):
    number: int
    note: str
    created_at: datetime.datetime
    articles: list[ConsultationArticleOut]


class ConsultationOut(Schema):
    id: int
    title: str
    summary: str
    opens_on: datetime.date
    closes_on: datetime.date
    published_on: datetime.date | None
    closed_on: datetime.date | None
    phase: str
    phase_label: str
    submission_id: int | None
    report_id: int | None


class ConsultationListOut(ConsultationOut):
    opinion_count: int
    pending_count: int
    invitation_count: int


class ConsultationOpinionOut(Schema):
    id: int
    article: int
    origin: str
    body_id: int | None
    body_name: str
    text: str
    status: str
    reject_reason: str
    created_at: datetime.datetime


class ConsultationResponseOut(Schema):
    article: int
    kind: str
    kind_label: str
    text: str


class ConsultationGroupOut(Schema):
    article: int
    heading: str
    removed: bool
    opinions: list[ConsultationOpinionOut]
    response: ConsultationResponseOut | None


class ConsultationInvitationOut(Schema):
    body_id: int
    body_name: str
    obligation_id: int | None
    due_on: datetime.date | None
    state: str


class ConsultationDetailOut(ConsultationOut):
    versions: list[ConsultationVersionOut]
    invitations: list[ConsultationInvitationOut]
    groups: list[ConsultationGroupOut]


class ConsultationDocumentOut(Schema):
    id: int
    subject: str
    state: str


class ConsultationOpinionReceivedOut(Schema):
    id: int
    article: int
    status: str
    message: str


class ConsultationDiffPieceOut(Schema):
    kind: str
    text: str


class ConsultationDiffOut(Schema):
    number: int
    heading: str
    change: str
    pieces: list[ConsultationDiffPieceOut]


class ConsultationPublicCommentOut(Schema):
    id: int
    article: int
    text: str
    created_at: datetime.datetime


class ConsultationPublicOut(Schema):
    id: int
    title: str
    summary: str
    opens_on: datetime.date
    closes_on: datetime.date
    closed_on: datetime.date | None
    phase: str
    phase_label: str
    shown_count: int


class ConsultationPublicDetailOut(Schema):
    id: int
    title: str
    summary: str
    opens_on: datetime.date
    closes_on: datetime.date
    closed_on: datetime.date | None
    phase: str
    phase_label: str
    version: int | None
    articles: list[ConsultationArticleOut]
    versions: list[int]
    changes: list[ConsultationDiffOut]
    comments: list[ConsultationPublicCommentOut]


class ConsultationInvitedOut(Schema):
    consultation_id: int
    title: str
    body_id: int
    body_name: str
    closes_on: datetime.date
    phase: str
    obligation_state: str
