"""On PostgreSQL the overdue list's page is read from the index on (council, state, due_on), in the list's
order (most days overdue first), not by sorting every overdue obligation of the council (issue 17). A late
report is not overdue (followup.selectors.late_condition): only the three open states are walked.

Real rows (20,000 obligations, bulk-loaded and analysed) spread over many councils, half of them in one
council, as TP HCM holds its share of a national table.
"""

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup.models import Obligation, State
from followup.selectors import ListInOrder, OverdueInOrder, is_late, list_in_order, obligation_list, overdue_in_order
from hdnd.text import fold
from registry.tests.factories import BodyFactory, CouncilFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="plans of PostgreSQL's indexes")

ON = datetime.date(2026, 6, 1)
STATES = [State.ASSIGNED, State.IN_PROGRESS, State.RETURNED, State.REPORTED_DONE, State.ACCEPTED, State.CANCELLED]


@pytest.fixture
def national(world):
    councils = [world.council] + [CouncilFactory(unit_name=f"Xã Thử {i}") for i in range(39)]
    owners = {world.council.pk: world.agency, **{c.pk: BodyFactory(council=c) for c in councils[1:]}}
    rows = []
    for i in range(20_000):
        council = world.council if i % 2 else councils[i % len(councils)]
        source_date = datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 500)
        due_on = source_date + datetime.timedelta(days=30 + i % 7)
        state = STATES[i % len(STATES)]
        reported_on = None
        if state in (State.REPORTED_DONE, State.ACCEPTED):
            # Every third report late, by 1 to 40 days: late reports whose days late pass some owed ones'.
            reported_on = due_on + datetime.timedelta(days=1 + i % 40 if i % 3 == 0 else -1)
        title = f"Báo cáo kết quả số {i}"
        rows.append(
            Obligation(
                council=council,
                owner=owners[council.pk],
                title=title,
                title_folded=fold(title),
                kind="task",
                source_date=source_date,
                due_on=due_on,
                state=state,
                reported_on=reported_on,
            )
        )
    Obligation.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE followup_obligation")
    return world


def _plain(world, **filters: object) -> list[int]:
    qs = obligation_list(user=world.users["office"], council=world.council, on=ON).filter(is_overdue=True)
    return list(qs.filter(**filters).values_list("pk", flat=True))


@pytest.mark.django_db
def test_overdue_pages_come_from_the_state_due_index_in_the_lists_order(national) -> None:
    office = national.users["office"]
    qs = obligation_list(user=office, council=national.council, on=ON).filter(is_overdue=True)
    pages = overdue_in_order(qs, on=ON)
    expected = _plain(national)
    assert pages.count() == len(expected) > 3000
    # The same rows in the same order as the plain queryset's sort, on the first, a middle and the last page.
    for start in (0, 1000, len(expected) - 10):
        with CaptureQueriesContext(connection) as ctx:
            rows = pages[start : start + 25]
        assert [o.pk for o in rows] == expected[start : start + 25], start
        assert all(is_late(o, ON) and o.days_overdue is not None for o in rows)
        assert len(ctx.captured_queries) == 2  # the page's pks, its rows (the count was read once)
    days = [o.days_overdue for o in pages[0 : len(expected)]]
    assert days == sorted(days, reverse=True)
    # No late report among them: reported after the deadline is late-reported, not overdue.
    assert not any(o.state in (State.REPORTED_DONE, State.ACCEPTED) for o in pages[0 : len(expected)])
    # The first page (a deep page reads as many rows of each part as it ends at: offset paging).
    with CaptureQueriesContext(connection) as ctx:
        pages[0:25]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + ctx.captured_queries[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on followup_obligation" not in plan, plan
    # Each owed state walked in deadline order under a Limit of the page's end (an incremental sort only
    # breaks ties by pk).
    assert plan.count("Index Scan using obligation_council_state_due") == 3, plan
    assert '"*SELECT* 4"' not in plan and "Bitmap" not in plan, plan
    # The plain queryset sorts every overdue row of the council: what the page source avoids.
    assert "Sort Key: (CASE WHEN" in qs[1000:1025].explain()


@pytest.mark.django_db
def test_overdue_pages_keep_the_lists_other_filters(national) -> None:
    office = national.users["office"]
    qs = obligation_list(user=office, council=national.council, on=ON).filter(is_overdue=True)
    narrowed = qs.filter(title_folded__contains="so 1", due_on__gte=datetime.date(2025, 6, 1))
    pages = Paginator(overdue_in_order(narrowed, on=ON), 25)
    expected = _plain(national, title_folded__contains="so 1", due_on__gte=datetime.date(2025, 6, 1))
    assert pages.count == len(expected) > 25
    assert [o.pk for o in pages.page(2).object_list] == expected[25:50]
    assert list(overdue_in_order(qs.none(), on=ON)[0:25]) == []


@pytest.mark.django_db
def test_the_overdue_screen_pages_in_the_lists_order(national, as_user, monkeypatch) -> None:
    monkeypatch.setattr("followup.selectors.today", lambda: ON)
    response = as_user("office").get(reverse("followup:obligation_list"), {"trang_thai": "qua_han", "trang": 2})
    page = response.context["page"]
    assert isinstance(page.paginator.object_list, OverdueInOrder)
    assert [o.pk for o in page.object_list] == _plain(national)[25:50]
    assert page.paginator.count == len(_plain(national))


def _whole_list(world, user: str = "office", **filters: object) -> list[int]:
    qs = obligation_list(user=world.users[user], council=world.council, on=ON).filter(**filters)
    return list(qs.values_list("pk", flat=True))


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_list_pages_come_from_the_state_due_index_in_the_lists_order(national) -> None:
    qs = obligation_list(user=national.users["office"], council=national.council, on=ON)
    pages = list_in_order(qs, on=ON)
    expected = _whole_list(national)
    late = len(_plain(national))
    assert pages.count() == len(expected) == 10_500 and 3000 < late < len(expected) - 3000
    # The same rows in the same order as the plain queryset's sort: among the overdue ones, across the
    # end of the overdue ones, among the others, on the last page.
    for start, queries in ((0, 3), (1000, 3), (late - 10, 4), (late + 1000, 3), (len(expected) - 10, 3)):
        with CaptureQueriesContext(connection) as ctx:
            rows = pages[start : start + 25]
        assert [o.pk for o in rows] == expected[start : start + 25], start
        assert [o.days_overdue is not None for o in rows] == [is_late(o, ON) for o in rows]
        # The overdue rows counted to the page's end, the page's pks (two parts across the boundary), its
        # rows with their owners (the list's count was read once).
        assert len(ctx.captured_queries) == queries, [q["sql"] for q in ctx.captured_queries]
        assert "LIMIT" in ctx.captured_queries[0]["sql"], ctx.captured_queries[0]["sql"]
        assert "registry_body" not in " ".join(q["sql"] for q in ctx.captured_queries[:-1])
    # A page among the rows not overdue: every part walked in deadline order in the index under a Limit.
    with CaptureQueriesContext(connection) as ctx:
        pages[late + 1000 : late + 1025]
    plan = _plan(ctx.captured_queries[1]["sql"])
    assert "Seq Scan on followup_obligation" not in plan, plan
    assert plan.count("Index Scan using obligation_council_state_due") == len(STATES), plan
    assert plan.count("Limit  ") == len(STATES) + 1 and "Bitmap" not in plan, plan
    assert "registry_body" not in plan and "registry_person" not in plan
    # The overdue rows' count stops at the page's end.
    assert "Limit" in _plan(ctx.captured_queries[0]["sql"])
    # What the plain queryset does: every row of the council sorted on the days overdue.
    assert "Sort Key: (CASE WHEN" in qs[late + 1000 : late + 1025].explain()


@pytest.mark.django_db
def test_list_pages_keep_the_lists_filters_and_the_agencys_scope(national) -> None:
    narrowed = obligation_list(user=national.users["office"], council=national.council, on=ON).filter(
        title_folded__contains="so 1", state__in=[State.ASSIGNED, State.ACCEPTED]
    )
    pages = Paginator(list_in_order(narrowed, on=ON), 25)
    expected = _whole_list(national, title_folded__contains="so 1", state__in=[State.ASSIGNED, State.ACCEPTED])
    assert pages.count == len(expected) > 100
    for number in (1, 2, pages.num_pages):
        start = (number - 1) * 25
        assert [o.pk for o in pages.page(number).object_list] == expected[start : start + 25], number
    agency = obligation_list(user=national.users["agency"], council=national.council, on=ON)
    assert [o.pk for o in list_in_order(agency, on=ON)[0:25]] == _whole_list(national, "agency")[:25]
    assert list(list_in_order(narrowed.none(), on=ON)[0:25]) == []


@pytest.mark.django_db
def test_the_list_screen_pages_in_the_lists_order(national, as_user, monkeypatch) -> None:
    monkeypatch.setattr("followup.selectors.today", lambda: ON)
    response = as_user("office").get(reverse("followup:obligation_list"), {"trang": 150})
    page = response.context["page"]
    assert isinstance(page.paginator.object_list, ListInOrder)
    assert [o.pk for o in page.object_list] == _whole_list(national)[3725:3750]
    assert "Trang 150/420 (10500 bản ghi)" in response.content.decode()
    owners = {o.owner.short_name or o.owner.name for o in page.object_list}
    assert owners and all(name in response.content.decode() for name in owners)


@pytest.mark.django_db
def test_the_api_list_pages_in_the_lists_order(national, as_user, monkeypatch) -> None:
    monkeypatch.setattr("followup.selectors.today", lambda: ON)
    url = reverse("api-v1:obligation_list", args=[national.council.pk])
    client = as_user("office")
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url, {"page": 3}).json()
    assert body["count"] == 10_500
    assert [i["id"] for i in body["items"]] == _whole_list(national)[100:150]
    # Not the plain queryset's order (most days overdue first, NULLS LAST: a sort of the council's rows).
    assert not [q["sql"] for q in ctx.captured_queries if "NULLS LAST" in q["sql"]]
    overdue = client.get(url, {"page": 2, "state": "qua_han"}).json()
    assert [i["id"] for i in overdue["items"]] == _plain(national)[50:100]
    assert overdue["count"] == len(_plain(national))
