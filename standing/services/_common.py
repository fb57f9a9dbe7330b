"""Helpers every standing-committee service shares: the validated save, the record locks, ordering."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max

from documents import services as documents
from documents.models import Document
from registry.models import Body, Council
from registry.services import council_accepts
from standing.models import (
    Conference,
    Meeting,
)
from standing.wording import placeholders

CONCLUSION_TASK = "conclusion_task"


WRITTEN_OPINION_REQUEST = "written_opinion_request"


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("council", "notice").get(pk=meeting.pk)


def _check_open(meeting: Meeting) -> None:
    """Conclusions stay as the issued notice states them: after issue they change only through a new notice; a
    ceased council's meetings stay as they were (`council_accepts`)."""
    council_accepts(meeting.council, None)
    if meeting.notice_id is not None and meeting.notice.is_frozen:
        raise ValidationError("Thông báo kết luận đã ban hành; không thể sửa nội dung phiên họp.")


def _next_order(qs: models.QuerySet) -> int:
    return (qs.aggregate(m=Max("order"))["m"] or 0) + 1


def _lock_conference(conference: Conference) -> Conference:
    return (
        Conference.objects.select_for_update(of=("self",)).select_related("council", "document").get(pk=conference.pk)
    )


def _check_conference_open(conference: Conference) -> None:
    """What the issued document states is frozen: afterwards only a new document changes it; a ceased council's
    conferences stay as they were (`council_accepts`)."""
    council_accepts(conference.council, None)
    if conference.document_id is not None and conference.document.is_frozen:
        raise ValidationError("Văn bản của hội nghị đã ban hành; không thể sửa nội dung hội nghị.")


def _check_bodies(council: Council, bodies: Iterable[Body], field: str) -> list[Body]:
    bodies = list(dict.fromkeys(bodies))
    if any(b.council_id != council.pk for b in bodies):
        raise ValidationError({field: "Cơ quan không thuộc Hội đồng này."})
    return bodies


def _issue_draft(draft: Document, *, user: AbstractBaseUser | None, issued_on: datetime.date | None) -> Document:
    """Issue a drafted document through the engine (which numbers it); refused while "[[…]]" is left in its
    text. The engine's on_issue hook of the draft's source runs what follows, inside this transaction."""
    left = placeholders(draft)
    if left:
        raise ValidationError({"body": f"Dự thảo còn phần chưa hoàn thiện: {', '.join(left)}."})
    return documents.document_issue(document=draft, user=user, issued_on=issued_on)
