"""Issue 14 items 2 and 4: the petitions bulk route answers every error of every row at once, rows from 1."""

import pytest

from petitions.models import Petition


@pytest.mark.django_db
def test_ids_not_found_and_service_errors_come_in_one_answer(town, as_user) -> None:
    client = as_user("office")
    url = f"/api/v1/councils/{town.council.pk}/petition-rounds/{town.round.pk}/petitions"
    unit = town.units["Phổ An"].pk
    items = [
        {"text": "Đề nghị sửa đường", "unit_id": unit, "level": "huyen"},
        {"text": "Đề nghị sửa cầu", "unit_id": 999_999, "level": "huyen"},
        {"text": "Đề nghị tỉnh sửa Quốc lộ 1", "unit_id": unit, "level": "sao_hoa", "field_id": 888_888},
    ]
    response = client.post(url, {"items": items}, content_type="application/json")
    assert response.status_code == 400, response.content
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"items.2.unit_id", "items.3.level", "items.3.field_id"} <= fields
    assert not any(f.startswith("items.1.") for f in fields)
    assert Petition.objects.count() == 0
    # The schema's own errors count rows from 1 too.
    items[0]["voters"] = 0
    response = client.post(url, {"items": items}, content_type="application/json")
    assert response.status_code == 422 and {e["field"] for e in response.json()["errors"]} == {"items.1.voters"}
    # One row alone is row 1.
    response = client.post(url, {"items": [items[2]]}, content_type="application/json")
    assert {e["field"] for e in response.json()["errors"]} >= {"items.1.level", "items.1.field_id"}
