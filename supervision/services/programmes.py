"""The annual supervision programme and its items."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.saving import validated_save
from hdnd.text import clean
from registry.access import same_council as _same_council
from registry.models import Body, BodyKind, Council
from supervision.models import (
    CONDUCTING_KINDS,
    Programme,
    ProgrammeItem,
    ProgrammeKind,
    RoundKind,
)
from supervision.services._common import _deadline, _text

PROGRAMME_FIELDS = {
    "title",
    "session_on",
    "results_session_on",
    "draft_sent_on",
    "adopted_on",
    "resolution",
    "results_reported_on",
}


def _programme_deadlines(programme: Programme) -> None:
    council = programme.council
    programme.proposals_due_on = programme.draft_due_on = programme.adopt_due_on = None
    if programme.kind == ProgrammeKind.COUNCIL:
        # Luật 87/2015/QH13, Điều 58: proposals by 1 March of the year before; the draft at least 10 days
        # before the mid-year session of that year, which adopts the programme.
        programme.proposals_due_on = datetime.date(programme.year - 1, 3, 1)
        programme.draft_due_on = _deadline(
            council, programme.session_on, "supervision_programme_draft_before_session", before=True
        )
        programme.adopt_due_on = programme.session_on
    elif programme.kind == ProgrammeKind.STANDING:
        # Điều 67: adopted within 15 days after the year-end session of the year before.
        programme.adopt_due_on = _deadline(council, programme.session_on, "standing_programme_after_year_end_session")


def _check_programme(programme: Programme) -> None:
    errors = {}
    kind = programme.body.kind if programme.body_id else None
    if programme.kind == ProgrammeKind.COMMITTEE and kind != BodyKind.COMMITTEE:
        errors["body"] = "Kế hoạch giám sát của Ban phải do một Ban của HĐND lập."
    elif programme.kind != ProgrammeKind.COMMITTEE and kind != BodyKind.STANDING_COMMITTEE:
        errors["body"] = "Chương trình của HĐND và của Thường trực do Thường trực HĐND lập."
    if programme.resolution_id and programme.resolution.council_id != programme.council_id:
        errors["resolution"] = "Văn bản phải thuộc cùng Hội đồng."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_create(
    *,
    council: Council,
    kind: str,
    year: int,
    body: Body,
    title: str = "",
    session_on: datetime.date | None = None,
    results_session_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> Programme:
    """Start a year's programme (the council's, the standing committee's, or a committee's plan) with its
    legal due dates computed from the session dates given."""
    _same_council(council, body=body)
    if kind not in ProgrammeKind.values:
        raise ValidationError({"kind": "Loại chương trình không hợp lệ."})
    default = f"{ProgrammeKind(kind).label} năm {year}"
    if kind == ProgrammeKind.COMMITTEE:
        default = f"Kế hoạch giám sát năm {year} của {body.short_name or body.name}"
    title = clean(title) or default
    programme = Programme(
        council=council,
        kind=kind,
        year=year,
        body=body,
        title=title,
        session_on=session_on,
        results_session_on=results_session_on,
        created_by=user,
    )
    _check_programme(programme)
    _programme_deadlines(programme)
    return validated_save(programme, user)


@transaction.atomic
def programme_update(*, programme: Programme, user: AbstractBaseUser | None = None, **fields: object) -> Programme:
    """Change a programme's dates, adoption and resolution (PROGRAMME_FIELDS); the due dates follow."""
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise ValidationError(f"Không thể sửa: {', '.join(sorted(unknown))}.")
    current = Programme.objects.select_for_update(of=("self",)).select_related("council", "body").get(pk=programme.pk)
    for name, value in fields.items():
        setattr(current, name, _text(name, value))
    _check_programme(current)
    _programme_deadlines(current)
    return validated_save(current, user)


@transaction.atomic
def item_add(
    *,
    programme: Programme,
    subject: str,
    body: Body,
    kind: str = RoundKind.SUPERVISION,
    planned_from: datetime.date | None = None,
    planned_to: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> ProgrammeItem:
    """Add a planned supervision to a programme."""
    _same_council(programme.council, body=body)
    if body.kind not in CONDUCTING_KINDS:
        raise ValidationError({"body": "Cơ quan tiến hành phải là Thường trực HĐND, một Ban hoặc một Tổ đại biểu."})
    order = programme.items.count() + 1
    item = ProgrammeItem(
        programme=programme,
        subject=clean(subject),
        body=body,
        kind=kind,
        planned_from=planned_from,
        planned_to=planned_to,
        order=order,
    )
    return validated_save(item, user)


@transaction.atomic
def programme_publish(*, programme: Programme, published: bool, user: AbstractBaseUser | None = None) -> Programme:
    """Publish (or withdraw) a programme on the public pages (Điều 89)."""
    programme.published = published
    return validated_save(programme, user)
