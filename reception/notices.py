"""The notice of conclusions of a reception (Thông báo kết luận việc tiếp công dân, NĐ 154/2026, Điều 25):
a draft through the documents engine; on issue, its tasks become the bodies' obligations."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents.models import Authority, DocType, Document, State
from followup.services import obligation_create
from hdnd.saving import validated_save
from hdnd.text import clean_multiline
from reception.models import ReceptionSession, ReceptionTask
from registry.models import Body
from registry.services import council_accepts

TASK_KIND = "reception_conclusion_task"


@transaction.atomic
def task_add(
    *,
    session: ReceptionSession,
    body: Body,
    text: str,
    user: AbstractBaseUser | None,
    due_on: datetime.date | None = None,
) -> ReceptionTask:
    """A task of the reception's conclusions for a body (before its notice is issued)."""
    session = ReceptionSession.objects.select_for_update(of=("self",)).select_related("notice").get(pk=session.pk)
    council_accepts(session.council, None, field="text")  # a ceased council's records stay as they were
    errors = {}
    if body.council_id != session.council_id:
        errors["body"] = "Cơ quan thực hiện không thuộc Hội đồng này."
    if not clean_multiline(text):
        errors["text"] = "Vui lòng nhập nội dung giao."
    if due_on is not None and due_on < session.held_on:
        errors["due_on"] = "Hạn thực hiện không thể trước ngày tiếp."
    if session.notice_id is not None and session.notice.state != State.DRAFT:
        errors["text"] = "Thông báo kết luận đã ban hành; không thêm nhiệm vụ được nữa."
    if errors:
        raise ValidationError(errors)
    task = ReceptionTask(session=session, body=body, text=clean_multiline(text), due_on=due_on)
    validated_save(task, user)
    return task


def _body(session: ReceptionSession, tasks: list[ReceptionTask]) -> str:
    receivers = ", ".join(p.full_name for p in session.receivers.all()) or "đại biểu HĐND"
    lines = [
        f"Ngày {session.held_on:%d/%m/%Y}, tại {session.place or 'trụ sở tiếp công dân'}, {receivers} đã tiếp "
        f"{session.citizens:02d} lượt công dân{' (đoàn đông người)' if session.group else ''}.",
        "## Nội dung công dân trình bày",
        session.content,
    ]
    if session.conclusion:
        lines += ["## Ý kiến kết luận", session.conclusion]
    if tasks:
        lines.append("## Giao nhiệm vụ")
        for i, task in enumerate(tasks, start=1):
            due = f" Thời hạn: trước ngày {task.due_on:%d/%m/%Y}." if task.due_on else ""
            lines.append(f"{i}. {task.body.name}: {task.text}{due}")
    return "\n".join(lines)


@transaction.atomic
def notice_draft(
    *,
    session: ReceptionSession,
    conclusion: str,
    signer_title: str,
    signer_name: str,
    user: AbstractBaseUser | None,
    signer_authority: str = Authority.TL,
) -> Document:
    """The draft notice of the reception's conclusions with its tasks (made again while it is a draft)."""
    from documents.services import document_create, document_update

    current = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    council_accepts(current.council, None, field="conclusion")  # a ceased council's records stay as they were
    if current.notice_id is not None and current.notice.state != State.DRAFT:
        raise ValidationError("Thông báo kết luận của buổi tiếp này đã được ban hành.")
    if not clean_multiline(conclusion):
        raise ValidationError({"conclusion": "Vui lòng nhập ý kiến kết luận của người chủ trì buổi tiếp."})
    current.conclusion = clean_multiline(conclusion)
    validated_save(current, user, update_fields=["conclusion"])
    tasks = list(current.tasks.select_related("body").order_by("pk"))
    council = current.council
    fields = {
        "subject": (
            f"Kết luận của Thường trực {council.short_title} tại buổi tiếp công dân ngày {current.held_on:%d/%m/%Y}"
        ),
        "body": _body(current, tasks),
        "signer_authority": signer_authority,
        "signer_title": signer_title,
        "signer_name": signer_name,
    }
    recipients = list({t.body_id: t.body for t in tasks}.values())
    if current.notice_id is not None:
        return document_update(document=current.notice, recipient_bodies=recipients, **fields)
    document = document_create(
        council=council,
        doc_type=DocType.THONG_BAO,
        signer_collective=f"THƯỜNG TRỰC {council.short_title.upper()}",
        recipient_bodies=recipients,
        recipient_lines="Thường trực HĐND (b/c)\nLưu: VT, hồ sơ tiếp công dân",
        source=current,
        user=user,
        **fields,
    )
    current.notice = document
    validated_save(current, user, update_fields=["notice"])
    return document


def notice_issued(session: ReceptionSession, document: Document, user: AbstractBaseUser | None) -> None:
    """The documents engine's hook when the notice is issued, from any screen: each task becomes its body's
    obligation, dated from the notice and due on its own day or by the council's `conclusion_task_days`."""
    if session.notice_id != document.pk:
        return
    for task in session.tasks.filter(obligation__isnull=True).select_related("body"):
        due = {"due_on": task.due_on} if task.due_on else {"rule": "conclusion_task_days"}
        task.obligation = obligation_create(
            council=session.council,
            owner=task.body,
            title=task.text[:500],
            description=task.text,
            kind=TASK_KIND,
            source=session,
            source_label=f"Thông báo kết luận tiếp công dân {document.number_symbol}"[:300],
            source_date=document.issued_on,
            user=user,
            **due,
        )
        validated_save(task, user, update_fields=["obligation"])
