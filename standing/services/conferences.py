"""Conferences (hội nghị) held by the standing committee: the record, its tasks and its documents."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents import services as documents
from documents.models import Authority, DocType, Document
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold
from registry.models import Body, Council
from registry.services import council_accepts
from standing.models import (
    Conference,
    ConferenceKind,
    ConferenceTask,
)
from standing.services._common import _check_bodies, _check_conference_open, _issue_draft, _lock_conference, _next_order
from standing.services.tasks import conclusion_tasks_assign
from standing.wording import conference_body, default_recipients, office_chief, reply_signer

CONFERENCE_DOC_TYPES = (DocType.THONG_BAO, DocType.BIEN_BAN)


CONFERENCE_FIELDS = ("kind", "held_on", "place", "subject", "participants", "conclusions")


def _conference_errors(conference: Conference) -> dict[str, str]:
    errors = {}
    if conference.kind not in ConferenceKind.values:
        errors["kind"] = "Vui lòng chọn loại hội nghị."
    if not conference.place:
        errors["place"] = "Vui lòng nhập địa điểm."
    if not conference.subject:
        errors["subject"] = "Vui lòng nhập nội dung hội nghị."
    return errors


@transaction.atomic
def conference_create(
    *,
    council: Council,
    kind: str,
    held_on: datetime.date,
    place: str,
    subject: str,
    participants: Iterable[Body] = (),
    conclusions: str = "",
    user: AbstractBaseUser | None = None,
) -> Conference:
    """Record a joint (liên tịch) or briefing (trực báo) conference with the bodies that took part."""
    council_accepts(council, held_on, field="held_on")
    participants = _check_bodies(council, participants, "participants")
    conference = Conference(
        council=council,
        kind=kind,
        held_on=held_on,
        place=clean(place),
        subject=clean(subject),
        conclusions=clean_multiline(conclusions),
        created_by=user,
        subject_folded=fold(subject)[:500],
    )
    errors = _conference_errors(conference)
    if errors:
        raise ValidationError(errors)
    validated_save(conference, user)
    conference.participants.set(participants)
    return conference


@transaction.atomic
def conference_update(*, conference: Conference, user: AbstractBaseUser | None = None, **fields: object) -> Conference:
    """Change a conference's record until its document is issued."""
    current = _lock_conference(conference)
    _check_conference_open(current)
    unknown = set(fields) - set(CONFERENCE_FIELDS)
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    participants = fields.pop("participants", None)
    for name, value in fields.items():
        if isinstance(value, str):
            value = clean_multiline(value) if name == "conclusions" else clean(value)
        setattr(current, name, value)
    errors = _conference_errors(current)
    if errors:
        raise ValidationError(errors)
    current.subject_folded = fold(current.subject)[:500]
    validated_save(current, user)
    if participants is not None:
        current.participants.set(_check_bodies(current.council, participants, "participants"))
    return current


@transaction.atomic
def conference_task_add(
    *,
    conference: Conference,
    text: str,
    body: Body | None,
    due_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> ConferenceTask:
    """Give a body work from the conference (an obligation once the conference's document is issued)."""
    current = _lock_conference(conference)
    _check_conference_open(current)
    text = clean(text)
    errors = {}
    if not text:
        errors["text"] = "Vui lòng nhập nội dung nhiệm vụ."
    if body is None:
        errors["body"] = "Nhiệm vụ được giao phải có cơ quan chịu trách nhiệm."
    elif body.council_id != current.council_id:
        errors["body"] = "Cơ quan được giao không thuộc Hội đồng này."
    if due_on is not None and due_on < current.held_on:
        errors["due_on"] = f"Hạn thực hiện không thể trước ngày hội nghị ({format_date(current.held_on)})."
    if errors:
        raise ValidationError(errors)
    task = ConferenceTask(
        conference=current, text=text, body=body, due_on=due_on, order=_next_order(current.tasks.all())
    )
    return validated_save(task, user)


@transaction.atomic
def conference_task_delete(*, task: ConferenceTask, user: AbstractBaseUser | None = None) -> None:
    """Remove a task while the conference's document is not issued."""
    _check_conference_open(_lock_conference(task.conference))
    task.delete()


@transaction.atomic
def conference_document_generate(
    *, conference: Conference, doc_type: str = DocType.THONG_BAO, user: AbstractBaseUser | None = None
) -> Document:
    """Draft (or redraft) the conference's Thông báo (signed TL. by the office chief) or Biên bản (signed by the
    chair of the standing committee who presided) from the record; refused once issued."""
    current = _lock_conference(conference)
    _check_conference_open(current)
    if doc_type not in CONFERENCE_DOC_TYPES:
        raise ValidationError({"doc_type": "Văn bản của hội nghị là Thông báo hoặc Biên bản."})
    council = current.council
    kind = current.get_kind_display()
    fields: dict = {
        "doc_type": doc_type,
        "body": conference_body(current, doc_type),
        "recipient_lines": default_recipients(council),
    }
    if doc_type == DocType.BIEN_BAN:
        title, name = reply_signer(council, current.held_on)
        fields |= {
            "subject": f"{kind} ngày {format_date(current.held_on)}",
            "signer_authority": Authority.TM,
            "signer_collective": "Thường trực HĐND",
            "signer_title": title,
            "signer_name": name,
        }
    else:
        fields |= {
            "subject": f"Kết luận của Thường trực {council.short_title} tại {kind} ngày {format_date(current.held_on)}",
            "signer_authority": Authority.TL,
            "signer_collective": "Thường trực HĐND",
            "signer_title": "Chánh Văn phòng",
            "signer_name": office_chief(council, current.held_on),
        }
    if current.document_id is None:
        document = documents.document_create(council=council, source=current, user=user, **fields)
        current.document = document
        validated_save(current, user)
        return document
    return documents.document_update(document=current.document, **fields)


@transaction.atomic
def conference_document_issue(
    *, conference: Conference, user: AbstractBaseUser | None, issued_on: datetime.date | None = None
) -> Document:
    """Issue the conference's document (numbered by the engine), then make its tasks obligations."""
    current = _lock_conference(conference)
    if current.document_id is None:
        raise ValidationError("Chưa tạo dự thảo văn bản của hội nghị.")
    draft = Document.objects.get(pk=current.document_id)
    if draft.is_frozen:
        raise ValidationError("Văn bản của hội nghị đã được ban hành.")
    # The engine's on_issue hook calls conference_tasks_assign inside this transaction.
    return _issue_draft(draft, user=user, issued_on=issued_on)


def conference_tasks_assign(*, conference: Conference, user: AbstractBaseUser | None = None) -> list[ConferenceTask]:
    """Create the obligation of every task of the conference's issued document that has none (idempotent)."""
    return conclusion_tasks_assign(record=conference, user=user)
