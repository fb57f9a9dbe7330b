"""The sitting days: attendance, speeches and group discussions."""

import datetime
from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline
from plenary.models import (
    AgendaItem,
    Attendance,
    GroupDiscussion,
    Presence,
    Session,
    Speech,
)
from registry.access import same_council as _same_council
from registry.models import Body, BodyKind, Delegate
from registry.selectors import delegates_in_office
from registry.services import council_accepts


def _sitting_day(session: Session, day: datetime.date, field: str, what: str) -> None:
    council_accepts(session.council, day, field=field)
    first, last = session.opened_on or session.opens_on, session.closed_on or session.closes_on
    if not (first <= day <= last):
        raise ValidationError(
            {field: f"{what} phải trong thời gian kỳ họp ({format_date(first)} – {format_date(last)})."}
        )


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
    # Every error of the sheet in one answer, not one kind at a time.
    errors: dict[str, list[str]] = {}
    try:
        _sitting_day(session, day, "day", "Ngày điểm danh")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    in_office = {d.pk: d for d in delegates_in_office(council=session.council, on=day).select_related("person")}
    problems = []
    if set(presence) - set(in_office):
        problems.append("Chỉ điểm danh đại biểu đương nhiệm.")
    if set(presence.values()) - set(Presence.values):
        problems.append("Giá trị điểm danh không hợp lệ.")
    if problems:
        errors["presence"] = problems
    reasons = {k: clean(v) for k, v in (reasons or {}).items()}
    unexplained = [
        in_office[k].person.full_name
        for k, v in presence.items()
        if v == Presence.EXCUSED and not reasons.get(k) and k in in_office
    ]
    if unexplained:
        errors["reason"] = [f"Vui lòng ghi lý do vắng của: {', '.join(unexplained)}."]
    if errors:
        raise ValidationError(errors)
    existing = {a.delegate_id: a for a in Attendance.objects.filter(session=session, day=day)}
    for delegate_id, value in presence.items():
        row = existing.get(delegate_id) or Attendance(session=session, delegate_id=delegate_id, day=day)
        reason = reasons.get(delegate_id, "") if value != Presence.PRESENT else ""
        if row.pk is not None and row.presence == value and row.reason == reason:
            continue
        row.presence, row.reason = value, reason[:250]
        validated_save(row, user)
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
    return validated_save(speech, user)


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
    return validated_save(GroupDiscussion(session=session, group=group, held_on=held_on, notes=notes), user)
