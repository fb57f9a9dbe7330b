"""The portal as one site: the consultation's public pages and the open-data pages wear its top bar,
its council page announces the drafts open for opinions, its search and feed find them, and a change to a
consultation shows on the next visit of a cached page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from consultation import services
from hdnd import dates
from registry.services import setting_set

DRAFT = "Điều 1. Phạm vi điều chỉnh\nMức hỗ trợ đường giao thông nông thôn.\nĐiều 2. Hiệu lực\nTừ ngày ký."


@pytest.fixture
def consult(site):
    setting_set(council=site.council, key=services.MIN_DAYS_RULE, value=20, decision="Quy chế làm việc, Điều 5")

    def make(title: str, *, publish: bool = True, days: int = 30):
        today = dates.today()
        c = services.consultation_create(
            council=site.council,
            title=title,
            summary="Dự thảo do Ủy ban nhân dân trình",
            opens_on=today,
            closes_on=today + datetime.timedelta(days=days),
            text=DRAFT,
        )
        return services.consultation_publish(consultation=c, user=None) if publish else c

    return make


def test_council_page_lists_open_drafts_with_their_closing_date_and_links_both_apps(site, consult) -> None:
    shown = consult("Dự thảo Nghị quyết hỗ trợ làm đường")
    consult("Dự thảo chưa đăng tải", publish=False)
    page = Client().get(reverse("portal:council", args=[site.council.pk])).content.decode()
    detail = reverse("consultation:public_detail", args=[site.council.pk, shown.pk])
    assert f'<a href="{detail}">Dự thảo Nghị quyết hỗ trợ làm đường</a>' in page
    assert f"hạn góp ý đến hết ngày {shown.closes_on:%d/%m/%Y}" in page
    assert "Dự thảo chưa đăng tải" not in page
    for url in (
        reverse("consultation:public_list", args=[site.council.pk]),
        reverse("opendata:council", args=[site.council.pk]),
    ):
        assert f'href="{url}"' in page
    national = Client().get(reverse("portal:index")).content.decode()
    assert f'href="{reverse("opendata:index")}">Dữ liệu mở</a>' in national


def test_consultation_and_open_data_pages_wear_the_portal_top_bar(site, consult) -> None:
    c = consult("Dự thảo Nghị quyết hỗ trợ làm đường")
    council = site.council
    pages = {
        reverse("consultation:public_list", args=[council.pk]): f"Lấy ý kiến dự thảo — {council}",
        reverse("consultation:public_detail", args=[council.pk, c.pk]): f"{c.title} — {council}",
        reverse("opendata:council", args=[council.pk]): f"Dữ liệu mở — {council}",
        reverse("opendata:index"): "Dữ liệu mở",
    }
    for url, title in pages.items():
        response = Client().get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f"<title>{title} · Cổng thông tin HĐND</title>" in html, url
        assert f'<meta property="og:title" content="{title}">' in html, url
        assert '<meta name="description" content="' in html and 'property="og:description"' in html, url
        assert 'class="portalbar"' in html and 'role="search"' in html, url
        if url != reverse("opendata:index"):
            assert f'class="brand" href="{reverse("portal:council", args=[council.pk])}">{council}</a>' in html, url
            assert f'href="{reverse("portal:feed", args=[council.pk])}"' in html, url
    # The form still posts (the portal's base carries no per-visitor content; the form carries its token).
    detail = Client().get(reverse("consultation:public_detail", args=[council.pk, c.pk])).content.decode()
    assert 'name="csrfmiddlewaretoken"' in detail
    assert reverse("consultation:comment", args=[council.pk, c.pk]) in detail


def test_search_finds_published_drafts_without_diacritics(site, consult) -> None:
    c = consult("Dự thảo Nghị quyết hỗ trợ làm đường")
    consult("Dự thảo hỗ trợ chưa đăng tải", publish=False)
    link = reverse("consultation:public_detail", args=[site.council.pk, c.pk])
    for url in (reverse("portal:council_search", args=[site.council.pk]), reverse("portal:search")):
        html = Client().get(url, {"q": "ho tro lam duong"}).content.decode()
        assert f'<a href="{link}">{c.title}</a>' in html, url
        assert "chưa đăng tải" not in html, url
        # The summary is searched too.
        assert link in Client().get(url, {"q": "uy ban nhan dan trinh"}).content.decode(), url


def test_feed_announces_opened_drafts(site, consult) -> None:
    c = consult("Dự thảo Nghị quyết hỗ trợ làm đường")
    consult("Dự thảo chưa đăng tải", publish=False)
    feed = Client().get(reverse("portal:feed", args=[site.council.pk])).content.decode()
    assert f"<title>Lấy ý kiến dự thảo: {c.title}</title>" in feed
    assert reverse("consultation:public_detail", args=[site.council.pk, c.pk]) in feed
    assert 'term="Lấy ý kiến dự thảo"' in feed
    assert "chưa đăng tải" not in feed


def test_a_change_to_a_consultation_renews_the_cached_pages(site, consult) -> None:
    client = Client()
    home = reverse("portal:council", args=[site.council.pk])
    search = reverse("portal:council_search", args=[site.council.pk]) + "?q=lam+duong"
    feed = reverse("portal:feed", args=[site.council.pk])
    for url in (home, search, feed):
        assert "hỗ trợ làm đường" not in client.get(url).content.decode()
    c = consult("Dự thảo hỗ trợ làm đường", publish=False)
    for url in (home, search, feed):
        assert "hỗ trợ làm đường" not in client.get(url).content.decode(), url
    services.consultation_publish(consultation=c, user=None)
    for url in (home, search, feed):
        assert "hỗ trợ làm đường" in client.get(url).content.decode(), url
    c.refresh_from_db()
    services.consultation_close(consultation=c, user=None)
    assert "hỗ trợ làm đường" not in client.get(home).content.decode()
