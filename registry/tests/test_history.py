"""API tokens and user accounts keep their history (issue 12, item 9)."""

import pytest
from django.contrib.auth import get_user_model

from hdnd.history import history_rows
from registry.models import ApiToken


@pytest.mark.django_db
def test_token_create_and_revoke_are_in_history(world, as_user) -> None:
    client = as_user("office")
    assert client.post("/dang-ky/tai-khoan/", {"name": "Máy chủ báo cáo"}).status_code == 200
    token = ApiToken.objects.get(user=world.users["office"])
    client.post(f"/dang-ky/tai-khoan/ma-truy-cap/{token.pk}/thu-hoi/")
    records = list(token.history.order_by("history_date", "history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert records[0].revoked_at is None and records[1].revoked_at is not None
    assert all(r.history_user == world.users["office"] for r in records)


@pytest.mark.django_db
def test_user_changes_are_in_history_without_the_password_hash(world, as_user) -> None:
    admin_client = as_user("admin")
    response = admin_client.post(
        "/dang-ky/nguoi-dung/them/",
        {"username": "moi", "full_name": "Lê Văn Mới", "role": "dai_bieu", "password": "Mk-ban-dau-2026-xyz"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="moi")
    created = user.history.get(history_type="+")
    assert created.history_user == world.users["admin"] and created.first_name == "Lê Văn Mới"
    user.email = "moi@example.vn"
    user.save()
    rows = history_rows(user)
    assert rows[0].fields == [("Địa chỉ email", "—", "moi@example.vn")]
    shown = repr([r.fields for r in rows])
    assert user.password not in shown and "md5$" not in shown
