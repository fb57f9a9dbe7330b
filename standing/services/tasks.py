"""Tasks from conclusions (a meeting's notice or a conference's document) become obligations: the one path."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction

from documents.models import Document, State
from followup import services as followup
from hdnd import dates
from hdnd.saving import validated_save
from registry.models import Council
from registry.services import council_accepts
from standing.models import (
    Assignment,
    Conference,
    ConferenceTask,
    Meeting,
)
from standing.services._common import CONCLUSION_TASK, _lock, _lock_conference


def tasks_assign(*, meeting: Meeting, user: AbstractBaseUser | None = None) -> list[Assignment]:
    """Create the obligation of every assignment of the meeting's issued notice that has none yet (idempotent).
    Assigned today, so refused for a council that ceased before today (`council_accepts`)."""
    council_accepts(Council.objects.get(pk=meeting.council_id), dates.today(), field="notice")
    return conclusion_tasks_assign(record=meeting, user=user)


def _conclusion_tasks(record: Meeting | Conference) -> tuple[Document | None, models.QuerySet, str, str]:
    """(issued document field's document, tasks still without obligation, its label, refusal) per record."""
    if isinstance(record, Meeting):
        notice = Document.objects.filter(pk=record.notice_id).first() if record.notice_id else None
        tasks = Assignment.objects.filter(paragraph__section__meeting=record, obligation__isnull=True)
        tasks = tasks.select_related("paragraph", "body")
        label = f"Thông báo {notice.number_symbol}: {notice.subject}" if notice else ""
        return notice, tasks, label, "Chỉ giao nhiệm vụ khi thông báo kết luận đã ban hành."
    document = Document.objects.filter(pk=record.document_id).first() if record.document_id else None
    tasks = record.tasks.filter(obligation__isnull=True).select_related("body")
    label = f"{document.get_doc_type_display()} {document.number_symbol}: {document.subject}" if document else ""
    return document, tasks, label, "Chỉ giao nhiệm vụ khi văn bản của hội nghị đã ban hành."


@transaction.atomic
def conclusion_tasks_assign(
    *, record: Meeting | Conference, user: AbstractBaseUser | None = None
) -> list[Assignment | ConferenceTask]:
    """Make every task of a meeting's conclusion notice (its assignments) or of a conference's document an
    obligation of its body, dated from the issued document and due on the task's own day or by the
    council's `conclusion_task_days` setting (idempotent: tasks that have one are left alone). The one
    step both documents' on_issue hooks run; refused while the document is not issued."""
    current = _lock(record) if isinstance(record, Meeting) else _lock_conference(record)
    document, tasks, label, refusal = _conclusion_tasks(current)
    if document is None or document.state not in (State.ISSUED, State.PUBLISHED):
        raise ValidationError(refusal)
    council_accepts(current.council, document.issued_on, field="notice")  # the obligations date from it
    created = []
    for task in tasks:
        text = task.paragraph.text if isinstance(task, Assignment) else task.text
        due_on = task.paragraph.due_on if isinstance(task, Assignment) else task.due_on
        due = {"due_on": due_on} if due_on else {"rule": "conclusion_task_days"}
        task.obligation = followup.obligation_create(
            council=current.council,
            owner=task.body,
            title=text[:500],
            description=text,
            kind=CONCLUSION_TASK,
            source=current,
            source_label=label[:300],
            source_date=document.issued_on,
            user=user,
            **due,
        )
        validated_save(task, user)
        created.append(task)
    if current.tasks_assigned_on is None:
        current.tasks_assigned_on = document.issued_on
        validated_save(current, user)
    return created
