"""Security headers, the production guard on SECRET_KEY and DEBUG, and errors that never show a traceback."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.test import Client, RequestFactory, override_settings
from ninja.errors import HttpError, Throttled

from hdnd.api import api

ROOT = Path(__file__).resolve().parents[2]
# The README's production settings (a fresh random-looking key of 50+ characters, TLS everywhere).
PRODUCTION_ENV = {
    "SECRET_KEY": "k3J9-vQ2x_Lm8Rt4Zp7Wc1Ny6Hb0Fd5Gs2Ae9Ui4Oo7Py3Tq8Xr1Vw6Mz0Kj5Nh2Lg",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "hdnd.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://hdnd.example.gov.vn",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "BEHIND_PROXY": "1",
}
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the project's Python in a clean environment: only PATH and what the test names."""
    clean = {"PATH": os.environ["PATH"], "PYTHONIOENCODING": "utf-8", "DJANGO_SETTINGS_MODULE": "hdnd.settings"}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def policy(response: object) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_pages_and_api_carry_the_strict_policy_and_the_other_headers(as_user) -> None:
    office = as_user("office")
    for response in (Client().get("/dang-nhap/"), office.get("/"), office.get("/api/v1/councils")):
        assert response.status_code == 200
        assert policy(response) == EXPECTED_CSP
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"


INLINE_CODE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on*= handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "inline <style>"),
]


def test_no_template_carries_inline_script_or_style() -> None:
    """The policy forbids them: an inline handler would silently stop working in the browser."""
    found = []
    for template in ROOT.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE_CODE:
            found += [f"{template.relative_to(ROOT)}: {what}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []


def test_check_deploy_is_clean_with_the_readme_production_settings() -> None:
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


@pytest.mark.parametrize("key", [None, "", "hdnd-demo-khong-dung-cho-san-xuat"])
def test_production_refuses_to_start_without_a_key_of_its_own(key: str | None) -> None:
    env = {"ALLOWED_HOSTS": "hdnd.example.gov.vn"}  # DEBUG left unset: off by default
    if key is not None:
        env["SECRET_KEY"] = key
    result = run_python(["-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Chưa đặt SECRET_KEY riêng cho máy chủ" in result.stderr


def test_debug_is_off_unless_turned_on_and_only_debug_may_use_the_demo_key() -> None:
    show = ["-c", "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY)"]
    assert run_python(show, {"SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]}).stdout.split() == [
        "False",
        PRODUCTION_ENV["SECRET_KEY"],
    ]
    assert run_python(show, {"DEBUG": "1"}).stdout.split() == ["True", "hdnd-demo-khong-dung-cho-san-xuat"]


def test_the_suite_itself_runs_with_debug_off_and_its_own_key() -> None:
    assert settings.DEBUG is False
    assert settings.SECRET_KEY not in {"", "hdnd-demo-khong-dung-cho-san-xuat"}


@pytest.mark.parametrize("debug", [False, True])
def test_api_answers_an_unexpected_error_in_vietnamese_json_and_logs_it(
    as_user, monkeypatch, caplog, debug: bool
) -> None:
    def crash(**kwargs: object) -> None:
        raise RuntimeError("chi tiết nội bộ không được lộ ra")

    monkeypatch.setattr("registry.api.selectors.council_list", crash)
    client = as_user("office")
    with override_settings(DEBUG=debug), caplog.at_level(logging.ERROR, logger="hdnd.api"):
        response = client.get("/api/v1/councils")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên."}
    assert b"Traceback" not in response.content
    assert b"chi ti" not in response.content
    [record] = [r for r in caplog.records if r.name == "hdnd.api"]
    assert record.levelno == logging.ERROR
    assert record.exc_info[0] is RuntimeError


@pytest.mark.parametrize("debug", [False, True])
def test_api_answers_an_unreadable_body_in_vietnamese(world, as_user, debug: bool) -> None:
    client = as_user("admin")
    with override_settings(DEBUG=debug):
        response = client.post(
            f"/api/v1/councils/{world.council.pk}/bodies", data="{không phải JSON", content_type="application/json"
        )
    assert response.status_code == 400
    assert response.json() == {"detail": "Không đọc được nội dung yêu cầu (JSON không hợp lệ)."}


@pytest.mark.django_db
@pytest.mark.urls("hdnd.tests.urls_errors")
def test_html_errors_are_the_vietnamese_pages() -> None:
    client = Client(raise_request_exception=False)
    crashed = client.get("/thu-loi/500/")
    assert crashed.status_code == 500
    assert "Lỗi hệ thống" in crashed.content.decode()
    refused = client.get("/thu-loi/400/")
    assert refused.status_code == 400
    assert "Yêu cầu không hợp lệ" in refused.content.decode()
    for response in (crashed, refused):
        assert "chi tiết nội bộ" not in response.content.decode()
        assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize(
    ("exc", "status", "detail"),
    [
        (Throttled(wait=5), 429, "Quá nhiều yêu cầu, vui lòng thử lại sau."),
        (HttpError(403, "CSRF check Failed"), 403, "Yêu cầu bị từ chối (kiểm tra CSRF không đạt)."),
        (HttpError(400, "Số trang quá lớn."), 400, "Số trang quá lớn."),
        (RequestDataTooBig("Request body exceeded"), 413, "Nội dung yêu cầu quá lớn."),
        (DisallowedHost("Invalid HTTP_HOST header"), 400, "Yêu cầu không hợp lệ."),
    ],
)
def test_api_words_every_other_error_in_vietnamese(exc: Exception, status: int, detail: str) -> None:
    """ninja's English messages are translated; a message hdnd's code wrote passes as it is."""
    response = api.on_exception(RequestFactory().get("/api/v1/councils"), exc)
    assert response.status_code == status
    assert json.loads(response.content) == {"detail": detail}
