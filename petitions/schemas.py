import datetime

from ninja import Field, Schema

from registry.schemas import CleanSchema, InputSchema


class PetitionRoundIn(CleanSchema):
    year: int = Field(..., ge=2000, le=2100)
    period: str = Field(..., description="`giua_nam` hoặc `cuoi_nam`.")
    timing: str = Field("truoc", description="`truoc` hoặc `sau` kỳ họp.")
    label: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


class PetitionRoundOut(Schema):
    id: int
    year: int
    period: str
    timing: str
    label: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    published: bool


class PlaceIn(CleanSchema):
    name: str = Field(..., min_length=1, max_length=120)
    kind: str = Field("thon", description="`thon`, `to_dan_pho`, `khu_pho` hoặc `khac`.")
    active: bool = True


class PlaceOut(Schema):
    id: int
    name: str
    kind: str
    label: str
    active: bool


class PetitionMeetingIn(CleanSchema):
    unit_id: int | None = Field(None, description="Xã, phường; hoặc `contact_place_id` (chỉ một).")
    contact_place_id: int | None = Field(None, description="Thôn, tổ dân phố của Hội đồng cấp xã.")
    held_on: datetime.date
    place: str = Field(..., min_length=1, max_length=250)
    form: str = "truc_tiep"
    delegate_ids: list[int] = []
    voters: int | None = Field(None, ge=0)
    co_organiser_id: int | None = None
    minutes_id: int | None = None


class PetitionMeetingOut(Schema):
    id: int
    round_id: int
    unit_id: int | None
    contact_place_id: int | None
    area_label: str
    held_on: datetime.date
    place: str
    form: str
    voters: int | None
    co_organiser_id: int | None
    minutes_id: int | None
    delegate_ids: list[int]

    @staticmethod
    def resolve_delegate_ids(obj: object) -> list[int]:
        return [d.pk for d in obj.delegates.all()]


class PetitionerIn(CleanSchema):
    full_name: str = Field(..., min_length=1, max_length=120)
    address: str = Field("", max_length=250)
    phone: str = Field("", max_length=20)


class PetitionIn(CleanSchema):
    multiline = frozenset({"text"})  # a petition's paragraphs, kept as the importer keeps them

    text: str = Field(..., min_length=1, max_length=10_000)
    unit_id: int | None = Field(None, description="Xã, phường; hoặc `contact_place_id` (chỉ một).")
    contact_place_id: int | None = None
    level: str = Field(..., description="`trung_uong`, `tinh`, `huyen` (trước 01/07/2025) hoặc `xa`.")
    field_id: int | None = None
    body_id: int | None = None
    meeting_id: int | None = None
    channel: str = "tiep_xuc"
    voters: int = Field(1, ge=1)
    complaint: bool = False
    people: list[PetitionerIn] = []


class BulkIn(InputSchema):
    items: list[PetitionIn] = Field(..., min_length=1, max_length=20000)


class PetitionUpdateIn(CleanSchema):
    text: str = Field(..., min_length=1, max_length=10_000)
    level: str
    field_id: int | None = None
    body_id: int | None = None
    complaint: bool = False


class OriginOut(Schema):
    id: int
    unit_id: int | None
    unit_name: str | None = None
    contact_place_id: int | None
    area_label: str
    meeting_id: int | None
    voters: int
    text: str

    @staticmethod
    def resolve_unit_name(obj: object) -> str | None:
        return obj.unit.unit_name if obj.unit else None


class PetitionOut(Schema):
    id: int
    round_id: int
    meeting_id: int | None
    channel: str
    unit_id: int | None
    contact_place_id: int | None
    text: str
    attribution: str
    field_id: int | None
    field_name: str | None = None
    level: str
    body_id: int | None
    body_name: str | None = None
    voters: int
    complaint: bool
    state: str
    state_label: str = Field(..., alias="get_state_display")
    is_aggregate: bool
    origins: list[OriginOut]
    forward_document_id: int | None
    obligation_id: int | None
    answer_text: str
    answered_on: datetime.date | None

    @staticmethod
    def resolve_attribution(obj: object) -> str:
        from petitions.services import attribution

        return attribution(obj)

    @staticmethod
    def resolve_field_name(obj: object) -> str | None:
        return obj.field.name if obj.field else None

    @staticmethod
    def resolve_body_name(obj: object) -> str | None:
        return obj.body.name if obj.body else None

    @staticmethod
    def resolve_origins(obj: object) -> list:
        return list(obj.origins.all()) if obj.is_aggregate else []


class PetitionerOut(Schema):
    id: int
    full_name: str
    address: str
    phone: str


class PetitionFilter(Schema):
    round_id: int | None = None
    level: str | None = None
    field_id: int | None = None
    state: str | None = None
    unit_id: int | None = None
    body_id: int | None = None
    q: str | None = None


class MergeIn(CleanSchema):
    ids: list[int] = Field(..., min_length=2)
    text: str = Field("", max_length=10_000)


class ForwardIn(CleanSchema):
    body_id: int
    signer_title: str = Field(..., min_length=1, max_length=200)
    signer_name: str = Field(..., min_length=1, max_length=120)
    signer_authority: str = "TM."
    issued_on: datetime.date | None = None


class ForwardOut(Schema):
    document_id: int
    number_symbol: str
    forwarded: int


class AnswerIn(CleanSchema):
    text: str = Field(..., min_length=1, max_length=10_000)
    state: str = Field(..., description="`da_tra_loi`, `dang_giai_quyet` hoặc `da_giai_trinh`.")
    document_id: int | None = None


class PetitionNoteIn(CleanSchema):
    note: str = ""


class RoundCountsOut(Schema):
    round_id: int
    label: str
    total: int
    by_level: dict[str, int]
    by_field: dict[str, int]
    by_state: dict[str, int]
    answered: int = Field(..., description="Kiến nghị đã có trả lời (đã trả lời, đang giải quyết, đã giải trình)")
    units: list[str]
    complaints: int
    sentence: str


class DuplicateGroupOut(Schema):
    petitions: list[PetitionOut]


class FieldIn(CleanSchema):
    name: str = Field(..., min_length=1, max_length=100)
    position: int = Field(0, ge=0, le=999)


class FieldOut(Schema):
    id: int
    name: str
    position: int


class PetitionPublishIn(InputSchema):
    published: bool


class AnswerReportIn(CleanSchema):
    signer_title: str = Field("", max_length=200)
    signer_name: str = Field("", max_length=120)
    issued_on: datetime.date | None = None


class PetitionDocumentRefOut(Schema):
    document_id: int
    subject: str


class UnitAnswersOut(Schema):
    unit_id: int | None
    contact_place_id: int | None
    unit_name: str
    label: str
    petitions: list[PetitionOut]


class PetitionExportIn(CleanSchema):
    """The petition list's filters (all optional); the export writes the rows the list would show."""

    round_id: int | None = None
    level: str | None = Field(None, max_length=10)
    field_id: int | None = None
    state: str | None = Field(None, max_length=20)
    unit_id: int | None = None
    body_id: int | None = None
    q: str | None = Field(None, max_length=200)
