"""The dashboard counts a missing submission's lateness up to the council's today in the current year (as
the session page and the home page do), and up to 31/12 in a past year; never up to a day still to come."""

import datetime

import pytest
from django.urls import reverse

from hdnd import dates
from plenary.tests.factories import make_session, make_submission, set_due_days
from reports import figures

D = datetime.date


@pytest.mark.django_db
def test_late_days_count_to_today_in_the_current_year(world, as_user, monkeypatch) -> None:
    set_due_days(world.council, 10)
    session = make_session(world.council, world.term, opens_on=D(2025, 12, 11), created_on=D(2025, 11, 1))
    sub = make_submission(session, world.agency)
    assert sub.due_on == D(2025, 12, 1)
    monkeypatch.setattr(dates, "today", lambda: D(2025, 12, 4))  # the council's today, in 2025

    [record] = figures.compute(council=world.council, year=2025).items["late_submissions"].records
    assert "chậm 3 ngày" in record.text, record.text
    assert sub.days_late(D(2025, 12, 4)) == 3  # what the session page says
    html = as_user("office").get(reverse("reports:dashboard") + "?nam=2025").content.decode()
    assert "chậm 3 ngày" in html and "chậm 30 ngày" not in html

    # A past year is counted to its 31/12.
    monkeypatch.setattr(dates, "today", lambda: D(2026, 3, 1))
    [record] = figures.compute(council=world.council, year=2025).items["late_submissions"].records
    assert "chậm 30 ngày" in record.text, record.text
