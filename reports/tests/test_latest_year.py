"""Every year selector opens on the latest year with records for the chosen council, not today's year."""

import datetime

import pytest
from django.urls import reverse

from hdnd.dates import today
from hdnd.years import latest_year
from registry import services as registry
from registry.models import BodyKind, MemberRole
from registry.tests.factories import PersonFactory
from reports.selectors import activity_year
from standing import services as standing
from standing.models import Meeting

D = datetime.date


def _meeting(council, day: datetime.date) -> None:
    body = registry.body_create(council=council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    chair = registry.membership_create(
        person=PersonFactory(council=council), body=body, role=MemberRole.CHAIR, starts_on=D(2021, 6, 25)
    )
    standing.meeting_create(council=council, held_on=day, place="Phòng họp", purpose="Cho ý kiến", chair=chair)


@pytest.mark.django_db
def test_selectors_open_on_the_latest_year_with_records(world, as_user) -> None:
    assert activity_year(world.council) == today().year  # nothing yet: this year
    _meeting(world.council, D(2024, 3, 5))
    assert activity_year(world.council) == 2024
    assert activity_year(world.other_council) == today().year
    assert latest_year((Meeting.objects.filter(council=world.council), "held_on"), council=world.council) == 2024
    client = as_user("office")
    assert client.get(reverse("reports:dashboard")).context["year"] == 2024
    assert client.get(reverse("reports:dashboard"), {"nam": 2023}).context["year"] == 2023
