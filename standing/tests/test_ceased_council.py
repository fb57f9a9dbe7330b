"""A ceased council (e.g. the old Đức Phổ town council, last day 30/06/2025) keeps its standing committee's
records readable but takes no new conference, opinion request, member opinion, work programme, programme item
or task assignment after its last day (`registry.services.council_accepts`): the screens and the API refuse
with a Vietnamese message, nothing is saved, and no button offers the step."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd import dates
from registry.models import Council
from standing import selectors, services
from standing.models import (
    Conference,
    ConferenceKind,
    MemberOpinion,
    OpinionRequest,
    ProgrammeOwner,
    Stance,
    WorkItem,
    WorkProgramme,
)
from standing.tests.conftest import make_meeting, make_request

D = datetime.date
REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"
pytestmark = pytest.mark.django_db


def _post(client: object, url: str, data: dict | None = None) -> object:
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def _refused(response: object) -> None:
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content


def test_ceased_council_takes_no_new_standing_records(town, world, as_user) -> None:
    council = town.council
    meeting = make_meeting(town)
    request = make_request(town)
    programme = services.programme_create(council=council, year=2024, owner=ProgrammeOwner.STANDING)
    user = world.users["office"]
    member = town.people["Trần Văn Hùng"]
    assert "opine" in services.opinion_allowed_actions(
        selectors.opinion_request_get(council=council, pk=request.pk), user
    )

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    assert council.last_day == D(2025, 6, 30)

    # No button offers an opinion that would be refused.
    fresh = selectors.opinion_request_get(council=Council.objects.get(pk=council.pk), pk=request.pk)
    assert "opine" not in services.opinion_allowed_actions(fresh, user)
    office = as_user("office")
    html = office.get(reverse("standing:opinion_detail", args=[request.pk])).content.decode()
    assert reverse("standing:opinion_add", args=[request.pk]) not in html

    # The screen: an opinion given today is refused on the form, nothing saved.
    response = office.post(
        reverse("standing:opinion_add", args=[request.pk]), {"person": member.pk, "stance": Stance.AGREE}
    )
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not MemberOpinion.objects.filter(request=request).exists()

    # The API: each write path refused (400), nothing saved.
    today = dates.today()
    url = lambda name, *args: reverse(f"api-v1:standing_{name}", args=(council.pk, *args))  # noqa: E731
    conference = {
        "kind": ConferenceKind.values[0],
        "held_on": today.isoformat(),
        "place": "Hội trường",
        "subject": "thống nhất nội dung kỳ họp",
    }
    _refused(_post(office, url("conference_create"), conference))
    opinion = {"subject": "kinh phí năm 2026", "received_on": today.isoformat(), "due_on": today.isoformat()}
    _refused(_post(office, url("opinion_create"), opinion))
    _refused(_post(office, url("opinion_add", request.pk), {"person_id": member.pk, "stance": Stance.AGREE}))
    _refused(_post(office, url("programme_create"), {"year": today.year, "owner": ProgrammeOwner.COUNCIL}))
    item = {"month": 1, "content": "Họp Thường trực", "body_id": town.bodies["Văn phòng thị xã"].pk}
    _refused(_post(office, url("work_item_add", programme.pk), item))
    _refused(_post(office, url("tasks_assign", meeting.pk)))
    assert not Conference.objects.filter(council=council).exists()
    assert list(OpinionRequest.objects.filter(council=council)) == [request]
    assert not MemberOpinion.objects.filter(request=request).exists()
    assert list(WorkProgramme.objects.filter(council=council)) == [programme]
    assert not WorkItem.objects.filter(programme=programme).exists()

    # The services themselves; read-only means a record backdated before the last day is refused too, on the
    # screen as by the service (one rule, in `council_accepts`).
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.conference_create(
            council=council, kind=ConferenceKind.values[0], held_on=D(2025, 7, 1), place="P", subject="S"
        )
    with pytest.raises(ValidationError, match="kể cả ghi lùi về ngày"):
        services.conference_create(
            council=council, kind=ConferenceKind.values[0], held_on=D(2025, 6, 30), place="P", subject="S"
        )
    assert not Conference.objects.filter(council=council).exists()
