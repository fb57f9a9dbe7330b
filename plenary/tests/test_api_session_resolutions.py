"""Issue 14 item 4: a session's resolutions with their votes in one call, all or nothing, every error at once."""

import pytest

from plenary.models import Resolution, Vote
from plenary.tests.factories import make_submission
from plenary.tests.test_api import _post
from plenary.tests.test_api import setup as setup

BASE = "/api/v1/councils"


def _row(sub: object, yes: int = 4, issued_on: str = "2024-12-19") -> dict:
    return {
        "submission_id": sub.pk,
        "vote": {"voted_on": "2024-12-18", "yes": yes, "no": 0, "abstain": 0},
        "resolution": {"subject": sub.title, "text": "Điều 1.", "issued_on": issued_on, "signer_name": "Nguyễn Văn A"},
    }


@pytest.mark.django_db
def test_resolutions_of_a_session_in_bulk(world, setup, as_user) -> None:
    session, first = setup
    second = make_submission(session, world.agency, title="Tờ trình về kế hoạch đầu tư công")
    c = world.council.pk
    url = f"{BASE}/{c}/sessions/{session.pk}/resolutions"
    office = as_user("office")
    for sub in (first, second):
        _post(office, f"{BASE}/{c}/submissions/{sub.pk}/receive", {"received_on": "2024-12-01"})
    bad = [_row(first, yes=99), _row(second, issued_on="không phải ngày")]
    response = _post(office, url, {"items": bad})
    assert response.status_code == 422 and {e["field"] for e in response.json()["errors"]} == {
        "items.2.resolution.issued_on"
    }
    bad = [_row(first, yes=99), _row(second), _row(second)]
    response = _post(office, url, {"items": bad})
    assert response.status_code == 400, response.content
    fields = {e["field"] for e in response.json()["errors"]}
    assert any(f.startswith("items.1.vote") for f in fields) and "items.3.submission_id" in fields
    assert not Vote.objects.exists() and not Resolution.objects.exists()
    assert _post(as_user("outsider"), url, {"items": [_row(first)]}).status_code == 404
    response = _post(office, url, {"items": [_row(first), _row(second)]})
    assert response.status_code == 201, response.content
    numbers = [row["resolution"]["number_symbol"] for row in response.json()]
    assert numbers == ["01/NQ-HĐND", "02/NQ-HĐND"]
    assert Vote.objects.count() == 2
