"""Requests for the standing committee's written opinion, the members' opinions and the reply letter."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents import services as documents
from documents.models import Authority, DocType, Document
from followup import services as followup
from followup.models import State as ObligationState
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold, splice
from registry.models import Body, BodyKind, Council, Membership, Person
from registry.selectors import body_of_kind, standing_committee
from registry.services import council_accepts
from standing.models import (
    MemberOpinion,
    OpinionRequest,
    OpinionState,
    Stance,
)
from standing.services._common import WRITTEN_OPINION_REQUEST, _issue_draft
from standing.wording import reply_body, reply_signer


@transaction.atomic
def opinion_request_create(
    *,
    council: Council,
    subject: str,
    received_on: datetime.date,
    due_on: datetime.date,
    sender_body: Body | None = None,
    external_number: str = "",
    external_date: datetime.date | None = None,
    doc_type: str = DocType.TO_TRINH,
    user: AbstractBaseUser | None = None,
) -> OpinionRequest:
    """Register the people's committee's request as an incoming document and owe the standing committee an answer.

    The obligation ("written_opinion_request") is the standing committee's until the opinion letter is issued.
    """
    council_accepts(council, received_on, field="received_on")
    subject = clean(subject)
    errors = {}
    if not subject:
        errors["subject"] = "Vui lòng nhập nội dung xin ý kiến."
    if received_on and due_on and due_on < received_on:
        errors["due_on"] = "Hạn trả lời không thể trước ngày nhận."
    standing = standing_committee(council)
    if standing is None:
        errors["subject"] = "Hội đồng chưa có Thường trực HĐND trong danh mục cơ quan."
    if sender_body is not None and sender_body.council_id != council.pk:
        errors["sender_body"] = "Cơ quan gửi không thuộc Hội đồng này."
    if errors:
        raise ValidationError(errors)
    people = body_of_kind(council=council, kind=BodyKind.PEOPLES_COMMITTEE)
    sender = sender_body or people
    document = documents.incoming_create(
        council=council,
        doc_type=doc_type,
        subject=subject,
        received_on=received_on,
        sender_body=sender,
        sender_name="" if sender else "UBND",
        external_number=external_number,
        external_date=external_date,
        user=user,
    )
    request = OpinionRequest(
        council=council,
        request_document=document,
        subject=subject,
        received_on=received_on,
        subject_folded=fold(subject)[:500],
    )
    validated_save(request, user)
    request.obligation = followup.obligation_create(
        council=council,
        owner=standing,
        title=f"Cho ý kiến bằng văn bản: {subject}"[:500],
        kind=WRITTEN_OPINION_REQUEST,
        source=request,
        source_label=f"Văn bản đến số {document.number}: {subject}"[:300],
        source_date=received_on,
        due_on=due_on,
        user=user,
    )
    return validated_save(request, user)


def _is_member_on(person: Person, council: Council, on: datetime.date) -> bool:
    body = standing_committee(council)
    if body is None:
        return False
    return any(m.active_on(on) for m in Membership.objects.filter(body=body, person=person))


@transaction.atomic
def opinion_add(
    *, request: OpinionRequest, person: Person, stance: str, text: str = "", user: AbstractBaseUser | None = None
) -> MemberOpinion:
    """Record a member's opinion; only members of the standing committee on the day the request arrived."""
    current = OpinionRequest.objects.select_for_update(of=("self",)).select_related("council").get(pk=request.pk)
    council_accepts(current.council, dates.today(), field="stance")  # given today: dated today
    if current.state != OpinionState.OPEN:
        raise ValidationError("Đề nghị đã có văn bản trả lời; không nhận thêm ý kiến.")
    errors = {}
    if stance not in Stance.values:
        errors["stance"] = "Vui lòng chọn ý kiến."
    if person.council_id != current.council_id or not _is_member_on(person, current.council, current.received_on):
        errors["person"] = f"Đồng chí {person.full_name} không là thành viên Thường trực HĐND vào ngày nhận đề nghị."
    elif current.opinions.filter(person=person).exists():
        errors["person"] = f"Đồng chí {person.full_name} đã cho ý kiến về đề nghị này."
    text = clean_multiline(text)
    if stance in (Stance.DISAGREE, Stance.OTHER) and not text:
        errors["text"] = "Vui lòng ghi nội dung ý kiến khi không đồng ý hoặc có ý kiến khác."
    if errors:
        raise ValidationError(errors)
    return validated_save(MemberOpinion(request=current, person=person, stance=stance, text=text), user)


@transaction.atomic
def reply_generate(*, request: OpinionRequest, user: AbstractBaseUser | None = None) -> Document:
    """Draft (or redraft) the opinion letter (Công văn "NN/HĐND-VP"), addressed to the requesting body."""
    current = (
        OpinionRequest.objects.select_for_update(of=("self",))
        .select_related("council", "request_document")
        .get(pk=request.pk)
    )
    council_accepts(current.council, None)  # a ceased council drafts nothing
    if current.state != OpinionState.OPEN:
        raise ValidationError("Đề nghị đã có văn bản trả lời.")
    title, name = reply_signer(current.council, current.received_on)
    fields = {
        "subject": f"cho ý kiến về {splice('về', current.subject)}"[:500],
        "body": reply_body(current),
        "signer_authority": Authority.TM,
        "signer_collective": "Thường trực HĐND",
        "signer_title": title,
        "signer_name": name,
        "recipient_lines": "Như trên\nLưu: VT.",
    }
    sender = current.request_document.sender_body
    recipients = [sender] if sender else []
    draft = current.reply
    if draft is None:
        draft = documents.document_create(
            council=current.council,
            doc_type=DocType.CONG_VAN,
            source=current,
            recipient_bodies=recipients,
            user=user,
            **fields,
        )
        current.reply = draft
        return validated_save(current, user).reply
    return documents.document_update(document=draft, recipient_bodies=recipients, **fields)


@transaction.atomic
def reply_issue(
    *, request: OpinionRequest, user: AbstractBaseUser | None, issued_on: datetime.date | None = None
) -> OpinionRequest:
    """Issue the opinion letter, link it to the request and close the request's obligation with it."""
    current = OpinionRequest.objects.select_for_update().get(pk=request.pk)
    if current.state != OpinionState.OPEN:
        raise ValidationError("Đề nghị đã có văn bản trả lời.")
    if current.reply_id is None:
        raise ValidationError("Chưa tạo dự thảo văn bản trả lời.")
    draft = Document.objects.get(pk=current.reply_id)
    # The engine's on_issue hook (`reply_issued`) answers the request, whichever screen issues the letter.
    _issue_draft(draft, user=user, issued_on=issued_on)
    current.refresh_from_db()
    return current


def reply_issued(request: OpinionRequest, letter: Document, user: AbstractBaseUser | None) -> None:
    """The on_issue hook of an opinion request: its letter issued (from any screen) answers it and closes
    its obligation with the letter as the reply. Other documents of the request change nothing."""
    current = OpinionRequest.objects.select_for_update().get(pk=request.pk)
    if letter.pk != current.reply_id or current.state != OpinionState.OPEN:
        return
    obligation = current.obligation
    if obligation is not None and obligation.state in (
        ObligationState.ASSIGNED,
        ObligationState.IN_PROGRESS,
        ObligationState.RETURNED,
    ):
        followup.obligation_report(
            obligation=obligation,
            user=user,
            text=f"Đã ban hành Công văn số {letter.number_symbol} cho ý kiến.",
            done=True,
            reply=letter,
            on=letter.issued_on,
        )
        followup.obligation_accept(obligation=obligation, user=user, text="Đã trả lời bằng văn bản.")
