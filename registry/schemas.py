import datetime
from typing import ClassVar

from ninja import Field, FilterSchema, Schema
from pydantic import ConfigDict, ValidationInfo, field_validator

from hdnd.text import clean, clean_multiline
from registry.models import AccessKind, BodyKind, CouncilLevel, DelegateStatus, Gender, MemberRole, UnitType


class InputSchema(Schema):
    """Every request body: a field the document does not name is refused (422 naming it), never dropped
    silently, so a client's misspelt field is not lost without a word."""

    model_config = ConfigDict(extra="forbid")


class CleanSchema(InputSchema):
    """Input schema whose strings arrive in NFC and stripped; the fields in `multiline` keep their line
    breaks (as the screens' text areas and the importer do)."""

    multiline: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value
        return clean_multiline(value) if info.field_name in cls.multiline else clean(value)


class CouncilOut(Schema):
    id: int
    name: str
    level: str
    unit_type: str
    unit_name: str
    unit_code: str
    historical: bool
    parent_id: int | None
    active: bool
    ceased_on: datetime.date | None

    @staticmethod
    def resolve_name(obj: object) -> str:
        return str(obj)


class CouncilCreateIn(CleanSchema):
    """A council that the loaded administrative units do not hold: a historical one (a district council
    before 01/07/2025) or a unit since merged; current units are activated instead."""

    level: CouncilLevel
    unit_type: UnitType
    unit_name: str = Field(..., min_length=1, max_length=120)
    unit_code: str = Field(..., min_length=1, max_length=10)
    parent_id: int | None = None
    ceased_on: datetime.date | None = None
    place_name: str = Field("", max_length=120)


class CouncilPatch(CleanSchema):
    unit_name: str | None = Field(None, min_length=1, max_length=120)
    place_name: str | None = Field(None, max_length=120)
    ceased_on: datetime.date | None = None
    active: bool | None = None


class CouncilFilter(FilterSchema):
    q: str | None = None
    level: str | None = None


class TermOut(Schema):
    id: int
    name: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    delegates_elected: int


class TermIn(CleanSchema):
    name: str = Field(..., min_length=1, max_length=20)
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    delegates_elected: int = Field(..., ge=1)


class BodyOut(Schema):
    id: int
    kind: str
    name: str
    short_name: str
    parent_id: int | None
    linked_council_id: int | None
    email: str
    active: bool


class BodyIn(CleanSchema):
    kind: BodyKind
    name: str = Field(..., min_length=1, max_length=200)
    short_name: str = Field("", max_length=80)
    parent_id: int | None = None
    linked_council_id: int | None = Field(
        None, description="Hội đồng cấp trên hoặc cấp dưới mà cơ quan này thuộc về (ví dụ UBND xã của một xã)."
    )
    email: str = ""


class BodyPatch(CleanSchema):
    name: str | None = Field(None, min_length=1, max_length=200)
    short_name: str | None = Field(None, max_length=80)
    parent_id: int | None = None
    email: str | None = None
    active: bool | None = None


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str
    birth_year: int | None
    position: str
    workplace: str


class PersonIn(CleanSchema):
    full_name: str = Field(..., min_length=1, max_length=120)
    gender: Gender | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    position: str = Field("", max_length=250)
    workplace: str = Field("", max_length=250)
    email: str = Field("", max_length=254)


class PersonPatch(CleanSchema):
    full_name: str | None = Field(None, min_length=1, max_length=120)
    gender: Gender | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    position: str | None = Field(None, max_length=250)
    workplace: str | None = Field(None, max_length=250)
    email: str | None = Field(None, max_length=254)


class TokenIn(CleanSchema):
    name: str = Field(..., min_length=1, max_length=80)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenCreatedOut(TokenOut):
    key: str = Field(..., description="Mã truy cập đầy đủ: chỉ trả về một lần, hệ thống chỉ giữ bản băm.")


class DelegateOut(Schema):
    id: int
    person: PersonOut
    term_id: int
    group_id: int | None
    constituency: str
    elected_on: datetime.date
    status: str
    left_on: datetime.date | None


class DelegateIn(CleanSchema):
    full_name: str = Field(..., min_length=1, max_length=120)
    gender: Gender | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    position: str = Field("", max_length=250)
    workplace: str = Field("", max_length=250)
    term_id: int
    group_id: int | None = None
    constituency: str = Field("", max_length=200)
    elected_on: datetime.date


class DelegatePatch(CleanSchema):
    """The fields of the delegate's edit screen; a field left out keeps its value."""

    full_name: str | None = Field(None, min_length=1, max_length=120)
    gender: Gender | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    position: str | None = Field(None, max_length=250)
    workplace: str | None = Field(None, max_length=250)
    group_id: int | None = None
    constituency: str | None = Field(None, max_length=200)


class DelegateStatusIn(CleanSchema):
    status: DelegateStatus
    happened_on: datetime.date
    note: str = Field("", max_length=250)


class DelegateFilter(FilterSchema):
    q: str | None = None
    group_id: int | None = None
    term_id: int | None = None
    in_office_on: datetime.date | None = None


class MembershipOut(Schema):
    id: int
    person_id: int
    person_name: str = Field(..., alias="person.full_name")
    body_id: int
    role: str
    starts_on: datetime.date
    ends_on: datetime.date | None


class MembershipIn(CleanSchema):
    person_id: int
    role: MemberRole
    starts_on: datetime.date
    ends_on: datetime.date | None = None


class MembershipEndIn(InputSchema):
    ends_on: datetime.date


class RulePeriodOut(Schema):
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    value: int | None
    unit: str
    citation: str
    from_setting: bool


class SettingOut(Schema):
    key: str
    group: str
    label: str
    value: int | None
    unit: str
    default: int | None
    citation: str
    periods: list[RulePeriodOut] = []


class SettingIn(InputSchema):
    value: int | None = Field(None, ge=0)
    unit: str = ""
    valid_from: datetime.date | None = None
    decision: str = Field("", max_length=300)


class CalendarDayOut(Schema):
    id: int
    day: datetime.date
    kind: str
    note: str


class CalendarDayIn(CleanSchema):
    day: datetime.date
    kind: str
    note: str = Field("", max_length=200)


class DeadlineOut(Schema):
    start: datetime.date
    deadline: datetime.date
    days: int
    unit: str
    citation: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    skipped: list[datetime.date] = []
    made_up: list[datetime.date] = []


class GrantOut(Schema):
    id: int
    username: str = Field(..., alias="user.username")
    role: str
    body_id: int | None
    person_id: int | None


class GrantIn(CleanSchema):
    username: str = Field(..., min_length=1, max_length=150)
    role: str
    full_name: str = ""
    email: str = ""
    password: str = ""
    body_id: int | None = None
    person_id: int | None = None


class LockoutOut(Schema):
    username: str
    failures: int
    last: datetime.datetime
    locked: bool


class LockoutReleaseOut(Schema):
    id: int
    username: str = Field(..., alias="user.username")
    released_by: str | None = Field(None, alias="released_by.username")
    failures: int
    released_at: datetime.datetime


class PersonalAccessFilter(FilterSchema):
    """The filters of the personal-data access log screen: user, period, record kind, access kind, text."""

    user_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    record_kind: str | None = Field(None, max_length=100, description="Loại hồ sơ, ví dụ petitions.petition")
    kind: AccessKind | None = None
    q: str | None = Field(None, max_length=100)


class PersonalAccessOut(Schema):
    id: int
    created_at: datetime.datetime
    user_id: int | None
    username: str
    kind: str
    record_kind: str = Field(..., description="app_label.model của hồ sơ")
    object_id: int
    label: str
    address: str | None

    @staticmethod
    def resolve_record_kind(obj: object) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"
