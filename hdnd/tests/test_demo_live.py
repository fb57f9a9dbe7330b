"""The demo is alive today: beside the historical Đức Phổ town council (seeds 000 and 001, ceased on
01/07/2025 and linked to its successors), HĐND phường Đức Phổ of term 2026-2031 has an upcoming session,
overdue tasks and petitions waiting for answers, all dated relative to today."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import verify_second_factor
from followup.models import OPEN_STATES, Obligation
from hdnd.dates import today
from hdnd.demo_live import UNIT_CODE, seed_live
from petitions import services as petitions
from petitions.models import Level, Period
from plenary.models import Session
from registry.demo import demo_council, seed
from registry.models import Body, BodyKind, Council, MemberRole, Membership
from reports import figures as figures_mod
from reports.selectors import activity_year
from standing import services as standing


@pytest.mark.django_db
def test_live_council_beside_the_historical_town() -> None:
    seed()
    print(seed_live())
    now = today()
    town = demo_council()
    live = Council.objects.get(level="xa", unit_code=UNIT_CODE, historical=False)
    # The town: ceased, read-only after 30/06/2025, linked to the five communes that took over its area.
    assert (town.active, town.ceased_on) == (False, datetime.date(2025, 7, 1))
    assert {c.unit_name for c in town.successors.all()} == {
        "Đức Phổ",
        "Trà Câu",
        "Sa Huỳnh",
        "Nguyễn Nghiêm",
        "Khánh Cường",
    }
    chair = Membership.objects.filter(body__council=town, role=MemberRole.VICE_CHAIR).first()
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        standing.meeting_create(council=town, held_on=now, place="Phòng họp", purpose="Thử", chair=chair)
    # Seed 000 still reproduces, and the town's reports open on its last year of work, not on today's.
    assert figures_mod.compute(council=town, year=2024)["resolutions"].value == 29
    assert activity_year(town) < 2026 and activity_year(live) == now.year
    # The live council: a commune's shape, an upcoming session, overdue work, petitions awaiting answers.
    assert live.active and live.terms.get().name == "2026-2031"
    standing_body = Body.objects.get(council=live, kind=BodyKind.STANDING_COMMITTEE)
    roles = sorted(standing_body.memberships.values_list("role", flat=True))
    assert roles == sorted([MemberRole.CHAIR, MemberRole.VICE_CHAIR])
    assert set(Body.objects.filter(council=live, kind=BodyKind.COMMITTEE).values_list("short_name", flat=True)) == {
        "Ban KT-NS",
        "Ban VH-XH",
    }
    assert Session.objects.filter(council=live, opens_on__gt=now).exists()
    open_work = Obligation.objects.filter(council=live, state__in=OPEN_STATES)
    assert open_work.filter(due_on__lt=now).exists()
    waiting = open_work.filter(kind=petitions.OBLIGATION_KIND, due_on__gte=now)
    assert waiting.count() >= 4 and all("05/NQ-HĐND" in o.due_citation for o in waiting)
    # A second run changes nothing.
    before = (Obligation.objects.filter(council=live).count(), Session.objects.filter(council=live).count())
    seed_live()
    assert (Obligation.objects.filter(council=live).count(), Session.objects.filter(council=live).count()) == before
    # The demo logins open on the live council.
    client = Client()
    user = get_user_model().objects.get(username="vanphong")
    client.force_login(user)
    verify_second_factor(client, user)
    assert 'class="brand" href="/">HĐND phường Đức Phổ</a>' in client.get("/").content.decode()
    # A round after 01/07/2025 never offers the district level, nor defaults to it.
    late = petitions.round_create(council=town, year=2025, period=Period.YEAR_END)
    assert Level.DISTRICT not in petitions.levels_allowed(late) and petitions.level_default(town, late) is None
