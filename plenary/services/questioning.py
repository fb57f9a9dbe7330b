"""Questioning: questions, answers and the commitments that become obligations."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from followup import services as followup
from followup.models import Obligation, ObligationUpdate
from followup.models import State as ObligationState
from hdnd import dates
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean_multiline
from plenary.models import (
    AnswerMode,
    Commitment,
    Question,
    Session,
)
from plenary.services._common import (
    COMMITMENT,
    WRITTEN_ANSWER,
    _deadline_basis,
)
from registry.access import same_council as _same_council
from registry.models import Body, Delegate, Person
from registry.services import council_accepts


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
    council_accepts(council, asked_on, field="asked_on")
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
    return validated_save(question, user)


def _written_obligation(question: Question, *, on: datetime.date, user: AbstractBaseUser | None) -> Obligation:
    """The obligation of the official's written answer, due within the council's written_answer_days of
    `on` (20 days, Luật 87/2015, Điều 60, 69)."""
    obligation = followup.obligation_create(
        council=question.session.council,
        owner=question.addressee_body,
        owner_person=question.addressee,
        title=f"Trả lời chất vấn bằng văn bản: {question.content}"[:500],
        kind=WRITTEN_ANSWER,
        source=question,
        source_date=on,
        rule="written_answer_days",
        start_event="Ngày chất vấn chưa được trả lời tại kỳ họp",
        user=user,
    )
    question.obligation_id = obligation.pk
    return obligation


def _seen(question: Question, obligation: Obligation | None) -> None:
    """The question's view of its obligation (the written answer's progress), as it stands now."""
    question.obligation_due_on = obligation.due_on if obligation else None
    question.obligation_state = obligation.state if obligation else None
    question.obligation_reported_on = obligation.reported_on if obligation else None


@transaction.atomic
def question_answer(
    *, question: Question, mode: str, answered_on: datetime.date, answer: str = "", user: AbstractBaseUser | None
) -> Question:
    """Answer a question at the session, or in writing.

    `mode` in writing with no answer yet defers it: the official owes a written answer within the
    council's written_answer_days (20 days, Luật 87/2015, Điều 60, 69), tracked as an obligation. The
    written answer, recorded here or reported by the answering body on its follow-up task, is that
    obligation reported done on `answered_on`: the question reads it from there (`question_reported`).
    """
    answer = clean_multiline(answer)
    if mode not in (AnswerMode.AT_SESSION, AnswerMode.IN_WRITING):
        raise ValidationError({"mode": "Vui lòng chọn hình thức trả lời."})
    council_accepts(question.session.council, answered_on, field="answered_on")
    if answered_on < question.asked_on:
        raise ValidationError({"answered_on": "Ngày trả lời không thể trước ngày gửi phiếu chất vấn."})
    obligation = Obligation.objects.select_for_update().filter(pk=question.obligation_id).first()
    _seen(question, obligation)
    if not question.is_open:
        raise ValidationError(f"Chất vấn đã ở trạng thái “{question.get_state_display()}”; không ghi trả lời được.")
    if question.mode == AnswerMode.IN_WRITING and mode != AnswerMode.IN_WRITING:
        raise ValidationError({"mode": "Chất vấn đã chuyển sang trả lời bằng văn bản."})
    if mode == AnswerMode.AT_SESSION:
        if not answer:
            raise ValidationError({"answer": "Vui lòng nhập nội dung trả lời."})
        question.mode, question.answer, question.session_answered_on = mode, answer, answered_on
        return validated_save(question, user)
    if obligation is None:
        question.mode = mode
        obligation = _written_obligation(question, on=answered_on, user=user)
        validated_save(question, user)
    elif not answer:
        raise ValidationError({"answer": "Vui lòng nhập nội dung trả lời bằng văn bản."})
    if answer:
        # The report carries the answer; the kind's callback writes it on the question.
        obligation = followup.obligation_report(
            obligation=obligation, user=user, text=answer, done=True, on=answered_on
        )
        question.refresh_from_db(fields=["answer"])
    _seen(question, obligation)
    return question


def question_reported(obligation: Obligation, update: ObligationUpdate, user: AbstractBaseUser | None) -> None:
    """The follow-up engine's callback when the answering body (or the office) reports on a written
    answer, from any screen or route: a completion's text is the question's answer. Whether and when it
    was answered, returned or cancelled stays the obligation's, where the question reads it."""
    if obligation.state != ObligationState.REPORTED_DONE:
        return
    question = Question.objects.select_for_update().filter(pk=obligation.source_id, obligation_id=obligation.pk).first()
    if question is None:
        return
    question.answer = clean_multiline(update.text)
    validated_save(question, user, update_fields=["answer"])


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
    council_accepts(session.council, dates.today(), field="content")  # entered today: dated today
    if next_session.council_id != session.council_id or next_session.opens_on <= session.opens_on:
        raise ValidationError({"next_session": "Kỳ họp báo cáo phải là một kỳ họp sau của cùng Hội đồng."})
    since = question.answered_on or question.asked_on
    basis = _deadline_basis(session.council, next_session.opens_on, "commitment_report_before_session", "next_session")
    due_on = basis.due
    if due_on < since:
        raise ValidationError({"next_session": f"Hạn báo cáo ({format_date(due_on)}) đã qua so với ngày trả lời."})
    commitment = validated_save(Commitment(question=question, content=content, next_session=next_session), user)
    obligation = followup.obligation_create(
        council=session.council,
        owner=question.addressee_body,
        owner_person=question.addressee,
        title=f"Báo cáo thực hiện lời hứa sau chất vấn: {content}"[:500],
        kind=COMMITMENT,
        source=commitment,
        source_date=since,
        basis=basis,
        start_event=f"Ngày khai mạc {next_session}",
        user=user,
    )
    commitment.obligation_id = obligation.pk
    commitment.save(update_fields=["obligation_id"])
    commitment.obligation_due_on, commitment.obligation_state = obligation.due_on, obligation.state
    return commitment
