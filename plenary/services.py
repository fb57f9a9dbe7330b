"""Every write of the sessions app. Each validates, saves in one transaction, leaves history behind, and
creates the obligations (follow-up engine) and documents (document register) that go with it.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from documents import services as documents
from documents.models import Authority, Direction, DocType, Document, State
from followup import services as followup
from followup.models import OPEN_STATES, Obligation
from hdnd.text import clean, clean_multiline, fold
from plenary import selectors
from plenary.models import (
    CHECKLISTS,
    AgendaItem,
    AnswerMode,
    Attendance,
    Ballot,
    Choice,
    Commitment,
    Conclusion,
    DocumentOpen,
    GroupDiscussion,
    Presence,
    Question,
    Requester,
    Resolution,
    Session,
    SessionDocument,
    SessionKind,
    SessionState,
    Speech,
    Submission,
    SubmissionState,
    Verification,
    Vote,
    VoteMethod,
    VoteRule,
)
from plenary.rules import enough_requesters, vote_passes
from registry.calendar import MissingSetting, deadline, rule_value
from registry.models import Body, BodyKind, Council, Delegate, Person, Term
from registry.selectors import body_of_kind, delegates_in_office

SUBMISSION_DUE = "submission_due"
WRITTEN_ANSWER = "questioning_answer"
COMMITMENT = "questioning_commitment"
RESOLUTION_REPORT = "resolution_report"


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _save(obj: models.Model, user: AbstractBaseUser | None = None) -> models.Model:
    """full_clean (constraints give their Vietnamese messages), then save with the acting user in history."""
    obj.full_clean()
    if user is not None:
        obj._history_user = user
    try:
        obj.save()
    except IntegrityError as exc:  # a concurrent duplicate that passed full_clean
        raise ValidationError("Dữ liệu trùng với một bản ghi đã có.") from exc
    return obj


def _same_council(council: Council, **bodies: models.Model | None) -> None:
    errors = {
        name: "Phải thuộc cùng Hội đồng."
        for name, obj in bodies.items()
        if obj is not None and obj.council_id != council.pk
    }
    if errors:
        raise ValidationError(errors)


def _deadline(council: Council, start: datetime.date, rule: str, field: str, before: bool = True) -> datetime.date:
    try:
        return deadline(council, start, rule=rule, before=before)
    except MissingSetting as exc:
        raise ValidationError({field: str(exc)}) from exc


def _close_obligation(
    obligation_id: int | None, *, user: AbstractBaseUser | None, text: str, on: datetime.date
) -> None:
    """Report an obligation done when the record it tracks is done (nothing to do if already closed)."""
    if obligation_id is None:
        return
    obligation = Obligation.objects.filter(pk=obligation_id, state__in=OPEN_STATES).first()
    if obligation is not None:
        followup.obligation_report(obligation=obligation, user=user, text=text, done=True, on=on)


# Sessions --------------------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    council: Council,
    term: Term,
    number: int,
    kind: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    created_on: datetime.date | None = None,
    place: str = "",
    requested_by: str = "",
    requesting_delegates: int | None = None,
    user: AbstractBaseUser | None = None,
) -> Session:
    """Open the preparation of a session, numbered in its term.

    A thematic or extraordinary session names who asked for it: the standing committee, the UBND chair,
    or at least one third of the delegates in office (Luật Tổ chức chính quyền địa phương); a regular
    session names nobody.
    """
    created_on = created_on or timezone.localdate()
    if term.council_id != council.pk:
        raise ValidationError({"term": "Nhiệm kỳ không thuộc Hội đồng này."})
    errors: dict[str, str] = {}
    if kind in (SessionKind.THEMATIC, SessionKind.EXTRAORDINARY):
        if not requested_by:
            errors["requested_by"] = "Kỳ họp chuyên đề, bất thường phải ghi rõ theo yêu cầu của ai."
        elif requested_by == Requester.DELEGATES:
            base = delegates_in_office(council=council, on=created_on).count()
            percent, _ = rule_value(council, "extraordinary_request_percent")
            if not requesting_delegates:
                errors["requesting_delegates"] = "Vui lòng nhập số đại biểu yêu cầu."
            elif requesting_delegates > base:
                errors["requesting_delegates"] = (
                    f"Số đại biểu yêu cầu ({requesting_delegates}) vượt quá số đại biểu đương nhiệm ({base})."
                )
            elif not enough_requesters(count=requesting_delegates, base=base, percent=percent):
                errors["requesting_delegates"] = (
                    f"Cần ít nhất một phần ba tổng số đại biểu đương nhiệm ({base}) yêu cầu; "
                    f"mới có {requesting_delegates}."
                )
    elif requested_by:
        errors["requested_by"] = "Kỳ họp thường lệ không cần ghi người yêu cầu."
    if errors:
        raise ValidationError(errors)
    session = Session(
        council=council,
        term=term,
        number=number,
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        created_on=created_on,
        place=clean(place),
        requested_by=requested_by,
        requesting_delegates=requesting_delegates if requested_by == Requester.DELEGATES else None,
    )
    return _save(session, user)


SESSION_FIELDS = {"place", "opens_on", "closes_on", "opened_on", "closed_on", "state"}


@transaction.atomic
def session_update(*, session: Session, user: AbstractBaseUser | None = None, **fields: object) -> Session:
    """Change a session's dates, place or state (the number and kind stay as created)."""
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(session, name, clean(value) if isinstance(value, str) and name == "place" else value)
    return _save(session, user)


@transaction.atomic
def agenda_item_add(
    *, session: Session, kind: str, title: str, order: int | None = None, user: AbstractBaseUser | None = None
) -> AgendaItem:
    """Add an item to the session's agenda, at the end unless an order is given."""
    if order is None:
        order = (session.agenda.aggregate(m=models.Max("order"))["m"] or 0) + 1
    return _save(AgendaItem(session=session, kind=kind, title=clean(title), order=order), user)


# Submissions -----------------------------------------------------------------------------------


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
    submission = Submission(
        session=session,
        kind=kind,
        title=clean(title),
        agency=agency,
        normative=normative,
        vote_rule=vote_rule,
        due_on=submission_due_on(session),
    )
    submission.title_folded = fold(submission.title)
    _save(submission, user)
    obligation = followup.obligation_create(
        council=session.council,
        owner=agency,
        title=f"Gửi hồ sơ trình {session}: {submission.title}"[:500],
        kind=SUBMISSION_DUE,
        source=submission,
        source_label=f"{session} — hồ sơ trình",
        source_date=min(session.created_on, submission.due_on),
        due_on=submission.due_on,
        user=user,
    )
    submission.obligation_id = obligation.pk
    submission.save(update_fields=["obligation_id"])
    return submission


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
    """Record the file as received on a day, with the parts it holds; lateness follows from the dates."""
    if submission.state != SubmissionState.EXPECTED:
        raise ValidationError("Hồ sơ đã được tiếp nhận trước đó.")
    if received_on < submission.session.created_on:
        raise ValidationError(
            {
                "received_on": f"Ngày nhận ({_d(received_on)}) không thể trước ngày lập kỳ họp "
                f"({_d(submission.session.created_on)})."
            }
        )
    submission.received_on = received_on
    submission.checklist = _checklist(submission.kind, checklist)
    submission.state = SubmissionState.RECEIVED
    _save(submission, user)
    _close_obligation(submission.obligation_id, user=user, text="Văn phòng đã nhận hồ sơ.", on=received_on)
    return submission


@transaction.atomic
def submission_return(
    *, submission: Submission, reason: str, returned_on: datetime.date, user: AbstractBaseUser | None
) -> Submission:
    """Send a received file back to the agency to be completed, with the reason."""
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError({"reason": "Vui lòng nêu lý do trả lại hồ sơ."})
    if submission.state != SubmissionState.RECEIVED:
        raise ValidationError("Chỉ hồ sơ đã nhận mới có thể trả lại.")
    if returned_on < submission.complete_on:
        raise ValidationError({"returned_on": "Ngày trả lại không thể trước ngày nhận hồ sơ."})
    submission.state = SubmissionState.RETURNED
    submission.returned_on, submission.return_reason = returned_on, reason
    submission.resubmitted_on = None
    return _save(submission, user)


@transaction.atomic
def submission_resubmit(
    *, submission: Submission, resubmitted_on: datetime.date, checklist: Iterable[str], user: AbstractBaseUser | None
) -> Submission:
    """Record the completed file sent again after a return."""
    if submission.state != SubmissionState.RETURNED:
        raise ValidationError("Chỉ hồ sơ bị trả lại mới có thể nộp lại.")
    if resubmitted_on < submission.returned_on:
        raise ValidationError({"resubmitted_on": "Ngày nộp lại không thể trước ngày trả lại."})
    submission.resubmitted_on = resubmitted_on
    submission.checklist = _checklist(submission.kind, checklist)
    submission.state = SubmissionState.RECEIVED
    return _save(submission, user)


# Verification ----------------------------------------------------------------------------------


@transaction.atomic
def verification_assign(
    *, submission: Submission, committee: Body, assigned_on: datetime.date, user: AbstractBaseUser | None
) -> Verification:
    """Assign a submission to a committee; its report is due at least 10 days before the opening
    (Luật Hoạt động giám sát 87/2015/QH13; setting verification_before_opening)."""
    session = submission.session
    _same_council(session.council, committee=committee)
    if committee.kind != BodyKind.COMMITTEE:
        raise ValidationError({"committee": "Chỉ các Ban của HĐND mới thẩm tra hồ sơ trình."})
    if Verification.objects.filter(submission=submission).exists():
        raise ValidationError("Hồ sơ đã được phân công thẩm tra.")
    due_on = _deadline(session.council, session.opens_on, "verification_before_opening", "due_on")
    return _save(Verification(submission=submission, committee=committee, assigned_on=assigned_on, due_on=due_on), user)


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
    if conclusion not in Conclusion.values:
        raise ValidationError({"conclusion": "Vui lòng chọn kết luận thẩm tra."})
    if not clean_multiline(text):
        raise ValidationError({"text": "Vui lòng nhập nội dung báo cáo thẩm tra."})
    if verification.report_id is not None:
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
    verification.report, verification.conclusion, verification.reported_on = document, conclusion, reported_on
    return _save(verification, user)


@transaction.atomic
def verification_explain(
    *, verification: Verification, explanation: str, explained_on: datetime.date, user: AbstractBaseUser | None
) -> Verification:
    """Record the agency's explanation or supplement after the verification."""
    explanation = clean_multiline(explanation)
    if not explanation:
        raise ValidationError({"explanation": "Vui lòng nhập nội dung giải trình."})
    if verification.reported_on is None:
        raise ValidationError("Chưa có báo cáo thẩm tra để giải trình.")
    verification.explanation, verification.explained_on = explanation, explained_on
    return _save(verification, user)


# Votes and resolutions -------------------------------------------------------------------------


@transaction.atomic
def vote_record(
    *,
    submission: Submission,
    voted_on: datetime.date,
    yes: int | None = None,
    no: int | None = None,
    abstain: int | None = None,
    ballots: Mapping[int, str] | None = None,
    user: AbstractBaseUser | None,
) -> Vote:
    """Record the vote on a draft, as totals or by delegate (delegate id -> choice), and compute the result.

    The base is every delegate in office on the day (Luật Tổ chức chính quyền địa phương: "quá nửa
    tổng số đại biểu"), so a vacancy lowers it and absent delegates count against. Refused: totals over
    the delegates in office, a ballot from someone not in office, a second vote on the same draft.
    """
    if not submission.has_draft:
        raise ValidationError("Chỉ hồ sơ có dự thảo nghị quyết mới được biểu quyết.")
    # The draft's row, locked: a second click waits for the first vote and then sees it.
    Submission.objects.select_for_update().filter(pk=submission.pk).first()
    if Vote.objects.filter(submission=submission).exists():
        raise ValidationError("Dự thảo này đã được biểu quyết.")
    council = submission.session.council
    in_office = {d.pk: d for d in delegates_in_office(council=council, on=voted_on).select_related("person")}
    base = len(in_office)
    if ballots is not None:
        method = VoteMethod.BY_DELEGATE
        errors = []
        for delegate_id, choice in ballots.items():
            if choice not in Choice.values:
                errors.append("Lựa chọn biểu quyết không hợp lệ.")
            elif delegate_id not in in_office:
                who = Delegate.objects.select_related("person").filter(pk=delegate_id).first()
                name = who.person.full_name if who is not None else f"mã {delegate_id}"
                errors.append(f"{name} không phải đại biểu đương nhiệm ngày {_d(voted_on)}.")
        if errors:
            raise ValidationError({"ballots": errors})
        choices = list(ballots.values())
        yes, no, abstain = choices.count(Choice.YES), choices.count(Choice.NO), choices.count(Choice.ABSTAIN)
    else:
        method = VoteMethod.TOTALS
        if yes is None or no is None or abstain is None:
            raise ValidationError({"yes": "Vui lòng nhập đủ số tán thành, không tán thành, không biểu quyết."})
        if min(yes, no, abstain) < 0:
            raise ValidationError({"yes": "Số phiếu không thể âm."})
        if yes + no + abstain > base:
            raise ValidationError(
                {
                    "yes": f"Tổng số phiếu ({yes + no + abstain}) vượt quá số đại biểu đương nhiệm "
                    f"ngày {_d(voted_on)} ({base})."
                }
            )
    key = "dismissal_threshold_percent" if submission.vote_rule == VoteRule.DISMISSAL else "pass_threshold_percent"
    percent, _ = rule_value(council, key)
    vote = Vote(
        submission=submission,
        voted_on=voted_on,
        method=method,
        yes=yes,
        no=no,
        abstain=abstain,
        in_office=base,
        threshold_percent=percent,
        passed=vote_passes(yes=yes, base=base, percent=percent, rule=submission.vote_rule),
    )
    _save(vote, user)
    if ballots is not None:
        Ballot.objects.bulk_create(
            [Ballot(vote=vote, delegate_id=delegate_id, choice=choice) for delegate_id, choice in ballots.items()]
        )
    return vote


@transaction.atomic
def resolution_issue(
    *,
    submission: Submission,
    subject: str,
    text: str,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str = "Chủ tịch",
    effective_on: datetime.date | None = None,
    report_due_on: datetime.date | None = None,
    user: AbstractBaseUser | None,
) -> Resolution:
    """Issue the resolution of a draft that passed, numbered by the register (normative: "05/2024/NQ-HĐND",
    otherwise "12/NQ-HĐND"); with `report_due_on`, the UBND owes an implementation report (an obligation).
    """
    # The draft's row, locked: a second click waits for the first issue and then sees its resolution.
    Submission.objects.select_for_update().filter(pk=submission.pk).first()
    vote = Vote.objects.filter(submission=submission).first()
    if vote is None or not vote.passed:
        raise ValidationError("Dự thảo chưa được biểu quyết thông qua, không thể ban hành nghị quyết.")
    if Resolution.objects.filter(submission=submission).exists():
        raise ValidationError("Nghị quyết của dự thảo này đã được ban hành.")
    if issued_on < vote.voted_on:
        raise ValidationError({"issued_on": "Ngày ban hành không thể trước ngày biểu quyết."})
    if effective_on is not None and effective_on < issued_on:
        raise ValidationError({"effective_on": "Ngày có hiệu lực không thể trước ngày ban hành."})
    council = submission.session.council
    ubnd = body_of_kind(council=council, kind=BodyKind.PEOPLES_COMMITTEE)
    if report_due_on is not None and ubnd is None:
        raise ValidationError({"report_due_on": "Hội đồng chưa có Ủy ban nhân dân trong danh mục cơ quan."})
    document = documents.document_create(
        council=council,
        doc_type=DocType.NGHI_QUYET,
        normative=submission.normative,
        subject=clean(subject) or submission.title,
        body=text,
        signer_authority=Authority.TM,
        signer_collective="Hội đồng nhân dân",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_lines="- Thường trực HĐND;\n- UBND;\n- Các vị đại biểu HĐND;",
        source=submission,
        issued_on=issued_on,
        user=user,
    )
    document = documents.document_issue(document=document, user=user, issued_on=issued_on)
    resolution = _save(
        Resolution(submission=submission, document=document, passed_on=vote.voted_on, effective_on=effective_on),
        user,
    )
    if report_due_on is not None:
        obligation = followup.obligation_create(
            council=council,
            owner=ubnd,
            title=f"Báo cáo kết quả thực hiện Nghị quyết {document.number_symbol}"[:500],
            kind=RESOLUTION_REPORT,
            source=resolution,
            source_date=issued_on,
            due_on=report_due_on,
            user=user,
        )
        resolution.implementation_obligation_id = obligation.pk
        resolution.save(update_fields=["implementation_obligation_id"])
    return resolution


@transaction.atomic
def resolution_publish(*, resolution: Resolution, user: AbstractBaseUser | None) -> Resolution:
    """Publish the resolution (Luật 87/2015, Điều 89: resolutions are posted on the portal)."""
    documents.document_publish(document=resolution.document, user=user)
    return resolution


# Questioning -----------------------------------------------------------------------------------


@transaction.atomic
def question_create(
    *,
    session: Session,
    delegate: Delegate,
    addressee: Person,
    addressee_body: Body,
    content: str,
    asked_on: datetime.date,
    user: AbstractBaseUser | None,
) -> Question:
    """Register a delegate's question slip to a named official (Luật 87/2015, Điều 60)."""
    council = session.council
    _same_council(council, addressee=addressee, addressee_body=addressee_body)
    if delegate.term.council_id != council.pk or not delegate.in_office_on(asked_on):
        raise ValidationError({"delegate": "Người chất vấn phải là đại biểu đương nhiệm của Hội đồng."})
    content = clean_multiline(content)
    if not content:
        raise ValidationError({"content": "Vui lòng nhập nội dung chất vấn."})
    question = Question(
        session=session,
        delegate=delegate,
        addressee=addressee,
        addressee_body=addressee_body,
        content=content,
        asked_on=asked_on,
    )
    return _save(question, user)


@transaction.atomic
def question_answer(
    *, question: Question, mode: str, answered_on: datetime.date, answer: str = "", user: AbstractBaseUser | None
) -> Question:
    """Answer a question at the session, or in writing.

    `mode` in writing with no answer yet defers it: the official owes a written answer within the
    council's written_answer_days (20 days, Luật 87/2015, Điều 60, 69), tracked as an obligation.
    """
    answer = clean_multiline(answer)
    if mode not in (AnswerMode.AT_SESSION, AnswerMode.IN_WRITING):
        raise ValidationError({"mode": "Vui lòng chọn hình thức trả lời."})
    if answered_on < question.asked_on:
        raise ValidationError({"answered_on": "Ngày trả lời không thể trước ngày gửi phiếu chất vấn."})
    if question.answered_on is not None:
        raise ValidationError("Chất vấn đã được trả lời.")
    council = question.session.council
    if mode == AnswerMode.AT_SESSION and not answer:
        raise ValidationError({"answer": "Vui lòng nhập nội dung trả lời."})
    question.mode = mode
    if answer:
        question.answer, question.answered_on = answer, answered_on
        _close_obligation(question.obligation_id, user=user, text="Đã trả lời chất vấn bằng văn bản.", on=answered_on)
    elif question.obligation_id is None:
        obligation = followup.obligation_create(
            council=council,
            owner=question.addressee_body,
            owner_person=question.addressee,
            title=f"Trả lời chất vấn bằng văn bản: {question.content}"[:500],
            kind=WRITTEN_ANSWER,
            source=question,
            source_date=answered_on,
            rule="written_answer_days",
            user=user,
        )
        question.obligation_id = obligation.pk
    return _save(question, user)


@transaction.atomic
def commitment_create(
    *, question: Question, content: str, next_session: Session, user: AbstractBaseUser | None
) -> Commitment:
    """A commitment made while answering: reported on at least 10 days before the next session
    (Luật 87/2015; setting commitment_report_before_session), tracked as an obligation."""
    content = clean_multiline(content)
    if not content:
        raise ValidationError({"content": "Vui lòng nhập nội dung lời hứa."})
    session = question.session
    if next_session.council_id != session.council_id or next_session.opens_on <= session.opens_on:
        raise ValidationError({"next_session": "Kỳ họp báo cáo phải là một kỳ họp sau của cùng Hội đồng."})
    since = question.answered_on or question.asked_on
    due_on = _deadline(session.council, next_session.opens_on, "commitment_report_before_session", "next_session")
    if due_on < since:
        raise ValidationError({"next_session": f"Hạn báo cáo ({_d(due_on)}) đã qua so với ngày trả lời."})
    commitment = _save(Commitment(question=question, content=content, next_session=next_session, due_on=due_on), user)
    obligation = followup.obligation_create(
        council=session.council,
        owner=question.addressee_body,
        owner_person=question.addressee,
        title=f"Báo cáo thực hiện lời hứa sau chất vấn: {content}"[:500],
        kind=COMMITMENT,
        source=commitment,
        source_date=since,
        due_on=due_on,
        user=user,
    )
    commitment.obligation_id = obligation.pk
    commitment.save(update_fields=["obligation_id"])
    return commitment


# Documents to delegates ------------------------------------------------------------------------


MAX_FILE_BYTES = 20 * 1024 * 1024


def _public_document_check(document: Document | None, public: bool) -> None:
    # A draft of the register is not yet a document of the council: it is never shown to the public.
    if public and document is not None and document.state not in (State.ISSUED, State.PUBLISHED, State.RECEIVED):
        raise ValidationError({"public": "Chỉ công khai được văn bản đã ban hành; văn bản liên kết còn là dự thảo."})


@transaction.atomic
def session_document_add(
    *,
    session: Session,
    title: str,
    submission: Submission | None = None,
    document: Document | None = None,
    file: UploadedFile | None = None,
    public: bool = False,
    user: AbstractBaseUser | None = None,
) -> SessionDocument:
    """Add a document to the session's file for delegates: the file of a submission, a document of the
    register (linked, not copied) or an uploaded file; a public one is posted on the public page."""
    title = clean(title) or (submission.title if submission else "") or (document.subject if document else "")
    title = title or (clean(file.name) if file else "")
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên tài liệu."})
    if submission is not None and submission.session_id != session.pk:
        raise ValidationError({"submission": "Hồ sơ trình không thuộc kỳ họp này."})
    if document is not None and document.council_id != session.council_id:
        raise ValidationError({"document": "Văn bản không thuộc Hội đồng này."})
    if file is not None and file.size > MAX_FILE_BYTES:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 20 MB)."})
    _public_document_check(document, public)
    row = SessionDocument(session=session, title=title[:500], submission=submission, document=document, public=public)
    if file is not None:
        row.file_name = clean(file.name)[:200] or "tai-lieu"
        row.file = file
    return _save(row, user)


@transaction.atomic
def session_document_set_public(
    *, session_document: SessionDocument, public: bool, user: AbstractBaseUser | None
) -> SessionDocument:
    """Show a session document on the public page, or take it off (Luật 87/2015, Điều 89: documents of the
    session are posted on the portal)."""
    _public_document_check(session_document.document, public)
    session_document.public = public
    return _save(session_document, user)


def documents_due_on(session: Session) -> datetime.date | None:
    """When documents must reach delegates (the council's setting), or None while it is not set."""
    try:
        return deadline(session.council, session.opens_on, rule="documents_to_delegates_before_opening", before=True)
    except MissingSetting:
        return None


@transaction.atomic
def session_documents_send(*, session: Session, sent_on: datetime.date, user: AbstractBaseUser | None) -> int:
    """Send the documents not yet sent to every delegate; returns how many were sent."""
    if sent_on > session.opens_on:
        raise ValidationError({"sent_on": "Ngày gửi tài liệu không thể sau ngày khai mạc."})
    pending = list(session.documents.filter(sent_on__isnull=True))
    for doc in pending:
        doc.sent_on = sent_on
        _save(doc, user)
    return len(pending)


def document_open(*, session_document: SessionDocument, delegate: Delegate) -> DocumentOpen:
    """Note that a delegate opened a document (the first time only)."""
    opened, _ = DocumentOpen.objects.get_or_create(session_document=session_document, delegate=delegate)
    return opened


# During the session ----------------------------------------------------------------------------


def _sitting_day(session: Session, day: datetime.date, field: str, what: str) -> None:
    first, last = session.opened_on or session.opens_on, session.closed_on or session.closes_on
    if not (first <= day <= last):
        raise ValidationError({field: f"{what} phải trong thời gian kỳ họp ({_d(first)} – {_d(last)})."})


@transaction.atomic
def attendance_record(
    *,
    session: Session,
    day: datetime.date,
    presence: Mapping[int, str],
    reasons: Mapping[int, str] | None = None,
    user: AbstractBaseUser | None,
) -> int:
    """Record each delegate's presence on a sitting day (delegate id -> presence, and the reason of an
    excused absence); a delegate already recorded that day is updated. Returns the rows written."""
    _sitting_day(session, day, "day", "Ngày điểm danh")
    in_office = {d.pk: d for d in delegates_in_office(council=session.council, on=day).select_related("person")}
    if set(presence) - set(in_office):
        raise ValidationError({"presence": "Chỉ điểm danh đại biểu đương nhiệm."})
    if set(presence.values()) - set(Presence.values):
        raise ValidationError({"presence": "Giá trị điểm danh không hợp lệ."})
    reasons = {k: clean(v) for k, v in (reasons or {}).items()}
    unexplained = [
        in_office[k].person.full_name for k, v in presence.items() if v == Presence.EXCUSED and not reasons.get(k)
    ]
    if unexplained:
        raise ValidationError({"reason": f"Vui lòng ghi lý do vắng của: {', '.join(unexplained)}."})
    existing = {a.delegate_id: a for a in Attendance.objects.filter(session=session, day=day)}
    for delegate_id, value in presence.items():
        row = existing.get(delegate_id) or Attendance(session=session, delegate_id=delegate_id, day=day)
        reason = reasons.get(delegate_id, "") if value != Presence.PRESENT else ""
        if row.pk is not None and row.presence == value and row.reason == reason:
            continue
        row.presence, row.reason = value, reason[:250]
        _save(row, user)
    return len(presence)


@transaction.atomic
def speech_add(
    *,
    session: Session,
    delegate: Delegate,
    spoken_on: datetime.date,
    summary: str = "",
    item: AgendaItem | None = None,
    in_group: bool = False,
    user: AbstractBaseUser | None = None,
) -> Speech:
    """Record a delegate's speech in plenary or in a group discussion, on a sitting day."""
    if delegate.term.council_id != session.council_id or not delegate.in_office_on(spoken_on):
        raise ValidationError({"delegate": "Người phát biểu phải là đại biểu đương nhiệm của Hội đồng."})
    if item is not None and item.session_id != session.pk:
        raise ValidationError({"item": "Nội dung không thuộc kỳ họp này."})
    _sitting_day(session, spoken_on, "spoken_on", "Ngày phát biểu")
    speech = Speech(
        session=session,
        delegate=delegate,
        spoken_on=spoken_on,
        summary=clean_multiline(summary),
        item=item,
        in_group=in_group,
    )
    return _save(speech, user)


@transaction.atomic
def group_discussion_add(
    *, session: Session, group: Body, held_on: datetime.date, notes: str, user: AbstractBaseUser | None = None
) -> GroupDiscussion:
    """Record a delegate group's discussion (thảo luận tổ) on a sitting day, with its notes."""
    _same_council(session.council, group=group)
    if group.kind != BodyKind.DELEGATE_GROUP:
        raise ValidationError({"group": "Chỉ Tổ đại biểu mới thảo luận tổ."})
    notes = clean_multiline(notes)
    if not notes:
        raise ValidationError({"notes": "Vui lòng nhập nội dung thảo luận."})
    _sitting_day(session, held_on, "held_on", "Ngày thảo luận")
    return _save(GroupDiscussion(session=session, group=group, held_on=held_on, notes=notes), user)


# The convening decision and the minutes --------------------------------------------------------


def _term_name(session: Session) -> str:
    return f"Hội đồng nhân dân {session.council.unit_label}, nhiệm kỳ {session.term.name}"


@transaction.atomic
def session_convening_link(*, session: Session, document: Document, user: AbstractBaseUser | None) -> Session:
    """Name a document of the register (issued, of the council) as the session's convening decision."""
    if document.council_id != session.council_id:
        raise ValidationError({"document": "Văn bản không thuộc Hội đồng này."})
    if document.direction == Direction.OUTGOING and document.state not in (State.ISSUED, State.PUBLISHED):
        raise ValidationError({"document": "Quyết định triệu tập phải là văn bản đã ban hành."})
    session.convening_document = document
    if session.state == SessionState.PLANNED:
        session.state = SessionState.CONVENED
    return _save(session, user)


@transaction.atomic
def session_convening_generate(
    *,
    session: Session,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str = "Chủ tịch",
    text: str = "",
    user: AbstractBaseUser | None,
) -> Session:
    """Issue the decision convening the session (Quyết định triệu tập) through the document register, signed
    on behalf of the standing committee (Luật Tổ chức chính quyền địa phương: the standing committee convenes
    the council's sessions), and link it to the session."""
    if session.convening_document_id is not None:
        raise ValidationError("Kỳ họp đã có quyết định triệu tập.")
    if issued_on > session.opens_on:
        raise ValidationError({"issued_on": "Ngày ban hành quyết định triệu tập không thể sau ngày khai mạc."})
    if not clean(signer_name):
        raise ValidationError({"signer_name": "Vui lòng nhập họ và tên người ký."})
    body = clean_multiline(text) or "\n".join(
        [
            f"Điều 1. Triệu tập {session}, {_term_name(session)} ({session.get_kind_display().lower()}).",
            f"Thời gian: khai mạc ngày {_d(session.opens_on)}, bế mạc ngày {_d(session.closes_on)}.",
            f"Địa điểm: {session.place or 'sẽ thông báo sau'}.",
            "Điều 2. Nội dung kỳ họp theo chương trình gửi kèm.",
            "Điều 3. Văn phòng, các đại biểu Hội đồng nhân dân và cơ quan, cá nhân có liên quan chịu trách nhiệm "
            "thi hành Quyết định này.",
        ]
    )
    document = documents.document_create(
        council=session.council,
        doc_type=DocType.QUYET_DINH,
        subject=f"Về việc triệu tập {session}, {_term_name(session)}",
        body=body,
        signer_authority=Authority.TM,
        signer_collective="Thường trực HĐND",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_lines="- Các vị đại biểu HĐND;\n- UBND;\n- UBMTTQVN;\n- Cơ quan, đơn vị có liên quan;",
        source=session,
        issued_on=issued_on,
        user=user,
    )
    document = documents.document_issue(document=document, user=user, issued_on=issued_on)
    return session_convening_link(session=session, document=document, user=user)


def minutes_text(session: Session) -> str:
    """The body of the minutes (biên bản kỳ họp) from the session record: time and place, attendance per
    sitting day against the delegates in office that day, agenda, speeches and group discussions, votes
    and their results. Fixed number of queries."""
    lines = [f"{session}, {_term_name(session)} ({session.get_kind_display().lower()}).", "# I. THỜI GIAN, ĐỊA ĐIỂM"]
    first, last = session.opened_on or session.opens_on, session.closed_on or session.closes_on
    lines.append(f"Thời gian: từ ngày {_d(first)} đến ngày {_d(last)}.")
    lines.append(f"Địa điểm: {session.place or '—'}.")
    lines.append("# II. THÀNH PHẦN THAM DỰ")
    days = selectors.attendance_counts(session)
    if not days:
        lines.append("Chưa có số liệu điểm danh.")
    for row in days:
        lines.append(
            f"Ngày {_d(row['day'])}: có mặt {row['present']}/{row['in_office']} đại biểu; vắng có lý do "
            f"{row['excused']}; vắng không lý do {row['absent']}."
        )
    lines.append("# III. CHƯƠNG TRÌNH KỲ HỌP")
    agenda = list(session.agenda.all())
    lines += [f"{i}. {item.title}." for i, item in enumerate(agenda, start=1)] or ["Chưa có chương trình."]
    speeches = list(Speech.objects.filter(session=session).values_list("in_group", flat=True))
    groups = GroupDiscussion.objects.filter(session=session).count()
    lines.append("# IV. THẢO LUẬN")
    lines.append(
        f"Có {speeches.count(False)} lượt đại biểu phát biểu tại hội trường và {speeches.count(True)} lượt "
        f"phát biểu tại tổ; {groups} buổi thảo luận tổ."
    )
    lines.append("# V. BIỂU QUYẾT VÀ KẾT QUẢ")
    subs = list(
        session.submissions.filter(vote__isnull=False)
        .select_related("vote", "resolution__document")
        .order_by("due_on", "pk")
    )
    if not subs:
        lines.append("Không có nội dung biểu quyết.")
    for i, sub in enumerate(subs, start=1):
        vote = sub.vote
        outcome = "thông qua" if vote.passed else "không thông qua"
        resolution = getattr(sub, "resolution", None)
        number = f" (Nghị quyết số {resolution.document.number_symbol})" if resolution else ""
        lines.append(
            f"{i}. {sub.title}: tán thành {vote.yes}/{vote.in_office} đại biểu ({vote.yes_percent:g}%), "
            f"không tán thành {vote.no}, không biểu quyết {vote.abstain} — {outcome}{number}."
        )
    lines.append(f"Kỳ họp bế mạc ngày {_d(last)}.")
    return "\n".join(lines)


@transaction.atomic
def minutes_generate(
    *,
    session: Session,
    signer_name: str,
    signer_title: str = "Chủ tọa kỳ họp",
    issued_on: datetime.date | None = None,
    issue: bool = False,
    user: AbstractBaseUser | None,
) -> Document:
    """Draft the minutes (biên bản, doc_type "bien_ban") from the session record through the document
    register, or redraft them while still a draft; `issue` numbers and issues them. Issued minutes are
    the record and are not redrafted."""
    if not clean(signer_name):
        raise ValidationError({"signer_name": "Vui lòng nhập họ và tên người ký."})
    last = session.closed_on or session.closes_on
    issued_on = issued_on or last
    if issued_on < (session.opened_on or session.opens_on):
        raise ValidationError({"issued_on": "Ngày lập biên bản không thể trước ngày khai mạc."})
    fields = {
        "subject": f"{session}, {_term_name(session)}",
        "body": minutes_text(session),
        "signer_title": signer_title,
        "signer_name": signer_name,
        "issued_on": issued_on,
    }
    current = session.minutes_document
    if current is not None and current.is_frozen:
        raise ValidationError("Biên bản kỳ họp đã ban hành, không thể lập lại.")
    if current is None:
        current = documents.document_create(
            council=session.council,
            doc_type=DocType.BIEN_BAN,
            recipient_lines="- Thường trực HĐND;\n- Các vị đại biểu HĐND;",
            source=session,
            user=user,
            **fields,
        )
    else:
        current = documents.document_update(document=current, **fields)
    if issue:
        current = documents.document_issue(document=current, user=user, issued_on=issued_on)
    session.minutes_document = current
    _save(session, user)
    return current
