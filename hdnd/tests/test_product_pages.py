"""The product's own pages where Django would answer (issue 18, item 5): the registry's index, 403 and 404 in
the product's look with its favicon, and no Django English on any screen. DEBUG's default is tested in
test_security.py."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Django's own English, as a form or page would show it untranslated.
ENGLISH = ["Select an option", "---------", "This field is required", "Enter a valid", "Page not found", "Forbidden"]
# Argument-free pages that are not screens: downloads, exports, the API, logging out, health checks.
NOT_SCREENS = ("api/", "xuat", ".docx", ".xlsx", ".pdf", ".csv", "dang-xuat", "tai-ve", "healthz", "webauthn")


def _product_look(page: str) -> None:
    assert 'class="topbar"' in page and "hdnd/favicon.svg" in page and 'lang="vi"' in page


def test_registry_index_lists_what_the_user_may_open(world, as_user) -> None:
    page = as_user("office").get("/dang-ky/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>Danh mục</h1>" in text and 'href="/dang-ky/dai-bieu/"' in text
    assert 'href="/dang-ky/nguoi-dung/"' not in text  # managing users is the administrator's
    assert 'href="/dang-ky/nguoi-dung/"' in as_user("admin").get("/dang-ky/").content.decode()
    assert as_user("outsider").get("/dang-ky/").status_code in (200, 403, 404)


def test_404_and_403_are_in_the_products_look(world, as_user) -> None:
    missing = as_user("office").get("/khong-co-trang-nay/")
    assert missing.status_code == 404
    _product_look(missing.content.decode())
    assert "Không tìm thấy trang" in missing.content.decode()
    refused = as_user("delegate").get("/dang-ky/nguoi-dung/")
    assert refused.status_code == 403
    _product_look(refused.content.decode())
    assert "Không có quyền truy cập" in refused.content.decode()


def test_favicon_is_served_locally() -> None:
    path = finders.find("hdnd/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as svg:
        assert svg.read().lstrip().startswith("<svg")


def _plain_paths(patterns: list, prefix: str = "") -> list[str]:
    paths = []
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            paths += _plain_paths(p.url_patterns, route)
        elif isinstance(p, URLPattern) and "<" not in route and "^" not in route:
            paths.append("/" + route)
    return paths


def test_no_screen_shows_djangos_english(world, as_user) -> None:
    paths = [p for p in _plain_paths(get_resolver().url_patterns) if not any(s in p for s in NOT_SCREENS)]
    assert len(paths) > 40
    seen = 0
    for role in ("admin", "office"):
        client = as_user(role)
        for path in paths:
            response = client.get(path)
            assert response.status_code < 500, path
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                seen += 1
                text = response.content.decode()
                assert [e for e in ENGLISH if e in text] == [], f"{role} {path}"
    assert seen > 40
