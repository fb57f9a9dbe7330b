"""The shared test set-up: a council with one user per role, another council's user, and a browser.

As in healthchecks' `hc/test.py`: every view test asserts what each role may do, and the outsider
(a user of another council) gets 404.
"""

import datetime
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from registry import services
from registry.models import Body, BodyKind, Council, Role, Term
from registry.tests.factories import BodyFactory, CouncilFactory, TermFactory, UserFactory

ARTIFACTS = Path(__file__).parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True, scope="session")
def _test_settings() -> None:
    """Tests hash passwords with MD5: PBKDF2's deliberate slowness would dominate the suite."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The idle clock is written to the session once a minute: on a loaded machine a test that takes more than
    # a minute between two requests would see that write, and its query count would depend on the machine.
    from registry import security

    security.SEEN_GRANULARITY = 365 * 24 * 3600
    # The suite runs as production does: office roles must pass the second factor (`as_user` does).
    settings.HDND_REQUIRE_2FA = True
    # Persistent connections would keep the live server's connection open past the test database's drop.
    from django.db import connections

    for connection in connections.all():
        connection.settings_dict["CONN_MAX_AGE"] = 0


@dataclass
class World:
    council: Council
    other_council: Council
    term: Term
    agency: Body
    other_agency: Body
    group: Body
    users: dict


ROLE_USERS = {
    "admin": Role.ADMIN,
    "office_chief": Role.OFFICE_CHIEF,
    "office": Role.OFFICE_STAFF,
    "standing": Role.STANDING_MEMBER,
    "committee": Role.COMMITTEE_MEMBER,
    "delegate": Role.DELEGATE,
    "agency": Role.AGENCY_USER,
}


@pytest.fixture
def world(db: None) -> World:
    council = CouncilFactory(unit_name="Đức Phổ Thử")
    other = CouncilFactory(unit_name="Hội Đồng Khác")
    term = TermFactory(council=council)
    TermFactory(council=other)
    agency = BodyFactory(council=council, name="Phòng Tài chính - Kế hoạch", short_name="Phòng TC-KH")
    other_agency = BodyFactory(council=council, name="Phòng Nội vụ", short_name="Phòng Nội vụ")
    group = BodyFactory(council=council, kind=BodyKind.DELEGATE_GROUP, name="Tổ đại biểu số 1", short_name="Tổ 1")
    users = {}
    for key, role in ROLE_USERS.items():
        user = UserFactory(username=key)
        services.role_grant(user=user, council=council, role=role, body=agency if role == Role.AGENCY_USER else None)
        users[key] = user
    outsider = UserFactory(username="outsider")
    services.role_grant(user=outsider, council=other, role=Role.OFFICE_CHIEF)
    users["outsider"] = outsider
    return World(council, other, term, agency, other_agency, group, users)


# The day the test council ceases (a merger's effective date, as in 2025) and the words of every refusal after it.
CEASED_ON = datetime.date(2025, 7, 1)
CEASED_REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"


@pytest.fixture
def cease(world: World) -> Callable[[], str]:
    """`cease()` ends the world's council on CEASED_ON, as a merger does, so that every new record and every
    step after that day is refused (`registry.services.council_accepts`); it returns the words the refusal
    says. A test may build its records first and cease the council afterwards."""

    def make() -> str:
        Council.objects.filter(pk=world.council.pk).update(active=False, ceased_on=CEASED_ON)
        world.council.refresh_from_db()
        world.term.refresh_from_db()
        return CEASED_REFUSED

    return make


def verify_second_factor(client: Client, user: object) -> None:
    """Mark the client's session as past the second factor, as django-otp's own login does after a code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="Thiết bị thử nghiệm", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def as_user(world: World):
    """`as_user("office")` -> a logged-in test client past the second factor; `as_user(None)` -> anonymous.

    `as_user("office", verified=False)` stops after the password, as a user who has not entered a code yet.
    """

    def make(key: str | None, *, verified: bool = True) -> Client:
        client = Client()
        if key is not None:
            client.force_login(world.users[key])
            if verified:
                verify_second_factor(client, world.users[key])
        return client

    return make


# The browser's own words in Vietnamese, as the council's staff see them: Chromium's interface language (a
# file input's "Chọn tệp", not "Choose File"), and every context's locale and Accept-Language header.
BROWSER_LANGUAGE = "vi"
BROWSER_LOCALE = "vi-VN"
ACCEPT_LANGUAGE = "vi-VN,vi;q=0.9"


class VietnameseBrowser:
    """The launched browser, whose new contexts and pages default to Vietnamese (locale vi-VN and its
    Accept-Language); a test may still give its own. Everything else is the Playwright browser's."""

    def __init__(self, browser: object) -> None:
        self._browser = browser

    @staticmethod
    def _vietnamese(options: dict) -> dict:
        options.setdefault("locale", BROWSER_LOCALE)
        options["extra_http_headers"] = {"Accept-Language": ACCEPT_LANGUAGE, **options.get("extra_http_headers", {})}
        return options

    def new_context(self, **options: object) -> object:
        return self._browser.new_context(**self._vietnamese(options))

    def new_page(self, **options: object) -> object:
        return self._browser.new_page(**self._vietnamese(options))

    def __getattr__(self, name: str) -> object:
        return getattr(self._browser, name)


@pytest.fixture
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright, in Vietnamese; in CI a missing browser fails, elsewhere it skips."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        message = "Chromium không có: cài bằng `apt-get install chromium` (Debian)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                f"--lang={BROWSER_LANGUAGE}",
            ],
            # On Linux Chromium takes its interface language from the environment as well as from --lang.
            env={**os.environ, "LANGUAGE": BROWSER_LANGUAGE, "LANG": "vi_VN.UTF-8"},
        )
        try:
            yield VietnameseBrowser(browser)
        finally:
            browser.close()


def login(page: object, live_server: object, username: str, password: str = "matkhau-thu-nghiem") -> None:
    """Log in through the screens, passing the second factor with a fresh backup code as a user would."""
    import secrets

    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    user = get_user_model().objects.get(username=username)
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Mã dự phòng", defaults={"confirmed": True})
    code = secrets.token_hex(4)
    StaticToken.objects.create(device=device, token=code)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    if "/xac-minh/" in page.url:
        page.fill("input[name=code]", code)
        page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def logout(page: object) -> None:
    """Log out through the top bar: the button sits in the user's drop-down menu (at a desk's width)."""
    page.click("header .nav-user summary")
    page.click("header .nav-user button[type=submit]")
