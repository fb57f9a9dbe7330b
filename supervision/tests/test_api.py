"""Supervision routes of /api/v1/: permission matrix, bad input, query counts."""

import datetime
import json

import pytest
from django.urls import reverse

from hdnd.testing import count_queries
from supervision import services
from supervision.models import ProgrammeKind, Recommendation, Round
from supervision.tests.factories import make_round

D = datetime.date
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
EDITORS = ["admin", "office_chief", "office", "standing", "committee"]
VIEWERS = [*EDITORS, "delegate"]
pytestmark = pytest.mark.django_db


def _url(name: str, *args: object) -> str:
    return reverse(f"api-v1:{name}", args=args)


def _post(client: object, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_read_routes_matrix(setup, world, as_user) -> None:
    round = make_round(setup)
    programme = services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=2025, body=setup.standing
    )
    cid = world.council.pk
    for url in (
        _url("supervision_round_list", cid),
        _url("supervision_round_detail", cid, round.pk),
        _url("supervision_recommendation_report", cid) + "?year=2024",
        _url("supervision_counts", cid) + "?year=2024",
        _url("supervision_programme_list", cid),
        _url("supervision_programme_detail", cid, programme.pk),
    ):
        assert as_user(None).get(url).status_code == 401, url
        assert as_user("outsider").get(url).status_code == 404, url
        for key in ALL:
            assert as_user(key).get(url).status_code == (200 if key in VIEWERS else 403), (url, key)


def test_write_routes_matrix_and_flow(setup, world, as_user) -> None:
    cid = world.council.pk
    payload = {
        "body_id": setup.committee.pk,
        "subject": "công tác quản lý trật tự đô thị",
        "supervised_ids": [setup.quang.pk, setup.thanh.pk],
        "set_up_on": "2024-05-06",
        "starts_on": "2024-06-03",
        "ends_on": "2024-06-07",
    }
    url = _url("supervision_round_create", cid)
    assert _post(as_user(None), url, payload).status_code == 401
    assert _post(as_user("outsider"), url, payload).status_code == 404
    for key in ("delegate", "agency"):
        assert _post(as_user(key), url, payload).status_code == 403
    assert Round.objects.count() == 0
    client = as_user("committee")
    response = _post(client, url, payload)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["content_due_on"] == "2024-05-21" and data["report_due_on"] == "2024-06-17"
    rid = data["id"]
    response = _post(client, _url("supervision_member_add", cid, rid), {"delegate_id": setup.delegates[0].pk})
    assert response.status_code == 201
    response = _post(
        client,
        _url("supervision_session_add", cid, rid),
        {"held_on": "2024-06-03", "place": "Trụ sở", "body_id": setup.quang.pk},
    )
    assert response.status_code == 201
    response = _post(
        client, _url("supervision_body_reports_request", cid, rid), {"sent_on": "2024-05-10", "due_on": "2024-05-30"}
    )
    assert response.status_code == 201 and len(response.json()) == 2
    response = _post(client, _url("supervision_report_record", cid, rid), {"report_on": "2024-06-12"})
    assert response.status_code == 200 and response.json()["consider_due_on"] == "2024-06-19"
    response = _post(
        client, _url("supervision_round_consider", cid, rid), {"considered_on": "2024-06-14", "conclusions": "Tốt"}
    )
    assert response.status_code == 200
    response = _post(
        client,
        _url("supervision_recommendation_add", cid, rid),
        {"body_id": setup.quang.pk, "text": "Xử lý lấn chiếm", "due_on": "2024-09-30"},
    )
    assert response.status_code == 201 and response.json()["state"] == "da_giao"
    report = client.get(_url("supervision_recommendation_report", cid) + "?year=2024").json()
    assert report["total"] == 1 and report["by_body"][0]["body_id"] == setup.quang.pk
    counts = client.get(_url("supervision_counts", cid) + "?year=2024").json()
    assert counts["text"] == "Ban Kinh tế - Xã hội: 01 đợt giám sát"
    response = _post(
        client, _url("supervision_programme_create", cid), {"kind": "hdnd", "year": 2025, "body_id": setup.standing.pk}
    )
    assert response.status_code == 201
    pid = response.json()["id"]
    response = _post(
        client, _url("supervision_item_add", cid, pid), {"subject": "Đầu tư công", "body_id": setup.standing.pk}
    )
    assert response.status_code == 201
    assert len(client.get(_url("supervision_programme_detail", cid, pid)).json()["items"]) == 1


def test_bad_input(setup, world, as_user) -> None:
    cid = world.council.pk
    client = as_user("office")
    base = {"body_id": setup.committee.pk, "subject": "x", "set_up_on": "2024-05-06", "ends_on": "2024-06-07"}
    response = _post(client, _url("supervision_round_create", cid), {**base, "supervised_ids": []})
    assert response.status_code in (400, 422)
    other = world.other_council.bodies.create(kind="co_quan", name="Cơ quan khác", short_name="Khác")
    response = _post(client, _url("supervision_round_create", cid), {**base, "supervised_ids": [other.pk]})
    assert response.status_code == 404 and "(supervised_ids) trong Hội đồng này" in str(response.json())
    assert Round.objects.count() == 0
    round = make_round(setup)
    response = _post(client, _url("supervision_report_record", cid, round.pk), {"report_on": "2024-06-01"})
    assert response.status_code == 400 and "không thể trước ngày kết thúc" in str(response.json())
    response = _post(
        client, _url("supervision_recommendation_add", cid, round.pk), {"text": "Làm", "due_on": "2024-09-30"}
    )
    assert response.status_code == 400 and "Vui lòng chọn cơ quan được kiến nghị." in str(response.json())
    assert Recommendation.objects.count() == 0
    from registry.tests.factories import DelegateFactory

    outsider = DelegateFactory(term=world.other_council.terms.get())
    response = _post(client, _url("supervision_member_add", cid, round.pk), {"delegate_id": outsider.pk})
    assert response.status_code == 404 and "đại biểu (delegate_id) trong Hội đồng này" in str(response.json())


def test_list_query_counts(setup, world, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    cid = world.council.pk
    urls = [_url("supervision_round_list", cid), _url("supervision_recommendation_report", cid) + "?year=2024"]

    def add(n: int) -> None:
        for i in range(n):
            r = make_round(setup, subject=f"nội dung {i}")
            services.recommendation_add(round=r, body=setup.quang, text=f"Kiến nghị {i}", due_on=D(2024, 12, 1))

    add(3)
    before = [count_queries(lambda url=url: client.get(url))[0] for url in urls]
    add(27)
    for url, n in zip(urls, before, strict=True):
        with django_assert_num_queries(n):
            assert client.get(url).status_code == 200
