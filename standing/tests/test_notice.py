"""The acceptance document: the seed-001 notice generated from the record, read back from the DOCX."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from docx import Document as open_docx

from documents.checker import assert_nd30
from documents.models import State
from documents.services import document_render_docx, document_update
from followup.models import Obligation
from standing import demo, services
from standing.models import Meeting
from standing.selectors import standing_counts
from standing.tests.factories import make_town

D = datetime.date


def _texts(docx: bytes) -> list[str]:
    doc = open_docx(io.BytesIO(docx))
    out = [p.text.strip() for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text.strip() for p in cell.paragraphs)
    return [t for t in out if t]


@pytest.fixture
def seeded(db):
    town = make_town()
    demo.seed(town.council)
    return town, Meeting.objects.get(council=town.council, held_on=D(2022, 1, 12))


def test_seed_001_notice_has_every_component(seeded) -> None:
    _, meeting = seeded
    notice = meeting.notice
    assert notice.state == State.ISSUED
    docx = document_render_docx(notice)
    assert_nd30(docx)
    texts = _texts(docx)
    joined = "\n".join(texts)
    assert "HỘI ĐỒNG NHÂN DÂN THỊ XÃ ĐỨC PHỔ" in texts
    assert f"Số: {notice.number:02d}/TB-HĐND" in texts
    assert "Đức Phổ, ngày 12 tháng 01 năm 2022" in texts
    assert "THÔNG BÁO" in texts
    assert "Kết luận của Thường trực HĐND thị xã tại phiên họp ngày 12/01/2022" in texts
    opening = next(t for t in texts if t.startswith("Ngày 12/01/2022"))
    assert opening.startswith(
        "Ngày 12/01/2022, tại Phòng họp số 1 Thị ủy Đức Phổ, Thường trực HĐND thị xã tổ chức Phiên họp Thường trực "
        "HĐND thị xã để cho ý kiến thống nhất về Kế hoạch công tác của HĐND thị xã năm 2022"
    )
    assert "Phiên họp do đồng chí Nguyễn Kiên - Tỉnh ủy viên, Bí thư Thị ủy, Chủ tịch HĐND thị xã chủ trì." in opening
    assert (
        "Tham dự cuộc họp có đồng chí Nguyễn Thị Kiều - Phó Chủ tịch HĐND thị xã; Trưởng, Phó các Ban HĐND thị xã; "
        "đại diện lãnh đạo Văn phòng thị xã." in opening
    )
    heard = next(t for t in texts if t.startswith("Sau khi nghe"))
    assert heard.startswith("Sau khi nghe đồng chí Phó Chủ tịch HĐND thị xã báo cáo")
    assert heard.endswith(
        "đồng chí Nguyễn Kiên - Tỉnh ủy viên, Bí thư Thị ủy, Chủ tịch HĐND thị xã thay mặt Thường trực HĐND thị xã "
        "kết luận một số nội dung sau:"
    )
    for heading in (
        "1. Đánh giá một số nội dung",
        "a) Kết quả đạt được",
        "b) Tồn tại, hạn chế",
        "2. Một số nhiệm vụ trong năm 2022",
        "a) Nhiệm vụ trọng tâm năm 2022",
    ):
        assert any(t.startswith(heading) for t in texts), heading
    assert "- Kỳ họp HĐND các xã, phường: Công tác chuẩn bị tổ chức kỳ họp cơ bản đảm bảo." in texts
    assert (
        "Thừa lệnh Thường trực HĐND thị xã, Văn phòng thị xã thông báo đến các cơ quan, đơn vị, địa phương liên quan "
        "biết, phối hợp thực hiện đạt hiệu quả./." in texts
    )
    assert "Nơi nhận:" in texts
    for line in ("- TT Thị ủy;", "- TT HĐND thị xã;", "- UBND thị xã;", "- Các Ban HĐND thị xã;", "- Lưu: VT."):
        assert line in texts, line
    assert "TL. THƯỜNG TRỰC HĐND" in texts
    assert "CHÁNH VĂN PHÒNG" in texts
    assert texts[-1] == "Nguyễn Viết Thanh"
    assert "[[" not in joined


def test_seed_001_tasks_become_obligations(seeded) -> None:
    town, meeting = seeded
    obligations = Obligation.objects.filter(
        council=town.council, kind=services.CONCLUSION_TASK, source_type=ContentType.objects.get_for_model(Meeting)
    )
    owners = sorted(o.owner.short_name for o in obligations)
    assert owners == ["Ban Kinh tế - Xã hội", "Ban Pháp chế", "UBND thị xã", "Văn phòng thị xã"]
    office_task = obligations.get(owner__short_name="Văn phòng thị xã")
    assert office_task.source == meeting
    assert office_task.source_date == D(2022, 1, 12)
    assert office_task.due_on == D(2022, 2, 11)  # no deadline given: 30 days after the notice
    assert "hoàn chỉnh dự thảo" in office_task.title
    assert meeting.tasks_assigned_on == D(2022, 1, 12)
    # Idempotent: assigning again creates nothing.
    assert services.tasks_assign(meeting=meeting) == []
    demo.seed(town.council)
    assert Meeting.objects.filter(council=town.council).count() == 8


def test_issued_notice_is_frozen(seeded) -> None:
    _, meeting = seeded
    with pytest.raises(ValidationError, match="đã ban hành"):
        document_update(document=meeting.notice, body="Sửa sau khi ban hành")
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.notice_generate(meeting=meeting)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.section_add(meeting=meeting, title="Mục thêm")


def test_counts_for_the_annual_report(seeded) -> None:
    town, _ = seeded
    counts = standing_counts(council=town.council, year=2024)
    assert counts["meetings_held"] == 7
    assert counts["written_opinions"] == 6
    assert counts["opinion_subjects"][1] == "ghi thu, ghi chi tiền thuê đất phải nộp"
    assert counts["conferences_held"] == 3
    assert [c.held_on for c in counts["conferences"]] == [D(2024, 1, 5), D(2024, 6, 20), D(2024, 12, 12)]
    assert str(counts["conferences"][0]).startswith("Hội nghị liên tịch ngày 05/01/2024: thống nhất nội dung")
    assert standing_counts(council=town.council, year=2024, on=D(2024, 6, 30))["conferences_held"] == 2
