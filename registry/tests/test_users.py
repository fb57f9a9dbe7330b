"""System administrators give and take back roles; nobody else can."""

import pytest
from django.contrib.auth import get_user_model

from hdnd.testing import assert_constant_queries
from registry import services
from registry.models import RoleGrant

KEYS = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]


@pytest.mark.django_db
def test_only_admins_manage_users(world, as_user) -> None:
    grant = services.user_grant(council=world.council, username="tam", role="dai_bieu", password="Mk-ban-dau-2026")
    for url, method in (
        ("/dang-ky/nguoi-dung/", "get"),
        ("/dang-ky/nguoi-dung/them/", "get"),
        (f"/dang-ky/nguoi-dung/vai-tro/{grant.pk}/thu-hoi/", "post"),
    ):
        for key in KEYS:
            status = getattr(as_user(key), method)(url).status_code
            assert status in ((200, 302) if key == "admin" else (403,)), f"{url} as {key}: {status}"
        assert getattr(as_user(None), method)(url).status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()  # the admin's POST revoked it
    base = f"/api/v1/councils/{world.council.pk}/users"
    for key in KEYS:
        assert as_user(key).get(base).status_code == (200 if key == "admin" else 403)
    assert as_user("outsider").get(base).status_code == 404


@pytest.mark.django_db
def test_new_account_needs_a_good_password_and_nothing_is_saved(world, as_user) -> None:
    client = as_user("admin")
    response = client.post("/dang-ky/nguoi-dung/them/", {"username": "moi", "role": "dai_bieu", "password": "123"})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="moi").exists()
    response = client.post(
        "/dang-ky/nguoi-dung/them/",
        {"username": "moi", "full_name": "Trần Văn Mới", "role": "co_quan", "password": "Mk-ban-dau-2026"},
    )
    assert "body" in response.context["form"].errors  # an agency user needs an agency
    assert not get_user_model().objects.filter(username="moi").exists()
    response = client.post(
        "/dang-ky/nguoi-dung/them/",
        {
            "username": "moi",
            "full_name": "Trần Văn Mới",
            "role": "co_quan",
            "password": "Mk-ban-dau-2026",
            "body": world.agency.pk,
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="moi")
    assert user.check_password("Mk-ban-dau-2026")
    assert RoleGrant.objects.get(user=user).body == world.agency


@pytest.mark.django_db
def test_existing_user_gets_a_role_in_another_council(world, as_user) -> None:
    response = as_user("outsider").post(
        f"/api/v1/councils/{world.other_council.pk}/users",
        {"username": "delegate", "role": "dai_bieu"},
        content_type="application/json",
    )
    assert response.status_code == 403  # an office chief does not manage users
    services.role_grant(user=world.users["outsider"], council=world.other_council, role="quan_tri")
    response = as_user("outsider").post(
        f"/api/v1/councils/{world.other_council.pk}/users",
        {"username": "delegate", "role": "dai_bieu"},
        content_type="application/json",
    )
    assert response.status_code == 201
    again = as_user("outsider").post(
        f"/api/v1/councils/{world.other_council.pk}/users",
        {"username": "delegate", "role": "dai_bieu"},
        content_type="application/json",
    )
    assert again.status_code == 400 and "đã có vai trò" in again.json()["detail"]


@pytest.mark.django_db
def test_user_list_fixed_queries(world, as_user, django_assert_num_queries) -> None:
    client = as_user("admin")

    def grow() -> None:
        for i in range(27):
            services.user_grant(council=world.council, username=f"nd{i}", role="dai_bieu", password="Mk-ban-dau-2026")

    assert_constant_queries(lambda: client.get("/dang-ky/nguoi-dung/"), grow, row_text="nd2")
