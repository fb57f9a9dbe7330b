"""Submissions (tờ trình) and their verification by the council's committees."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents import services as documents
from documents.models import Authority, DocType, Document
from followup import services as followup
from followup.models import Obligation, ObligationUpdate
from followup.models import State as ObligationState
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold
from plenary.models import (
    CHECKLISTS,
    Conclusion,
    Session,
    Submission,
    SubmissionState,
    Verification,
    VoteRule,
)
from plenary.services._common import (
    SUBMISSION_DUE,
    VERIFICATION_DUE,
    _close_obligation,
    _deadline,
    _deadline_basis,
)
from registry.access import same_council as _same_council
from registry.models import Body, BodyKind
from registry.services import council_accepts


def submission_due_on(session: Session) -> datetime.date:
    """The day a submission to `session` is due: the council's setting counted back from the opening."""
    return _deadline(session.council, session.opens_on, "submission_due_before_opening", "due_on")


@transaction.atomic
def submission_create(
    *,
    session: Session,
    kind: str,
    title: str,
    agency: Body,
    normative: bool = False,
    vote_rule: str = VoteRule.ORDINARY,
    user: AbstractBaseUser | None = None,
) -> Submission:
    """Expect a submission from an agency, due by the council's setting before the opening.

    The agency is reminded before the due date through the follow-up engine (an obligation of kind
    "submission_due", closed when the file is received).
    """
    _same_council(session.council, agency=agency)
    basis = _deadline_basis(session.council, session.opens_on, "submission_due_before_opening", "due_on")
    submission = Submission(
        session=session,
        kind=kind,
        title=clean(title),
        agency=agency,
        normative=normative,
        vote_rule=vote_rule,
    )
    submission.title_folded = fold(submission.title)
    validated_save(submission, user)
    obligation = followup.obligation_create(
        council=session.council,
        owner=agency,
        title=f"Gửi hồ sơ trình {session}: {submission.title}"[:500],
        kind=SUBMISSION_DUE,
        source=submission,
        source_label=f"{session} — hồ sơ trình",
        source_date=min(session.created_on, basis.due),
        basis=basis,
        start_event=f"Ngày khai mạc {session}",
        user=user,
    )
    submission.obligation_id = obligation.pk
    submission.save(update_fields=["obligation_id"])
    _seen(submission, obligation)
    return submission


def _seen(submission: Submission, obligation: Obligation | None) -> None:
    """The submission's view of its obligation (its progress), as it stands now."""
    submission.obligation_due_on = obligation.due_on if obligation else None
    submission.obligation_state = obligation.state if obligation else None
    submission.obligation_reported_on = obligation.reported_on if obligation else None


def _progress(submission: Submission) -> Obligation:
    """The submission's obligation, locked; the submission's progress read afresh from it."""
    obligation = Obligation.objects.select_for_update().filter(pk=submission.obligation_id).first()
    if obligation is None:
        raise ValidationError("Hồ sơ trình chưa có việc theo dõi; không thể ghi nhận tiến độ.")
    _seen(submission, obligation)
    return obligation


def _checklist(kind: str, items: Iterable[str]) -> list[str]:
    allowed = [key for key, _ in CHECKLISTS.get(kind, [])]
    items = list(items)
    unknown = set(items) - set(allowed)
    if unknown:
        raise ValidationError({"checklist": "Thành phần hồ sơ không hợp lệ."})
    return [key for key in allowed if key in items]


@transaction.atomic
def submission_receive(
    *, submission: Submission, received_on: datetime.date, checklist: Iterable[str], user: AbstractBaseUser | None
) -> Submission:
    """Record the file as received on a day, with the parts it holds; lateness follows from the dates.
    The obligation is reported done on that day: that is what "received" reads from."""
    council_accepts(submission.session.council, received_on, field="received_on")
    obligation = _progress(submission)
    if submission.state != SubmissionState.EXPECTED:
        raise ValidationError("Hồ sơ đã được tiếp nhận trước đó.")
    if received_on < submission.session.created_on:
        raise ValidationError(
            {
                "received_on": f"Ngày nhận ({format_date(received_on)}) không thể trước ngày lập kỳ họp "
                f"({format_date(submission.session.created_on)})."
            }
        )
    submission.received_on = received_on
    submission.checklist = _checklist(submission.kind, checklist)
    validated_save(submission, user)
    obligation = followup.obligation_report(
        obligation=obligation, user=user, text="Văn phòng đã nhận hồ sơ.", done=True, on=received_on
    )
    _seen(submission, obligation)
    return submission


@transaction.atomic
def submission_return(
    *, submission: Submission, reason: str, returned_on: datetime.date, user: AbstractBaseUser | None
) -> Submission:
    """Send a received file back to the agency to be completed, with the reason: its obligation is
    returned, so the agency owes the file again on its follow-up list."""
    council_accepts(submission.session.council, returned_on, field="returned_on")
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError({"reason": "Vui lòng nêu lý do trả lại hồ sơ."})
    obligation = _progress(submission)
    if submission.state != SubmissionState.RECEIVED:
        raise ValidationError("Chỉ hồ sơ đã nhận mới có thể trả lại.")
    if obligation.state != ObligationState.REPORTED_DONE:
        raise ValidationError("Văn phòng đã chấp nhận hồ sơ trên màn hình theo dõi; không thể trả lại.")
    if submission.complete_on and returned_on < submission.complete_on:
        raise ValidationError({"returned_on": "Ngày trả lại không thể trước ngày nhận hồ sơ."})
    submission.returned_on, submission.return_reason = returned_on, reason
    submission.resubmitted_on = None
    validated_save(submission, user)
    _seen(submission, followup.obligation_return(obligation=obligation, user=user, reason=reason))
    return submission


@transaction.atomic
def submission_resubmit(
    *, submission: Submission, resubmitted_on: datetime.date, checklist: Iterable[str], user: AbstractBaseUser | None
) -> Submission:
    """Record the completed file sent again after a return (its obligation reported done again)."""
    council_accepts(submission.session.council, resubmitted_on, field="resubmitted_on")
    obligation = _progress(submission)
    if submission.state != SubmissionState.RETURNED:
        raise ValidationError("Chỉ hồ sơ bị trả lại mới có thể nộp lại.")
    if submission.returned_on and resubmitted_on < submission.returned_on:
        raise ValidationError({"resubmitted_on": "Ngày nộp lại không thể trước ngày trả lại."})
    submission.resubmitted_on = resubmitted_on
    submission.checklist = _checklist(submission.kind, checklist)
    validated_save(submission, user)
    obligation = followup.obligation_report(
        obligation=obligation, user=user, text="Cơ quan đã nộp lại hồ sơ.", done=True, on=resubmitted_on
    )
    _seen(submission, obligation)
    return submission


@transaction.atomic
def verification_assign(
    *, submission: Submission, committee: Body, assigned_on: datetime.date, user: AbstractBaseUser | None
) -> Verification:
    """Assign a submission to a committee; its report is due a number of days before the opening by the
    version of verification_before_opening in force on the opening (10 days under Luật Hoạt động giám sát
    87/2015/QH13 up to 28/02/2026; from 01/03/2026 the number is the council's to set). The committee owes
    it as an obligation ("verification_report") that keeps how the date was computed ("Vì sao hạn này")."""
    council_accepts(submission.session.council, assigned_on, field="assigned_on")
    session = submission.session
    _same_council(session.council, committee=committee)
    if committee.kind != BodyKind.COMMITTEE:
        raise ValidationError({"committee": "Chỉ các Ban của HĐND mới thẩm tra hồ sơ trình."})
    if Verification.objects.filter(submission=submission).exists():
        raise ValidationError("Hồ sơ đã được phân công thẩm tra.")
    basis = _deadline_basis(session.council, session.opens_on, "verification_before_opening", "due_on")
    obligation = followup.obligation_create(
        council=session.council,
        owner=committee,
        title=f"Báo cáo thẩm tra {session}: {submission.title}"[:500],
        kind=VERIFICATION_DUE,
        source=submission,
        source_label=f"{session} — thẩm tra hồ sơ trình",
        source_date=min(assigned_on, basis.due),
        basis=basis,
        start_event=f"Ngày khai mạc {session}",
        user=user,
    )
    return validated_save(
        Verification(submission=submission, committee=committee, assigned_on=assigned_on, obligation=obligation), user
    )


@transaction.atomic
def verification_report(
    *,
    verification: Verification,
    conclusion: str,
    text: str,
    reported_on: datetime.date,
    signer_name: str,
    signer_title: str = "Trưởng ban",
    user: AbstractBaseUser | None,
) -> Verification:
    """Record the committee's verification report: issued as a document of the register, with its conclusion."""
    council_accepts(verification.submission.session.council, reported_on, field="reported_on")
    if conclusion not in Conclusion.values:
        raise ValidationError({"conclusion": "Vui lòng chọn kết luận thẩm tra."})
    if not clean_multiline(text):
        raise ValidationError({"text": "Vui lòng nhập nội dung báo cáo thẩm tra."})
    # Owed while the committee's obligation is open (a report sent back on the follow-up screens is owed
    # again); read under its lock, so two reports sent at once cannot both pass.
    verification.obligation = Obligation.objects.select_for_update().get(pk=verification.obligation_id)
    if verification.is_cancelled:
        raise ValidationError("Việc thẩm tra đã được hủy trên màn hình theo dõi; không ghi báo cáo thẩm tra được.")
    if verification.reported_on is not None:
        raise ValidationError("Báo cáo thẩm tra đã được ban hành.")
    submission = verification.submission
    council = submission.session.council
    document = documents.document_create(
        council=council,
        doc_type=DocType.BAO_CAO,
        subject=f"Thẩm tra {submission.title[:1].lower()}{submission.title[1:]}",
        body=f"{text}\n\nKết luận: {Conclusion(conclusion).label}.",
        signer_authority=Authority.TM,
        signer_collective=verification.committee.name,
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_lines="- Thường trực HĐND;\n- Các vị đại biểu HĐND;\n- Cơ quan trình;",
        source=verification,
        issued_on=reported_on,
        user=user,
    )
    document = documents.document_issue(document=document, user=user, issued_on=reported_on)
    # The obligation reported done on `reported_on` is what "reported" reads from; its callback
    # (`verification_reported`) lands the document, then the conclusion and the text typed here are kept.
    _close_obligation(
        verification.obligation_id,
        user=user,
        text=f"Đã ban hành báo cáo thẩm tra {document}.",
        on=reported_on,
        reply=document,
    )
    verification.report, verification.conclusion = document, conclusion
    verification.report_text = clean_multiline(text)
    validated_save(verification, user)
    verification.obligation.refresh_from_db()
    return verification


def verification_reported(obligation: Obligation, update: ObligationUpdate, user: AbstractBaseUser | None) -> None:
    """The follow-up engine's callback when the committee (or the office) reports on its verification task,
    from any screen or route: a completion's text is the verification's report text, and a reply document
    of the council (a Báo cáo thẩm tra of the register, linked through the API) its report. Whether and
    when it was reported, accepted, returned or cancelled, and its deadline, stay the obligation's, where
    the verification reads them."""
    if obligation.state != ObligationState.REPORTED_DONE:
        return  # a report of progress stays on the task's timeline
    verification = Verification.objects.select_for_update().filter(obligation=obligation).first()
    if verification is None:
        return
    verification.report_text = clean_multiline(update.text)
    fields = ["report_text"]
    reply = update.reply
    if isinstance(reply, Document) and reply.council_id == obligation.council_id:
        verification.report = reply
        fields.append("report")
    validated_save(verification, user, update_fields=fields)


@transaction.atomic
def verification_explain(
    *, verification: Verification, explanation: str, explained_on: datetime.date, user: AbstractBaseUser | None
) -> Verification:
    """Record the agency's explanation or supplement after the verification."""
    council_accepts(verification.submission.session.council, explained_on, field="explained_on")
    explanation = clean_multiline(explanation)
    if not explanation:
        raise ValidationError({"explanation": "Vui lòng nhập nội dung giải trình."})
    if verification.reported_on is None:
        raise ValidationError("Chưa có báo cáo thẩm tra để giải trình.")
    verification.explanation, verification.explained_on = explanation, explained_on
    return validated_save(verification, user)
