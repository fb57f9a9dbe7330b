"""Every open-data route: a fixed query count as rows grow (with the grown rows on the page), the same
answer for anyone (no login, no write, nothing more for a logged-in user), and a Vietnamese 4xx for every
hostile id of every detail route."""

import pytest
from django.test import Client

from hdnd.testing import assert_constant_queries
from opendata import export
from opendata.tests.builders import public_council
from plenary import services as plenary
from plenary.models import ItemKind, SessionDocument
from registry.tests.factories import CouncilFactory, TermFactory

DETAILS = ["bodies", "organizations", "persons", "agenda-items", "papers", "files", "vote-events"]
LISTS = [*DETAILS, "meetings"]


def _first_id(name: str) -> str:
    return Client().get(f"/api/v1/open/{name}?page_size=1").json()["data"][0]["id"].rsplit("/", 1)[-1]


def _vietnamese(response: object) -> str:
    detail = response.json()["detail"]
    assert any(ord(ch) > 127 for ch in detail), detail
    return detail


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_each_list_is_constant_and_shows_the_grown_rows(world, name) -> None:
    public_council(3, term=world.term)
    url = f"/api/v1/open/{name}?page_size=100"
    assert_constant_queries(
        lambda: Client().get(url),
        lambda: public_council(27, term=TermFactory(council=CouncilFactory())),
        row_text=f"/api/v1/open/{name}/",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", DETAILS)
def test_each_detail_is_constant_as_the_records_grow(world, name) -> None:
    """The first record of each kind, read with 3 records of each kind in the tables, then with 30."""
    public_council(3, term=world.term)
    url = f"/api/v1/open/{name}/{_first_id(name)}"
    before, after = assert_constant_queries(
        lambda: Client().get(url), lambda: public_council(27, term=TermFactory(council=CouncilFactory()))
    )
    assert before.json() == after.json() and before.json()["id"].endswith(url)


@pytest.mark.django_db
def test_a_meeting_is_constant_as_its_agenda_and_documents_grow(world) -> None:
    session = public_council(3, term=world.term)
    url = f"/api/v1/open/meetings/ky-hop-{session.pk}"

    def grow() -> None:
        for n in range(27):
            plenary.agenda_item_add(session=session, kind=ItemKind.REPORT, title=f"Báo cáo thêm {n}")

    assert_constant_queries(lambda: Client().get(url), grow, row_text="Báo cáo thêm", rows=27)


@pytest.mark.django_db
def test_the_system_and_the_exports_are_constant(world) -> None:
    def councils(n: int) -> None:
        for _ in range(n):
            export.export_build(council=TermFactory(council=CouncilFactory()).council)

    councils(3)
    # the newest export ids per council, then their rows with their councils
    assert_constant_queries(
        lambda: Client().get("/api/v1/open/exports"), lambda: councils(27), row_text="/du-lieu-mo/tai-ve/", rows=27
    )
    assert_constant_queries(lambda: Client().get("/api/v1/open/"), lambda: councils(27), expected=0)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", *LISTS, "exports"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_open_data_is_read_only(world, as_user, name, method) -> None:
    public_council(1, term=world.term)
    for path in [f"/api/v1/open/{name}"] + ([f"/api/v1/open/{name}/{_first_id(name)}"] if name in DETAILS else []):
        for client in (Client(), as_user("admin")):
            response = getattr(client, method)(path, {}, content_type="application/json")
            assert response.status_code == 405, (path, response.status_code)
            assert "GET" in response["Allow"] and _vietnamese(response)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", *LISTS, "exports"])
def test_a_logged_in_user_reads_what_the_public_reads(world, as_user, name) -> None:
    public_council(2, term=world.term)
    path = f"/api/v1/open/{name}"
    anonymous = Client().get(path)
    assert anonymous.status_code == 200
    for key in ("admin", "office", "outsider"):
        assert as_user(key).get(path).json() == anonymous.json(), key


@pytest.mark.django_db
def test_a_file_not_marked_public_does_not_exist(world) -> None:
    public_council(1, term=world.term)
    hidden = SessionDocument.objects.first()
    SessionDocument.objects.filter(pk=hidden.pk).update(public=False)
    assert Client().get(f"/api/v1/open/files/{hidden.pk}").status_code == 404
    assert Client().get("/api/v1/open/files").json()["data"] == []
    assert f"/files/{hidden.pk}" not in Client().get("/api/v1/open/meetings").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", DETAILS)
def test_records_of_a_council_never_activated_do_not_exist(world, name) -> None:
    public_council(1, term=world.term)
    pk = _first_id(name)
    type(world.council).objects.filter(pk=world.council.pk).update(active=False, ceased_on=None)
    response = Client().get(f"/api/v1/open/{name}/{pk}")
    assert response.status_code == 404 and _vietnamese(response)


@pytest.mark.django_db
@pytest.mark.parametrize("name", DETAILS)
@pytest.mark.parametrize("pk", ["0", "-1", "abc", "1.5", "1e3", "99999999999999999999999", "1%00", "%27%20OR%201=1"])
def test_hostile_ids_of_each_detail_get_a_vietnamese_4xx(world, name, pk) -> None:
    response = Client(raise_request_exception=False).get(f"/api/v1/open/{name}/{pk}")
    assert 400 <= response.status_code < 500, (name, pk, response.status_code)
    _vietnamese(response)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("query", ["page=-1", "page_size=-3", "body=0", "body=%27", "page=1&page=x"])
def test_hostile_parameters_of_each_list_get_a_vietnamese_4xx(world, name, query) -> None:
    response = Client(raise_request_exception=False).get(f"/api/v1/open/{name}?{query}")
    assert 400 <= response.status_code < 500, (name, query, response.status_code)
    _vietnamese(response)
