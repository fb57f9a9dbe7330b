"""Issue 14 item 3: a council is set up through the API alone (councils, units, people, bodies, tokens)."""

import pytest
from django.test import Client

from registry import services
from registry.models import ApiToken, Body, Council, CouncilLevel, Person, UnitType
from registry.tests.factories import CouncilFactory, UserFactory


def _bearer(user: object) -> Client:
    _token, key = services.token_create(user=user, name="thiết lập")
    return Client(headers={"Authorization": f"Bearer {key}"})


@pytest.mark.django_db
def test_an_administrator_creates_a_historical_council_and_activates_a_loaded_one(world) -> None:
    admin = _bearer(UserFactory(is_superuser=True))
    province = CouncilFactory(level=CouncilLevel.PROVINCE, unit_type=UnitType.TINH, unit_name="Quảng Ngãi Thử")
    body = {
        "level": "huyen",
        "unit_type": "thi_xa",
        "unit_name": "Đức Phổ Cũ",
        "unit_code": "526",
        "parent_id": province.pk,
        "ceased_on": "2025-06-30",
    }
    response = admin.post("/api/v1/councils", body, content_type="application/json")
    assert response.status_code == 201, response.content
    made = Council.objects.get(pk=response.json()["id"])
    assert made.historical and not made.active and made.parent == province
    loaded = CouncilFactory(parent=province, active=False, unit_name="Phổ Thạnh Thử")
    response = admin.post(f"/api/v1/councils/{loaded.pk}/activate")
    assert response.status_code == 200 and response.json()["active"] is True
    # An office chief may do neither: 403 for what only an administrator does.
    chief = _bearer(world.users["office_chief"])
    assert chief.post("/api/v1/councils", body, content_type="application/json").status_code == 403
    assert chief.post(f"/api/v1/councils/{loaded.pk}/activate").status_code == 403


@pytest.mark.django_db
def test_the_office_sets_up_its_council(world) -> None:
    chief = _bearer(world.users["office_chief"])
    base = f"/api/v1/councils/{world.council.pk}"
    response = chief.patch(base, {"place_name": "Đức Phổ"}, content_type="application/json")
    assert response.status_code == 200, response.content
    world.council.refresh_from_db()
    assert world.council.place_name == "Đức Phổ"
    assert chief.patch(base, {"place": "x"}, content_type="application/json").status_code == 422
    # The communes and wards under the council, though the office holds no role in them.
    ward = CouncilFactory(parent=world.council, unit_name="Phổ Văn Thử")
    CouncilFactory(parent=world.other_council, unit_name="Ngoài Địa Bàn")
    units = chief.get(f"{base}/units").json()["items"]
    assert [u["id"] for u in units] == [ward.pk]
    # A person who is not a delegate (the chief of office), then a body linked to the lower council.
    response = chief.post(
        f"{base}/people",
        {"full_name": "Trần Thị Chánh", "position": "Chánh Văn phòng"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Person.objects.get(pk=response.json()["id"]).council == world.council
    assert "Trần Thị Chánh" in [p["full_name"] for p in chief.get(f"{base}/people?q=tran thi").json()["items"]]
    response = chief.post(
        f"{base}/bodies",
        {"kind": "ubnd", "name": "UBND phường Phổ Văn", "linked_council_id": ward.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Body.objects.get(pk=response.json()["id"]).linked_council == ward
    outside = chief.post(
        f"{base}/bodies",
        {"kind": "ubnd", "name": "UBND khác", "linked_council_id": world.other_council.pk},
        content_type="application/json",
    )
    assert outside.status_code == 404 and "linked_council_id" in outside.json()["detail"]
    # Another council: 404.
    other = f"/api/v1/councils/{world.other_council.pk}"
    assert chief.patch(other, {"place_name": "X"}, content_type="application/json").status_code == 404
    assert chief.get(f"{other}/units").status_code == 404


@pytest.mark.django_db
def test_personal_tokens_created_listed_and_revoked_the_secret_shown_once(world) -> None:
    client = Client()
    client.force_login(world.users["delegate"])
    response = client.post("/api/v1/tokens", {"name": "Điện thoại"}, content_type="application/json")
    assert response.status_code == 201, response.content
    key = response.json()["key"]
    listed = client.get("/api/v1/tokens").json()
    assert [t["name"] for t in listed] == ["Điện thoại"] and "key" not in listed[0]
    phone = Client(headers={"Authorization": f"Bearer {key}"})
    assert phone.get(f"/api/v1/councils/{world.council.pk}").status_code == 200
    token_id = response.json()["id"]
    # Another user's token is not found.
    assert _bearer(world.users["office"]).post(f"/api/v1/tokens/{token_id}/revoke").status_code == 404
    assert client.post(f"/api/v1/tokens/{token_id}/revoke").json()["revoked_at"]
    assert phone.get(f"/api/v1/councils/{world.council.pk}").status_code == 401
    assert ApiToken.objects.filter(user=world.users["delegate"], revoked_at__isnull=False).count() == 1
