"""The API of the session days: attendance, speeches, group discussions, minutes, convening, session
documents, agency submissions — permission matrix, bad input, query counts."""

import datetime
import json

import pytest

from hdnd.testing import count_queries
from plenary import services
from plenary.models import Attendance, GroupDiscussion, Presence, SessionDocument, Speech
from plenary.tests.factories import make_delegates, make_session, make_submission, set_due_days

D = datetime.date
BASE = "/api/v1/councils"


def _post(client, url: str, data: dict):
    return client.post(url, json.dumps(data, default=str), content_type="application/json")


@pytest.fixture
def setup(world):
    set_due_days(world.council)
    delegates = make_delegates(world.term, 3)
    session = make_session(world.council, world.term)
    return session, delegates


@pytest.mark.django_db
def test_permission_matrix(world, setup, as_user) -> None:
    session, delegates = setup
    c, s = world.council.pk, session.pk
    reads = [
        f"{BASE}/{c}/sessions/{s}/attendance?day=2024-12-18",
        f"{BASE}/{c}/sessions/{s}/speeches",
        f"{BASE}/{c}/sessions/{s}/group-discussions",
        f"{BASE}/{c}/sessions/{s}/documents",
    ]
    for url in reads:
        assert as_user(None).get(url).status_code == 401
        assert as_user("outsider").get(url).status_code == 404
        assert as_user("agency").get(url).status_code == 403
        for key in ("admin", "office_chief", "office", "standing", "committee", "delegate"):
            assert as_user(key).get(url).status_code == 200, (url, key)
    writes = [
        (
            f"{BASE}/{c}/sessions/{s}/attendance",
            {"day": "2024-12-18", "rows": [{"delegate_id": delegates[0].pk, "presence": "co_mat"}]},
        ),
        (f"{BASE}/{c}/sessions/{s}/speeches", {"delegate_id": delegates[0].pk, "spoken_on": "2024-12-18"}),
        (
            f"{BASE}/{c}/sessions/{s}/group-discussions",
            {"group_id": world.group.pk, "held_on": "2024-12-18", "notes": "x"},
        ),
        (f"{BASE}/{c}/sessions/{s}/minutes", {"signer_name": "A"}),
        (f"{BASE}/{c}/sessions/{s}/convening", {"issued_on": "2024-12-01", "signer_name": "A"}),
        (f"{BASE}/{c}/sessions/{s}/documents", {"title": "Tài liệu"}),
    ]
    for url, data in writes:
        assert _post(as_user(None), url, data).status_code == 401
        assert _post(as_user("outsider"), url, data).status_code == 404
        for key in ("standing", "committee", "delegate", "agency"):
            assert _post(as_user(key), url, data).status_code == 403, (url, key)
    assert not (Attendance.objects.exists() or Speech.objects.exists() or GroupDiscussion.objects.exists())
    assert not SessionDocument.objects.exists()
    agency_url = f"{BASE}/{c}/agency-submissions"
    assert as_user("agency").get(agency_url).status_code == 200
    assert as_user(None).get(agency_url).status_code == 401
    for key in ("office", "delegate", "standing"):
        assert as_user(key).get(agency_url).status_code == 403


@pytest.mark.django_db
def test_flow_and_bad_input(world, setup, as_user) -> None:
    session, delegates = setup
    c, s = world.council.pk, session.pk
    client = as_user("office")
    rows = [{"delegate_id": d.pk, "presence": "co_mat"} for d in delegates]
    rows[2] = {"delegate_id": delegates[2].pk, "presence": "vang_co_ly_do"}
    response = _post(client, f"{BASE}/{c}/sessions/{s}/attendance", {"day": "2024-12-18", "rows": rows})
    assert response.status_code == 400 and "lý do vắng" in response.json()["detail"]
    response = _post(client, f"{BASE}/{c}/sessions/{s}/attendance", {"day": "2025-01-01", "rows": rows[:1]})
    assert response.status_code == 400 and "Ngày điểm danh" in response.json()["detail"]
    assert not Attendance.objects.exists()
    rows[2]["reason"] = "Ốm"
    response = _post(client, f"{BASE}/{c}/sessions/{s}/attendance", {"day": "2024-12-18", "rows": rows})
    assert response.status_code == 200 and {r["presence"] for r in response.json()} == {"co_mat", "vang_co_ly_do"}
    response = _post(
        client, f"{BASE}/{c}/sessions/{s}/speeches", {"delegate_id": delegates[0].pk, "spoken_on": "hôm nay"}
    )
    assert response.status_code == 422
    response = _post(
        client,
        f"{BASE}/{c}/sessions/{s}/speeches",
        {"delegate_id": delegates[0].pk, "spoken_on": "2024-12-18", "in_group": True},
    )
    assert response.status_code == 201 and response.json()["in_group"]
    response = _post(
        client,
        f"{BASE}/{c}/sessions/{s}/group-discussions",
        {"group_id": world.agency.pk, "held_on": "2024-12-18", "notes": "x"},
    )
    assert response.status_code == 400 and "Tổ đại biểu" in response.json()["detail"]
    response = _post(
        client,
        f"{BASE}/{c}/sessions/{s}/group-discussions",
        {"group_id": world.group.pk, "held_on": "2024-12-18", "notes": "Ghi"},
    )
    assert response.status_code == 201
    response = _post(client, f"{BASE}/{c}/sessions/{s}/convening", {"signer_name": "A"})
    assert response.status_code == 400 and "ngày ban hành" in response.json()["detail"]
    response = _post(
        client, f"{BASE}/{c}/sessions/{s}/convening", {"issued_on": "2024-12-01", "signer_name": "Nguyễn Xuân Văn"}
    )
    assert response.status_code == 201 and response.json()["number_symbol"] == "01/QĐ-HĐND"
    decision_id = response.json()["id"]
    later = make_session(world.council, world.term, number=22, opens_on=D(2025, 7, 10))
    response = _post(client, f"{BASE}/{c}/sessions/{later.pk}/convening", {"document_id": decision_id})
    assert response.status_code == 201 and response.json()["id"] == decision_id
    response = _post(client, f"{BASE}/{c}/sessions/{later.pk}/convening", {"document_id": 999999})
    assert response.status_code == 404
    response = _post(client, f"{BASE}/{c}/sessions/{s}/minutes", {"signer_name": "Nguyễn Xuân Văn", "issue": True})
    assert response.status_code == 201 and response.json()["number_symbol"] == "01/BB-HĐND"
    response = _post(client, f"{BASE}/{c}/sessions/{s}/documents", {"document_id": decision_id, "public": True})
    assert response.status_code == 201 and response.json()["public"] and not response.json()["has_file"]
    response = _post(client, f"{BASE}/{c}/sessions/{s}/documents", {"title": ""})
    assert response.status_code == 400 and "tên tài liệu" in response.json()["detail"]
    assert SessionDocument.objects.count() == 1


@pytest.mark.django_db
def test_list_query_counts(world, setup, as_user, django_assert_num_queries) -> None:
    session, delegates = setup
    c, s = world.council.pk, session.pk
    for d in delegates:
        services.speech_add(session=session, delegate=d, spoken_on=D(2024, 12, 18))
        services.session_document_add(session=session, title=f"Tài liệu {d.pk}")
        make_submission(session, world.agency, title=f"Hồ sơ {d.pk}")
    services.attendance_record(
        session=session, day=D(2024, 12, 18), presence={d.pk: Presence.PRESENT for d in delegates}, user=None
    )
    office, agency = as_user("office"), as_user("agency")

    def grow() -> None:
        more = make_delegates(world.term, 27)
        for d in more:
            services.speech_add(session=session, delegate=d, spoken_on=D(2024, 12, 18))
            services.session_document_add(session=session, title=f"Tài liệu {d.pk}")
            make_submission(session, world.agency, title=f"Hồ sơ {d.pk}")
        services.attendance_record(
            session=session, day=D(2024, 12, 18), presence={d.pk: Presence.ABSENT for d in more}, user=None
        )

    urls = [
        (office, f"{BASE}/{c}/sessions/{s}/attendance?day=2024-12-18"),
        (office, f"{BASE}/{c}/sessions/{s}/speeches"),
        (office, f"{BASE}/{c}/sessions/{s}/documents"),
        (agency, f"{BASE}/{c}/agency-submissions"),
    ]
    baselines = [count_queries(lambda c=client, u=url: c.get(u))[0] for client, url in urls]
    grow()
    for (client, url), baseline in zip(urls, baselines, strict=True):
        with django_assert_num_queries(baseline):
            assert client.get(url).status_code == 200
