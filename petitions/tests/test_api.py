"""The petitions API: matrix over every route, bulk creation all or nothing, scope, query counts."""

import datetime
import json
import logging

import pytest

from hdnd.testing import assert_constant_queries
from petitions import services
from petitions.models import Level, Petition, PetitionState
from petitions.tests.conftest import make_petition

EDITORS = {"admin", "office_chief", "office"}
VIEWERS = EDITORS | {"standing", "committee", "delegate"}
ROLES = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency", "outsider"]


@pytest.fixture
def scene(town):
    forwarded = make_petition(
        town, "Đề nghị cấp vốn sửa đường thôn An Ba", body=town.world.agency, people=[("Nguyễn Văn Bình", "", "0905")]
    )
    services.petitions_forward(
        contact_round=town.round, body=town.world.agency, user=None, signer_title="Phó Chủ tịch", signer_name="Kiều"
    )
    forwarded.refresh_from_db()
    a = make_petition(town, "Đề nghị xử lý ô nhiễm mùi hôi", "Phổ Quang")
    b = make_petition(town, "Đề nghị xử lý ô nhiễm mùi hôi", "Phổ Vinh")
    aggregate = services.petition_merge(petitions=[a, b], user=None)
    c = make_petition(town, "Đề nghị trồng cây xanh", "Phổ Minh")
    d = make_petition(town, "Đề nghị trồng cây xanh", "Phổ Ninh")
    return {"forwarded": forwarded, "aggregate": aggregate, "pair": (c, d)}


def _routes(town, scene) -> list:
    c, r = town.council.pk, town.round.pk
    f, agg = scene["forwarded"].pk, scene["aggregate"].pk
    p1, p2 = scene["pair"]
    base = f"/api/v1/councils/{c}"
    item = {"text": "Đề nghị sửa cầu", "unit_id": town.units["Phổ An"].pk, "level": "huyen"}
    return [
        ("get", f"{base}/petition-rounds", None, "view", 200),
        ("post", f"{base}/petition-rounds", {"year": 2023, "period": "cuoi_nam"}, "edit", 201),
        ("get", f"{base}/petition-rounds/{r}/meetings", None, "view", 200),
        (
            "post",
            f"{base}/petition-rounds/{r}/meetings",
            {"unit_id": town.units["Phổ Châu"].pk, "held_on": "2024-06-04", "place": "Hội trường"},
            "edit",
            201,
        ),
        ("post", f"{base}/petition-rounds/{r}/petitions", {"items": [item]}, "edit", 201),
        ("get", f"{base}/petitions", None, "answer", 200),
        ("get", f"{base}/petitions/{f}", None, "answer", 200),
        ("put", f"{base}/petitions/{p1.pk}", {"text": "Đề nghị trồng thêm cây xanh", "level": "huyen"}, "edit", 200),
        ("get", f"{base}/petitions/{f}/petitioners", None, "edit", 200),
        ("get", f"{base}/petition-rounds/{r}/duplicates", None, "edit", 200),
        ("post", f"{base}/petition-merges", {"ids": [p1.pk, p2.pk]}, "edit", 201),
        ("post", f"{base}/petitions/{agg}/split", {}, "edit", 200),
        (
            "post",
            f"{base}/petition-rounds/{r}/forward",
            {"body_id": town.bodies["Phòng QLĐT"].pk, "signer_title": "Phó Chủ tịch", "signer_name": "Kiều"},
            "edit",
            201,
        ),
        (
            "post",
            f"{base}/petitions/{f}/answer",
            {"text": "Đã bố trí vốn.", "state": "da_tra_loi"},
            "answer_write",
            200,
        ),
        ("post", f"{base}/petitions/{f}/accept", {}, "edit", 200),
        ("get", f"{base}/petition-counts?year=2024", None, "view", 200),
        ("get", f"{base}/petition-fields", None, "view", 200),
        ("post", f"{base}/petition-fields", {"name": "Thủy lợi"}, "edit", 201),
        ("post", f"{base}/petition-rounds/{r}/publish", {"published": True}, "edit", 200),
        ("get", f"{base}/petition-rounds/{r}/answers-by-unit", None, "view", 200),
        (
            "post",
            f"{base}/petition-rounds/{r}/answer-report",
            {"signer_title": "Phó Chủ tịch", "signer_name": "Kiều"},
            "edit",
            201,
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, *ROLES])
def test_api_permission_matrix(town, scene, as_user, role) -> None:
    client = as_user(role)
    for method, url, data, who, ok in _routes(town, scene):
        kwargs = {"data": json.dumps(data), "content_type": "application/json"} if data is not None else {}
        response = getattr(client, method)(url, **kwargs)
        allowed = {
            "view": VIEWERS,
            "edit": EDITORS,
            "answer": VIEWERS | {"agency"},
            "answer_write": EDITORS | {"agency"},
        }[who]
        if role is None:
            expected = 401
        elif role == "outsider":
            expected = 404
        else:
            expected = ok if role in allowed else 403
        assert response.status_code == expected, (role, method, url, response.status_code, response.content[:300])


@pytest.mark.django_db
def test_bulk_creation_all_or_nothing_with_field_errors(town, as_user) -> None:
    client = as_user("office")
    url = f"/api/v1/councils/{town.council.pk}/petition-rounds/{town.round.pk}/petitions"
    unit = town.units["Phổ An"].pk
    items = [
        {"text": "Đề nghị sửa đường", "unit_id": unit, "level": "huyen", "people": [{"full_name": "Lê Văn Ba"}]},
        {"text": "Đề nghị tỉnh sửa Quốc lộ 1", "unit_id": unit, "level": "sao_hoa"},
    ]
    response = client.post(url, {"items": items}, content_type="application/json")
    assert response.status_code == 400
    assert "2.level: Cấp có thẩm quyền không hợp lệ" in response.json()["detail"]
    assert Petition.objects.count() == 0
    items[1]["level"] = "tinh"
    items.append({"text": "Đề nghị xã", "unit_id": town.units["Phổ Châu"].pk, "level": "xa", "complaint": True})
    response = client.post(url, {"items": items}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert [p["attribution"] for p in body] == ["Cử tri xã Phổ An", "Cử tri xã Phổ An", "Cử tri xã Phổ Châu"]
    assert body[1]["body_name"] == "Hội đồng nhân dân tỉnh Quảng Ngãi"
    response = client.post(url, {"items": [{"text": "", "unit_id": 0, "level": "xa"}]}, content_type="application/json")
    assert response.status_code == 422 and "text" in response.json()["detail"]
    response = client.post(
        url, {"items": [{"text": "x", "unit_id": 999999, "level": "xa"}]}, content_type="application/json"
    )
    assert response.status_code == 400 and "unit_id" in response.json()["detail"]
    assert Petition.objects.count() == 3


@pytest.mark.django_db
def test_api_agency_scope_merge_across_councils_and_personal_data(town, scene, as_user, caplog) -> None:
    base = f"/api/v1/councils/{town.council.pk}"
    agency = as_user("agency")
    assert [p["id"] for p in agency.get(f"{base}/petitions").json()["items"]] == [scene["forwarded"].pk]
    response = agency.post(
        f"{base}/petitions/{scene['aggregate'].pk}/answer",
        {"text": "x", "state": "da_tra_loi"},
        content_type="application/json",
    )
    assert response.status_code == 404
    other = Petition(
        council=town.world.other_council, round=town.round, unit=town.units["Phổ An"], text="Khác", level=Level.DISTRICT
    )
    other.save()
    office = as_user("office")
    response = office.post(
        f"{base}/petition-merges", {"ids": [scene["pair"][0].pk, other.pk]}, content_type="application/json"
    )
    assert (
        response.status_code == 404
        and response.json()["detail"] == "Không tìm thấy kiến nghị (ids) trong Hội đồng này."
    )
    assert not Petition.objects.filter(pk__in=[scene["pair"][0].pk, other.pk], merged_into__isnull=False).exists()
    assert (
        "Nguyễn Văn Bình" not in as_user("delegate").get(f"{base}/petitions/{scene['forwarded'].pk}").content.decode()
    )
    with caplog.at_level(logging.INFO, logger="hdnd.personal_data"):
        people = office.get(f"{base}/petitions/{scene['forwarded'].pk}/petitioners").json()
    assert people[0]["full_name"] == "Nguyễn Văn Bình"
    assert any(r.name == "hdnd.personal_data" for r in caplog.records)


@pytest.mark.django_db
def test_api_counts_and_answer_flow(town, scene, as_user) -> None:
    base = f"/api/v1/councils/{town.council.pk}"
    f = scene["forwarded"].pk
    response = as_user("agency").post(
        f"{base}/petitions/{f}/answer",
        {"text": "Đã bố trí vốn.", "state": "da_giai_trinh"},
        content_type="application/json",
    )
    assert response.json()["state"] == PetitionState.EXPLAINED
    response = as_user("office").post(f"{base}/petitions/{f}/accept", {}, content_type="application/json")
    assert response.status_code == 200
    counts = as_user("delegate").get(f"{base}/petition-counts", {"year": 2024}).json()
    assert counts[0]["by_level"] == {"huyen": 4} and counts[0]["by_state"]["da_giai_trinh"] == 1
    assert as_user("delegate").get(f"{base}/petition-counts", {"year": 1}).status_code == 400


@pytest.mark.django_db
def test_api_lists_run_a_fixed_number_of_queries(town, scene, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    url = f"/api/v1/councils/{town.council.pk}/petitions"

    def grow() -> None:
        for i in range(25):
            make_petition(town, f"Đề nghị việc số {i}", "Phổ Hòa")
        x = make_petition(town, "Đề nghị nạo vét kênh", "Phổ Hòa")
        y = make_petition(town, "Đề nghị nạo vét kênh", "Phổ Cường")
        services.petition_merge(petitions=[x, y], user=None)

    assert_constant_queries(lambda: client.get(url), grow, row_text="Đề nghị việc số")

    def grow_meetings(names: tuple[str, ...] = ("Phổ Châu", "Phổ Cường", "Phổ Khánh", "Phổ Nhơn")) -> None:
        for name in names:
            services.meeting_create(
                contact_round=town.round,
                unit=town.units[name],
                held_on=datetime.date(2024, 6, 5),
                place="Hội trường",
                form="truc_tiep",
            )

    grow_meetings(("Phổ An",))  # one row first: the prefetch of delegates runs only when there are rows
    meetings = f"/api/v1/councils/{town.council.pk}/petition-rounds/{town.round.pk}/meetings"
    assert_constant_queries(lambda: client.get(meetings), grow_meetings, row_text="Phổ Nhơn")
    rounds = f"/api/v1/councils/{town.council.pk}/petition-rounds"
    assert_constant_queries(
        lambda: client.get(rounds),
        lambda: [services.round_create(council=town.council, year=y, period="giua_nam") for y in range(2010, 2020)],
        django_assert_num_queries,
    )


@pytest.mark.django_db
def test_api_bad_input_on_write_routes_names_the_field_and_saves_nothing(town, scene, as_user) -> None:
    client = as_user("office")
    base = f"/api/v1/councils/{town.council.pk}"

    def post(url: str, data: dict) -> object:
        return client.post(f"{base}{url}", data, content_type="application/json")

    response = post("/petition-fields", {"name": "giao thông"})
    assert response.status_code == 400 and "Hội đồng đã có lĩnh vực này." in response.json()["detail"]
    assert post("/petition-rounds", {"year": 1999, "period": "giua_nam"}).status_code == 422
    response = post("/petition-rounds", {"year": 2024, "period": "giua_nam"})
    assert response.status_code == 400 and "đã có đợt tiếp xúc cử tri này" in response.json()["detail"]
    response = post(
        f"/petition-rounds/{town.round.pk}/meetings", {"unit_id": town.units["Phổ An"].pk, "held_on": "x", "place": "A"}
    )
    assert response.status_code == 422 and "held_on" in response.json()["detail"]
    response = post(
        f"/petition-rounds/{town.round.pk}/forward", {"body_id": 0, "signer_title": "A", "signer_name": "B"}
    )
    assert response.status_code == 404 and "body_id" in response.json()["detail"]
    response = post(f"/petitions/{scene['forwarded'].pk}/answer", {"text": "Trả lời", "state": "bay_bong"})
    assert response.status_code == 400 and "state" in response.json()["detail"]
    assert post(f"/petition-rounds/{town.round.pk}/publish", {"published": "có lẽ"}).status_code == 422
    response = client.put(
        f"{base}/petitions/{scene['forwarded'].pk}", {"text": "Sửa", "level": "huyen"}, content_type="application/json"
    )
    assert response.status_code == 400 and "đã chuyển" in response.json()["detail"]
    scene["forwarded"].refresh_from_db()
    assert scene["forwarded"].answer_text == "" and scene["forwarded"].text.startswith("Đề nghị cấp vốn")
