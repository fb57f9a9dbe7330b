"""The lists' queries at scale (issue 17): counts by subquery, the commune filter through merged origins,
the order by round, and on PostgreSQL the indexes the planner uses."""

import pytest

from petitions import selectors, services
from petitions.models import Period, Petition, Timing
from petitions.tests.conftest import make_petition


def _pks(qs) -> list[int]:
    return [p.pk for p in qs]


@pytest.mark.django_db
def test_commune_filter_finds_own_and_aggregates_of_its_origins_once(town) -> None:
    own = make_petition(town, "Đề nghị sửa đường thôn An Ba", "Phổ An")
    make_petition(town, "Đề nghị sửa trường học", "Phổ Châu")
    x = make_petition(town, "Đề nghị nạo vét kênh N6", "Phổ An")
    y = make_petition(town, "Đề nghị nạo vét kênh N6", "Phổ Cường")
    z = make_petition(town, "Đề nghị nạo vét kênh N6", "Phổ An")
    aggregate = services.petition_merge(petitions=[x, y, z], user=None)
    user = town.world.users["office"]
    rows = selectors.petition_list(user=user, council=town.council, unit_id=town.units["Phổ An"].pk)
    assert _pks(rows) == sorted([own.pk, aggregate.pk])
    assert rows.count() == 2
    cuong = selectors.petition_list(user=user, council=town.council, unit_id=town.units["Phổ Cường"].pk)
    assert _pks(cuong) == [aggregate.pk]
    merged = selectors.petition_list(
        user=user, council=town.council, unit_id=town.units["Phổ An"].pk, include_merged=True
    )
    assert _pks(merged) == sorted([own.pk, x.pk, z.pk, aggregate.pk])


@pytest.mark.django_db
def test_list_is_ordered_by_round_year_and_period_then_entry(town) -> None:
    later = services.round_create(council=town.council, year=2025, period=Period.MID_YEAR)
    earlier = services.round_create(council=town.council, year=2023, period=Period.YEAR_END)
    a = make_petition(town, "Đề nghị A", contact_round=later)
    b = make_petition(town, "Đề nghị B")
    c = make_petition(town, "Đề nghị C", contact_round=earlier)
    d = make_petition(town, "Đề nghị D", contact_round=later)
    rows = selectors.petition_list(user=town.world.users["office"], council=town.council)
    assert _pks(rows) == [c.pk, b.pk, a.pk, d.pk]


@pytest.mark.django_db
def test_pages_in_round_order_are_the_lists_slices(town) -> None:
    """The list's page source (per-round counts, each page from the index on PostgreSQL) gives exactly the
    ordered list's slices, pages across two rounds and two rounds of the same year and period included."""
    later = services.round_create(council=town.council, year=2025, period=Period.MID_YEAR)
    earlier = services.round_create(council=town.council, year=2023, period=Period.YEAR_END)
    twin = services.round_create(council=town.council, year=2025, period=Period.MID_YEAR, timing=Timing.AFTER)
    for i in range(14):
        make_petition(town, f"Đề nghị số {i}", contact_round=[later, town.round, earlier, twin][i % 4])
    x, y = make_petition(town, "Đề nghị nạo vét kênh N6"), make_petition(town, "Đề nghị nạo vét kênh N6")
    services.petition_merge(petitions=[x, y], user=None)
    user = town.world.users["office"]
    for filters in ({}, {"unit_id": town.units["Phổ An"].pk}, {"search": "so 1"}, {"include_merged": True}):
        rows = selectors.petition_list(user=user, council=town.council, **filters)
        pages = selectors.in_round_order(rows, council=town.council)
        assert pages.count() == rows.count()
        for start, stop in ((0, 5), (3, 9), (5, 10), (10, 40), (0, None)):
            assert _pks(pages[start:stop]) == _pks(rows[start:stop]), (filters, start, stop)


@pytest.mark.django_db
def test_round_and_place_counts_by_subquery(town) -> None:
    other = services.round_create(council=town.council, year=2025, period=Period.MID_YEAR)
    x = make_petition(town, "Đề nghị nạo vét kênh N6", "Phổ An")
    y = make_petition(town, "Đề nghị nạo vét kênh N6", "Phổ Cường")
    services.petition_merge(petitions=[x, y], user=None)
    make_petition(town, "Đề nghị khác", contact_round=other)
    counts = {r.pk: (r.meeting_count, r.petition_count) for r in selectors.round_list(council=town.council)}
    # The aggregate counts once, its two origins not at all; a round without petitions counts zero.
    assert counts[town.round.pk][1] == 1
    assert counts[other.pk] == (0, 1)
    sql = str(selectors.round_list(council=town.council).query).upper()
    assert "DISTINCT" not in sql and "GROUP BY" in sql  # grouped inside the subqueries only
    assert Petition.objects.filter(round=town.round).count() == 3
