"""The standing committee's screens ask `*_allowed_actions` (issue 13 item 6): the rule lives once, in the
services, and follows the record's state and the user's role."""

import pytest

from followup import services as followup
from standing import selectors, services
from standing.tests.conftest import make_meeting, make_request


@pytest.mark.django_db
def test_meeting_actions_follow_the_notice(town, world) -> None:
    office, delegate = world.users["office"], world.users["delegate"]
    meeting = make_meeting(town)
    get = lambda: selectors.meeting_get(council=town.council, pk=meeting.pk)  # noqa: E731
    assert services.meeting_allowed_actions(get(), office) == {"edit", "generate"}
    assert services.meeting_allowed_actions(get(), delegate) == set()
    services.notice_generate(meeting=meeting, user=None)
    assert services.meeting_allowed_actions(get(), office) == {"edit", "generate", "issue"}
    services.notice_issue(meeting=get(), user=None)
    assert services.meeting_allowed_actions(get(), office) == {"generate"}  # issued: frozen, tasks assigned


@pytest.mark.django_db
def test_opinion_actions_follow_the_obligation(town, world, as_user) -> None:
    office, standing = world.users["office"], world.users["standing"]
    request = make_request(town)
    get = lambda: selectors.opinion_request_get(council=town.council, pk=request.pk)  # noqa: E731
    assert services.opinion_allowed_actions(get(), office) == {"edit", "opine"}
    services.reply_generate(request=get(), user=None)
    assert services.opinion_allowed_actions(get(), office) == {"edit", "opine", "issue"}
    assert "issue" not in services.opinion_allowed_actions(get(), standing)
    issue_url = f"/thuong-truc/y-kien/{request.pk}/cong-van/ban-hanh/"
    assert issue_url in as_user("office").get(f"/thuong-truc/y-kien/{request.pk}/").content.decode()
    assert issue_url not in as_user("standing").get(f"/thuong-truc/y-kien/{request.pk}/").content.decode()
    # Cancelled on the follow-up screens: the request is closed, nothing left to do on it.
    followup.obligation_cancel(obligation=get().obligation, user=None, reason="UBND rút đề nghị.")
    assert services.opinion_allowed_actions(get(), office) == set()
