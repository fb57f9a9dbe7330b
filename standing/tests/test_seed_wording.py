"""Text typed by the office, spliced into the generated documents as seed 001 and seed 000 write them:
no stray capital or repeated word, a typed number not doubled, its lines kept; bodies grouped."""

import datetime

import pytest

from registry import services as registry
from registry.models import BodyKind
from standing import services
from standing.tests.factories import make_town

D = datetime.date


@pytest.mark.django_db
def test_notice_splices_the_purpose_and_keeps_the_lines_of_a_paragraph() -> None:
    town = make_town()
    meeting = services.meeting_create(
        council=town.council,
        held_on=D(2022, 1, 12),
        place="Phòng họp số 1 Thị ủy Đức Phổ",
        purpose="Cho ý kiến thống nhất về Kế hoạch công tác của HĐND thị xã năm 2022.",
        chair=town.kien_chair,
        heard="Đồng chí Phó Chủ tịch HĐND thị xã báo cáo Kế hoạch công tác của HĐND thị xã trong năm 2022",
    )
    section = services.section_add(meeting=meeting, title="1. Đánh giá một số nội dung")
    child = services.section_add(meeting=meeting, title="a) Kết quả đạt được", parent=section)
    services.paragraph_add(
        section=child,
        text="Về Hội nghị trực báo: Cơ bản đảm bảo.\nĐiều 1. Giao Văn phòng.\nĐiều 2. Giao các Ban.",
    )
    notice = services.notice_generate(meeting=meeting)
    lines = notice.body.splitlines()
    assert "để cho ý kiến thống nhất về Kế hoạch công tác của HĐND thị xã năm 2022. Phiên họp do đồng chí" in lines[0]
    assert lines[1].startswith("Sau khi nghe đồng chí Phó Chủ tịch HĐND thị xã báo cáo Kế hoạch công tác")
    assert "# 1. Đánh giá một số nội dung" in lines and "## a) Kết quả đạt được" in lines
    assert not any("1. 1." in line or "a) a)" in line for line in lines)
    index = lines.index("- Về Hội nghị trực báo: Cơ bản đảm bảo.")
    assert lines[index + 1 : index + 3] == ["Điều 1. Giao Văn phòng.", "Điều 2. Giao các Ban."]


@pytest.mark.django_db
def test_opinion_letter_does_not_repeat_ve() -> None:
    town = make_town()
    request = services.opinion_request_create(
        council=town.council,
        subject="Về phương án tăng thu và tiết kiệm chi ngân sách thị xã so với dự toán được giao năm 2023",
        received_on=D(2024, 3, 1),
        due_on=D(2024, 3, 10),
        sender_body=town.bodies["UBND thị xã"],
    )
    letter = services.reply_generate(request=request)
    assert letter.subject.startswith("cho ý kiến về phương án tăng thu")
    assert "về Về" not in letter.body and "về phương án tăng thu" in letter.body


@pytest.mark.django_db
def test_briefing_conference_names_the_lower_councils_as_one_group() -> None:
    town = make_town()
    lower = [
        registry.body_create(council=town.council, kind=BodyKind.LOWER_COUNCIL, name=f"HĐND phường {n}", short_name="")
        for n in ("Phổ Hòa", "Phổ Minh", "Phổ Ninh")
    ]
    conference = services.conference_create(
        council=town.council,
        kind="truc_bao",
        held_on=D(2024, 6, 20),
        place="Hội trường Thị ủy",
        subject="Đánh giá hoạt động 6 tháng đầu năm 2024",
        participants=[*lower, town.bodies["UBND thị xã"]],
    )
    document = services.conference_document_generate(conference=conference)
    assert "Thường trực HĐND các xã, phường" in document.body
    assert "HĐND phường Phổ Hòa" not in document.body
    assert "để đánh giá hoạt động 6 tháng đầu năm 2024" in document.body
