import datetime

from ninja import Field, FilterSchema, Schema
from pydantic import field_validator

from documents.models import Authority, Direction, DocType, Document, State
from hdnd.params import PAGE_MAX
from hdnd.text import clean, clean_multiline
from registry.schemas import CleanSchema, InputSchema

MULTILINE = {"body", "recipient_lines"}


class DocumentCleanSchema(CleanSchema):
    """Input whose strings arrive in NFC and stripped; the body and recipient lines keep their lines."""

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: object, info: object) -> object:
        if not isinstance(value, str):
            return value
        return clean_multiline(value) if info.field_name in MULTILINE else clean(value)


class DocumentOut(Schema):
    id: int
    council_id: int
    direction: Direction
    doc_type: DocType
    normative: bool
    issuer_id: int | None
    number: int | None
    year: int | None
    number_symbol: str
    place: str
    issued_on: datetime.date | None
    subject: str
    body: str
    signer_authority: str
    signer_collective: str
    signer_title: str
    signer_name: str
    recipient_body_ids: list[int]
    recipient_lines: str
    state: State
    published_at: datetime.datetime | None
    withdrawn_on: datetime.date | None
    withdrawn_reason: str
    sender_body_id: int | None
    sender_name: str
    external_number: str
    external_date: datetime.date | None
    received_on: datetime.date | None
    source_type: str | None
    source_id: int | None

    @staticmethod
    def resolve_recipient_body_ids(obj: Document) -> list[int]:
        return [b.pk for b in obj.recipient_bodies.all()]

    @staticmethod
    def resolve_source_type(obj: Document) -> str | None:
        # The id, not the content type row: no extra query per document.
        return str(obj.source_type_id) if obj.source_type_id else None


class DocumentIn(DocumentCleanSchema):
    doc_type: DocType
    normative: bool = False
    issuer_id: int | None = None
    place: str = Field("", max_length=80)
    issued_on: datetime.date | None = None
    subject: str = Field(..., min_length=1, max_length=500)
    body: str = Field("", max_length=50_000)
    signer_authority: Authority = Authority.NONE
    signer_collective: str = Field("", max_length=120)
    signer_title: str = Field("", max_length=120)
    signer_name: str = Field("", max_length=120)
    recipient_body_ids: list[int] = []
    recipient_lines: str = Field("", max_length=5_000)


class DocumentPatch(DocumentCleanSchema):
    doc_type: DocType | None = None
    normative: bool | None = None
    issuer_id: int | None = None
    place: str | None = Field(None, max_length=80)
    issued_on: datetime.date | None = None
    subject: str | None = Field(None, min_length=1, max_length=500)
    body: str | None = None
    signer_authority: Authority | None = None
    signer_collective: str | None = Field(None, max_length=120)
    signer_title: str | None = Field(None, max_length=120)
    signer_name: str | None = Field(None, max_length=120)
    recipient_body_ids: list[int] | None = None
    recipient_lines: str | None = None


class IncomingIn(DocumentCleanSchema):
    doc_type: DocType
    subject: str = Field(..., min_length=1, max_length=500)
    received_on: datetime.date
    sender_body_id: int | None = None
    sender_name: str = Field("", max_length=200)
    external_number: str = Field("", max_length=60)
    external_date: datetime.date | None = None
    body: str = Field("", max_length=50_000)
    handler_person_id: int | None = None


class DocumentIssueIn(InputSchema):
    issued_on: datetime.date | None = None


class WithdrawIn(DocumentCleanSchema):
    reason: str = Field(..., min_length=1, max_length=500)


class DocumentFilter(FilterSchema):
    direction: Direction = Direction.OUTGOING
    q: str | None = None
    doc_type: DocType | None = None
    state: State | None = None
    body_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


class AttachmentOut(Schema):
    id: int
    document_id: int
    name: str
    uploaded_at: datetime.datetime


class TemplateOut(Schema):
    doc_type: str
    label: str
    custom: bool
    filename: str
    uploaded_at: datetime.datetime | None


class IssuerOut(Schema):
    id: int
    name: str
    parent_name: str
    symbol: str
    letter_symbol: str
    body_id: int | None
    is_default: bool
    numbered: int = 0


class IssuerIn(DocumentCleanSchema):
    name: str = Field("", max_length=200)
    parent_name: str = Field("", max_length=200)
    symbol: str = Field("", max_length=30)
    letter_symbol: str = Field("", max_length=40)
    body_id: int | None = None


class IssuerPatch(DocumentCleanSchema):
    name: str | None = Field(None, max_length=200)
    parent_name: str | None = Field(None, max_length=200)
    symbol: str | None = Field(None, max_length=30)
    letter_symbol: str | None = Field(None, max_length=40)
    body_id: int | None = None


class SeriesOut(Schema):
    doc_type: DocType
    normative: bool
    kind: str
    label: str
    series: str
    pattern: str
    custom: bool
    example: str
    taken_this_year: int


class SeriesIn(DocumentCleanSchema):
    series: str = Field("", max_length=20)
    pattern: str = Field("", max_length=60)


class PublicDocumentQuery(Schema):
    q: str = Field("", max_length=200, description="Số, ký hiệu hoặc trích yếu (không cần dấu).")
    council_id: int | None = Field(None, ge=1, description="Chỉ văn bản của Hội đồng này.")
    # The same bound as every paginated list (hdnd.params); past the 1,000th result a page is empty.
    page: int = Field(1, ge=1, le=PAGE_MAX, description="Số trang (50 văn bản một trang).")


class PublicDocumentOut(Schema):
    id: int
    council_id: int
    council: str
    number_symbol: str
    doc_type: DocType
    issued_on: datetime.date | None
    subject: str
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_council(document: object) -> str:
        return str(document.council)


class PublicDocumentPage(Schema):
    count: int = Field(description="Số văn bản tìm thấy, tính đến 1.000 (count_capped: còn nhiều hơn).")
    count_capped: bool
    count_label: str = Field(description="Như trên màn hình: '25 kết quả' hoặc 'hơn 1.000 kết quả'.")
    items: list[PublicDocumentOut]
