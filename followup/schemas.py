import datetime

from ninja import Field, FilterSchema, Schema

from followup.why import basis_summary
from registry.rules import CALENDAR
from registry.schemas import CleanSchema


class ObligationFilter(FilterSchema):
    q: str | None = None
    owner_id: int | None = None
    kind: str | None = None
    state: str | None = Field(None, description="Một trạng thái, hoặc `qua_han` (quá hạn), `chua_xong`.")
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None

    def as_query(self) -> dict[str, str]:
        """The same filters under the names the screen uses (`followup.filters.ObligationFilter`)."""
        pairs = {
            "q": self.q,
            "co_quan": self.owner_id,
            "loai": self.kind,
            "trang_thai": self.state,
            "han_tu": self.due_from,
            "han_den": self.due_to,
        }
        return {k: v.isoformat() if isinstance(v, datetime.date) else str(v) for k, v in pairs.items() if v is not None}


class DueBasisOut(Schema):
    """How the deadline was computed (kept on the obligation): `why_url` opens “Vì sao hạn này”."""

    rule: str
    rule_label: str
    citation: str
    version_from: datetime.date | None
    version_to: datetime.date | None
    setting_decision: str
    start: datetime.date | None
    start_event: str
    value: int | None
    unit: str
    before: bool
    why_url: str


class SkippedDayOut(Schema):
    day: datetime.date
    reason: str


class DueChangeOut(Schema):
    at: datetime.datetime
    action: str
    text: str


class SuccessorVersionOut(Schema):
    citation: str
    valid_from: datetime.date | None
    value: int | None = Field(..., description="None: văn bản chưa có số cụ thể, Hội đồng thiết lập.")
    unit: str
    from_setting: bool


class DueWhyOut(DueBasisOut):
    kind: str = Field(..., description="`rule`: theo quy định; `days`: số ngày nhập tay; `date`: ngày ấn định.")
    due_on: datetime.date
    computed: datetime.date | None
    skipped: list[SkippedDayOut]
    made_up: list[datetime.date]
    changes: list[DueChangeOut]
    stale: bool
    successor: SuccessorVersionOut | None = Field(
        None, description="Phiên bản thay thế phiên bản đã dùng, khi phiên bản đó đã hết hiệu lực."
    )


class RecomputedOut(Schema):
    obligation_id: int
    old: datetime.date
    new: datetime.date


class ObligationOut(Schema):
    id: int
    title: str
    description: str
    kind: str
    kind_label: str
    owner_id: int
    owner_name: str = Field(..., alias="owner.name")
    owner_person_id: int | None
    source_label: str
    source_date: datetime.date
    source_type: str | None = None
    source_id: int | None
    due_on: datetime.date
    state: str
    state_label: str = Field(..., alias="get_state_display")
    reported_on: datetime.date | None
    is_overdue: bool
    days_overdue: int | None = None
    days_reported_late: int | None = None
    due_basis: DueBasisOut

    @staticmethod
    def resolve_due_basis(obj: object) -> dict:
        return basis_summary(obj)

    @staticmethod
    def resolve_days_overdue(obj: object) -> int | None:
        return obj.days_overdue.days if obj.days_overdue is not None else None

    @staticmethod
    def resolve_days_reported_late(obj: object) -> int | None:
        return obj.days_reported_late.days if obj.days_reported_late is not None else None

    @staticmethod
    def resolve_source_type(obj: object) -> str | None:
        ct = obj.source_type
        return f"{ct.app_label}.{ct.model}" if ct is not None else None


class UpdateOut(Schema):
    id: int
    created_at: datetime.datetime
    user: str | None = None
    action: str
    action_label: str = Field(..., alias="get_action_display")
    from_state: str
    to_state: str
    text: str
    reply_label: str
    reply_type: str | None = None
    reply_id: int | None
    files: list[str] = []

    @staticmethod
    def resolve_user(obj: object) -> str | None:
        return (obj.user.get_full_name() or obj.user.username) if obj.user else None

    @staticmethod
    def resolve_reply_type(obj: object) -> str | None:
        ct = obj.reply_type
        return f"{ct.app_label}.{ct.model}" if ct is not None else None

    @staticmethod
    def resolve_files(obj: object) -> list[str]:
        return [f.name for f in obj.files.all()]


class ObligationDetailOut(ObligationOut):
    updates: list[UpdateOut]

    @staticmethod
    def resolve_updates(obj: object) -> list:
        return list(obj.updates.all())


class ObligationIn(CleanSchema):
    owner_id: int
    owner_person_id: int | None = None
    title: str = Field(..., min_length=1, max_length=500)
    description: str = Field("", max_length=10_000)
    kind: str = "task"
    source_label: str = Field("", max_length=300)
    source_date: datetime.date
    due_on: datetime.date | None = None
    rule: str | None = None
    days: int | None = Field(None, ge=0)
    unit: str = CALENDAR


class FollowupReportIn(CleanSchema):
    text: str = Field(..., min_length=1, max_length=10_000)
    done: bool = False
    reply_label: str = Field("", max_length=300)
    reply_type: str | None = Field(None, description="Văn bản trả lời trong sổ văn bản, dạng `app_label.model`.")
    reply_id: int | None = None


class FollowupNoteIn(CleanSchema):
    text: str = Field("", max_length=10_000)


class ReasonIn(CleanSchema):
    reason: str = Field(..., min_length=1)


class ExtendIn(CleanSchema):
    due_on: datetime.date
    reason: str = Field(..., min_length=1)


class ScoreOut(Schema):
    owner_id: int
    owner_name: str
    total: int
    done_on_time: int
    on_time_percent: float | None
    overdue: int
    reported_late: int
    median_days_late: float | None


class NotificationsReadOut(Schema):
    count: int = Field(..., description="Số thông báo vừa được đánh dấu là đã đọc")


class ObligationExportIn(CleanSchema):
    """The obligation list's filters (all optional); the background export writes the rows the list would."""

    q: str | None = Field(None, max_length=200)
    owner_id: int | None = None
    kind: str | None = Field(None, max_length=40)
    state: str | None = Field(None, max_length=20, description="Một trạng thái, hoặc `qua_han`, `chua_xong`.")
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None

    def as_query(self) -> dict[str, str]:
        """The same filters under the names the screen uses."""
        return ObligationFilter(**self.dict()).as_query()
