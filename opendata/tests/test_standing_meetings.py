"""A standing-committee meeting is open data once its concluding notice is published, never before."""

import datetime

import pytest
from django.test import Client

from documents import services as documents
from standing import services
from standing.tests.conftest import make_meeting
from standing.tests.factories import make_town


@pytest.mark.django_db
def test_a_meeting_appears_once_its_notice_is_published(world, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    town = make_town(world.council, world.term)
    meeting = make_meeting(town)
    path = f"/api/v1/open/meetings/phien-hop-{meeting.pk}"
    assert Client().get(path).status_code == 404
    services.notice_generate(meeting=meeting, user=None)
    notice = services.notice_issue(meeting=meeting, user=None, issued_on=datetime.date(2022, 1, 14))
    assert Client().get(path).status_code == 404  # issued, not yet published
    documents.document_publish(document=notice, user=None)
    found = Client().get(path).json()
    assert found["meetingType"] == "phien_hop_thuong_truc" and found["start"] == "2022-01-12"
    assert found["agendaItem"][0]["name"] == "báo cáo kế hoạch công tác"
    assert found["organization"] and "organizations/" in found["organization"][0]
    listed = Client().get(f"/api/v1/open/meetings?body={world.council.pk}").json()["data"]
    assert [row["id"] for row in listed] == [found["id"]]
