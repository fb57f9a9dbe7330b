"""Every portal page answers anonymously; an inactive or absent council and an unpublished record are 404."""

import datetime

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from portal.tests.conftest import answer_all, grow, publish_slots
from registry.tests.factories import CouncilFactory


def council_pages(site) -> list[str]:
    c = site.council.pk
    return [
        reverse("portal:council", args=[c]),
        reverse("portal:council_search", args=[c]) + "?q=duong",
        reverse("portal:bodies", args=[c]),
        reverse("portal:delegate", args=[c, site.delegates[0].pk]),
        reverse("portal:sessions", args=[c]),
        reverse("portal:session", args=[c, site.sessions[0].pk]),
        reverse("portal:documents", args=[c]),
        reverse("portal:document", args=[c, site.documents[0].pk]),
        reverse("portal:resolutions", args=[c]),
        reverse("portal:supervision", args=[c]),
        reverse("portal:petitions", args=[c]),
        reverse("portal:reception", args=[c]),
        reverse("portal:reports", args=[c]),
        reverse("portal:feed", args=[c]),
    ]


def test_every_page_answers_anonymously(site) -> None:
    grow(site, 3)
    answer_all(site)
    publish_slots(site, 3)
    client = Client()
    for path in ["/", reverse("portal:index"), reverse("portal:search") + "?q=duong", *council_pages(site)]:
        response = client.get(path)
        assert response.status_code == 200, path


def test_home_page_leads_anonymous_visitors_to_the_portal(db) -> None:
    text = Client().get("/").content.decode()
    assert reverse("portal:index") in text
    assert reverse("portal:search") in text
    assert reverse("login") in text


def test_pages_carry_title_description_open_graph_and_feed_link(site) -> None:
    grow(site, 3)
    feed = reverse("portal:feed", args=[site.council.pk])
    for path in council_pages(site)[:-1]:
        text = Client().get(path).content.decode()
        assert "<title>" in text and '<meta name="description" content="' in text, path
        assert '<meta property="og:title"' in text and '<meta property="og:description"' in text, path
        assert (
            f'<link rel="alternate" type="application/atom+xml" title="Tin mới — {site.council}" href="{feed}">' in text
        )


def test_an_inactive_or_absent_council_is_404_on_every_page(site) -> None:
    grow(site, 3)
    inactive = CouncilFactory(active=False)
    client = Client()
    for path in council_pages(site):
        for other in (inactive.pk, 999_999):
            wrong = path.replace(f"/cong-khai/{site.council.pk}/", f"/cong-khai/{other}/", 1)
            assert client.get(wrong).status_code == 404, wrong


def test_a_ceased_council_stays_public_as_an_archive(site) -> None:
    """A council merged away (the 2025 reform) keeps its published records public, marked as ceased; a unit
    loaded but never activated stays a 404 (the test above)."""
    grow(site, 3)
    client = Client()
    term = site.town.world.term
    at_work = client.get(reverse("portal:council", args=[site.council.pk])).content.decode()
    assert f"đại biểu nhiệm kỳ {term.name}.</p>" in at_work and "chấm dứt" not in at_work
    Council = type(site.council)
    Council.objects.filter(pk=site.council.pk).update(active=False, ceased_on=datetime.date(2025, 7, 1))
    cache.clear()
    for path in council_pages(site):
        assert client.get(path).status_code == 200, path
    page = client.get(reverse("portal:council", args=[site.council.pk])).content.decode()
    assert "đã chấm dứt hoạt động từ ngày 01/07/2025" in page
    # The term it ended with and its last day, never "the current term".
    assert f"đại biểu nhiệm kỳ {term.name}, nhiệm kỳ cuối cùng của Hội đồng, đến ngày 30/06/2025" in page
    assert "hiện tại" not in page
    bodies = client.get(reverse("portal:bodies", args=[site.council.pk])).content.decode()
    assert "ngày làm việc cuối cùng, 30/06/2025" in bodies and f"Đại biểu nhiệm kỳ {term.name}" in bodies
    index = client.get(reverse("portal:index")).content.decode()
    assert reverse("portal:council", args=[site.council.pk]) in index and "đã chấm dứt hoạt động" in index


def test_a_ceased_council_shows_no_empty_section(site) -> None:
    """A ceased council (Đức Phổ after the 2025 reform) takes no opinions on drafts and receives no citizens:
    its home page leaves out the sections with nothing in them and says once why; the consultation and
    reception pages say, in Vietnamese, that the council ceased and has none, instead of an empty list."""
    grow(site, 3)
    client = Client()
    council = site.council
    home = reverse("portal:council", args=[council.pk])
    at_work = client.get(home).content.decode()
    assert "<h2>Lấy ý kiến dự thảo</h2>" in at_work and "<h2>Lịch tiếp công dân</h2>" in at_work
    type(council).objects.filter(pk=council.pk).update(active=False, ceased_on=datetime.date(2025, 7, 1))
    cache.clear()
    page = client.get(home).content.decode()
    assert "<h2>Lấy ý kiến dự thảo</h2>" not in page and "Hiện không có dự thảo nào đang lấy ý kiến" not in page
    assert "<h2>Lịch tiếp công dân</h2>" not in page and "Chưa có lịch tiếp công dân" not in page
    assert "Hội đồng không còn lấy ý kiến dự thảo và tiếp công dân." in page
    # What it did publish is still there.
    assert "<h2>Kỳ họp</h2>" in page and "<h2>Nghị quyết mới</h2>" in page and "<h2>Giám sát</h2>" in page
    reception = client.get(reverse("portal:reception", args=[council.pk])).content.decode()
    assert "Hội đồng đã chấm dứt hoạt động từ ngày 01/07/2025; không có lịch tiếp công dân." in reception
    assert "<table" not in reception.split("<h1", 1)[1]
    drafts = client.get(reverse("consultation:public_list", args=[council.pk])).content.decode()
    assert "Hội đồng đã chấm dứt hoạt động từ ngày 01/07/2025; không có dự thảo nào được lấy ý kiến." in drafts
    assert "Đang lấy ý kiến" not in drafts and "Chưa có." not in drafts


def test_a_record_of_another_council_is_404(site) -> None:
    grow(site, 3)
    other = site.town.world.other_council
    client = Client()
    for name, pk in [
        ("portal:delegate", site.delegates[0].pk),
        ("portal:session", site.sessions[0].pk),
        ("portal:document", site.documents[0].pk),
    ]:
        assert client.get(reverse(name, args=[other.pk, pk])).status_code == 404, name


HOSTILE = ["?trang=abc", "?trang=99999", "?xa=99999999999999999999", "?linh_vuc=-1", "?q=" + "đ" * 500, "?loai=xyz"]


def test_hostile_query_strings_never_break_a_page(site) -> None:
    """A bad page number, an id past any column, a filter of nothing, an essay: the page answers (or the
    input boundary refuses the request with its Vietnamese 400), never a 500."""
    grow(site, 3)
    client = Client()
    for query in HOSTILE:
        for name in ("portal:petitions", "portal:documents", "portal:sessions", "portal:bodies"):
            response = client.get(reverse(name, args=[site.council.pk]) + query)
            assert response.status_code in (200, 400), (name, query)
        assert client.get(reverse("portal:index") + query).status_code in (200, 400)
