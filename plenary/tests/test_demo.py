"""The demo year of seed 000: 6 sessions (2 regular, 4 thematic), 29 resolutions, the 21st session late."""

import datetime

import pytest

from plenary import demo, selectors
from plenary.models import Resolution, Session
from plenary.tests.factories import committee, make_delegates, ubnd
from registry.tests.factories import BodyFactory, PersonFactory

D = datetime.date


@pytest.mark.django_db
def test_demo_year_matches_seed_000(world) -> None:
    council = world.council
    make_delegates(world.term, 30)
    ubnd(council)
    committee(council, "Ban Kinh tế - Xã hội HĐND thị xã")
    committee(council, "Ban Pháp chế HĐND thị xã")
    BodyFactory(council=council, name="Phòng TC-KH thị xã", short_name="Phòng TC-KH")
    PersonFactory(council=council, full_name="Nguyễn Viết Thanh")
    demo.seed(council)
    demo.seed(council)  # idempotent
    counts = selectors.plenary_counts(council=council, year=2024)
    assert counts["sessions"] == 6
    assert (counts["regular_sessions"], counts["thematic_sessions"]) == (2, 4)
    assert counts["resolutions_passed"] == 29 == Resolution.objects.count()
    report = selectors.lateness_report(council=council, year=2024, on=D(2025, 1, 15))
    assert report.sentence == "chỉ còn nội dung tại kỳ họp thứ 21 chuẩn bị chậm"
    assert Session.objects.filter(council=council).count() == 6
    numbers = {r.document.number_symbol for r in Resolution.objects.select_related("document")}
    assert "01/2024/NQ-HĐND" in numbers and "01/NQ-HĐND" in numbers
