"""Places of contact of a commune council (thôn, tổ dân phố) and editing or deleting contact meetings."""

import datetime
import json
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError

from hdnd.imports import preview
from hdnd.testing import assert_constant_queries
from petitions import selectors, services, wording
from petitions.imports import PETITIONS
from petitions.models import ContactMeeting, ContactPlace, ContactRound, Level, Period, PlaceKind
from petitions.tests.test_import import xlsx
from registry.models import Council, CouncilLevel, UnitType
from registry.services import setting_set

EDITORS = {"admin", "office_chief", "office"}
VIEWERS = EDITORS | {"standing", "committee", "delegate"}
ROLES = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency", "outsider"]
DAY = datetime.date(2025, 11, 10)


@dataclass
class Commune:
    council: Council
    round: ContactRound
    places: dict[str, ContactPlace]
    world: object


@pytest.fixture
def commune(world) -> Commune:
    """A commune council after 01/07/2025: no lower councils, it meets voters in its villages."""
    council = world.council
    council.level, council.unit_type, council.unit_name = CouncilLevel.COMMUNE, UnitType.XA, "Phổ An Thử"
    council.save()
    setting_set(council=council, key=services.ANSWER_RULE, value=30)
    places = {
        name: services.place_create(council=council, name=name, kind=kind)
        for name, kind in [("An Ba", PlaceKind.VILLAGE), ("An Bình", PlaceKind.VILLAGE), ("Tổ dân phố 3", "to_dan_pho")]
    }
    contact_round = services.round_create(council=council, year=2025, period=Period.YEAR_END, starts_on=DAY)
    return Commune(council, contact_round, places, world)


def meet(commune: Commune, name: str, **extra: object) -> ContactMeeting:
    return services.meeting_create(
        contact_round=commune.round,
        contact_place=commune.places[name],
        held_on=DAY,
        place=f"Nhà văn hóa {name}",
        form="truc_tiep",
        **extra,
    )


def petition(commune: Commune, text: str, name: str, **extra: object):
    return services.petition_create(
        contact_round=commune.round,
        data=services.PetitionData(
            text=text, unit=None, contact_place=commune.places[name], level=Level.COMMUNE, **extra
        ),
    )


# Places ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_place_labels_and_bad_input(commune) -> None:
    assert commune.places["An Ba"].label == "thôn An Ba"
    assert commune.places["Tổ dân phố 3"].label == "Tổ dân phố 3"
    before = ContactPlace.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.place_create(council=commune.council, name="  ", kind="sao_hoa")
    assert "Vui lòng nhập tên thôn, tổ dân phố." in exc.value.message_dict["name"]
    assert "Loại địa bàn không hợp lệ" in exc.value.message_dict["kind"][0]
    with pytest.raises(ValidationError, match="đã có thôn, tổ dân phố này"):
        services.place_create(council=commune.council, name="an ba", kind=PlaceKind.VILLAGE)
    assert ContactPlace.objects.count() == before
    place = services.place_update(place=commune.places["An Ba"], name="An Ba Đông", kind="thon", active=False)
    assert place.history.count() == 2 and not place.active


@pytest.mark.django_db
def test_meeting_names_a_place_or_a_unit_never_both(commune, world) -> None:
    meeting = meet(commune, "An Ba")
    assert str(meeting) == "Tiếp xúc cử tri thôn An Ba (10/11/2025)"
    with pytest.raises(ValidationError, match="đã có hội nghị tiếp xúc cử tri tại thôn, tổ dân phố này"):
        meet(commune, "An Ba")
    lower = Council.objects.create(
        level=CouncilLevel.COMMUNE, unit_type=UnitType.XA, unit_name="Lạ", parent=commune.council
    )
    for unit, place in [(None, None), (lower, commune.places["An Bình"])]:
        with pytest.raises(ValidationError) as exc:
            services.meeting_create(
                contact_round=commune.round, unit=unit, contact_place=place, held_on=DAY, place="X", form="truc_tiep"
            )
        assert "chỉ một" in exc.value.message_dict["unit"][0]
    foreign = services.place_create(council=world.other_council, name="Thôn khác")
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            contact_round=commune.round, contact_place=foreign, held_on=DAY, place="X", form="truc_tiep"
        )
    assert exc.value.message_dict["contact_place"] == ["Thôn, tổ dân phố không thuộc Hội đồng này."]
    services.place_update(place=commune.places["An Bình"], name="An Bình", kind="thon", active=False)
    with pytest.raises(ValidationError, match="ngừng sử dụng"):
        meet(commune, "An Bình")
    assert ContactMeeting.objects.count() == 1


@pytest.mark.django_db
def test_petitions_of_places_attribution_counts_and_answers(commune) -> None:
    meeting = meet(commune, "An Ba")
    meet(commune, "Tổ dân phố 3")
    a = petition(commune, "Đề nghị sửa đường bê tông", "An Ba")
    assert a.meeting == meeting  # found by its place, as the unit is for a town council
    b = petition(commune, "Đề nghị sửa đường bê tông", "An Bình")
    petition(commune, "Đề nghị lắp đèn đường", "Tổ dân phố 3")
    assert wording.attribution(a) == "Cử tri thôn An Ba"
    aggregate = services.petition_merge(petitions=[a, b], user=None)
    aggregate = selectors.petition_get(user=commune.world.users["admin"], council=commune.council, pk=aggregate.pk)
    assert wording.attribution(aggregate) == "Cử tri các thôn An Ba, An Bình"
    (counts,) = selectors.petition_counts(council=commune.council, year=2025)
    assert counts.total == 2 and counts.units == ["thôn An Ba", "Tổ dân phố 3"]
    with pytest.raises(ValidationError) as exc:
        services.petition_create(
            contact_round=commune.round,
            data=services.PetitionData(text="X", unit=None, level=Level.COMMUNE, meeting=meeting),
        )
    assert "unit" in exc.value.message_dict
    services.record_answer(
        petition=_forwarded(commune, aggregate), user=None, text="Đã bố trí vốn năm 2026.", state="da_tra_loi"
    )
    notice = services.answers_notice_create(contact_round=commune.round, user=None)
    assert "# 1. Thôn An Ba" in notice.body and "# 2. Thôn An Bình" in notice.body
    areas = selectors.answers_by_unit(contact_round=commune.round)
    assert [(area.unit_label, [p.pk for p in ps]) for area, ps in areas] == [
        ("thôn An Ba", [aggregate.pk]),
        ("thôn An Bình", [aggregate.pk]),
    ]


def _forwarded(commune: Commune, target):
    from registry.tests.factories import BodyFactory

    body = BodyFactory(council=commune.council, name="UBND xã", short_name="UBND xã")
    services.petition_update(
        petition=target, user=None, text=target.text, level=Level.COMMUNE, field=None, body=body, complaint=False
    )
    services.petitions_forward(
        contact_round=commune.round, body=body, user=None, signer_title="Chủ tịch", signer_name="Nguyễn Văn A"
    )
    target.refresh_from_db()
    return target


@pytest.mark.django_db
def test_import_accepts_a_place_in_the_commune_column(commune) -> None:
    rows = [
        [1, "Đề nghị nạo vét kênh", "Thôn An Ba", "Nông nghiệp", "Xã", "", 2, "", "", ""],
        [2, "Đề nghị lắp đèn", "tổ dân phố 3", "", "xã", "", "", "", "", ""],
        [3, "Đề nghị gì đó", "Thôn Không Có", "", "xã", "", "", "", "", ""],
    ]
    result = preview(PETITIONS, commune.round, xlsx(rows), "kien-nghi.xlsx")
    assert [(e.row, e.column, e.header) for e in result.errors] == [(4, "C", "Xã, phường")], [
        str(e) for e in result.errors
    ]
    assert "không có xã, phường hoặc thôn, tổ dân phố “Thôn Không Có” trong địa bàn" in result.errors[0].message
    result = preview(PETITIONS, commune.round, xlsx(rows[:2]), "kien-nghi.xlsx")
    assert result.ok
    created = services.petitions_bulk_create(contact_round=commune.round, items=result.new_items())
    assert [p.contact_place.name for p in created] == ["An Ba", "Tổ dân phố 3"]


# Editing and deleting meetings -----------------------------------------------------------------


@pytest.mark.django_db
def test_meeting_update_and_delete(commune) -> None:
    meeting = meet(commune, "An Ba")
    services.meeting_update(
        meeting=meeting, contact_place=commune.places["An Bình"], held_on=DAY, place="Nhà văn hóa", form="ket_hop"
    )
    meeting.refresh_from_db()
    assert meeting.contact_place.name == "An Bình" and meeting.form == "ket_hop" and meeting.history.count() == 2
    petition(commune, "Đề nghị sửa cống", "An Bình")
    with pytest.raises(ValidationError, match="không thể đổi xã, phường"):
        services.meeting_update(
            meeting=meeting, contact_place=commune.places["An Ba"], held_on=DAY, place="X", form="truc_tiep"
        )
    services.meeting_update(
        meeting=meeting, contact_place=commune.places["An Bình"], held_on=DAY, place="Sân bóng", form="truc_tiep"
    )
    with pytest.raises(ValidationError) as exc:
        services.meeting_delete(meeting=meeting)
    assert exc.value.messages == [
        "Không thể xóa hội nghị tiếp xúc cử tri này vì đã có 1 kiến nghị ghi nhận tại hội nghị. "
        "Hãy xóa hoặc chuyển các kiến nghị sang hội nghị khác trước."
    ]
    empty = meet(commune, "Tổ dân phố 3")
    services.meeting_delete(meeting=empty)
    assert not ContactMeeting.objects.filter(pk=empty.pk).exists()
    assert ContactMeeting.history.filter(id=empty.pk, history_type="-").exists()


# Screens ---------------------------------------------------------------------------------------


@pytest.fixture
def scene(commune):
    busy = meet(commune, "An Ba")
    petition(commune, "Đề nghị sửa cống", "An Ba")
    empty = meet(commune, "Tổ dân phố 3")
    return {"busy": busy, "empty": empty, "place": commune.places["An Bình"]}


def _matrix(scene) -> list[tuple[str, str, str, dict | None]]:
    busy, empty, place = scene["busy"].pk, scene["empty"].pk, scene["place"].pk
    edit = {"contact_place": place, "held_on": "10/11/2025", "place": "Nhà văn hóa", "form": "truc_tiep"}
    return [
        ("get", "/kien-nghi/thon-to-dan-pho/", "view", None),
        ("post", "/kien-nghi/thon-to-dan-pho/", "edit", {"name": "An Cường", "kind": "thon", "active": "on"}),
        ("get", f"/kien-nghi/thon-to-dan-pho/{place}/sua/", "edit", None),
        (
            "post",
            f"/kien-nghi/thon-to-dan-pho/{place}/sua/",
            "edit",
            {"name": "An Bình", "kind": "thon", "active": "on"},
        ),
        ("get", f"/kien-nghi/hoi-nghi/{busy}/sua/", "edit", None),
        ("post", f"/kien-nghi/hoi-nghi/{empty}/sua/", "edit", edit),
        ("post", f"/kien-nghi/hoi-nghi/{busy}/xoa/", "edit", {}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, *ROLES])
def test_permission_matrix(scene, as_user, role) -> None:
    client = as_user(role)
    for method, url, who, data in _matrix(scene):
        response = client.get(url) if method == "get" else client.post(url, data)
        if role is None:
            expected = {302}
        elif role == "outsider":
            # Another council's office: its own list (and places) there; this council's records are not found.
            own_list = url == "/kien-nghi/thon-to-dan-pho/"
            expected = ({200} if method == "get" else {302}) if own_list else {404}
        else:
            allowed = VIEWERS if who == "view" else EDITORS
            expected = ({302} if method == "post" else {200}) if role in allowed else {403}
        assert response.status_code in expected, (role, method, url, response.status_code)
        if role is None:
            assert response["Location"].startswith("/dang-nhap/")


@pytest.mark.django_db
def test_screens_create_edit_delete_and_refuse(scene, commune, as_user) -> None:
    client = as_user("office")
    response = client.post("/kien-nghi/thon-to-dan-pho/", {"name": " ", "kind": "thon"})
    assert "Vui lòng nhập tên thôn, tổ dân phố." in response.content.decode()
    response = client.post("/kien-nghi/thon-to-dan-pho/", {"name": "An ba", "kind": "thon", "active": "on"})
    assert "Hội đồng đã có thôn, tổ dân phố này." in response.content.decode()
    assert ContactPlace.objects.filter(council=commune.council).count() == 3
    response = client.post(f"/kien-nghi/dot/{commune.round.pk}/hoi-nghi/them/", {"held_on": "10/11/2025"})
    text = response.content.decode()
    assert "Vui lòng chọn một xã, phường hoặc một thôn, tổ dân phố (chỉ một)." in text
    assert "Vui lòng nhập địa điểm." in text
    url = f"/kien-nghi/hoi-nghi/{scene['busy'].pk}/sua/"
    response = client.post(
        url, {"contact_place": scene["place"].pk, "held_on": "10/11/2025", "place": "Nhà", "form": "truc_tiep"}
    )
    assert "không thể đổi xã, phường" in response.content.decode()
    response = client.post(f"/kien-nghi/hoi-nghi/{scene['busy'].pk}/xoa/", follow=True)
    assert "Không thể xóa hội nghị tiếp xúc cử tri này vì đã có 1 kiến nghị" in response.content.decode()
    assert ContactMeeting.objects.filter(pk=scene["busy"].pk).exists()
    response = client.get(f"/kien-nghi/hoi-nghi/{scene['empty'].pk}/sua/")
    assert "Tổ dân phố 3" in response.content.decode()
    response = client.post(f"/kien-nghi/hoi-nghi/{scene['empty'].pk}/xoa/")
    assert response.status_code == 302 and not ContactMeeting.objects.filter(pk=scene["empty"].pk).exists()
    response = client.get(f"/kien-nghi/dot/{commune.round.pk}/")
    assert "Tiếp xúc tại 1 địa bàn: thôn An Ba." in response.content.decode()


@pytest.mark.django_db
def test_place_list_runs_fixed_queries(scene, commune, as_user, django_assert_num_queries) -> None:
    client = as_user("office")

    def grow() -> None:
        for i in range(27):
            services.place_create(council=commune.council, name=f"Thôn {i}", kind=PlaceKind.OTHER)

    assert_constant_queries(lambda: client.get("/kien-nghi/thon-to-dan-pho/"), grow, django_assert_num_queries)


def _text(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


# API -------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, *ROLES])
def test_api_matrix(scene, commune, as_user, role) -> None:
    client = as_user(role)
    base = f"/api/v1/councils/{commune.council.pk}"
    busy, empty, place = scene["busy"].pk, scene["empty"].pk, scene["place"].pk
    edit = {"contact_place_id": place, "held_on": "2025-11-10", "place": "Nhà văn hóa"}
    routes = [
        ("get", f"{base}/contact-places", "view", None, 200),
        ("post", f"{base}/contact-places", "edit", {"name": "An Cường"}, 201),
        ("put", f"{base}/contact-places/{place}", "edit", {"name": "An Bình", "kind": "thon"}, 200),
        ("get", f"{base}/petition-meetings/{busy}", "view", None, 200),
        ("put", f"{base}/petition-meetings/{empty}", "edit", edit, 200),
        ("delete", f"{base}/petition-meetings/{busy}", "edit", None, 400),
        ("delete", f"{base}/petition-meetings/{empty}", "edit", None, 204),
    ]
    for method, url, who, data, ok in routes:
        call = getattr(client, method)
        response = call(url, data, content_type="application/json") if data is not None else call(url)
        if role is None:
            expected = 401
        elif role == "outsider":
            expected = 404
        else:
            expected = ok if role in (VIEWERS if who == "view" else EDITORS) else 403
        assert response.status_code == expected, (role, method, url, response.status_code, response.content)


@pytest.mark.django_db
def test_api_bad_input_and_petition_of_a_place(scene, commune, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    base = f"/api/v1/councils/{commune.council.pk}"
    response = client.post(f"{base}/contact-places", {"name": "an ba", "kind": "thon"}, content_type="application/json")
    assert response.status_code == 400 and "đã có thôn, tổ dân phố này" in _text(response)
    response = client.post(f"{base}/contact-places", {"name": "X", "kind": "ao"}, content_type="application/json")
    assert response.status_code == 400 and "Loại địa bàn không hợp lệ" in _text(response)
    response = client.delete(f"{base}/petition-meetings/{scene['busy'].pk}")
    assert "Không thể xóa hội nghị tiếp xúc cử tri này" in _text(response)
    item = {"text": "Đề nghị sửa cầu", "contact_place_id": scene["place"].pk, "level": "xa"}
    response = client.post(
        f"{base}/petition-rounds/{commune.round.pk}/petitions", {"items": [item]}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()[0]
    assert body["contact_place_id"] == scene["place"].pk and body["attribution"] == "Cử tri thôn An Bình"
    response = client.post(
        f"{base}/petition-rounds/{commune.round.pk}/petitions",
        {"items": [{**item, "contact_place_id": 999999}]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "contact_place_id" in _text(response)

    def grow() -> None:
        for i in range(27):
            services.place_create(council=commune.council, name=f"Tổ {i}", kind=PlaceKind.OTHER)

    assert_constant_queries(lambda: client.get(f"{base}/contact-places"), grow, django_assert_num_queries)
