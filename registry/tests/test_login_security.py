"""Login security: lockout and unlock, the second factor in both modes, session lifetime, password rules."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry import security
from registry.demo import DEMO_PASSWORD
from registry.models import LockoutRelease

PASSWORD = "matkhau-thu-nghiem"
LOGIN = "/dang-nhap/"


@pytest.fixture(autouse=True)
def _idle_clock_as_in_production(monkeypatch) -> None:
    """These tests move the clock: the idle clock is written back once a minute, as in production (the
    suite's conftest turns that write off elsewhere so query counts do not depend on the machine's speed)."""
    monkeypatch.setattr(security, "SEEN_GRANULARITY", 60)


def _login(client: Client, username: str, password: str) -> object:
    return client.post(LOGIN, {"username": username, "password": password})


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# Lockout ---------------------------------------------------------------------------------------------


def test_lockout_after_n_wrong_passwords_then_unlock_by_office_chief(world, as_user) -> None:
    n = settings.AXES_FAILURE_LIMIT
    assert n == 5
    client = Client()
    for _ in range(n):
        _login(client, "delegate", "sai-mat-khau")
    response = _login(client, "delegate", PASSWORD)
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()
    assert not _logged_in(client)

    chief = as_user("office_chief")
    page = chief.get("/dang-ky/nguoi-dung/bi-khoa/")
    assert page.status_code == 200
    assert "Đang bị khoá" in page.content.decode()
    assert chief.post("/dang-ky/nguoi-dung/bi-khoa/delegate/mo-khoa/").status_code == 302
    release = LockoutRelease.objects.get()
    # The refused right password counted as one more failure.
    assert (release.user, release.released_by, release.failures) == (
        world.users["delegate"],
        world.users["office_chief"],
        n + 1,
    )
    assert release.history.count() == 1

    response = _login(Client(), "delegate", PASSWORD)
    assert response.status_code == 302


def test_lockout_per_address_across_accounts(world) -> None:
    client = Client()
    for key in ["delegate", "agency", "standing", "committee", "delegate"]:
        _login(client, key, "sai")
    assert _login(client, "agency", PASSWORD).status_code == 429
    # Another address is not locked for an account that was not guessed.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _login(other, "office", PASSWORD).status_code == 302


def test_unlock_permissions_and_scope(world, as_user) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "delegate", "sai")
    assert as_user("office").get("/dang-ky/nguoi-dung/bi-khoa/").status_code == 403
    assert as_user("delegate").post("/dang-ky/nguoi-dung/bi-khoa/delegate/mo-khoa/").status_code == 403
    # The outsider chief: not a user of their council, so 404 (another council's user is not confirmed).
    outsider = as_user("outsider")
    assert outsider.post("/dang-ky/nguoi-dung/bi-khoa/delegate/mo-khoa/").status_code == 404
    assert not LockoutRelease.objects.exists()
    assert as_user(None).get("/dang-ky/nguoi-dung/bi-khoa/").status_code == 302


def test_unlock_through_the_api(world, as_user) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "delegate", "sai")
    admin = as_user("admin")
    base = f"/api/v1/councils/{world.council.pk}/lockouts"
    rows = admin.get(base).json()
    assert rows[0]["username"] == "delegate" and rows[0]["locked"] is True
    assert as_user("office").post(f"{base}/delegate/release").status_code == 403
    assert admin.post(f"{base}/nobody/release").status_code == 404
    body = admin.post(f"{base}/delegate/release").json()
    assert body["username"] == "delegate" and body["released_by"] == "admin"
    assert admin.get(base).json() == []
    assert _login(Client(), "delegate", PASSWORD).status_code == 302


# Second factor ---------------------------------------------------------------------------------------


def test_unverified_office_user_is_sent_to_set_up_and_api_refused(world, as_user) -> None:
    client = as_user("office", verified=False)
    response = client.get("/dang-ky/dai-bieu/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-ky/tai-khoan/xac-thuc-hai-buoc/")
    api = client.get(f"/api/v1/councils/{world.council.pk}/delegates")
    assert api.status_code == 403
    assert "xác thực hai bước" in api.json()["detail"]
    assert client.get("/dang-ky/tai-khoan/").status_code == 302


@pytest.mark.parametrize("key", ["admin", "office_chief", "office"])
def test_required_roles_blocked_without_code(world, as_user, key: str) -> None:
    assert as_user(key, verified=False).get("/").status_code == 302
    assert as_user(key).get("/").status_code == 200


def test_other_roles_need_no_second_factor(world, as_user) -> None:
    assert as_user("delegate", verified=False).get("/").status_code == 200


@override_settings(HDND_REQUIRE_2FA=False)
def test_demo_mode_lets_office_in_with_password_only(world) -> None:
    client = Client()
    assert _login(client, "office", PASSWORD).status_code == 302
    assert client.get("/dang-ky/dai-bieu/").status_code == 200


# django-otp slows retries after a wrong code (1 s, doubling); the clock does not move in this test.
@override_settings(OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0)
def test_setup_with_qr_then_login_asks_for_code(world) -> None:
    client = Client()
    assert _login(client, "office", PASSWORD)["Location"] == "/"
    page = client.get("/dang-ky/tai-khoan/xac-thuc-hai-buoc/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'id="otp-key"' in html
    assert "<script>" not in html and "onclick" not in html
    device = TOTPDevice.objects.get(user=world.users["office"], confirmed=False)
    bad = client.post("/dang-ky/tai-khoan/xac-thuc-hai-buoc/", {"code": "000000"})
    assert "Mã không đúng" in bad.content.decode()
    done = client.post("/dang-ky/tai-khoan/xac-thuc-hai-buoc/", {"code": str(totp(device.bin_key)).zfill(6)})
    assert "Mã dự phòng" in done.content.decode()
    assert client.get("/dang-ky/dai-bieu/").status_code == 200

    # The next login asks for a code; a wrong one is refused, a backup code works once.
    fresh = Client()
    _login(fresh, "office", PASSWORD)
    response = fresh.get("/dang-ky/dai-bieu/")
    assert response["Location"].startswith("/dang-ky/tai-khoan/xac-minh/")
    # With a device, the password alone cannot replace it.
    assert fresh.get("/dang-ky/tai-khoan/xac-thuc-hai-buoc/")["Location"].startswith("/dang-ky/tai-khoan/xac-minh/")
    wrong = fresh.post("/dang-ky/tai-khoan/xac-minh/", {"code": "123456"})
    assert "Mã không đúng" in wrong.content.decode()
    backup = done.context["codes"][0]
    ok = fresh.post("/dang-ky/tai-khoan/xac-minh/", {"code": backup, "next": "/dang-ky/dai-bieu/"})
    assert ok["Location"] == "/dang-ky/dai-bieu/"
    assert fresh.get("/dang-ky/dai-bieu/").status_code == 200
    again = Client()
    _login(again, "office", PASSWORD)
    assert "Mã không đúng" in again.post("/dang-ky/tai-khoan/xac-minh/", {"code": backup}).content.decode()


def test_verify_refuses_an_outside_next(world) -> None:
    client = Client()
    _login(client, "office", PASSWORD)
    client.get("/dang-ky/tai-khoan/xac-thuc-hai-buoc/")
    device = TOTPDevice.objects.get(user=world.users["office"])
    response = client.post(
        "/dang-ky/tai-khoan/xac-thuc-hai-buoc/",
        {"code": str(totp(device.bin_key)).zfill(6), "next": "https://ke-xau.example/"},
    )
    assert response.context["next"] == "/"


# Session lifetime ------------------------------------------------------------------------------------


def test_office_session_ends_after_idle_and_absolute_limits(world, as_user, monkeypatch) -> None:
    start = security.now()
    client = as_user("office")
    monkeypatch.setattr(security, "now", lambda: start + 29 * 60)
    assert client.get("/").status_code == 200
    monkeypatch.setattr(security, "now", lambda: start + 29 * 60 + 31 * 60)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not _logged_in(client)

    monkeypatch.setattr(security, "now", lambda: start)
    client = as_user("office")
    # Active every 20 minutes, the office session still ends 8 hours after login.
    for step in range(1, 24):
        monkeypatch.setattr(security, "now", lambda step=step: start + step * 20 * 60)
        assert client.get("/").status_code == 200
    monkeypatch.setattr(security, "now", lambda: start + 8 * 3600 + 60)
    assert client.get("/").status_code == 302


def test_delegate_session_lasts_longer_and_api_gets_json(world, as_user, monkeypatch) -> None:
    start = security.now()
    client = as_user("delegate")
    monkeypatch.setattr(security, "now", lambda: start + 2 * 3600)
    assert client.get("/").status_code == 200
    monkeypatch.setattr(security, "now", lambda: start + 2 * 3600 + 9 * 3600)
    response = client.get(f"/api/v1/councils/{world.council.pk}/delegates")
    assert response.status_code == 401
    assert response.json()["detail"] == security.MESSAGE_EXPIRED


# Password rules --------------------------------------------------------------------------------------

PRODUCTION_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "registry.passwords.DemoPasswordValidator"},
]


@override_settings(AUTH_PASSWORD_VALIDATORS=PRODUCTION_VALIDATORS)
@pytest.mark.parametrize("password", [DEMO_PASSWORD, "HDND@2026", "Matkhau@123", "hoidongnhandan@123"])
def test_production_refuses_demo_and_common_passwords(password: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    text = " ".join(exc.value.messages)
    assert "mật khẩu" in text.lower() or "Mật khẩu" in text


@override_settings(AUTH_PASSWORD_VALIDATORS=PRODUCTION_VALIDATORS)
def test_production_accepts_a_long_own_password() -> None:
    validate_password("sông-Trà-chảy-qua-Đức-Phổ-1975")


def test_demo_validators_keep_the_demo_password() -> None:
    # The suite runs as production does (DEBUG off); the demo (DEBUG on) keeps its easy password.
    script = (
        "import django; django.setup(); "
        "from django.contrib.auth.password_validation import validate_password; "
        "from django.conf import settings; "
        f"validate_password({DEMO_PASSWORD!r}); "
        "print(settings.HDND_REFUSE_DEMO_PASSWORDS, settings.HDND_PASSWORD_MIN_LENGTH)"
    )
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "hdnd.settings"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "8"]
