"""The session API: permission matrix, bad input, query counts, the main flow."""

import datetime
import json

import pytest

from hdnd.testing import assert_constant_queries
from plenary.models import Vote
from plenary.tests.factories import committee, make_delegates, make_session, make_submission, set_due_days

D = datetime.date
BASE = "/api/v1/councils"


def _post(client, url: str, data: dict):
    return client.post(url, json.dumps(data, default=str), content_type="application/json")


@pytest.fixture
def setup(world):
    set_due_days(world.council)
    make_delegates(world.term, 5)
    session = make_session(world.council, world.term)
    return session, make_submission(session, world.agency)


@pytest.mark.django_db
def test_permission_matrix(world, setup, as_user) -> None:
    session, sub = setup
    c = world.council.pk
    reads = [
        f"{BASE}/{c}/sessions",
        f"{BASE}/{c}/sessions/{session.pk}",
        f"{BASE}/{c}/plenary/counts?year=2024",
        f"{BASE}/{c}/plenary/lateness?year=2024",
    ]
    for url in reads:
        assert as_user(None).get(url).status_code == 401
        assert as_user("outsider").get(url).status_code == 404
        assert as_user("agency").get(url).status_code == 403
        for key in ("office", "standing", "committee", "delegate"):
            assert as_user(key).get(url).status_code == 200, (url, key)
    assert as_user("delegate").get(f"{BASE}/{c}/my-session-documents").status_code == 200
    assert as_user("office").get(f"{BASE}/{c}/my-session-documents").status_code == 403
    vote = f"{BASE}/{c}/submissions/{sub.pk}/vote"
    data = {"voted_on": "2024-12-18", "yes": 3, "no": 0, "abstain": 0}
    for key in ("standing", "committee", "delegate", "agency"):
        assert _post(as_user(key), vote, data).status_code == 403
    assert _post(as_user("outsider"), vote, data).status_code == 404
    assert _post(as_user(None), vote, data).status_code == 401
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_main_flow_and_bad_input(world, setup, as_user) -> None:
    session, sub = setup
    c = world.council.pk
    client = as_user("office")
    response = _post(
        client,
        f"{BASE}/{c}/sessions",
        {
            "term_id": world.term.pk,
            "number": 21,
            "kind": "cuoi_nam",
            "opens_on": "2024-12-18",
            "closes_on": "2024-12-19",
        },
    )
    assert response.status_code == 400 and "số thứ tự" in response.json()["detail"]
    response = _post(client, f"{BASE}/{c}/submissions/{sub.pk}/receive", {"received_on": "2024-10-01"})
    assert response.status_code == 400 and "trước ngày lập kỳ họp" in response.json()["detail"]
    response = _post(
        client, f"{BASE}/{c}/submissions/{sub.pk}/receive", {"received_on": "2024-12-10", "checklist": ["to_trinh"]}
    )
    assert response.status_code == 200 and response.json()["days_late"] == 7
    response = _post(
        client,
        f"{BASE}/{c}/submissions/{sub.pk}/verification",
        {"committee_id": committee(world.council).pk, "assigned_on": "2024-12-10"},
    )
    assert response.status_code == 201
    response = _post(
        client, f"{BASE}/{c}/submissions/{sub.pk}/vote", {"voted_on": "2024-12-18", "yes": 5, "no": 1, "abstain": 0}
    )
    assert response.status_code == 400 and "vượt quá" in response.json()["detail"]
    response = _post(client, f"{BASE}/{c}/submissions/{sub.pk}/vote", {"voted_on": "2024-12-18", "yes": "nhiều"})
    assert response.status_code == 422
    response = _post(
        client, f"{BASE}/{c}/submissions/{sub.pk}/vote", {"voted_on": "2024-12-18", "yes": 3, "no": 2, "abstain": 0}
    )
    assert response.status_code == 201 and response.json()["passed"]
    response = _post(
        client,
        f"{BASE}/{c}/submissions/{sub.pk}/resolution",
        {"subject": "Dự toán", "text": "Điều 1.", "issued_on": "2024-12-19", "signer_name": "Nguyễn Xuân Văn"},
    )
    assert response.status_code == 201 and response.json()["number_symbol"] == "01/NQ-HĐND"
    detail = client.get(f"{BASE}/{c}/sessions/{session.pk}").json()
    assert detail["submissions"][0]["days_late"] == 7
    counts = client.get(f"{BASE}/{c}/plenary/counts?year=2024").json()
    assert counts["resolutions_passed"] == 1


@pytest.mark.django_db
def test_list_query_count(world, setup, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    url = f"{BASE}/{world.council.pk}/sessions"
    numbers = iter(range(30, 100))

    def grow() -> None:
        for _ in range(27):
            make_session(world.council, world.term, number=next(numbers))

    assert_constant_queries(lambda: client.get(url), grow, row_text='"number"', rows=27)
