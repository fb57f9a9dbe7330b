"""Every input is bounded and cleaned at the boundary: the regressions of issue 12 item 4, one by one."""

import json

import pytest
from django.test import Client

from petitions.models import Petition
from registry import services as registry_services
from registry.rules import RULES_BY_KEY


def _api(world: object, key: str = "office") -> Client:
    _token, secret = registry_services.token_create(user=world.users[key], name="thử nghiệm")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _bulk_url(world: object) -> str:
    # The body is checked before the round is looked up: any round id shows the refusal.
    return f"/api/v1/councils/{world.council.pk}/petition-rounds/999/petitions"


@pytest.mark.parametrize("url", ["/van-ban/cong-khai/?q=%00", "/van-ban/cong-khai/?q=a%01b", "/?x=%1f"])
def test_control_character_in_a_screen_querystring_is_a_vietnamese_400(db: None, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 400
    assert "ký tự điều khiển không được phép" in response.content.decode()


def test_tab_and_newline_pass(world: object, as_user: object) -> None:
    assert as_user("office").get("/dang-ky/dai-bieu/?q=a%09b%0Ac").status_code == 200


def test_control_character_in_an_api_list_names_the_field(world: object) -> None:
    response = _api(world).get(f"/api/v1/councils/{world.council.pk}/delegates?q=%00")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "q"
    assert "«q»" in response.json()["detail"]


def test_enormous_page_number_is_refused_not_a_500(world: object, as_user: object) -> None:
    huge = "9" * 30
    api = _api(world).get(f"/api/v1/councils/{world.council.pk}/delegates?page={huge}")
    assert api.status_code == 400 and "số quá lớn" in api.json()["detail"]
    # A large page within range shows the last page on screens (Django's get_page).
    assert as_user("office").get("/dang-ky/dai-bieu/?trang=999999999").status_code == 200


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "1900-01-01"])
@pytest.mark.parametrize("before", ["true", "false"])
def test_extreme_dates_on_the_deadline_calculator(world: object, start: str, before: str) -> None:
    rule = next(iter(RULES_BY_KEY))
    response = _api(world).get(
        f"/api/v1/councils/{world.council.pk}/deadline?start={start}&rule={rule}&before={before}"
    )
    assert response.status_code == 400
    assert "1945–2100" in response.json()["detail"]


def test_json_body_over_the_limit_is_a_413_in_vietnamese(world: object) -> None:
    body = json.dumps({"text": "a" * 3_000_000})
    response = _api(world).post(f"/api/v1/councils/{world.council.pk}/petitions", body, content_type="application/json")
    assert response.status_code == 413
    assert "quá lớn" in response.json()["detail"]


def test_nul_and_lone_surrogate_in_a_json_body_name_the_field(world: object) -> None:
    client = _api(world)
    for text in ['"a\\u0000b"', '"a\\ud800b"']:
        body = '{"meeting_id": 1, "text": ' + text + "}"
        response = client.post(f"/api/v1/councils/{world.council.pk}/petitions", body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "text"
    assert not Petition.objects.exists()


def test_two_million_character_petition_is_refused(world: object) -> None:
    body = json.dumps({"items": [{"level": "xa", "text": "de nghi " * 250_000}]})
    response = _api(world).post(_bulk_url(world), body, content_type="application/json")
    assert response.status_code == 400
    assert "quá dài" in response.json()["detail"]
    assert not Petition.objects.exists()


def test_petition_text_limit_is_stated_in_the_openapi_schema(world: object) -> None:
    schema = _api(world).get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["PetitionIn"]["properties"]["text"]["maxLength"] == 10_000


def test_petition_text_over_its_field_limit_is_refused(world: object) -> None:
    body = json.dumps({"items": [{"level": "xa", "text": "a" * 10_001}]})
    response = _api(world).post(_bulk_url(world), body, content_type="application/json")
    assert response.status_code == 422
    assert "Quá dài" in response.json()["detail"]
    assert Petition._meta.get_field("text").max_length == 10_000


def test_nul_in_a_screen_form_is_refused_and_nothing_changes(world: object, as_user: object) -> None:
    response = as_user("office").post("/dang-ky/co-quan/them/", {"name": "Phòng\x00X", "kind": "agency"})
    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()


def test_form_dates_outside_the_years_are_a_form_error() -> None:
    from django import forms

    from hdnd.forms import DateInput, Form

    class DayForm(Form):
        day = forms.DateField(widget=DateInput)

    form = DayForm(data={"day": "01/01/0001"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Năm phải trong khoảng 1945–2100."]
    assert DayForm(data={"day": "02/12/2026"}).is_valid()
