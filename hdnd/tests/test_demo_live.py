"""The demo is alive today: beside the historical Đức Phổ town council (seeds 000 and 001, ceased on
01/07/2025 and linked to its successors), HĐND phường Đức Phổ of term 2026-2031 has an upcoming session,
overdue tasks, petitions waiting for answers, a published round with its answers, and citizens' letters of
the last weeks, all dated relative to today."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import verify_second_factor
from documents.models import Document
from followup.models import OPEN_STATES, Obligation
from hdnd.dates import today
from hdnd.demo_live import UNIT_CODE, seed_live
from petitions import services as petitions
from petitions.models import ContactRound, Level, Period, Petition, Petitioner
from plenary.models import Session
from reception import services as reception
from reception.demo import LIVE_PLACE
from reception.models import Case, Category, Handling, Letter, ReceptionSession, Sender
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
    # Citizens received and letters of the last weeks, numbered in the order received, through reception's
    # services: a complaint past its acceptance limit, a reflection answered and the citizen told, a
    # protected denunciation forwarded without the denouncer's name, anonymous information filed.
    recent = now - datetime.timedelta(days=60)
    assert ReceptionSession.objects.filter(council=live, held_on__gte=recent).count() >= 2
    letters = Letter.objects.filter(council=live, received_on__gte=recent)
    assert letters.count() >= 5
    received = list(
        Letter.objects.filter(council=live).order_by("year", "number").values_list("received_on", flat=True)
    )
    assert received == sorted(received)
    cases = Case.objects.filter(council=live).select_related("obligation", "forward_document", "letter")
    forwarded = [c for c in cases if c.obligation is not None]
    assert len(forwarded) >= 3 and {c.obligation.kind for c in forwarded} == {reception.OBLIGATION_KIND}
    overdue = [c for c in forwarded if c.obligation.state in OPEN_STATES and c.obligation.due_on < now]
    assert [c.category for c in overdue] == [Category.COMPLAINT]
    told = [c for c in forwarded if c.citizen_told_on is not None]
    assert len(told) == 1 and told[0].answer_text and told[0].obligation.state not in OPEN_STATES
    filed = cases.get(letter__anonymous=True)
    assert (filed.category, filed.handling, filed.eligible) == (Category.ANONYMOUS_INFO, Handling.FILED, False)
    protected = cases.get(protected=True)
    assert protected.category == Category.DENUNCIATION and protected.forward_document is not None
    denouncer = Sender.objects.get(letter=protected.letter)
    letter_text = f"{protected.forward_document.subject} {protected.forward_document.body}"
    assert denouncer.full_name not in letter_text and denouncer.address not in letter_text
    assert cases.filter(handling=Handling.GUIDED).exists()
    # The mid-year round is published with its answers: the portal shows them by residential group and
    # field, and never a voter's name.
    published = ContactRound.objects.get(council=live, published=True)
    answered = Petition.objects.filter(round=published).exclude(answer_text="")
    assert answered.count() >= 3 and Petition.objects.filter(round=published, field__isnull=True).count() == 0
    page = Client().get(f"/cong-khai/{live.pk}/kien-nghi/").content.decode()
    assert "Theo thôn, tổ dân phố" in page and "Theo lĩnh vực" in page
    assert all(p.answer_text in page for p in answered)
    voters = list(Petitioner.objects.filter(petition__round=published).values_list("full_name", flat=True))
    assert voters and not any(name in page for name in voters)
    # The coming reception days are published: the portal's home lists them.
    assert f"tại {LIVE_PLACE}</li>" in Client().get(f"/cong-khai/{live.pk}/").content.decode()

    # A second run changes nothing.
    def counts() -> tuple[int, ...]:
        return (
            Obligation.objects.filter(council=live).count(),
            Session.objects.filter(council=live).count(),
            Letter.objects.filter(council=live).count(),
            Case.objects.filter(council=live).count(),
            ReceptionSession.objects.filter(council=live).count(),
            Document.objects.filter(council=live).count(),
            Petition.objects.filter(council=live).exclude(answer_text="").count(),
        )

    before = counts()
    seed_live()
    assert counts() == before
    # The demo logins open on the live council.
    client = Client()
    user = get_user_model().objects.get(username="vanphong")
    client.force_login(user)
    verify_second_factor(client, user)
    assert 'class="brand" href="/">HĐND phường Đức Phổ</a>' in client.get("/").content.decode()
    # A round after 01/07/2025 never offers the district level, nor defaults to it.
    late = petitions.round_create(council=town, year=2025, period=Period.YEAR_END)
    assert Level.DISTRICT not in petitions.levels_allowed(late) and petitions.level_default(town, late) is None
