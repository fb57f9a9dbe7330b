"""The reports' pages and API reads run a fixed number of queries whatever the rows: 3 rows, then 30."""

import datetime

import pytest
from django.urls import reverse

from hdnd.testing import assert_constant_queries
from plenary.models import SessionKind
from plenary.tests.factories import make_delegates, make_session, set_due_days
from registry import services as registry
from registry.models import BodyKind
from reports import services

D = datetime.date
pytestmark = pytest.mark.django_db


def _sessions(world, numbers: range) -> None:
    """Thematic sessions of 2024, one a day from 01/10/2024."""
    for n in numbers:
        make_session(
            world.council,
            world.term,
            number=n,
            kind=SessionKind.THEMATIC,
            opens_on=D(2024, 10, 1) + datetime.timedelta(days=n),
            created_on=D(2024, 9, 1),
            requested_by="thuong_truc",
        )


@pytest.fixture
def three(world):
    """A council with 3 sessions in 2024 and its annual report opened."""
    set_due_days(world.council)
    registry.body_create(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    _sessions(world, range(1, 4))
    services.report_get_or_create(council=world.council, year=2024)
    return world


def _grow(world) -> callable:
    return lambda: _sessions(world, range(4, 31))


def _sessions_value(response) -> int:
    figures = response.json() if isinstance(response.json(), list) else response.json()["figures"]
    return next(f["value"] for f in figures if f["key"] == "sessions")


def test_delegate_activity_page_and_api(world, as_user) -> None:
    make_delegates(world.term, 3)
    client = as_user("office")
    grow = lambda: make_delegates(world.term, 27)  # noqa: E731
    page = reverse("reports:delegate_activity")
    # 1 session, 2 user, 3 councils of the user, 4 role grants, 5 current term, 6 terms, 7 delegates with
    # person and group, 8 attendance, 9 speeches, 10 questions, 11 supervision rounds, 12 contact meetings,
    # 13 group reports owed, 14 councils for the menu, 15 unread notifications for the top bar.
    assert_constant_queries(lambda: client.get(page), grow, row_text="/dai-bieu/", rows=27, expected=15)


def test_delegate_activity_api(world, as_user) -> None:
    make_delegates(world.term, 3)
    client = as_user("office")
    api = reverse("api-v1:delegate_activity", args=[world.council.pk])
    # 1 session, 2 user, 3-4 councils of the user (council_for_api reads them twice), 5 role grants,
    # 6 current term, 7 terms, 8 delegates with person and group, 9 attendance, 10 speeches, 11 questions,
    # 12 supervision rounds, 13 contact meetings.
    _, after = assert_constant_queries(
        lambda: client.get(api), lambda: make_delegates(world.term, 27), row_text='"delegate_id"', rows=27, expected=13
    )
    assert len(after.json()) == 30


def test_figure_detail_page_and_api(three, as_user) -> None:
    client = as_user("office")
    page = reverse("reports:figure_detail", args=[2024, "sessions"])
    # One row a session in the records table (its header row is <tr><th>).
    assert_constant_queries(lambda: client.get(page), _grow(three), row_text="<tr><td>", rows=27)
    api = reverse("api-v1:figure_detail", args=[three.council.pk, 2024, "sessions"])
    _, after = assert_constant_queries(lambda: client.get(api), lambda: _sessions(three, range(31, 32)))
    assert after.json()["value"] == 31 and len(after.json()["records"]) == 31


def test_activity_report_page(three, as_user) -> None:
    client = as_user("office")
    url = reverse("reports:activity_report") + "?nam=2024"
    before, after = assert_constant_queries(lambda: client.get(url), _grow(three))
    assert before.context["figures"]["sessions"].value == 3
    assert after.context["figures"]["sessions"].value == 30


def test_every_reports_api_get(three, as_user) -> None:
    client = as_user("office")
    cid = three.council.pk
    urls = [
        reverse("api-v1:figure_list", args=[cid, 2024]),
        reverse("api-v1:dashboard", args=[cid, 2024]),
        reverse("api-v1:annual_report", args=[cid, 2024]),
    ]
    before, after = assert_constant_queries(lambda: tuple(client.get(u) for u in urls), _grow(three))
    assert [_sessions_value(r) for r in before[:2]] == [3, 3]
    assert [_sessions_value(r) for r in after[:2]] == [30, 30]
    assert after[2].json()["year"] == 2024
