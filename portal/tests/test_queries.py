"""Each list page and the feed run the same number of queries with 3 rows and with 30; a cached page
runs none, and a change to one of its council's records shows on the next visit."""

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.tests.factories import published
from portal.tests.conftest import answer_all, grow, publish_slots

# Each list page, and the text that appears once per row on it (to see the rows are really there).
LISTS = {
    "portal:index": (None, "(cấp xã)"),
    "portal:bodies": ("", "Đơn vị bầu cử số"),
    "portal:sessions": ("", "nội dung, "),
    "portal:documents": ("", "Thông báo kết luận về đường điện"),
    "portal:resolutions": ("", "đại biểu tán thành"),
    "portal:supervision": ("", "<article"),
    "portal:petitions": ("", 'id="kien-nghi-'),
    "portal:reception": ("", "Trụ sở tiếp công dân thị xã"),
    "portal:council_search": ("?q=duong", "<li>"),
    "portal:search": ("?q=duong", "<li>"),
    "portal:feed": ("", "<entry>"),
}


def _path(site, name: str) -> str:
    query, _ = LISTS[name]
    if name in ("portal:index", "portal:search"):
        return reverse(name) + (query or "")
    return reverse(name, args=[site.council.pk]) + query


def _measure(site) -> dict[str, tuple[int, int]]:
    """Per page: the queries of a freshly built page and the number of rows it shows."""
    found = {}
    client = Client()
    for name, (_, marker) in LISTS.items():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(_path(site, name))
        assert response.status_code == 200, name
        found[name] = (len(ctx.captured_queries), response.content.decode().count(marker))
    return found


def test_list_pages_and_feed_run_fixed_queries_with_3_and_30_rows(site, django_assert_num_queries) -> None:
    grow(site, 3)
    answer_all(site)
    publish_slots(site, 3)
    small = _measure(site)
    grow(site, 30)
    answer_all(site)
    publish_slots(site, 30)
    client = Client()
    for name, (queries, rows) in small.items():
        cache.clear()
        with django_assert_num_queries(queries):
            response = client.get(_path(site, name))
        assert response.status_code == 200, name
        _, marker = LISTS[name]
        assert response.content.decode().count(marker) > rows, (name, rows)


def test_a_cached_page_runs_no_query_and_a_change_shows_at_once(site, django_assert_num_queries) -> None:
    grow(site, 3)
    client = Client()
    path = reverse("portal:documents", args=[site.council.pk])
    first = client.get(path).content.decode()
    with django_assert_num_queries(0):
        assert client.get(path).content.decode() == first
    doc = published(site.council, subject="Thông báo mới về lịch tiếp xúc cử tri")
    assert doc.subject not in first
    assert doc.subject in client.get(path).content.decode()
    assert doc.subject in client.get(reverse("portal:council", args=[site.council.pk])).content.decode()


def test_a_change_in_one_council_keeps_the_other_councils_pages_cached(site, django_assert_num_queries) -> None:
    grow(site, 3)
    client = Client()
    other = site.town.world.other_council
    path = reverse("portal:council", args=[other.pk])
    client.get(path)
    published(site.council, subject="Thông báo của Hội đồng thứ nhất")
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200


def test_saving_a_record_adds_no_query_to_find_its_council(site) -> None:
    """The cache's receiver reads only what is in memory at save time: a write's query count is its own."""
    from plenary.models import AgendaItem

    grow(site, 3)
    item = AgendaItem.objects.get(session=site.sessions[0])  # its session is not loaded
    with CaptureQueriesContext(connection) as ctx:
        item.save(update_fields=["title"])
    # The UPDATE and django-simple-history's row; no SELECT of the session to find the council.
    assert [q["sql"].split()[0] for q in ctx.captured_queries] == ["UPDATE", "INSERT"]


def test_a_record_reaching_its_council_through_a_parent_renews_the_page_at_commit(
    site, django_capture_on_commit_callbacks
) -> None:
    from plenary.models import AgendaItem

    grow(site, 3)
    client = Client()
    path = reverse("portal:session", args=[site.council.pk, site.sessions[0].pk])
    assert "Nội dung mới của chương trình" not in client.get(path).content.decode()
    item = AgendaItem.objects.get(session=site.sessions[0])
    item.title = "Nội dung mới của chương trình"
    with django_capture_on_commit_callbacks(execute=True):
        item.save(update_fields=["title"])
    assert "Nội dung mới của chương trình" in client.get(path).content.decode()
