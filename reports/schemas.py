import datetime

from ninja import Schema
from pydantic import Field

from registry.schemas import InputSchema


class RecordOut(Schema):
    text: str
    url: str
    day: datetime.date | None


class FigureOut(Schema):
    key: str
    label: str
    value: int | str
    text: str
    count: int


class FigureDetailOut(FigureOut):
    records: list[RecordOut]


class ReportOut(Schema):
    id: int
    year: int
    state: str
    collective: str
    texts: dict[str, str]
    ratings: dict[str, str]
    classification: str
    score: int | None
    recipients: str
    document_id: int | None
    number_symbol: str
    frozen_figures: dict | None
    changed_since_issue: list[list[str]]


class ReportTextsIn(InputSchema):
    texts: dict[str, str] = {}
    recipients: str | None = Field(None, max_length=5_000)


class ReportIssueIn(InputSchema):
    issued_on: datetime.date | None = Field(
        None, description="Ngày ban hành (mặc định hôm nay); số của báo cáo theo năm của ngày này."
    )


class ReportRatingsIn(InputSchema):
    ratings: dict[str, str] = {}
    classification: str = ""
    score_general: int | None = None
    score_results: int | None = None


class DelegateActivityOut(Schema):
    delegate_id: int
    full_name: str
    group: str
    present: int
    excused: int
    absent: int
    speeches: int
    questions: int
    contacts: int
    supervisions: int


class OverdueOut(Schema):
    owner: str
    count: int


class DashboardOut(Schema):
    year: int
    figures: list[FigureOut]
    overdue_by_owner: list[OverdueOut]
    obligations_by_state: dict[str, int]
