"""A document's recipients change with a trace: who, when, which bodies (issue 12, item 9)."""

import pytest
from django.utils import timezone

from documents.tests.factories import draft
from hdnd.history import history_rows
from hdnd.testing import count_queries
from registry.tests.factories import BodyFactory


@pytest.mark.django_db
def test_recipient_change_is_in_history_with_who_and_when(world, as_user) -> None:
    document = draft(world.council, recipients=[world.agency])
    ubnd = BodyFactory(council=world.council, name="UBND thị xã", short_name="UBND thị xã")
    before = timezone.now()
    response = as_user("office").patch(
        f"/api/v1/councils/{world.council.pk}/documents/{document.pk}",
        {"recipient_body_ids": [ubnd.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200
    office = world.users["office"]
    rows = [r for r in history_rows(document) if r.links]
    assert rows[0].links == ["Nơi nhận trong danh mục: thêm UBND thị xã"]
    assert rows[0].who == (office.get_full_name() or office.username) and rows[0].when >= before
    assert any(link == f"Nơi nhận trong danh mục: bỏ {world.agency}" for r in rows for link in r.links)
    page = as_user("office").get(f"/van-ban/{document.pk}/")
    assert "Nơi nhận trong danh mục: thêm UBND thị xã" in page.content.decode()


@pytest.mark.django_db
def test_history_with_links_has_fixed_queries(world) -> None:
    document = draft(world.council, recipients=[world.agency])
    bodies = [BodyFactory(council=world.council) for _ in range(30)]

    def grow() -> None:
        for body in bodies:
            document.recipient_bodies.add(body)

    # Not a page: the history rows themselves, counted before and after 30 more recipients.
    before, rows_before = count_queries(lambda: list(history_rows(document)))
    grow()
    after, rows_after = count_queries(lambda: list(history_rows(document)))
    assert after == before, f"{after} queries with 31 recipients, {before} with 1"
    assert len(rows_after) > len(rows_before)
