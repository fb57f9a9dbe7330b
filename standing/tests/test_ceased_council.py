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


def test_ceased_council_drafts_and_edits_no_meeting_conference_or_programme(town, world, as_user) -> None:
    """What a tryout found still offered on the ceased town: "Tạo dự thảo" on a meeting, its edits, a
    conference's, a programme's items. No page offers them; the form pages (GET and POST) go back with the
    refusal; the API and the services refuse, nothing saved."""
    council = town.council
    meeting = make_meeting(town)
    conference = services.conference_create(
        council=council, kind=ConferenceKind.values[0], held_on=D(2024, 3, 4), place="Hội trường", subject="kỳ họp"
    )
    programme = services.programme_create(council=council, year=2024, owner=ProgrammeOwner.STANDING)
    request = make_request(town)
    office = as_user("office")
    meeting_page = reverse("standing:meeting_detail", args=[meeting.pk])
    notice = reverse("standing:notice_generate", args=[meeting.pk])
    assert notice in office.get(meeting_page).content.decode()

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    user = world.users["office"]
    assert services.meeting_allowed_actions(selectors.meeting_get(council=council, pk=meeting.pk), user) == set()

    # No page offers a draft, an edit or an addition.
    section = meeting.sections.get()
    for page, urls in (
        (
            meeting_page,
            [
                notice,
                reverse("standing:meeting_edit", args=[meeting.pk]),
                reverse("standing:attendee_add", args=[meeting.pk]),
                reverse("standing:section_add", args=[meeting.pk]),
                reverse("standing:meeting_document_generate", args=[meeting.pk, "giay_moi"]),
            ],
        ),
        (
            reverse("standing:conference_detail", args=[conference.pk]),
            [
                reverse("standing:conference_edit", args=[conference.pk]),
                reverse("standing:conference_task_add", args=[conference.pk]),
                reverse("standing:conference_document_generate", args=[conference.pk]),
            ],
        ),
        (
            reverse("standing:programme_detail", args=[programme.pk]),
            [reverse("standing:work_item_add", args=[programme.pk])],
        ),
    ):
        html = office.get(page).content.decode()
        assert 'method="post"' not in html.split("<main", 1)[-1], page
        for url in urls:
            assert url not in html, (page, url)

    # The form pages go back to the record with the refusal; the buttons posted anyway are refused.
    for url, back in (
        (reverse("standing:meeting_edit", args=[meeting.pk]), meeting_page),
        (reverse("standing:agenda_add", args=[meeting.pk]), meeting_page),
        (reverse("standing:part_edit", args=["muc", section.pk]), meeting_page),
        (
            reverse("standing:conference_edit", args=[conference.pk]),
            reverse("standing:conference_detail", args=[conference.pk]),
        ),
        (
            reverse("standing:work_item_add", args=[programme.pk]),
            reverse("standing:programme_detail", args=[programme.pk]),
        ),
    ):
        for response in (office.get(url), office.post(url, {"content": "Việc mới", "title": "Mục mới"})):
            assert response.status_code == 302 and response.url == back, (url, response)
        assert REFUSED in office.get(url, follow=True).content.decode(), url
    for url in (notice, reverse("standing:meeting_document_generate", args=[meeting.pk, "bien_ban"])):
        assert REFUSED in office.post(url, follow=True).content.decode(), url
    meeting.refresh_from_db()
    assert meeting.notice_id is None and meeting.minutes_id is None

    # The API.
    url = lambda name, *args: reverse(f"api-v1:standing_{name}", args=(council.pk, *args))  # noqa: E731
    _refused(_post(office, url("notice_generate", meeting.pk)))
    _refused(_post(office, url("agenda_add", meeting.pk), {"content": "Việc mới"}))
    _refused(_post(office, url("conference_document_generate", conference.pk)))

    # The services themselves.
    for call in (
        lambda: services.notice_generate(meeting=meeting),
        lambda: services.meeting_document_generate(meeting=meeting, kind="giay_moi"),
        lambda: services.section_update(section=section, title="Mục khác"),
        lambda: services.conference_document_generate(conference=conference),
        lambda: services.reply_generate(request=request),
    ):
        with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
            call()
    section.refresh_from_db()
    assert section.title == "Nhiệm vụ" and meeting.agenda.count() == 1
