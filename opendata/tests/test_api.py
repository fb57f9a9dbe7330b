"""The open-data API: anonymous, read-only, published records of public councils only, OParl's list shape,
fixed query counts, and a Vietnamese 4xx for every hostile id or parameter."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from opendata.tests.builders import public_council, publish, unpublished, withdraw
from plenary.models import SessionDocument
from registry.tests.factories import CouncilFactory, TermFactory

LISTS = ["bodies", "organizations", "persons", "meetings", "agenda-items", "papers", "files", "vote-events"]


def _get(path: str) -> dict:
    response = Client().get(path)
    assert response.status_code == 200, (path, response.content[:300])
    return response.json()


@pytest.mark.django_db
def test_anonymous_reads_every_list_and_detail_in_oparl_shape(world) -> None:
    session = public_council(3, term=world.term)
    system = _get("/api/v1/open/")
    assert system["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    for name in LISTS:
        page = _get(f"/api/v1/open/{name}?body={world.council.pk}")
        assert set(page) == {"data", "pagination", "links"}
        assert page["pagination"]["totalElements"] == len(page["data"]) > 0, name
        assert page["links"]["self"].startswith("http://testserver/api/v1/open/")
        for row in page["data"]:
            assert _get(row["id"].removeprefix("http://testserver"))["id"] == row["id"]
    people = _get(f"/api/v1/open/persons?body={world.council.pk}")["data"]
    assert people[0]["family_name"] == "Trần" and people[0]["given_name"] == "0"
    assert people[0]["additional_name"] == "Thị Công Khai"
    assert {m["role"] for p in people for m in p["memberships"]} == {"Ủy viên"}
    assert "bimat0@example.vn" not in Client().get("/api/v1/open/persons").content.decode()
    meeting = _get(f"/api/v1/open/meetings/ky-hop-{session.pk}")
    assert [item["name"] for item in meeting["agendaItem"]] == ["Báo cáo số 0", "Báo cáo số 1", "Báo cáo số 2"]
    vote = _get("/api/v1/open/vote-events")["data"][0]
    assert {c["option"]: c["value"] for c in vote["counts"]} == {"yes": 3, "no": 0, "abstain": 0}
    assert vote["result"] == "Thông qua" and vote["paper"]
    papers = _get("/api/v1/open/papers")["data"]
    resolutions = [p for p in papers if p["paperType"] == "Nghị quyết"]
    assert len(resolutions) == 3 and all(p["voteEvent"] and p["passedOn"] for p in resolutions)
    # The links a client follows open without login.
    assert Client().get(papers[0]["mainFile"]["accessUrl"].removeprefix("http://testserver")).status_code == 200


@pytest.mark.django_db
def test_never_activated_units_and_unpublished_records_never_appear(world) -> None:
    public_council(1, term=world.term)
    # An administrative unit loaded but never activated in this installation: not a council of it.
    unused = CouncilFactory(active=False)
    public_council(1, term=TermFactory(council=unused))
    # A council that ceased (merged away in 2025): its published records stay open, as an archive.
    ceased = CouncilFactory(active=True)
    public_council(1, term=TermFactory(council=ceased))
    type(ceased).objects.filter(pk=ceased.pk).update(active=False, ceased_on=datetime.date(2025, 7, 1))
    hidden = unpublished(world.council)
    bodies = {row["id"].rsplit("/", 1)[-1] for row in _get("/api/v1/open/bodies")["data"]}
    assert str(unused.pk) not in bodies and {str(world.council.pk), str(ceased.pk)} <= bodies
    assert Client().get(f"/api/v1/open/bodies/{unused.pk}").status_code == 404
    for name in LISTS:
        assert _get(f"/api/v1/open/{name}?body={unused.pk}")["data"] == []
    assert _get(f"/api/v1/open/papers?body={ceased.pk}")["data"]
    assert Client().get(f"/api/v1/open/papers/{hidden.pk}").status_code == 404


@pytest.mark.django_db
def test_publishing_and_withdrawing_a_document_changes_the_api(world) -> None:
    document = unpublished(world.council)
    path = f"/api/v1/open/papers/{document.pk}"
    assert Client().get(path).status_code == 404
    publish(document)
    assert _get(path)["reference"] == document.number_symbol
    assert any(row["id"].endswith(path) for row in _get("/api/v1/open/papers")["data"])
    withdraw(document)
    assert Client().get(path).status_code == 404
    assert _get("/api/v1/open/papers")["data"] == []


@pytest.mark.django_db
def test_a_posted_title_without_a_file_is_no_file_and_every_file_downloads(world) -> None:
    """A session document posted with nothing to download (a submission listed by its title) stays on the
    portal's session page as a title, but is no OParl File: its download address would answer 404."""
    from plenary import services as plenary

    session = public_council(2, term=world.term)
    bare = plenary.session_document_add(session=session, title="Tờ trình chưa kèm tệp", public=True)
    files = _get(f"/api/v1/open/files?body={world.council.pk}")["data"]
    assert len(files) == 2 and all(not f["id"].endswith(f"/files/{bare.pk}") for f in files)
    for row in files:
        assert Client().get(row["accessUrl"].removeprefix("http://testserver")).status_code == 200, row
    meeting = _get(f"/api/v1/open/meetings/ky-hop-{session.pk}")
    assert sorted(meeting["auxiliaryFile"]) == sorted(f["id"] for f in files)
    assert Client().get(f"/api/v1/open/files/{bare.pk}").status_code == 404


def _count_queries(django_assert_num_queries: object, path: str, expected: int) -> None:
    with django_assert_num_queries(expected):
        response = Client().get(path)
    assert response.status_code == 200


# Per list: the count, the page, then one query per prefetched relation (persons: terms, memberships;
# meetings: sessions + agenda + documents; papers: resolutions); nothing per row.
EXPECTED = {
    "bodies": 3,  # count, page, terms
    "organizations": 2,  # count, page
    "persons": 4,  # count, page, terms of office, memberships
    "meetings": 5,  # count of the union, page of keys, sessions, their agenda, their posted documents
    "agenda-items": 2,
    "papers": 3,  # count, page, resolutions with their votes
    "files": 2,
    "vote-events": 2,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_each_list_runs_the_same_queries_for_3_and_30_rows(world, django_assert_num_queries, name) -> None:
    public_council(3, term=world.term)
    _count_queries(django_assert_num_queries, f"/api/v1/open/{name}?page_size=100", EXPECTED[name])
    other = CouncilFactory()
    public_council(27, term=TermFactory(council=other))
    _count_queries(django_assert_num_queries, f"/api/v1/open/{name}?page_size=100", EXPECTED[name])


HOSTILE = [
    "/api/v1/open/papers/0",
    "/api/v1/open/papers/-1",
    "/api/v1/open/papers/abc",
    "/api/v1/open/papers/99999999999999999999999",
    "/api/v1/open/persons/1e3",
    "/api/v1/open/meetings/ky-hop-0",
    "/api/v1/open/meetings/ky-hop-abc",
    "/api/v1/open/meetings/phien-hop-99999999999999999",
    "/api/v1/open/meetings/van-ban-1",
    "/api/v1/open/meetings/ky-hop-1%00",
    "/api/v1/open/meetings/" + "x" * 5000,
    "/api/v1/open/papers?page=0",
    "/api/v1/open/papers?page=abc",
    "/api/v1/open/papers?page=99999999999",
    "/api/v1/open/papers?page_size=0",
    "/api/v1/open/papers?page_size=100000",
    "/api/v1/open/papers?body=abc",
    "/api/v1/open/papers?body=-5",
    "/api/v1/open/papers?body=1%00",
    "/api/v1/open/papers?body=99999999999999999999999",
    "/api/v1/open/khong-co",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_ids_and_parameters_get_a_vietnamese_4xx(world, path) -> None:
    response = Client(raise_request_exception=False).get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    detail = response.json()["detail"]
    assert any(ord(ch) > 127 for ch in detail), detail  # Vietnamese, with its diacritics


@pytest.mark.django_db
def test_a_page_past_the_end_is_empty_with_links_back(world) -> None:
    public_council(1, term=world.term)
    page = _get("/api/v1/open/papers?page=5")
    assert page["data"] == [] and page["links"]["next"] is None and page["links"]["first"].endswith("page=1")


@pytest.mark.django_db
def test_a_withdrawn_document_is_served_nowhere(world) -> None:
    """One rule for a posted session document (plenary.selectors.downloadable_q): once its register document
    is withdrawn, the public download is a 404, open data lists no File for it (nor its paper), and the
    portal's and the public session page keep its title marked withdrawn, without a link."""
    session = public_council(1, term=world.term)
    posted = SessionDocument.objects.select_related("document").get(session=session, public=True)
    download = reverse("plenary:public_file", args=[posted.pk])
    assert Client().get(download).status_code == 200
    assert any(f["id"].endswith(f"/files/{posted.pk}") for f in _get("/api/v1/open/files")["data"])
    withdraw(posted.document)
    assert Client().get(download).status_code == 404
    assert not any(f["id"].endswith(f"/files/{posted.pk}") for f in _get("/api/v1/open/files")["data"])
    assert Client().get(f"/api/v1/open/files/{posted.pk}").status_code == 404
    assert Client().get(f"/api/v1/open/papers/{posted.document_id}").status_code == 404
    meeting = _get(f"/api/v1/open/meetings/ky-hop-{session.pk}")
    assert not any(f.endswith(f"/files/{posted.pk}") for f in meeting["auxiliaryFile"])
    public_page = Client().get(reverse("plenary:public_session", args=[world.council.pk, session.pk]))
    assert "Văn bản đã bị thu hồi" in public_page.content.decode() and download not in public_page.content.decode()
    cache.clear()
    portal = Client().get(reverse("portal:session", args=[world.council.pk, session.pk])).content.decode()
    assert "Tài liệu 0</li>" not in portal and "(đã bị thu hồi)" in portal and download not in portal
