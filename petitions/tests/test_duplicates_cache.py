"""A worker's later duplicate-suggestion runs reuse what it parsed and matched, and never a stale result:
the caches are keyed by the content itself (stored keys, the whole candidate set)."""

import pytest

from petitions import duplicates, selectors, services
from petitions.duplicates import Candidate, _Text, duplicate_groups, stored_keys
from petitions.tests.conftest import make_petition

ROAD = "Đề nghị sớm chi trả tiền bồi thường giải phóng mặt bằng dự án đường ven biển Dung Quất - Sa Huỳnh."
CANAL = "Đề nghị nạo vét kênh mương nội đồng thôn Vĩnh An"


def _candidates(*texts: str, in_round: int = 1) -> list[Candidate]:
    return [Candidate(pk, "", pk <= in_round, keys=stored_keys(text)) for pk, text in enumerate(texts, start=1)]


def test_stored_keys_are_parsed_once_per_worker_and_again_when_they_change() -> None:
    first = _Text.load(stored_keys(ROAD))
    assert _Text.load(stored_keys(ROAD)) is first  # the same parsed text, its word codes and bag kept
    assert first.coded is first.coded
    changed = _Text.load(stored_keys(CANAL))
    assert changed is not first
    assert changed == _Text.of(CANAL)


def test_the_same_candidates_are_matched_once_and_any_change_is_matched_again(monkeypatch) -> None:
    calls = []
    real = duplicates._groups
    monkeypatch.setattr(duplicates, "_groups", lambda c, t: calls.append(len(c)) or real(c, t))
    monkeypatch.setattr(duplicates, "_RECENT", type(duplicates._RECENT)())
    same = _candidates(ROAD, "Cử tri " + ROAD.upper(), CANAL)
    assert duplicate_groups(same) == [[1, 2]]
    groups = duplicate_groups(_candidates(ROAD, "Cử tri " + ROAD.upper(), CANAL))
    assert groups == [[1, 2]] and calls == [3]  # matched once
    groups.append([9])  # the caller's copy: the cached groups stay as they were
    assert duplicate_groups(same) == [[1, 2]]
    # The second petition now says something else: another set, matched again.
    edited = _candidates(ROAD, CANAL, "Cử tri " + CANAL, in_round=2)
    assert duplicate_groups(edited) == [[2, 3]]
    assert calls == [3, 3]
    moved = [Candidate(c.pk, c.text, not c.in_round, keys=c.keys) for c in edited]  # another round
    assert duplicate_groups(moved) == [[2, 3]]
    assert duplicate_groups(edited, threshold=100) == [[2, 3]]  # another threshold: matched again
    assert len(calls) == 4
    for extra in range(duplicates._RECENT_SIZE + 2):  # bounded: the oldest sets are forgotten
        duplicate_groups(_candidates(ROAD, CANAL + f" số {extra}"))
    assert len(duplicates._RECENT) == duplicates._RECENT_SIZE


@pytest.mark.django_db
def test_suggestions_follow_an_edit_made_between_two_runs(town) -> None:
    a = make_petition(town, ROAD, "Phổ An")
    b = make_petition(town, "Cử tri đề nghị " + ROAD, "Phổ Châu")
    assert [{p.pk for p in g} for g in selectors.duplicate_suggestions(contact_round=town.round)] == [{a.pk, b.pk}]
    assert [{p.pk for p in g} for g in selectors.duplicate_suggestions(contact_round=town.round)] == [{a.pk, b.pk}]
    services.petition_update(petition=a, text=CANAL, level=a.level, user=None, field=None, body=None, complaint=False)
    assert selectors.duplicate_suggestions(contact_round=town.round) == []


@pytest.mark.django_db
def test_the_duplicates_page_runs_a_fixed_number_of_queries_with_forwarded_earlier_petitions(town, as_user) -> None:
    """Earlier rounds' open petitions are forwarded (they have an obligation, which their state is read
    from): the page reads their obligations with the groups' rows, not one query per petition shown."""
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from petitions.models import Period

    earlier = services.round_create(council=town.council, year=2023, period=Period.YEAR_END)
    texts = [f"Đề nghị nâng cấp đường liên thôn số {i} đoạn qua khu dân cư Tân Lập {i}" for i in range(6)]
    url = reverse("petitions:round_duplicates", args=[town.round.pk])
    client = as_user("office")

    def grow(done: int, upto: int) -> int:
        for text in texts[done:upto]:
            make_petition(town, text, contact_round=earlier)
        services.petitions_forward(
            contact_round=earlier,
            body=town.bodies["Phòng QLĐT"],
            user=None,
            signer_title="Phó Chủ tịch",
            signer_name="Nguyễn Thị Kiều",
            issued_on=datetime.date(2023, 12, 20),
        )
        for text in texts[done:upto]:
            make_petition(town, "Cử tri đề nghị " + text, "Phổ Châu")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and html.count('class="duplicate-group"') == upto
        assert html.count("Đã chuyển") == upto  # each earlier petition shown in its state, read from its obligation
        return len(ctx.captured_queries)

    assert grow(0, 1) == grow(1, 6)
