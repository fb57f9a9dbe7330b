"""Preparation and lateness: due dates across holidays, reminders, receipt, return, verification, resolutions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from documents.checker import assert_nd30
from documents.services import document_render_docx
from followup.models import Obligation, State
from followup.reminders import due_soon
from plenary import selectors, services
from plenary.models import Conclusion, Session, SessionKind, Submission
from plenary.tests.factories import committee, make_delegates, make_session, make_submission, set_due_days, ubnd

D = datetime.date


@pytest.mark.django_db
def test_due_date_skips_holidays_and_agency_is_reminded(world) -> None:
    set_due_days(world.council, 10)
    # Opening 11/02/2025: ten days back is 01/02/2025, a Saturday in the Tết week — moved back to Friday 24/01.
    session = make_session(world.council, world.term, opens_on=D(2025, 2, 11), created_on=D(2025, 1, 2))
    sub = make_submission(session, world.agency)
    assert sub.due_on == D(2025, 1, 24)
    obligation = Obligation.objects.get(pk=sub.obligation_id)
    assert (obligation.kind, obligation.owner, obligation.due_on) == ("submission_due", world.agency, sub.due_on)
    assert obligation in due_soon(world.council, D(2025, 1, 22))
    services.submission_receive(submission=sub, received_on=D(2025, 1, 27), checklist=["to_trinh"], user=None)
    obligation.refresh_from_db()
    assert obligation.state == State.REPORTED_DONE
    assert sub.days_late(D(2025, 3, 1)) == 3
    assert "Dự thảo nghị quyết" in sub.missing_items


@pytest.mark.django_db
def test_missing_setting_is_a_clear_message(world) -> None:
    session = make_session(world.council, world.term)
    with pytest.raises(ValidationError, match="Chưa thiết lập quy định"):
        make_submission(session, world.agency)
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_bad_input_refused(world) -> None:
    set_due_days(world.council)
    session = make_session(world.council, world.term)
    with pytest.raises(ValidationError, match="đã có kỳ họp với số thứ tự"):
        make_session(world.council, world.term)
    with pytest.raises(ValidationError, match="theo yêu cầu"):
        make_session(world.council, world.term, number=22, kind=SessionKind.THEMATIC)
    make_delegates(world.term, 30)
    with pytest.raises(ValidationError, match="một phần ba"):
        make_session(
            world.council,
            world.term,
            number=22,
            kind=SessionKind.THEMATIC,
            requested_by="dai_bieu",
            requesting_delegates=9,
        )
    make_session(
        world.council,
        world.term,
        number=22,
        kind=SessionKind.THEMATIC,
        requested_by="dai_bieu",
        requesting_delegates=10,
    )
    sub = make_submission(session, world.agency)
    with pytest.raises(ValidationError, match="trước ngày lập kỳ họp"):
        services.submission_receive(submission=sub, received_on=D(2024, 10, 31), checklist=[], user=None)
    sub.refresh_from_db()
    assert sub.received_on is None
    assert Session.objects.count() == 2


@pytest.mark.django_db
def test_return_and_resubmission_then_lateness_report(world) -> None:
    set_due_days(world.council, 15)
    s20 = make_session(world.council, world.term, number=20, opens_on=D(2024, 9, 20), created_on=D(2024, 8, 1))
    s21 = make_session(world.council, world.term, number=21, opens_on=D(2024, 11, 8), created_on=D(2024, 10, 1))
    on_time = make_submission(s20, world.agency)
    services.submission_receive(
        submission=on_time,
        received_on=on_time.due_on,
        checklist=["to_trinh", "du_thao", "tong_hop_y_kien", "tham_dinh", "tai_lieu_lien_quan"],
        user=None,
    )
    late = make_submission(s21, world.other_agency, title="Tờ trình điều chỉnh kế hoạch đầu tư công")
    services.submission_receive(submission=late, received_on=late.due_on, checklist=["to_trinh"], user=None)
    services.submission_return(submission=late, reason="Thiếu dự thảo nghị quyết", returned_on=late.due_on, user=None)
    services.submission_resubmit(
        submission=late,
        resubmitted_on=late.due_on + datetime.timedelta(days=4),
        checklist=["to_trinh", "du_thao", "tong_hop_y_kien", "tham_dinh", "tai_lieu_lien_quan"],
        user=None,
    )
    report = selectors.lateness_report(council=world.council, year=2024, on=D(2024, 12, 31))
    assert report.sentence == "chỉ còn nội dung tại kỳ họp thứ 21 chuẩn bị chậm"
    assert report.agencies[0].name == world.other_agency.name
    assert report.agencies[0].days_late == 4


@pytest.mark.django_db
def test_verification_and_resolution_numbering(world) -> None:
    set_due_days(world.council)
    make_delegates(world.term, 5)
    ubnd(world.council)
    session = make_session(world.council, world.term)
    ban = committee(world.council)
    normative = make_submission(session, world.agency, title="Quy định mức chi hỗ trợ", normative=True)
    plain = make_submission(session, world.agency, title="Giao biên chế năm 2025")
    verification = services.verification_assign(
        submission=normative, committee=ban, assigned_on=D(2024, 11, 20), user=None
    )
    assert verification.due_on == D(2024, 12, 6)  # 10 days before 18/12 is Sunday 08/12, moved back to Friday
    services.verification_report(
        verification=verification,
        conclusion=Conclusion.AGREE,
        text="Ban thẩm tra thống nhất.",
        reported_on=D(2024, 12, 6),
        signer_name="Trần Văn Hùng",
        user=None,
    )
    assert_nd30(document_render_docx(verification.report))
    numbers = []
    for sub in (normative, plain):
        services.vote_record(submission=sub, voted_on=D(2024, 12, 18), yes=5, no=0, abstain=0, user=None)
        resolution = services.resolution_issue(
            submission=sub,
            subject=sub.title,
            text="Điều 1. ...",
            issued_on=D(2024, 12, 19),
            effective_on=D(2025, 1, 1),
            signer_name="Nguyễn Xuân Văn",
            report_due_on=D(2025, 6, 30) if sub is plain else None,
            user=None,
        )
        assert_nd30(document_render_docx(resolution.document))
        numbers.append(resolution.document.number_symbol)
    assert numbers == ["01/2024/NQ-HĐND", "01/NQ-HĐND"]
    assert Obligation.objects.filter(kind="resolution_report", due_on=D(2025, 6, 30)).count() == 1
    counts = selectors.plenary_counts(council=world.council, year=2024)
    assert counts["resolutions_passed"] == 2 and counts["sessions_by_kind"]["cuoi_nam"] == 1
    with pytest.raises(ValidationError, match="đã được ban hành"):
        services.resolution_issue(
            submission=plain, subject="x", text="x", issued_on=D(2024, 12, 19), signer_name="A", user=None
        )


@pytest.mark.django_db
def test_questioning_obligations(world) -> None:
    set_due_days(world.council)
    [delegate] = make_delegates(world.term, 1)
    s21 = make_session(world.council, world.term, number=21, opens_on=D(2024, 7, 10), created_on=D(2024, 6, 1))
    s22 = make_session(world.council, world.term, number=22, opens_on=D(2024, 12, 18))
    official = delegate.person
    question = services.question_create(
        session=s21,
        delegate=delegate,
        addressee=official,
        addressee_body=world.agency,
        content="Vì sao chậm giải ngân?",
        asked_on=D(2024, 7, 5),
        user=None,
    )
    services.question_answer(question=question, mode="bang_van_ban", answered_on=D(2024, 7, 11), user=None)
    written = Obligation.objects.get(pk=question.obligation_id)
    assert (written.kind, written.due_on) == ("questioning_answer", D(2024, 7, 31))
    services.question_answer(
        question=question, mode="bang_van_ban", answered_on=D(2024, 7, 25), answer="Đã trả lời", user=None
    )
    written.refresh_from_db()
    assert written.state == State.REPORTED_DONE
    commitment = services.commitment_create(
        question=question, content="Giải ngân xong trong quý IV", next_session=s22, user=None
    )
    assert commitment.due_on == D(2024, 12, 6)
    assert Obligation.objects.get(pk=commitment.obligation_id).kind == "questioning_commitment"
