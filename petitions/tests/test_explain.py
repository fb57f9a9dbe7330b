"""On PostgreSQL, the planner uses the indexes made for the lists and the searches (issue 17).

Real rows (20,000 petitions, 20,000 documents, bulk-loaded and analysed) spread over many councils, so
the plans are the ones a national database gets, not the ones of an almost empty table.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.models import Direction, DocType, Document, State
from documents.selectors import document_list, public_list
from hdnd.text import fold
from petitions import selectors
from petitions.models import ContactRound, Level, Period, Petition
from registry.tests.factories import CouncilFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="plans of PostgreSQL's indexes")

TRIGRAM_INDEXES = [
    "petitions_petition_text_folded_trgm",
    "petitions_petition_answer_folded_trgm",
    "documents_document_subject_folded_trgm",
    "documents_document_number_folded_trgm",
]
WORDS = ["đường", "kênh mương", "trường học", "chợ", "đèn chiếu sáng", "trạm y tế", "nhà văn hóa", "cầu tràn"]


def _text(i: int) -> str:
    return f"Đề nghị sửa chữa {WORDS[i % len(WORDS)]} số {i} thôn {i % 97}"


@pytest.fixture
def national(town):
    councils = [town.council] + [CouncilFactory(unit_name=f"Xã Thử {i}") for i in range(39)]
    rounds = {
        c.pk: ContactRound.objects.create(council=c, year=2024, period=Period.MID_YEAR, label="giữa năm 2024")
        for c in councils[1:]
    }
    rounds[town.council.pk] = town.round
    rows = []
    for i in range(20_000):
        # Half of the rows in the town (the largest council, as TP HCM is), the rest spread over the others.
        council = town.council if i % 2 else councils[i % len(councils)]
        text = _text(i) if i % 500 else f"Đề nghị nạo vét mương Ba Làng Lớn {i}"
        rows.append(
            Petition(
                council=council,
                round=rounds[council.pk],
                unit=council,
                text=text,
                text_folded=fold(text),
                level=Level.COMMUNE,
            )
        )
    Petition.objects.bulk_create(rows, batch_size=2000)
    now = timezone.now()
    Document.objects.bulk_create(
        [
            Document(
                council=councils[i % len(councils)],
                direction=Direction.OUTGOING,
                doc_type=DocType.THONG_BAO,
                series="tb",
                year=2024,
                number=i + 1,
                subject=_text(i),
                subject_folded=fold(_text(i)) if i % 700 else "thong bao ket luan ba lang lon",
                state=State.PUBLISHED,
                published_at=now,
                issued_on=datetime.date(2024, 6, 1),
            )
            for i in range(20_000)
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        # Rows inserted after a GIN index sit in its pending list until (auto)vacuum; merge them now, as
        # autovacuum does on a real database, so the planner costs the index as it will be.
        for index in TRIGRAM_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE petitions_petition")
        cursor.execute("ANALYZE documents_document")
        cursor.execute("ANALYZE petitions_contactround")
    return town


@pytest.mark.django_db
def test_petition_list_and_search_use_their_indexes(national) -> None:
    office = national.world.users["office"]
    # Half the table is the town's: reading it whole is right here; with sequential scans off (a council
    # that is 5 % of a national table, as TP HCM is) the top-level index answers the list.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = selectors.petition_list(user=office, council=national.council)[:50].explain()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = on")
    assert "Seq Scan on petitions_petition" not in plan, plan
    assert "Index Scan on petitions_petition_council_id" in plan or "petition_top_level" in plan, plan
    found = selectors.petition_list(user=office, council=national.council, search="ba lang lon")
    plan = found.explain()
    assert "petitions_petition_text_folded_trgm" in plan, plan
    assert "petitions_petition_answer_folded_trgm" in plan, plan
    assert all("Ba Làng Lớn" in p.text for p in found)
    # "duong" and "đường" are the same search: both fold to the key the index holds.
    assert selectors.petition_list(user=office, council=national.council, search="đường").count() == (
        selectors.petition_list(user=office, council=national.council, search="duong").count()
    )


@pytest.mark.django_db
def test_petition_pages_are_taken_from_the_index_without_sorting_the_council(national) -> None:
    """The page source of the list: per-round counts from the index (no COUNT, no sort of the council's
    rows), then the page's pks from the index on (council, round, id) in its order, whatever the filter."""
    office = national.world.users["office"]
    # The town holds half the table (a sequential scan is right there); TP HCM holds 5 % of a national one.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    for filters in ({}, {"unit_id": national.council.pk}, {"search": "duong"}, {"level": Level.COMMUNE}):
        qs = selectors.petition_list(user=office, council=national.council, **filters)
        pages = selectors.in_round_order(qs, council=national.council)
        with CaptureQueriesContext(connection) as ctx:
            count = pages.count()
            rows = pages[50:100] if count > 100 else pages[0:50]
        assert [p.pk for p in rows] == [p.pk for p in (qs[50:100] if count > 100 else qs[0:50])], filters
        counts_sql, page_sql = (q["sql"] for q in ctx.captured_queries[:2])
        with connection.cursor() as cursor:
            for sql in (counts_sql, page_sql):
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "petitions_contactround.year" not in plan, plan  # never sorted by round over the council
                assert "Seq Scan on petitions_petition" not in plan, plan
            # The page read in index order: no sort at all (a commune or a search may sort its own matches).
            if "search" not in filters and "unit_id" not in filters:
                assert "Limit" in plan and "Sort" not in plan, plan
        # The plain queryset does sort the council's rows by their rounds: what the page source avoids.
        assert "petitions_contactround.year" in qs.explain()


@pytest.mark.django_db
def test_contact_round_counts_use_the_petition_index(national) -> None:
    plan = selectors.round_list(council=national.council).explain()
    assert "Seq Scan on petitions_petition" not in plan, plan
    assert "petition_top_level" in plan or "petition_round" in plan, plan


@pytest.mark.django_db
def test_public_document_search_uses_the_trigram_index(national) -> None:
    qs = public_list(search="ba lang lon")
    plan = qs.explain()
    assert "documents_document_subject_folded_trgm" in plan, plan
    assert qs.count() == len(range(0, 20_000, 700))


@pytest.mark.django_db
def test_document_register_and_public_pages_are_read_from_their_order_indexes(national) -> None:
    """A page of the register (a council's outgoing documents, newest entered first) and of the public
    list across councils (newest published first) comes from an index in that order: with sorting
    discouraged the planner finds it, so no page sorts the council's or the nation's documents."""
    office = national.world.users["office"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
    register = document_list(user=office, council=national.council)[:20].explain()
    public = public_list()[:20].explain()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = on")
    assert "document_register_order" in register and "Sort" not in register, register
    assert "document_public_order" in public and "Sort" not in public, public
