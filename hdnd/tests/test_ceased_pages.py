"""The demo's ceased town (HĐND thị xã Đức Phổ, last day 30/06/2025), walked as its office user from the home
page through every link its pages give: no page offers a form that writes or a link to a page that creates
or changes a record (`{% new_records %}` and the apps' allowed actions, asking `Council.open_on`), and every
page of the council still answers. The generic check beside hdnd/tests/test_ceased_lists.py, which names the
list pages one by one."""

import io
import os
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from conftest import verify_second_factor
from hdnd import dates
from registry.demo import demo_council
from registry.middleware import SESSION_KEY

MAX_PAGES = 900  # the demo's town has a few hundred pages; the walk stops well before if it loops
PER_PATH = 3  # the same address with different query strings (filters, pages): a few are enough
# Forms that post and write nothing of the council's records: the shell's council switcher and log-out, the
# user's own account and notifications, the exports that build a file of what is shown (a read).
READ_POSTS = {
    "registry:council_switch",
    "logout",
    "followup:notification_read",
    "registry:token_revoke",
    "registry:passkey_remove",
    "registry:account",
    "registry:otp_setup",
    "registry:passkey_list",
    "password_change",
    "followup:obligation_export_start",
    "petitions:petition_export_start",
    "followup:obligation_export_status",
    "petitions:petition_export_status",
}
# Links out of the walk: leaving, downloads, the public pages (no login, read-only by nature), the API.
SKIP = re.compile(
    r"^/(dang-xuat|dang-nhap|doi-mat-khau|api|admin|static|media|cong-khai)/|\.(docx|xlsx|pdf|csv|zip|json|xml)$"
    r"|/tai(-ve)?/|/xuat-"
)
# The pages that create or change a record: their URL names end so (round_create, member_add, slot_change,
# letter_refusal, decision_generate, report_record, imports:start ...).
WRITE_NAME = re.compile(
    r"(^|_)(create|edit|add|generate|change|record|link|unlink|upload|refusal|status|consider|grant|end|forward"
    r"|duplicates|rate|start|assign|moderate|respond|publish|delete|withdraw|issue|split|merge|recompute|make|reset"
    r"|set|draft|notice|edit|move|convening_link|send|public|revoke|switch)$"
)
# The words a button opening such a step starts with.
WRITE_WORDS = re.compile(r"^\s*(Thêm|Tạo|Lập|Ghi|Sửa|Vào sổ|Giao|Nhập|Soạn|Đưa)\b", re.IGNORECASE)


def _name(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return ""
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name or ""


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, bool]] = []  # (href, text, shown as a button)
        self.posts: list[str] = []  # the action of each form that posts
        self._href: str | None = None
        self._text = ""
        self.html = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self._href, self._text, self._button = attrs["href"], "", attrs.get("role") == "button"
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.posts.append(attrs.get("action") or "")

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join(self._text.split()), self._button))
            self._href = None


def _walk(client: Client, root: str) -> tuple[dict[str, _Page], dict[str, int]]:
    pages: dict[str, _Page] = {}
    failed: dict[str, int] = {}
    seen: set[str] = set()
    per_path: dict[str, int] = {}
    queue = deque([root])
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        bare = path.split("?")[0]
        if path in seen or per_path.get(bare, 0) >= PER_PATH:
            continue
        seen.add(path)
        per_path[bare] = per_path.get(bare, 0) + 1
        response = client.get(path)
        if response.status_code >= 400:
            failed[path] = response.status_code
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.html = response.content.decode()
        page.feed(page.html)
        pages[path] = page
        for href, _, _ in page.links:
            parts = urlsplit(urljoin(f"http://testserver{path}", href))
            if parts.netloc != "testserver" or SKIP.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    return pages, failed


@pytest.mark.django_db
def test_no_page_of_the_ceased_town_offers_a_write(settings, tmp_path) -> None:
    from django.db import connection

    if connection.vendor == "postgresql" and not os.environ.get("HDND_TOUR_ON_POSTGRESQL"):
        # What a page offers does not depend on the database: the SQLite run walks the town, as it tours the
        # screens; the PostgreSQL run skips the walk's minutes (HDND_TOUR_ON_POSTGRESQL=1 runs it there too).
        pytest.skip(
            "Lượt đi qua các trang của HĐND đã chấm dứt chạy ở lượt SQLite; "
            "đặt HDND_TOUR_ON_POSTGRESQL=1 để chạy cả trên PostgreSQL."
        )
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())  # the town's story, then its ceasing and the live ward
    town = demo_council()
    assert town.ceased_on is not None and not town.open_on(dates.today())
    user = get_user_model().objects.get(username="vanphong")  # the town's office staff
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    session = client.session
    session[SESSION_KEY] = town.pk
    session.save()

    pages, failed = _walk(client, reverse("home"))
    # The walk reached the council's records, not only the menu: lists and the detail pages they link to.
    assert len(pages) >= 60, sorted(pages)
    assert failed == {}, failed
    writes = []
    for path, page in pages.items():
        for action in page.posts:
            target = urljoin(f"http://testserver{path}", action or path)
            if _name(target) not in READ_POSTS:
                writes.append(f"{path}: form → {urlsplit(target).path} ({_name(target)})")
        for href, text, button in page.links:
            target = urljoin(f"http://testserver{path}", href)
            if urlsplit(target).netloc != "testserver":
                continue
            name = _name(target)
            if (name and WRITE_NAME.search(name.split(":")[-1]) and name not in READ_POSTS) or (
                button and WRITE_WORDS.search(text)
            ):
                writes.append(f"{path}: «{text}» → {href} ({name})")
    assert writes == [], "\n".join(writes)
    # In the buttons' place, the sentence of `{% new_records %}` on the pages that had them.
    closed = "đã chấm dứt hoạt động từ ngày 01/07/2025: không tạo hồ sơ mới."
    assert any(closed in page.html for page in pages.values())
