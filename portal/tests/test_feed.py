"""A council's Atom feed is dated by what it carries: each entry its own date (a document the day it was
issued, an answer the day it was reported), the feed the latest of them, never the moment the rows were
written or the moment of the request; a feed with no entry carries the council's own last change."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.tests.factories import published
from petitions import services as petitions
from petitions.tests.conftest import make_petition
from registry.services import council_update
from registry.tests.factories import CouncilFactory

D = datetime.date
ATOM = "{http://www.w3.org/2005/Atom}"


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=timezone.get_default_timezone())


def _read(council_id: int) -> tuple[datetime.datetime, dict[str, datetime.datetime]]:
    """(the feed's <updated>, each entry's title → its <updated>), read fresh (not from the page cache)."""
    cache.clear()
    response = Client().get(reverse("portal:feed", args=[council_id]))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {
        e.findtext(f"{ATOM}title"): datetime.datetime.fromisoformat(e.findtext(f"{ATOM}updated"))
        for e in root.findall(f"{ATOM}entry")
    }
    return datetime.datetime.fromisoformat(root.findtext(f"{ATOM}updated")), entries


def test_each_entry_carries_its_own_date_and_the_feed_the_latest(site) -> None:
    council = site.council
    first = published(council, on=D(2024, 3, 4), subject="Thông báo kết luận về chợ phường")
    second = published(council, on=D(2024, 5, 6), subject="Thông báo kết luận về đường ven biển")
    petition = make_petition(site.town, "Đề nghị nâng cấp đường liên thôn An Ba")
    petitions.round_publish(contact_round=site.town.round, published=True, user=None)
    petitions.petitions_forward(
        contact_round=site.town.round,
        body=petition.body,
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
        issued_on=D(2024, 6, 20),
    )
    petition.refresh_from_db()
    petitions.record_answer(
        petition=petition, user=None, text="Đã bố trí vốn năm 2025.", state="da_tra_loi", on=D(2024, 7, 1)
    )
    # The documents were published just now: their rows say so, the feed does not.
    assert timezone.localtime(first.published_at).date() == timezone.localdate()
    updated, entries = _read(council.pk)
    by_subject = {title.split(": ", 1)[-1]: day for title, day in entries.items()}
    assert by_subject[first.subject] == _at(D(2024, 3, 4))
    assert by_subject[second.subject] == _at(D(2024, 5, 6))
    assert by_subject[petition.text] == _at(D(2024, 7, 1))
    assert updated == max(entries.values()) == _at(D(2024, 7, 1))
    # Read again later: nothing moved.
    assert _read(council.pk) == (updated, entries)
    # A day-only date is written as that day's start in Vietnam time (RFC 4287 §3.3 wants an RFC 3339
    # date-time): no invented hour, and the entry's <published> says the same.
    cache.clear()
    xml = Client().get(reverse("portal:feed", args=[council.pk])).content.decode()
    assert "<updated>2024-07-01T00:00:00+07:00</updated>" in xml
    assert "<published>2024-03-04T00:00:00+07:00</published>" in xml
    assert "07:00:00+07:00" not in xml


@pytest.mark.django_db
def test_a_feed_with_no_entry_carries_the_councils_last_change_not_now() -> None:
    council = CouncilFactory(active=True)
    council_update(council=council, place_name="Thử Nghiệm")
    last = council.history.order_by("-history_date").first().history_date
    updated, entries = _read(council.pk)
    assert entries == {} and updated == last
    assert _read(council.pk)[0] == last
