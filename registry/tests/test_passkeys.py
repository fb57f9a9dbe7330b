"""Passkeys (WebAuthn, django-otp-webauthn) as a second factor beside TOTP: register, verify, list, remove.

The ceremonies run end to end through the library with a software authenticator (soft_authenticator.py):
the server checks challenge, origin, relying party, signature and counter as it would a browser's.
"""

import json
import re

from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from hdnd.testing import assert_constant_queries
from registry import security
from registry.tests.soft_authenticator import SoftAuthenticator

PASSWORD = "matkhau-thu-nghiem"
BASE = "/dang-ky/tai-khoan/khoa-truy-cap/webauthn"
PAGE = "/dang-ky/tai-khoan/khoa-truy-cap/"
VERIFY = "/dang-ky/tai-khoan/xac-minh/"


def _password_only(username: str = "office") -> Client:
    client = Client()
    assert client.post("/dang-nhap/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def _post(client: Client, url: str, data: dict | None = None) -> object:
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def _register(client: Client, soft: SoftAuthenticator) -> object:
    options = _post(client, f"{BASE}/dang-ky/bat-dau/")
    assert options.status_code == 200, options.content
    return _post(client, f"{BASE}/dang-ky/hoan-tat/", soft.create(options.json()))


def _verify(client: Client, soft: SoftAuthenticator, *, next_url: str = "", **kwargs: object) -> object:
    options = _post(client, f"{BASE}/xac-minh/bat-dau/")
    assert options.status_code == 200, options.content
    query = f"?next={next_url}" if next_url else ""
    return _post(client, f"{BASE}/xac-minh/hoan-tat/{query}", soft.get(options.json(), **kwargs))


def test_office_user_registers_a_passkey_then_logs_in_with_it(world) -> None:
    client = _password_only()
    # The office user without a device is sent to set up; the setup screen offers passkeys beside the app.
    assert client.get("/dang-ky/dai-bieu/")["Location"].startswith("/dang-ky/tai-khoan/xac-thuc-hai-buoc/")
    assert PAGE in client.get("/dang-ky/tai-khoan/xac-thuc-hai-buoc/").content.decode()
    page = client.get(PAGE)
    assert page.status_code == 200 and 'id="passkey-registration-placeholder"' in page.content.decode()
    soft = SoftAuthenticator()
    done = _register(client, soft)
    assert done.status_code == 200, done.content
    passkey = WebAuthnCredential.objects.get(user=world.users["office"])
    assert done.json() == {"id": passkey.pk} and passkey.confirmed
    # Registering the first device passes the second factor for this session.
    assert client.get("/dang-ky/dai-bieu/").status_code == 200
    assert passkey.name in client.get(PAGE).content.decode()

    # The next login: the password, then the passkey (no code form: the user has no app).
    fresh = _password_only()
    assert fresh.get("/dang-ky/dai-bieu/")["Location"].startswith(VERIFY)
    verify_page = fresh.get(VERIFY).content.decode()
    assert 'id="passkey-verification-button"' in verify_page and 'name="code"' not in verify_page
    key_before = fresh.session.session_key
    ok = _verify(fresh, soft, next_url="/dang-ky/dai-bieu/")
    assert ok.status_code == 200 and ok.json()["redirect_url"] == "/dang-ky/dai-bieu/"
    assert fresh.session.session_key != key_before  # a new session key once verified
    assert fresh.get("/dang-ky/dai-bieu/").status_code == 200
    assert fresh.get(f"/api/v1/councils/{world.council.pk}/delegates").status_code == 200
    passkey.refresh_from_db()
    assert passkey.sign_count == 1 and passkey.last_used_at is not None


def test_a_wrong_signature_another_origin_or_a_replay_is_refused(world) -> None:
    client = _password_only()
    soft = SoftAuthenticator()
    assert _register(client, soft).status_code == 200
    for kwargs in ({"tamper": True}, {"origin": "https://hdnd-gia-mao.example"}):
        fresh = _password_only()
        refused = _verify(fresh, soft, **kwargs)
        assert 400 <= refused.status_code < 500, (kwargs, refused.status_code)
        assert not security.is_verified(fresh)
        assert fresh.get("/dang-ky/dai-bieu/")["Location"].startswith(VERIFY)
    # A challenge is used once: the same answer posted again finds no ceremony under way.
    fresh = _password_only()
    options = _post(fresh, f"{BASE}/xac-minh/bat-dau/").json()
    answer = soft.get(options)
    assert _post(fresh, f"{BASE}/xac-minh/hoan-tat/", answer).status_code == 200
    fresh.logout()
    again = _password_only()
    assert 400 <= _post(again, f"{BASE}/xac-minh/hoan-tat/", answer).status_code < 500
    assert not security.is_verified(again)


def test_no_passwordless_login_and_no_passkey_added_on_a_password_alone(world) -> None:
    # Anonymous: the ceremony does not start (passkeys never replace the password and its lockout).
    anonymous = _post(Client(), f"{BASE}/xac-minh/bat-dau/")
    assert 400 <= anonymous.status_code < 500
    client = _password_only()
    assert _register(client, SoftAuthenticator()).status_code == 200
    # Another session with the password only cannot add its own key nor open the list.
    intruder = _password_only()
    refused = _post(intruder, f"{BASE}/dang-ky/bat-dau/")
    assert refused.status_code == 403
    assert intruder.get(PAGE)["Location"].startswith(VERIFY)
    passkey = WebAuthnCredential.objects.get()
    assert intruder.post(f"{PAGE}{passkey.pk}/xoa/")["Location"].startswith(VERIFY)
    assert WebAuthnCredential.objects.count() == 1


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_remove_a_passkey_but_not_the_only_factor(world, as_user) -> None:
    client = _password_only()
    soft = SoftAuthenticator()
    assert _register(client, soft).status_code == 200
    passkey = WebAuthnCredential.objects.get()
    refused = client.post(f"{PAGE}{passkey.pk}/xoa/", follow=True)
    assert "phương thức xác thực hai bước duy nhất" in refused.content.decode()
    assert WebAuthnCredential.objects.count() == 1
    # With the authenticator app set up too, the passkey can go; the verify screen then asks for a code.
    TOTPDevice.objects.create(user=world.users["office"], name="Ứng dụng", confirmed=True)
    removed = client.post(f"{PAGE}{passkey.pk}/xoa/", follow=True)
    assert "Đã xoá khoá truy cập" in removed.content.decode()
    assert not WebAuthnCredential.objects.exists()
    page = _password_only().get(VERIFY).content.decode()
    assert 'name="code"' in page and "passkey-verification-button" not in page
    # Someone else's passkey is not found.
    other = _password_only("admin")
    _register(other, SoftAuthenticator())
    foreign = WebAuthnCredential.objects.get(user=world.users["admin"])
    device = TOTPDevice.objects.get(user=world.users["office"])
    code_client = _password_only()
    code_client.post(VERIFY, {"code": str(totp(device.bin_key)).zfill(6)})
    assert code_client.post(f"{PAGE}{foreign.pk}/xoa/").status_code == 404
    assert WebAuthnCredential.objects.filter(pk=foreign.pk).exists()


def test_scripts_are_local_files_under_the_strict_csp(world) -> None:
    client = _password_only()
    page = client.get(PAGE)
    html = page.content.decode()
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    for attributes, body in scripts:
        # Either a file of this server, or the JSON configuration (data, never executed).
        assert 'src="/' in attributes or 'type="application/json"' in attributes, attributes
        assert not body.strip() or 'type="application/json"' in attributes
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in html
    catalog = client.get(f"{BASE}/ngon-ngu.js")
    text = catalog.content.decode()
    assert catalog.status_code == 200 and "Register a Passkey" in text
    assert json.dumps("Đăng ký khoá truy cập")[1:-1] in text or "Đăng ký khoá truy cập" in text


def test_passkey_list_constant_queries(world) -> None:
    client = _password_only()
    assert _register(client, SoftAuthenticator()).status_code == 200
    assert_constant_queries(
        lambda: client.get(PAGE),
        lambda: [_register(client, SoftAuthenticator()) for _ in range(3)],
        row_text=">Xoá</button>",
        rows=3,
    )
