"""Builders for session records; they go through the services, as the screens do."""

import datetime

from plenary import services
from plenary.models import Session, SessionKind, Submission, SubmissionKind
from registry import services as registry_services
from registry.models import Body, BodyKind, Council, Delegate, Term
from registry.tests.factories import BodyFactory, DelegateFactory

D = datetime.date
ELECTED = D(2021, 5, 23)
OPENS = D(2024, 12, 18)
CREATED = D(2024, 11, 1)


def set_due_days(council: Council, days: int = 15) -> None:
    registry_services.setting_set(council=council, key="submission_due_before_opening", value=days)


def make_delegates(term: Term, count: int, elected_on: datetime.date = ELECTED) -> list[Delegate]:
    return [DelegateFactory(term=term, elected_on=elected_on) for _ in range(count)]


def make_session(
    council: Council,
    term: Term,
    number: int = 21,
    kind: str = SessionKind.REGULAR_END,
    opens_on: datetime.date = OPENS,
    created_on: datetime.date = CREATED,
    **extra: object,
) -> Session:
    return services.session_create(
        council=council,
        term=term,
        number=number,
        kind=kind,
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=1),
        created_on=created_on,
        place="Hội trường thị xã",
        **extra,
    )


def make_submission(
    session: Session, agency: Body, title: str = "Tờ trình về dự toán ngân sách", **extra
) -> Submission:
    extra.setdefault("kind", SubmissionKind.DRAFT_RESOLUTION)
    return services.submission_create(session=session, title=title, agency=agency, **extra)


def committee(council: Council, name: str = "Ban Kinh tế - Xã hội") -> Body:
    return Body.objects.filter(council=council, name=name).first() or BodyFactory(
        council=council, kind=BodyKind.COMMITTEE, name=name, short_name=name
    )


def ubnd(council: Council) -> Body:
    return Body.objects.filter(council=council, kind=BodyKind.PEOPLES_COMMITTEE).first() or BodyFactory(
        council=council, kind=BodyKind.PEOPLES_COMMITTEE, name="UBND thị xã", short_name="UBND thị xã"
    )
