"""The obligation routes of /api/v1/: permission matrix, scope, bad input, query counts."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup.models import Obligation, State
from followup.tests.factories import make_in_state, make_obligation
from registry.models import Role, RoleGrant

D = datetime.date
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
MANAGERS = ["admin", "office_chief", "office"]
REPORTERS = [*MANAGERS, "agency"]


def _url(name: str, *args: object) -> str:
    return reverse(f"api-v1:{name}", args=args)


def _post(client: object, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.mark.django_db
def test_read_routes_matrix(world, as_user) -> None:
    obligation = make_obligation(council=world.council, owner=world.agency)
    cid = world.council.pk
    for url in (
        _url("obligation_list", cid),
        _url("obligation_detail", cid, obligation.pk),
        _url("obligation_scorecard", cid),
    ):
        assert as_user(None).get(url).status_code == 401
        assert as_user("outsider").get(url).status_code == 404
        for key in ALL:
            assert as_user(key).get(url).status_code == 200, (url, key)


@pytest.mark.parametrize(
    ("route", "payload", "allowed"),
    [
        ("obligation_start", {}, REPORTERS),
        ("obligation_report", {"text": "Xong", "done": True}, REPORTERS),
        ("obligation_cancel", {"reason": "Không cần nữa"}, MANAGERS),
    ],
)
@pytest.mark.django_db
def test_write_routes_matrix(world, as_user, route: str, payload: dict, allowed: list[str]) -> None:
    cid = world.council.pk
    assert _post(as_user(None), _url(route, cid, 1), payload).status_code == 401
    for key in [*ALL, "outsider"]:
        obligation = make_obligation(council=world.council, owner=world.agency)
        response = _post(as_user(key), _url(route, cid, obligation.pk), payload)
        expected = 404 if key == "outsider" else 200 if key in allowed else 403
        assert response.status_code == expected, (route, key, response.content)
        obligation.refresh_from_db()
        assert (obligation.state != State.ASSIGNED) == (expected == 200)


@pytest.mark.django_db
def test_accept_and_return_matrix(world, as_user) -> None:
    cid = world.council.pk
    for route, payload in (("obligation_accept", {}), ("obligation_return", {"reason": "Thiếu số liệu"})):
        for key in [*ALL, "outsider"]:
            obligation = make_in_state(make_obligation(council=world.council, owner=world.agency), State.REPORTED_DONE)
            response = _post(as_user(key), _url(route, cid, obligation.pk), payload)
            expected = 404 if key == "outsider" else 200 if key in MANAGERS else 403
            assert response.status_code == expected, (route, key)


@pytest.mark.django_db
def test_create_matrix_and_result(world, as_user) -> None:
    cid = world.council.pk
    payload = {
        "owner_id": world.agency.pk,
        "title": "Trả lời chất vấn bằng văn bản",
        "source_label": "Phiên chất vấn kỳ họp thứ 8",
        "source_date": "2024-01-20",
        "rule": "written_answer_days",
    }
    assert _post(as_user(None), _url("obligation_create", cid), payload).status_code == 401
    assert _post(as_user("outsider"), _url("obligation_create", cid), payload).status_code == 404
    for key in ("standing", "committee", "delegate", "agency"):
        assert _post(as_user(key), _url("obligation_create", cid), payload).status_code == 403
    assert not Obligation.objects.exists()
    response = _post(as_user("office"), _url("obligation_create", cid), payload)
    assert response.status_code == 201
    body = response.json()
    assert body["due_on"] == "2024-02-15"  # 20 days land on Tết 09/02/2024: next working day
    assert body["state"] == "da_giao" and body["state_label"] == "Đã giao"
    assert [u["action"] for u in body["updates"]] == ["giao"]


@pytest.mark.django_db
def test_agency_scope_in_api(world, as_user) -> None:
    cid = world.council.pk
    mine = make_obligation(council=world.council, owner=world.agency, title="Của tôi")
    theirs = make_obligation(council=world.council, owner=world.other_agency, title="Của cơ quan khác")
    client = as_user("agency")
    items = client.get(_url("obligation_list", cid)).json()["items"]
    assert [i["title"] for i in items] == ["Của tôi"]
    assert client.get(_url("obligation_detail", cid, theirs.pk)).status_code == 404
    response = _post(client, _url("obligation_report", cid, theirs.pk), {"text": "Xong", "done": True})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == State.ASSIGNED
    response = _post(client, _url("obligation_report", cid, mine.pk), {"text": "Xong", "done": True})
    assert response.json()["state"] == State.REPORTED_DONE
    assert response.json()["updates"][-1]["user"] == world.users["agency"].get_full_name()


@pytest.mark.django_db
def test_bad_input(world, as_user) -> None:
    cid = world.council.pk
    office = as_user("office")
    base = {"owner_id": world.agency.pk, "title": "Việc", "source_date": "2024-03-10"}
    response = _post(office, _url("obligation_create", cid), {**base, "due_on": "2024-03-09"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "due_on", "message": "Hạn xử lý (09/03/2024) không thể trước ngày của nguồn (10/03/2024)."}
    ]
    response = _post(office, _url("obligation_create", cid), {**base, "title": ""})
    assert response.status_code == 422 and "title" in response.json()["detail"]
    response = _post(office, _url("obligation_create", cid), {**base, "owner_id": 999999, "due_on": "2024-03-20"})
    assert response.status_code == 404 and response.json()["errors"][0]["field"] == "owner_id"
    foreign = world.other_council.bodies.create(kind="co_quan", name="Phòng Y", short_name="Y")
    response = _post(office, _url("obligation_create", cid), {**base, "owner_id": foreign.pk, "due_on": "2024-03-20"})
    assert response.status_code == 404
    response = _post(office, _url("obligation_create", cid), {**base, "kind": "khong_co", "due_on": "2024-03-20"})
    assert response.json()["errors"] == [{"field": "kind", "message": "Loại nghĩa vụ chưa được đăng ký."}]
    assert not Obligation.objects.exists()

    obligation = make_obligation(council=world.council, owner=world.agency)
    url = _url("obligation_accept", cid, obligation.pk)
    response = _post(office, url, {})
    assert response.status_code == 400
    assert response.json()["detail"] == "Không thể “chấp nhận kết quả” khi việc đang ở trạng thái “Đã giao”."
    response = _post(office, _url("obligation_report", cid, obligation.pk), {"text": "   ", "done": True})
    assert response.status_code in (400, 422)
    response = _post(office, _url("obligation_return", cid, obligation.pk), {})
    assert response.status_code == 422
    response = _post(
        office,
        _url("obligation_report", cid, obligation.pk),
        {"text": "Xong", "done": True, "reply_type": "khong.co", "reply_id": 1},
    )
    assert response.json()["errors"] == [{"field": "reply_type", "message": "Loại văn bản trả lời không tồn tại."}]
    response = office.get(_url("obligation_list", cid), {"state": "xyz"})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "state"
    response = office.get(_url("obligation_scorecard", cid), {"date_from": "2024-12-31", "date_to": "2024-01-01"})
    assert response.status_code == 400
    obligation.refresh_from_db()
    assert obligation.state == State.ASSIGNED and obligation.updates.count() == 1


@pytest.mark.django_db
def test_reply_document_link(world, as_user) -> None:
    # A record of the same council stands in for a register document (the link is generic).
    grant = RoleGrant.objects.get(user=world.users["agency"], role=Role.AGENCY_USER)
    obligation = make_obligation(council=world.council, owner=world.agency)
    response = _post(
        as_user("agency"),
        _url("obligation_report", world.council.pk, obligation.pk),
        {"text": "Đã trả lời", "done": True, "reply_type": "registry.rolegrant", "reply_id": grant.pk},
    )
    assert response.status_code == 200
    last = response.json()["updates"][-1]
    assert (last["reply_type"], last["reply_id"]) == ("registry.rolegrant", grant.pk)
    other = RoleGrant.objects.get(user=world.users["outsider"])
    response = _post(
        as_user("office"),
        _url("obligation_report", world.council.pk, make_obligation(council=world.council, owner=world.agency).pk),
        {"text": "x", "done": True, "reply_type": "registry.rolegrant", "reply_id": other.pk},
    )
    assert response.json()["errors"][0]["field"] == "reply_id"


@pytest.mark.django_db
def test_list_filters_and_order(world, as_user) -> None:
    make_obligation(
        council=world.council, owner=world.agency, title="Trễ ít", due_on=D(2020, 3, 1), source_date=D(2020, 1, 1)
    )
    make_obligation(
        council=world.council, owner=world.agency, title="Trễ nhiều", due_on=D(2020, 2, 1), source_date=D(2020, 1, 1)
    )
    make_obligation(council=world.council, owner=world.other_agency, title="Còn hạn", due_on=D(2099, 1, 1))
    client = as_user("office")
    items = client.get(_url("obligation_list", world.council.pk)).json()["items"]
    assert [i["title"] for i in items] == ["Trễ nhiều", "Trễ ít", "Còn hạn"]
    assert items[0]["is_overdue"] and items[0]["days_overdue"] > items[1]["days_overdue"]
    overdue = client.get(_url("obligation_list", world.council.pk), {"state": "qua_han", "owner_id": world.agency.pk})
    assert [i["title"] for i in overdue.json()["items"]] == ["Trễ nhiều", "Trễ ít"]


@pytest.mark.parametrize("route", ["obligation_list", "obligation_scorecard"])
@pytest.mark.django_db
def test_query_counts_fixed(world, as_user, django_assert_num_queries, route: str) -> None:
    client = as_user("office")
    url = _url(route, world.council.pk)

    def grow(n: int) -> None:
        for i in range(n):
            o = make_obligation(council=world.council, owner=[world.agency, world.other_agency][i % 2], title=f"V{i}")
            if i % 3 == 0:
                make_in_state(o, State.ACCEPTED)

    grow(3)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    grow(27)
    with django_assert_num_queries(len(ctx)):
        client.get(url)


@pytest.mark.django_db
def test_detail_query_count_fixed(world, as_user, django_assert_num_queries) -> None:
    from followup import services

    client = as_user("office")
    obligation = make_obligation(council=world.council, owner=world.agency)
    url = _url("obligation_detail", world.council.pk, obligation.pk)
    services.obligation_report(obligation=obligation, user=None, text="1", done=False)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    for i in range(27):
        services.obligation_report(obligation=obligation, user=world.users["agency"], text=str(i), done=False)
    with django_assert_num_queries(len(ctx)):
        client.get(url)
