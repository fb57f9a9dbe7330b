"""Editing after creation: attendees, agenda items, sections and paragraphs edited and reordered until the
notice is issued, refused after (services, screens, API)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from standing import services, wording
from standing.models import AgendaItem, Assignment, Section
from standing.tests.conftest import make_meeting

D = datetime.date
pytestmark = pytest.mark.django_db
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
EDITORS = ["admin", "office_chief", "office"]


def _titles(meeting) -> list[str]:
    return [s.title for s in Section.objects.filter(meeting=meeting, parent=None).order_by("order", "pk")]


def test_reorder_renumbers_the_notice(town) -> None:
    meeting = make_meeting(town, tasks=0)
    second = services.section_add(meeting=meeting, title="Đánh giá")
    services.record_move(record=second, up=True)
    assert _titles(meeting) == ["Đánh giá", "Nhiệm vụ"]
    services.record_move(record=second, up=True)  # already first: no-op
    assert _titles(meeting) == ["Đánh giá", "Nhiệm vụ"]
    assert "# 1. Đánh giá" in wording.conclusion_lines(meeting)
    item = services.agenda_add(meeting=meeting, content="Báo cáo thứ hai")
    services.record_move(record=item, up=True)
    assert list(AgendaItem.objects.filter(meeting=meeting).order_by("order").values_list("content", flat=True)) == [
        "Báo cáo thứ hai",
        "báo cáo kế hoạch công tác",
    ]


def test_edit_paragraph_assignments_and_attendee(town) -> None:
    meeting = make_meeting(town, tasks=1)
    paragraph = meeting.sections.get().paragraphs.get()
    with pytest.raises(ValidationError) as exc:
        services.paragraph_update(paragraph=paragraph, text="", assigns=True, bodies=[], due_on=D(2021, 1, 1))
    assert set(exc.value.message_dict) == {"text", "bodies", "due_on"}
    services.paragraph_update(
        paragraph=paragraph, text="Giao UBND", assigns=True, bodies=[town.bodies["UBND thị xã"]], due_on=D(2022, 3, 1)
    )
    assert [a.body.short_name for a in Assignment.objects.filter(paragraph=paragraph)] == ["UBND thị xã"]
    attendee = meeting.attendees.get()
    with pytest.raises(ValidationError, match="lý do vắng mặt"):
        services.attendee_update(attendee=attendee, present=False)
    services.attendee_update(attendee=attendee, present=False, absence_reason="Công tác")
    assert "(Công tác)" in wording.opening_paragraph(meeting)
    assert attendee.history.count() == 2


def test_refused_after_the_notice(town) -> None:
    meeting = make_meeting(town)
    services.notice_generate(meeting=meeting)
    services.notice_issue(meeting=meeting, user=None, issued_on=D(2022, 1, 13))
    section = meeting.sections.get()
    for action in (
        lambda: services.record_move(record=section, up=False),
        lambda: services.section_update(section=section, title="Mới"),
        lambda: services.record_delete(record=meeting.agenda.get()),
        lambda: services.attendee_update(attendee=meeting.attendees.get(), present=True),
        lambda: services.paragraph_update(paragraph=section.paragraphs.get(), text="Sửa"),
    ):
        with pytest.raises(ValidationError, match="đã ban hành"):
            action()


def test_screens(town, as_user) -> None:
    meeting = make_meeting(town)
    section = meeting.sections.get()
    paragraph = section.paragraphs.get()
    parts = {
        "thanh-phan": meeting.attendees.get().pk,
        "noi-dung": meeting.agenda.get().pk,
        "muc": section.pk,
        "doan": paragraph.pk,
    }
    for part, pk in parts.items():
        url = reverse("standing:part_edit", args=[part, pk])
        for key in [None, "outsider", *ALL]:
            expected = 302 if key is None else 200 if key in EDITORS else 404 if key == "outsider" else 403
            assert as_user(key).get(url).status_code == expected, (part, key)
        move = reverse("standing:part_move", args=[part, pk, "len"])
        for key in [None, "outsider", *ALL]:
            expected = 302 if key is None or key in EDITORS else 404 if key == "outsider" else 403
            assert as_user(key).post(move).status_code == expected, (part, key)
    client = as_user("office")
    assert client.post(reverse("standing:part_move", args=["muc", section.pk, "ngang"])).status_code == 404
    response = client.post(reverse("standing:part_edit", args=["muc", section.pk]), {"title": ""})
    assert "Trường này là bắt buộc." in response.content.decode()
    response = client.post(
        reverse("standing:part_edit", args=["doan", paragraph.pk]), {"text": "Giao", "assigns": "on"}
    )
    assert "ít nhất một cơ quan chịu trách nhiệm" in response.content.decode()
    client.post(reverse("standing:part_edit", args=["muc", section.pk]), {"title": "Nhiệm vụ năm 2022"})
    html = client.get(reverse("standing:meeting_detail", args=[meeting.pk])).content.decode()
    assert "1. Nhiệm vụ năm 2022" in html and "Nhiệm vụ → Nhiệm vụ năm 2022" not in html  # meeting history only
    client.post(reverse("standing:part_delete", args=["noi-dung", parts["noi-dung"]]))
    assert not meeting.agenda.exists()
    assert as_user("delegate").post(reverse("standing:part_delete", args=["muc", section.pk])).status_code == 403


def test_api(town, as_user) -> None:
    cid = town.council.pk
    meeting = make_meeting(town, tasks=2)
    section = meeting.sections.get()
    first, second = section.paragraphs.order_by("order")
    client = as_user("office")
    url = reverse("api-v1:standing_part_move", args=[cid, meeting.pk, "paragraphs", second.pk])
    body = json.dumps({"up": True})
    assert as_user(None).post(url, body, content_type="application/json").status_code == 401
    assert as_user("outsider").post(url, body, content_type="application/json").status_code == 404
    assert as_user("delegate").post(url, body, content_type="application/json").status_code == 403
    detail = client.post(url, body, content_type="application/json").json()
    assert [p["id"] for p in detail["paragraphs"]] == [second.pk, first.pk]
    bad = client.post(
        reverse("api-v1:standing_part_move", args=[cid, meeting.pk, "nothing", second.pk]),
        body,
        content_type="application/json",
    )
    assert bad.status_code == 404
    url = reverse("api-v1:standing_paragraph_update", args=[cid, meeting.pk, first.pk])
    payload = {"section_id": section.pk, "text": "Giao", "assigns": True, "body_ids": []}
    response = client.patch(url, json.dumps(payload), content_type="application/json")
    assert response.status_code == 400 and "ít nhất một cơ quan" in response.json()["detail"]
    payload["body_ids"] = [town.bodies["Ban Pháp chế"].pk]
    assert (
        client.patch(url, json.dumps(payload), content_type="application/json").json()["assignments"][0]["body_name"]
        == "Ban Pháp chế"
    )
    item = meeting.agenda.get()
    url = reverse("api-v1:standing_agenda_update", args=[cid, meeting.pk, item.pk])
    assert as_user("delegate").patch(url, '{"content": "X"}', content_type="application/json").status_code == 403
    response = client.patch(url, json.dumps({"content": "Nội dung mới"}), content_type="application/json")
    assert response.json()["content"] == "Nội dung mới"
    url = reverse("api-v1:standing_part_delete", args=[cid, meeting.pk, "agenda", item.pk])
    assert client.post(url).json()["agenda"] == []
