import datetime
from pathlib import Path

import pytest

from standing import services
from standing.models import Meeting, OpinionRequest
from standing.tests.factories import Town, make_town

D = datetime.date
SEED_DAY = D(2022, 1, 12)


@pytest.fixture(autouse=True)
def media_root(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def town(world) -> Town:
    """The `world` council (every role's user) shaped as the seed's town, with its standing committee."""
    return make_town(world.council, world.term)


def make_meeting(town: Town, *, held_on: datetime.date = SEED_DAY, tasks: int = 1) -> Meeting:
    """A meeting with one attendee, one agenda item, a section and `tasks` paragraphs giving work to the office."""
    meeting = services.meeting_create(
        council=town.council,
        held_on=held_on,
        place="Phòng họp số 1",
        purpose="cho ý kiến về Kế hoạch công tác năm",
        chair=town.kien_chair if held_on <= D(2023, 12, 31) else town.kieu_vice,
    )
    services.attendee_add(meeting=meeting, person=town.people["Trần Văn Hùng"])
    services.agenda_add(meeting=meeting, content="báo cáo kế hoạch công tác", presenter="đồng chí Phó Chủ tịch")
    section = services.section_add(meeting=meeting, title="Nhiệm vụ")
    for i in range(tasks):
        services.paragraph_add(
            section=section, text=f"Nhiệm vụ số {i + 1}", assigns=True, bodies=[town.bodies["Văn phòng thị xã"]]
        )
    return meeting


def make_request(town: Town, *, subject: str = "điều chỉnh kinh phí chúc thọ năm 2024") -> OpinionRequest:
    return services.opinion_request_create(
        council=town.council,
        subject=subject,
        received_on=D(2024, 8, 5),
        due_on=D(2024, 8, 12),
        sender_body=town.bodies["UBND thị xã"],
        external_number="45/TTr-UBND",
    )
