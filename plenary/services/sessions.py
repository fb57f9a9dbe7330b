"""Sessions (kỳ họp) and their agenda."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction

from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean
from plenary.models import (
    AgendaItem,
    Requester,
    Session,
    SessionKind,
)
from plenary.rules import enough_requesters
from registry.calendar import rule_value
from registry.models import Council, Term
from registry.selectors import delegates_in_office
from registry.services import council_accepts


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
    created_on = created_on or dates.today()
    if term.council_id != council.pk:
        raise ValidationError({"term": "Nhiệm kỳ không thuộc Hội đồng này."})
    council_accepts(council, opens_on, field="opens_on")
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
    return validated_save(session, user)


SESSION_FIELDS = {"place", "opens_on", "closes_on", "opened_on", "closed_on", "state"}


@transaction.atomic
def session_update(*, session: Session, user: AbstractBaseUser | None = None, **fields: object) -> Session:
    """Change a session's dates, place or state (the number and kind stay as created)."""
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(session, name, clean(value) if isinstance(value, str) and name == "place" else value)
    return validated_save(session, user)


@transaction.atomic
def agenda_item_add(
    *, session: Session, kind: str, title: str, order: int | None = None, user: AbstractBaseUser | None = None
) -> AgendaItem:
    """Add an item to the session's agenda, at the end unless an order is given."""
    if order is None:
        order = (session.agenda.aggregate(m=models.Max("order"))["m"] or 0) + 1
    return validated_save(AgendaItem(session=session, kind=kind, title=clean(title), order=order), user)
