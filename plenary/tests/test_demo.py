"""The demo year of seed 000: 6 sessions (2 regular, 4 thematic), 29 resolutions, the 21st session late."""

import datetime

import pytest

from plenary import demo, selectors
from plenary.models import Attendance, GroupDiscussion, Presence, Resolution, Session, Speech
from plenary.tests.factories import committee, make_delegates, ubnd
from registry.selectors import delegates_in_office
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
    # At the sittings: most present, a few absent; most delegates spoke, four never did (seed 000).
    rows = Attendance.objects.filter(session__council=council)
    assert rows.filter(presence=Presence.PRESENT).count() > 0.9 * rows.count()
    assert rows.filter(presence=Presence.EXCUSED).exclude(reason="").exists()
    assert rows.filter(presence=Presence.ABSENT).exists()
    spoken = set(Speech.objects.filter(session__council=council).values_list("delegate", flat=True))
    in_office = set(delegates_in_office(council=council, on=D(2024, 12, 18)).values_list("pk", flat=True))
    assert len(in_office - spoken) == 4
    assert GroupDiscussion.objects.filter(session__council=council).count() == 2  # one group, two regular sessions
    demo.seed(council)
    assert Speech.objects.filter(session__council=council).count() == 28
