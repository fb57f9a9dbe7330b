"""The rules of the issue's "Bad input" list, and the written-opinion flow, at the service level."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document as open_docx

from documents.checker import assert_nd30
from documents.models import DocType, State
from documents.services import document_render_docx, document_update
from followup.models import Obligation
from followup.models import State as ObligationState
from standing import services, wording
from standing.models import Assignment, Attendee, Meeting, OpinionState, Paragraph, Stance
from standing.tests.conftest import make_meeting, make_request

D = datetime.date
pytestmark = pytest.mark.django_db


def test_chair_must_be_a_member_on_the_day(town) -> None:
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(
            council=town.council, held_on=D(2024, 3, 1), place="P", purpose="họp", chair=town.kien_chair
        )
    assert "không là Chủ tịch Thường trực HĐND vào ngày 01/03/2024" in str(exc.value.message_dict["chair"])
    assert not Meeting.objects.exists()
    meeting = make_meeting(town)
    with pytest.raises(ValidationError, match="không là Chủ tịch"):
        services.meeting_update(meeting=meeting, held_on=D(2024, 3, 1))


def test_chair_must_belong_to_the_standing_committee(town, world) -> None:
    from registry.services import membership_create

    other = membership_create(
        person=town.people["Nguyễn Viết Thanh"], body=world.agency, role="thu_truong", starts_on=D(2021, 1, 1)
    )
    with pytest.raises(ValidationError, match="thành viên Thường trực"):
        services.meeting_create(council=town.council, held_on=D(2022, 1, 12), place="P", purpose="họp", chair=other)


def test_attendee_listed_once_and_absence_needs_reason(town) -> None:
    meeting = make_meeting(town)
    with pytest.raises(ValidationError, match="đã có trong thành phần"):
        services.attendee_add(meeting=meeting, person=town.people["Trần Văn Hùng"])
    with pytest.raises(ValidationError, match="là người chủ trì"):
        services.attendee_add(meeting=meeting, person=town.people["Nguyễn Kiên"])
    with pytest.raises(ValidationError, match="lý do vắng mặt"):
        services.attendee_add(meeting=meeting, person=town.people["Lê Thị Hoa"], present=False)
    services.attendee_add(meeting=meeting, person=town.people["Lê Thị Hoa"], present=False, absence_reason="Đi học")
    assert Attendee.objects.filter(meeting=meeting).count() == 2
    assert "Vắng mặt: đồng chí Lê Thị Hoa - Trưởng Ban Pháp chế HĐND thị xã (Đi học)." in wording.opening_paragraph(
        meeting
    )


def test_assignment_needs_a_responsible_body(town, world) -> None:
    meeting = make_meeting(town, tasks=0)
    section = meeting.sections.get()
    with pytest.raises(ValidationError) as exc:
        services.paragraph_add(section=section, text="Giao nghiên cứu", assigns=True, bodies=[])
    assert "ít nhất một cơ quan" in str(exc.value.message_dict["bodies"])
    with pytest.raises(ValidationError, match="trước ngày họp"):
        services.paragraph_add(section=section, text="Giao", assigns=True, bodies=[world.agency], due_on=D(2022, 1, 1))
    assert not Paragraph.objects.exists()


def test_sub_sections_have_two_levels(town) -> None:
    meeting = make_meeting(town, tasks=0)
    top = meeting.sections.get()
    sub = services.section_add(meeting=meeting, title="Kết quả đạt được", parent=top)
    with pytest.raises(ValidationError, match="hai cấp"):
        services.section_add(meeting=meeting, title="Sâu hơn", parent=sub)


def test_issuing_with_placeholders_is_refused(town) -> None:
    meeting = make_meeting(town, tasks=2)
    notice = services.notice_generate(meeting=meeting)
    document_update(document=notice, body=notice.body + "\n[[số liệu cần bổ sung]]")
    with pytest.raises(ValidationError, match="số liệu cần bổ sung"):
        services.notice_issue(meeting=meeting, user=None)
    notice.refresh_from_db()
    assert notice.state == State.DRAFT and notice.number is None
    assert not Obligation.objects.exists()


def test_office_edits_then_issues_and_tasks_become_obligations(town) -> None:
    meeting = make_meeting(town, tasks=2)
    section = meeting.sections.get()
    services.paragraph_add(
        section=section,
        text="Giao UBND báo cáo",
        assigns=True,
        bodies=[town.bodies["UBND thị xã"]],
        due_on=D(2022, 2, 28),
    )
    notice = services.notice_generate(meeting=meeting)
    assert notice.doc_type == DocType.THONG_BAO and notice.state == State.DRAFT
    assert Obligation.objects.count() == 0  # a draft owes nothing yet
    document_update(document=notice, body=notice.body.replace("Nhiệm vụ số 1", "Nhiệm vụ số 1 (đã sửa)"))
    issued = services.notice_issue(meeting=meeting, user=None, issued_on=D(2022, 1, 14))
    assert issued.number_symbol == "01/TB-HĐND"
    docx = document_render_docx(issued)
    assert_nd30(docx)
    texts = [p.text for p in open_docx(io.BytesIO(docx)).paragraphs]
    assert "- Nhiệm vụ số 1 (đã sửa)" in texts  # the office's edit is what was issued
    obligations = Obligation.objects.filter(kind=services.CONCLUSION_TASK).order_by("pk")
    assert obligations.count() == 3
    assert [o.due_on for o in obligations] == [D(2022, 2, 14), D(2022, 2, 14), D(2022, 2, 28)]  # 13/02 is a Sunday
    assert all(o.source == meeting and o.state == ObligationState.ASSIGNED for o in obligations)
    assert Assignment.objects.filter(obligation__isnull=True).count() == 0


def test_tasks_assign_requires_issued_notice(town) -> None:
    meeting = make_meeting(town)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.tasks_assign(meeting=meeting)


def test_notice_issued_from_the_documents_screen_assigns_tasks(town) -> None:
    """The documents engine tells the meeting its notice was issued: the tasks become obligations at once."""
    from documents.services import document_issue

    meeting = make_meeting(town, tasks=2)
    notice = services.notice_generate(meeting=meeting, user=None)
    document_issue(document=notice, user=None, issued_on=D(2022, 1, 14))
    assert Obligation.objects.filter(source_id=meeting.pk, kind=services.CONCLUSION_TASK).count() == 2


def test_written_opinion_flow(town) -> None:
    request = make_request(town)
    obligation = request.obligation
    assert obligation.kind == services.WRITTEN_OPINION_REQUEST
    assert obligation.owner == town.bodies["Thường trực HĐND"] and obligation.due_on == D(2024, 8, 12)
    assert request.request_document.direction == "den"
    services.opinion_add(request=request, person=town.people["Nguyễn Thị Kiều"], stance=Stance.AGREE)
    services.opinion_add(
        request=request, person=town.people["Trần Văn Hùng"], stance=Stance.OTHER, text="Đề nghị làm rõ nguồn kinh phí."
    )
    with pytest.raises(ValidationError, match="đã cho ý kiến"):
        services.opinion_add(request=request, person=town.people["Trần Văn Hùng"], stance=Stance.AGREE)
    with pytest.raises(ValidationError, match="không là thành viên"):
        services.opinion_add(request=request, person=town.people["Nguyễn Viết Thanh"], stance=Stance.AGREE)
    with pytest.raises(ValidationError, match="nội dung ý kiến"):
        services.opinion_add(request=request, person=town.people["Lê Thị Hoa"], stance=Stance.DISAGREE)
    letter = services.reply_generate(request=request)
    assert letter.doc_type == DocType.CONG_VAN and "Đề nghị làm rõ nguồn kinh phí." in letter.body
    assert letter.signer_name == "Nguyễn Thị Kiều"  # the chair was vacant in August 2024
    assert_nd30(document_render_docx(letter))
    request = services.reply_issue(request=request, user=None, issued_on=D(2024, 8, 8))
    request.refresh_from_db()
    obligation.refresh_from_db()
    assert request.state == OpinionState.ANSWERED and request.answered_on == D(2024, 8, 8)
    assert request.reply.number_symbol.endswith("/HĐND-VP")
    assert obligation.state == ObligationState.ACCEPTED
    with pytest.raises(ValidationError, match="đã có văn bản trả lời"):
        services.opinion_add(request=request, person=town.people["Lê Thị Hoa"], stance=Stance.AGREE)


def test_opinion_request_bad_input(town) -> None:
    with pytest.raises(ValidationError) as exc:
        services.opinion_request_create(
            council=town.council, subject="  ", received_on=D(2024, 8, 5), due_on=D(2024, 8, 1)
        )
    assert set(exc.value.message_dict) == {"subject", "due_on"}
    assert not Obligation.objects.exists()
