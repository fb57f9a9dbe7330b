"""The standing committee routes of /api/v1/: permission matrix, bad input, the whole flow, query counts."""

import datetime
import json

import pytest
from django.urls import reverse

from followup.models import Obligation
from hdnd.testing import count_queries
from standing import services
from standing.models import Meeting, OpinionRequest, Stance
from standing.tests.conftest import make_meeting, make_request

D = datetime.date
pytestmark = pytest.mark.django_db
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
VIEWERS = ["admin", "office_chief", "office", "standing", "committee", "delegate"]
EDITORS = ["admin", "office_chief", "office"]


def _url(name: str, *args: object) -> str:
    return reverse(f"api-v1:standing_{name}", args=args)


def _post(client: object, url: str, data: dict | None = None, method: str = "post") -> object:
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def test_read_routes_matrix(town, as_user) -> None:
    meeting, request = make_meeting(town), make_request(town)
    cid = town.council.pk
    for url in (
        _url("meeting_list", cid),
        _url("meeting_detail", cid, meeting.pk),
        _url("opinion_list", cid),
        _url("opinion_detail", cid, request.pk),
        _url("counts", cid),
    ):
        assert as_user(None).get(url).status_code == 401
        assert as_user("outsider").get(url).status_code == 404
        for key in ALL:
            expected = 200 if key in VIEWERS else 403
            assert as_user(key).get(url).status_code == expected, (url, key)


def test_write_routes_matrix(town, as_user) -> None:
    cid = town.council.pk
    meeting, request = make_meeting(town), make_request(town)
    section = meeting.sections.get()
    routes = [
        (
            "meeting_create",
            [],
            {"held_on": "2022-01-12", "place": "P", "purpose": "họp", "chair_id": town.kien_chair.pk},
        ),
        ("meeting_update", [meeting.pk], {"place": "Phòng họp mới"}),
        ("agenda_add", [meeting.pk], {"content": "Báo cáo"}),
        ("section_add", [meeting.pk], {"title": "Mục"}),
        ("paragraph_add", [meeting.pk], {"section_id": section.pk, "text": "Đoạn"}),
        ("notice_generate", [meeting.pk], {}),
        ("reply_generate", [request.pk], {}),
    ]
    for name, args, payload in routes:
        method = "patch" if name == "meeting_update" else "post"
        url = _url(name, cid, *args)
        assert _post(as_user(None), url, payload, method).status_code == 401
        assert _post(as_user("outsider"), url, payload, method).status_code == 404
        for key in ALL:
            if key in EDITORS:
                continue
            assert _post(as_user(key), url, payload, method).status_code == 403, (name, key)
        response = _post(as_user("office"), url, payload, method)
        assert response.status_code in (200, 201), (name, response.content)
    url = _url("opinion_add", cid, request.pk)
    assert _post(as_user("delegate"), url, {"person_id": 1, "stance": "dong_y"}).status_code == 403
    payload = {"person_id": town.people["Nguyễn Thị Kiều"].pk, "stance": "dong_y"}
    assert _post(as_user("standing"), url, payload).status_code == 201


def test_api_bad_input(town, as_user) -> None:
    cid = town.council.pk
    client = as_user("office")
    response = _post(
        client,
        _url("meeting_create", cid),
        {"held_on": "2024-03-01", "place": "P", "purpose": "họp", "chair_id": town.kien_chair.pk},
    )
    assert response.status_code == 400
    assert "không là Chủ tịch Thường trực HĐND vào ngày 01/03/2024" in response.json()["detail"]
    response = _post(client, _url("meeting_create", cid), {"held_on": "khong", "place": "", "purpose": "x"})
    assert response.status_code == 422
    assert "held_on" in response.json()["detail"] and "chair_id" in response.json()["detail"]
    assert not Meeting.objects.exists()
    meeting = make_meeting(town, tasks=0)
    section = meeting.sections.get()
    response = _post(
        client, _url("paragraph_add", cid, meeting.pk), {"section_id": section.pk, "text": "Giao", "assigns": True}
    )
    assert response.status_code == 400 and "ít nhất một cơ quan" in response.json()["detail"]
    response = _post(client, _url("attendee_add", cid, meeting.pk), {"person_id": town.people["Trần Văn Hùng"].pk})
    assert response.status_code == 400 and "đã có trong thành phần" in response.json()["detail"]
    response = _post(
        client, _url("opinion_create", cid), {"subject": "X", "received_on": "2024-08-05", "due_on": "2024-08-01"}
    )
    assert response.status_code == 400 and "Hạn trả lời" in response.json()["detail"]
    assert not OpinionRequest.objects.exists()


def test_api_meeting_flow(town, as_user) -> None:
    cid = town.council.pk
    client = as_user("office")
    meeting_id = _post(
        client,
        _url("meeting_create", cid),
        {
            "held_on": "2022-01-12",
            "place": "Phòng họp số 1",
            "purpose": "cho ý kiến",
            "chair_id": town.kien_chair.pk,
            "heard": "đồng chí Phó Chủ tịch HĐND thị xã báo cáo kế hoạch",
        },
    ).json()["id"]
    section_id = _post(client, _url("section_add", cid, meeting_id), {"title": "Nhiệm vụ"}).json()["id"]
    for body in ("Văn phòng thị xã", "UBND thị xã"):
        response = _post(
            client,
            _url("paragraph_add", cid, meeting_id),
            {"section_id": section_id, "text": f"Giao {body}", "assigns": True, "body_ids": [town.bodies[body].pk]},
        )
        assert response.status_code == 201, response.content
    _post(client, _url("attendee_add", cid, meeting_id), {"person_id": town.people["Nguyễn Thị Kiều"].pk})
    notice = _post(client, _url("notice_generate", cid, meeting_id)).json()
    assert notice["state"] == "du_thao"
    without_heard = _post(client, _url("meeting_update", cid, meeting_id), {"heard": ""}, "patch")
    assert without_heard.status_code == 200
    _post(client, _url("notice_generate", cid, meeting_id))
    refused = _post(client, _url("notice_issue", cid, meeting_id))
    assert refused.status_code == 400 and "nội dung đã nghe" in refused.json()["detail"]
    _post(client, _url("meeting_update", cid, meeting_id), {"heard": "đồng chí Phó Chủ tịch báo cáo"}, "patch")
    _post(client, _url("notice_generate", cid, meeting_id))
    issued = _post(client, _url("notice_issue", cid, meeting_id), {"issued_on": "2022-01-13"}).json()
    assert issued["number_symbol"] == "01/TB-HĐND"
    detail = client.get(_url("meeting_detail", cid, meeting_id)).json()
    assert [a["obligation_id"] is not None for p in detail["paragraphs"] for a in p["assignments"]] == [True, True]
    assert Obligation.objects.filter(kind="conclusion_task").count() == 2
    assert _post(client, _url("notice_issue", cid, meeting_id)).status_code == 400


def test_api_opinion_flow_and_counts(town, as_user) -> None:
    cid = town.council.pk
    client = as_user("office")
    response = _post(
        client,
        _url("opinion_create", cid),
        {"subject": "điều chỉnh kinh phí chúc thọ năm 2024", "received_on": "2024-08-05", "due_on": "2024-08-12"},
    )
    rid = response.json()["id"]
    _post(client, _url("opinion_add", cid, rid), {"person_id": town.people["Trần Văn Hùng"].pk, "stance": "dong_y"})
    _post(client, _url("reply_generate", cid, rid))
    answered = _post(client, _url("reply_issue", cid, rid), {"issued_on": "2024-08-08"}).json()
    assert answered["state"] == "da_tra_loi"
    counts = client.get(_url("counts", cid) + "?year=2024").json()
    assert counts["written_opinions"] == 1
    assert counts["opinion_subjects"] == ["điều chỉnh kinh phí chúc thọ năm 2024"]


def test_api_list_query_counts(town, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    cid = town.council.pk

    def grow(n: int) -> None:
        for i in range(n):
            make_meeting(town, held_on=D(2022, 2, 1) + datetime.timedelta(days=i), tasks=2)
            request = make_request(town, subject=f"Nội dung {i}")
            services.opinion_add(request=request, person=town.people["Nguyễn Thị Kiều"], stance=Stance.AGREE)

    grow(3)
    meeting = Meeting.objects.first()
    urls = [_url("meeting_list", cid), _url("opinion_list", cid), _url("meeting_detail", cid, meeting.pk)]
    baselines = [count_queries(lambda url=url: client.get(url))[0] for url in urls]
    grow(27)
    section = meeting.sections.get()
    for i in range(27):
        services.paragraph_add(section=section, text=f"Thêm {i}", assigns=True, bodies=[town.bodies["UBND thị xã"]])
    for url, baseline in zip(urls, baselines, strict=True):
        with django_assert_num_queries(baseline):
            client.get(url)
