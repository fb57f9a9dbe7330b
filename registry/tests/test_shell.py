"""The Vietnamese shell: login, logout, password change, council switcher, home, error pages."""

import pytest
from django.test import Client, override_settings

from registry import services
from registry.models import Role


@pytest.mark.django_db
def test_login_page_is_vietnamese_and_refuses_bad_password(world) -> None:
    client = Client()
    page = client.get("/dang-nhap/").content.decode()
    assert "Đăng nhập" in page and 'lang="vi"' in page
    response = client.post("/dang-nhap/", {"username": "office", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
    response = client.post("/dang-nhap/", {"username": "office", "password": "matkhau-thu-nghiem"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_password_change_and_logout(world, as_user) -> None:
    client = as_user("delegate")
    assert "Đổi mật khẩu" in client.get("/doi-mat-khau/").content.decode()
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": "matkhau-thu-nghiem", "new_password1": "Mk-moi-2026!", "new_password2": "khac"},
    )
    assert response.status_code == 200 and "new_password2" in response.context["form"].errors
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": "matkhau-thu-nghiem", "new_password1": "Mk-moi-2026!", "new_password2": "Mk-moi-2026!"},
    )
    assert response.status_code == 302
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/dang-ky/dai-bieu/").status_code == 302


@pytest.mark.django_db
def test_council_switcher(world, as_user) -> None:
    user = world.users["office"]
    services.role_grant(user=user, council=world.other_council, role=Role.DELEGATE)
    client = as_user("office")
    page = client.get("/").content.decode()
    assert 'name="council"' in page and str(world.other_council) in page
    client.post("/dang-ky/hoi-dong/chon/", {"council": world.other_council.pk})
    page = client.get("/").content.decode()
    assert f"<strong>{world.other_council}</strong>" in page and "Đại biểu" in page


@pytest.mark.django_db
def test_user_without_role_is_told(world) -> None:
    from registry.tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    assert "chưa được phân quyền" in client.get("/").content.decode()
    assert client.get("/dang-ky/dai-bieu/").status_code == 403


@pytest.mark.django_db
def test_anonymous_home_and_403_page(world, as_user) -> None:
    assert "Đăng nhập" in Client().get("/").content.decode()
    with override_settings(DEBUG=False):
        response = as_user("agency").get("/dang-ky/dai-bieu/")
    assert response.status_code == 403 and "Không có quyền truy cập" in response.content.decode()


def test_no_asset_from_another_host() -> None:
    """Offline intranets: templates load nothing from another host."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"<(script|link|img)[^>]+(src|href)=[\"'](https?:)?//", re.I)
    offenders = [
        str(p) for p in root.glob("*/templates/**/*.html") if ".venv" not in p.parts and pattern.search(p.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_home_counts_delegates_in_office_or_at_the_end_of_an_ended_term(world, as_user) -> None:
    import datetime

    person = services.person_create(council=world.council, full_name="Đại Biểu Cũ")
    services.delegate_create(term=world.term, person=person, elected_on=world.term.starts_on)
    services.term_update(term=world.term, ends_on=datetime.date(2025, 6, 30))
    cards = as_user("office").get("/").context["cards"]
    assert ("Đại biểu cuối nhiệm kỳ 2021-2026", 1) in [(label, value) for label, value, _ in cards]
    services.term_update(term=world.term, ends_on=None)
    cards = as_user("office").get("/").context["cards"]
    assert ("Đại biểu đang làm nhiệm vụ", 1) in [(label, value) for label, value, _ in cards]
