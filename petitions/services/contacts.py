"""Voter-contact rounds, places of contact, contact meetings and the council's petition fields."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents.models import Document
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean, fold
from petitions.models import (
    DEFAULT_FIELDS,
    ContactMeeting,
    ContactPlace,
    ContactRound,
    Period,
    Petition,
    PetitionField,
    PlaceKind,
    Timing,
)
from petitions.wording import round_label
from registry.models import Body, Council, Delegate
from registry.services import council_accepts


@transaction.atomic
def round_create(
    *,
    council: Council,
    year: int,
    period: str,
    timing: str = Timing.BEFORE,
    label: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> ContactRound:
    """Open a round of voter contacts; its label defaults to 'trước kỳ họp giữa năm 2024'. The council's
    taxonomy of fields gets its defaults on the first round."""
    errors = {}
    if period not in Period.values:
        errors["period"] = "Kỳ họp không hợp lệ."
    if timing not in Timing.values:
        errors["timing"] = "Thời điểm không hợp lệ."
    if errors:
        raise ValidationError(errors)
    contact_round = ContactRound(
        council=council,
        year=year,
        period=period,
        timing=timing,
        label=clean(label) or round_label(year=year, period=period, timing=timing),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    validated_save(contact_round, user)
    field_defaults_ensure(council=council)
    return contact_round


@transaction.atomic
def round_publish(*, contact_round: ContactRound, published: bool, user: AbstractBaseUser | None) -> ContactRound:
    """Show (or hide) the round's petitions and answers on the public pages (Nghị quyết liên tịch 72/2025)."""
    council_accepts(contact_round.council, None, field="published")  # a ceased council's records stay as they were
    contact_round.published = published
    validated_save(contact_round, user, update_fields=["published"])
    return contact_round


def _place_fill(place: ContactPlace, name: str, kind: str, active: bool) -> None:
    place.name, place.name_folded, place.kind, place.active = clean(name), fold(name), kind, active
    errors = {}
    if not place.name:
        errors["name"] = "Vui lòng nhập tên thôn, tổ dân phố."
    if kind not in PlaceKind.values:
        errors["kind"] = "Loại địa bàn không hợp lệ (thôn, tổ dân phố, khu phố, khác)."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def place_create(
    *,
    council: Council,
    name: str,
    kind: str = PlaceKind.VILLAGE,
    active: bool = True,
    user: AbstractBaseUser | None = None,
) -> ContactPlace:
    """Add a village or residential group to the council's own list of places where it meets voters
    (a commune council: they are not administrative units, so the council keeps the list)."""
    council_accepts(council, dates.today(), field="name")  # a ceased council's list stays as it was
    place = ContactPlace(council=council)
    _place_fill(place, name, kind, active)
    validated_save(place, user)
    return place


@transaction.atomic
def place_update(
    *, place: ContactPlace, name: str, kind: str, active: bool, user: AbstractBaseUser | None = None
) -> ContactPlace:
    """Rename, reclassify or retire a place; a retired place keeps its meetings and petitions but is no
    longer offered for new ones."""
    council_accepts(place.council, None, field="name")  # a ceased council's records stay as they were
    _place_fill(place, name, kind, active)
    validated_save(place, user)
    return place


def _meeting_errors(
    council: Council,
    unit: Council | None,
    contact_place: ContactPlace | None,
    co_organiser: Body | None,
    minutes: Document | None,
    delegates: list[Delegate],
) -> dict[str, str]:
    errors = {}
    if (unit is None) == (contact_place is None):
        errors["unit"] = "Vui lòng chọn một xã, phường hoặc một thôn, tổ dân phố (chỉ một)."
    elif unit is not None and unit.parent_id != council.pk:
        errors["unit"] = "Xã, phường không thuộc địa bàn của Hội đồng."
    elif contact_place is not None and contact_place.council_id != council.pk:
        errors["contact_place"] = "Thôn, tổ dân phố không thuộc Hội đồng này."
    if co_organiser is not None and co_organiser.council_id != council.pk:
        errors["co_organiser"] = "Cơ quan phối hợp không thuộc Hội đồng này."
    if minutes is not None and minutes.council_id != council.pk:
        errors["minutes"] = "Biên bản không thuộc Hội đồng này."
    if any(d.term.council_id != council.pk for d in delegates):
        errors["delegates"] = "Đại biểu không thuộc Hội đồng này."
    return errors


@transaction.atomic
def meeting_create(
    *,
    contact_round: ContactRound,
    held_on: datetime.date,
    place: str,
    form: str,
    unit: Council | None = None,
    contact_place: ContactPlace | None = None,
    delegates: Iterable[Delegate] = (),
    voters: int | None = None,
    co_organiser: Body | None = None,
    minutes: Document | None = None,
    user: AbstractBaseUser | None = None,
) -> ContactMeeting:
    """Record the contact held in one commune or ward of the round — or in one of the council's own
    villages or residential groups (exactly one of `unit` and `contact_place`; one meeting per each)."""
    council = contact_round.council
    council_accepts(council, held_on, field="held_on")
    delegates = list(delegates)
    errors = _meeting_errors(council, unit, contact_place, co_organiser, minutes, delegates)
    if contact_place is not None and not errors and not contact_place.active:
        errors["contact_place"] = "Thôn, tổ dân phố này đã ngừng sử dụng."
    if errors:
        raise ValidationError(errors)
    meeting = ContactMeeting(
        round=contact_round,
        unit=unit,
        contact_place=contact_place,
        held_on=held_on,
        place=clean(place),
        form=form,
        voters=voters,
        co_organiser=co_organiser,
        minutes=minutes,
    )
    validated_save(meeting, user)
    meeting.delegates.set(delegates)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: ContactMeeting,
    held_on: datetime.date,
    place: str,
    form: str,
    unit: Council | None = None,
    contact_place: ContactPlace | None = None,
    delegates: Iterable[Delegate] = (),
    voters: int | None = None,
    co_organiser: Body | None = None,
    minutes: Document | None = None,
    user: AbstractBaseUser | None = None,
) -> ContactMeeting:
    """Correct a meeting's record. Its commune (or village) changes only while no petition refers to
    it: petitions carry the same commune, and moving them silently would falsify where voters spoke."""
    current = ContactMeeting.objects.select_for_update().select_related("round__council").get(pk=meeting.pk)
    council = current.round.council
    council_accepts(council, held_on, field="held_on")  # a ceased council's records stay as they were
    delegates = list(delegates)
    errors = _meeting_errors(council, unit, contact_place, co_organiser, minutes, delegates)
    moved = (unit.pk if unit else None, contact_place.pk if contact_place else None) != (
        current.unit_id,
        current.contact_place_id,
    )
    if not errors and moved and current.petitions.exists():
        errors["unit"] = (
            "Hội nghị đã có kiến nghị của cử tri nơi này, không thể đổi xã, phường (thôn, tổ dân phố). "
            "Hãy tạo hội nghị mới cho nơi khác."
        )
    if errors:
        raise ValidationError(errors)
    current.unit, current.contact_place, current.held_on, current.place = unit, contact_place, held_on, clean(place)
    current.form, current.voters, current.co_organiser, current.minutes = form, voters, co_organiser, minutes
    validated_save(current, user)
    current.delegates.set(delegates)
    return current


@transaction.atomic
def meeting_delete(*, meeting: ContactMeeting, user: AbstractBaseUser | None = None) -> None:
    """Delete a meeting recorded by mistake; refused while any petition (merged or not) refers to it."""
    current = ContactMeeting.objects.select_for_update().select_related("round__council").get(pk=meeting.pk)
    council_accepts(current.round.council, None)  # a ceased council's records stay as they were
    count = Petition.objects.filter(meeting=current).count()
    if count:
        raise ValidationError(
            f"Không thể xóa hội nghị tiếp xúc cử tri này vì đã có {count} kiến nghị ghi nhận tại hội nghị. "
            "Hãy xóa hoặc chuyển các kiến nghị sang hội nghị khác trước."
        )
    if user is not None:
        current._history_user = user
    current.delete()


@transaction.atomic
def field_create(*, council: Council, name: str, position: int = 0) -> PetitionField:
    """Add a field to the council's taxonomy."""
    council_accepts(council, dates.today(), field="name")  # a ceased council's taxonomy stays as it was
    item = PetitionField(council=council, name=clean(name), name_folded=fold(name), position=position)
    if not item.name:
        raise ValidationError({"name": "Vui lòng nhập tên lĩnh vực."})
    validated_save(item)
    return item


@transaction.atomic
def field_defaults_ensure(*, council: Council) -> list[PetitionField]:
    """The council's fields; the default taxonomy is created the first time (idempotent)."""
    existing = list(PetitionField.objects.filter(council=council))
    if existing:
        return existing
    return [field_create(council=council, name=name, position=i) for i, name in enumerate(DEFAULT_FIELDS)]
