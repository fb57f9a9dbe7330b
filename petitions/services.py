"""Every write of voter contacts and petitions. Each validates, saves in one transaction, leaves history.

round_create, place_create, place_update, meeting_create, meeting_update, meeting_delete,
field_defaults_ensure, field_create, petition_create, petitions_bulk_create,
petition_update, petitioner_add, petition_merge, petition_split, petitions_forward, petition_answer,
petition_accept, round_publish, answer_report_create, answers_notice_create.
"""

import dataclasses
import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from documents.models import Authority, DocType, Document
from documents.services import document_create, document_issue
from followup.models import State as ObligationState
from followup.services import obligation_accept, obligation_create, obligation_report, obligation_return
from hdnd.text import clean, clean_multiline, fold
from petitions.access import EDIT
from petitions.models import (
    ANSWER_STATES,
    COUNCIL_RANK,
    DEFAULT_FIELDS,
    LEVEL_RANK,
    REFORM_DAY,
    Channel,
    ContactMeeting,
    ContactPlace,
    ContactRound,
    Level,
    Outcome,
    Period,
    Petition,
    Petitioner,
    PetitionField,
    PetitionState,
    PlaceKind,
    Timing,
    place_plural,
)
from registry.access import agency_bodies, has_perm
from registry.calendar import MissingSetting, rule_value
from registry.models import AccessKind, Body, BodyKind, Council, Delegate
from registry.selectors import body_of_kind
from registry.services import personal_access_record

personal_log = logging.getLogger("hdnd.personal_data")
OBLIGATION_KIND = "forwarded_petition"
ANSWER_RULE = "petition_answer_days"


def _save(obj: models.Model, user: AbstractBaseUser | None = None, update_fields: list[str] | None = None) -> None:
    obj.full_clean()
    if user is not None:
        obj._history_user = user
    try:
        obj.save(update_fields=update_fields)
    except IntegrityError as exc:  # a concurrent duplicate that passed full_clean
        raise ValidationError("Dữ liệu trùng với một bản ghi đã có.") from exc


# What a caller did with the data -> the kind recorded in the council's access log.
ACCESS_KINDS = {"view": AccessKind.VIEW, "export": AccessKind.EXPORT, "api": AccessKind.API}


def personal_label(petition: Petition) -> str:
    """'Kiến nghị #12 — Nguyễn Văn A, Trần Thị B': how the access log names a petition (people prefetched)."""
    names = ", ".join(p.full_name for p in petition.people.all())
    return f"Kiến nghị #{petition.pk}" + (f" — {names}" if names else "")


def log_personal_access(
    *, user: AbstractBaseUser, council: Council, petitions: Iterable[Petition], action: str, address: str | None
) -> None:
    """Record that `user` saw petitioners' personal data (Nghị định 13/2023/NĐ-CP: access is logged).

    One row per petition in the council's access log (searchable by the office chief), in one INSERT,
    and the line in the `hdnd.personal_data` logger kept for the file the operators ship off the server.
    `action` is "view", "export" or "api"; `address` comes from `registry.security.client_address`.
    """
    rows = {p.pk: p for p in petitions}
    if not rows:
        return
    ids = sorted(rows)
    personal_access_record(
        council=council,
        user=user,
        records=[(rows[pk], personal_label(rows[pk])) for pk in ids],
        kind=ACCESS_KINDS[action],
        address=address,
    )
    personal_log.info("user=%s action=%s petitions=%s", user.pk, action, ",".join(map(str, ids)))


def child_units(council: Council) -> models.QuerySet[Council]:
    """The communes and wards (lower councils) where the council meets voters."""
    return Council.objects.filter(parent=council).order_by("unit_name")


# Rounds, meetings, fields ----------------------------------------------------------------------


def round_label(*, year: int, period: str, timing: str) -> str:
    return f"{Timing(timing).label} {Period(period).label} {year}"


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
    _save(contact_round, user)
    field_defaults_ensure(council=council)
    return contact_round


@transaction.atomic
def round_publish(*, contact_round: ContactRound, published: bool, user: AbstractBaseUser | None) -> ContactRound:
    """Show (or hide) the round's petitions and answers on the public pages (Nghị quyết liên tịch 72/2025)."""
    contact_round.published = published
    _save(contact_round, user, update_fields=["published"])
    return contact_round


def contact_places(council: Council, *, active_only: bool = True) -> models.QuerySet[ContactPlace]:
    """The villages and residential groups the council lists as its own places of contact."""
    qs = ContactPlace.objects.filter(council=council)
    return (qs.filter(active=True) if active_only else qs).order_by("kind", "name")


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
    place = ContactPlace(council=council)
    _place_fill(place, name, kind, active)
    _save(place, user)
    return place


@transaction.atomic
def place_update(
    *, place: ContactPlace, name: str, kind: str, active: bool, user: AbstractBaseUser | None = None
) -> ContactPlace:
    """Rename, reclassify or retire a place; a retired place keeps its meetings and petitions but is no
    longer offered for new ones."""
    _place_fill(place, name, kind, active)
    _save(place, user)
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
    _save(meeting, user)
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
    _save(current, user)
    current.delegates.set(delegates)
    return current


@transaction.atomic
def meeting_delete(*, meeting: ContactMeeting, user: AbstractBaseUser | None = None) -> None:
    """Delete a meeting recorded by mistake; refused while any petition (merged or not) refers to it."""
    current = ContactMeeting.objects.select_for_update().get(pk=meeting.pk)
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
    item = PetitionField(council=council, name=clean(name), name_folded=fold(name), position=position)
    if not item.name:
        raise ValidationError({"name": "Vui lòng nhập tên lĩnh vực."})
    _save(item)
    return item


@transaction.atomic
def field_defaults_ensure(*, council: Council) -> list[PetitionField]:
    """The council's fields; the default taxonomy is created the first time (idempotent)."""
    existing = list(PetitionField.objects.filter(council=council))
    if existing:
        return existing
    return [field_create(council=council, name=name, position=i) for i, name in enumerate(DEFAULT_FIELDS)]


# Petitions -------------------------------------------------------------------------------------


@dataclass
class PetitionData:
    """One petition to create, as the entry screen, the importer and the API give it."""

    text: str
    unit: Council | None
    level: str
    field: PetitionField | None = None
    body: Body | None = None
    meeting: ContactMeeting | None = None
    channel: str = Channel.MEETING
    voters: int = 1
    complaint: bool = False
    people: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)  # (name, address, phone)
    contact_place: ContactPlace | None = None  # instead of `unit`, for a commune council's own places


def upper_body(council: Council) -> Body | None:
    return body_of_kind(council=council, kind=BodyKind.UPPER_COUNCIL)


def _level_errors(council: Council, contact_round: ContactRound, level: str) -> str | None:
    if level not in Level.values:
        return "Cấp có thẩm quyền không hợp lệ (trung ương, tỉnh, huyện/thị xã, xã)."
    if level == Level.DISTRICT and contact_round.reference_day >= REFORM_DAY:
        return "Cấp huyện/thị xã chỉ dùng cho hồ sơ trước 01/07/2025 (Luật 72/2025/QH15)."
    return None


def is_upper_level(council: Council, level: str) -> bool:
    """Whether the level is above the council's own: those petitions go to the upper council's office."""
    return LEVEL_RANK[Level(level)] < COUNCIL_RANK.get(council.level, 3)


def _prepare(council: Council, contact_round: ContactRound, data: PetitionData, upper: Body | None) -> dict:
    """Validate one petition's data; returns field errors (Vietnamese), filling the upper council's body."""
    errors = {}
    data.text = clean_multiline(data.text)
    if not data.text:
        errors["text"] = "Vui lòng nhập nội dung kiến nghị."
    if data.contact_place is not None:
        if data.unit is not None:
            errors["unit"] = "Kiến nghị thuộc một xã, phường hoặc một thôn, tổ dân phố (chỉ một)."
        elif data.contact_place.council_id != council.pk:
            errors["contact_place"] = "Thôn, tổ dân phố không thuộc Hội đồng này."
    elif data.unit is None or data.unit.parent_id != council.pk:
        errors["unit"] = "Xã, phường không thuộc địa bàn của Hội đồng."
    level_error = _level_errors(council, contact_round, data.level)
    if level_error:
        errors["level"] = level_error
    elif data.body is None and is_upper_level(council, data.level) and upper is not None:
        data.body = upper
    if data.field is not None and data.field.council_id != council.pk:
        errors["field"] = "Lĩnh vực không thuộc Hội đồng này."
    if data.body is not None and data.body.council_id != council.pk:
        errors["body"] = "Cơ quan có thẩm quyền không thuộc Hội đồng này."
    if data.meeting is not None:
        if data.meeting.round_id != contact_round.pk:
            errors["meeting"] = "Hội nghị tiếp xúc không thuộc đợt này."
        elif (data.meeting.unit_id, data.meeting.contact_place_id) != (
            data.unit.pk if data.unit else None,
            data.contact_place.pk if data.contact_place else None,
        ):
            errors["meeting"] = "Hội nghị tiếp xúc không ở xã, phường (thôn, tổ dân phố) của kiến nghị."
    if data.channel not in Channel.values:
        errors["channel"] = "Kênh tiếp nhận không hợp lệ."
    if data.voters is None or data.voters < 1:
        errors["voters"] = "Số cử tri kiến nghị phải từ 1 trở lên."
    for name, _address, _phone in data.people:
        if not clean(name):
            errors["people"] = "Vui lòng nhập họ tên người kiến nghị."
    return errors


@transaction.atomic
def petitions_bulk_create(
    *, contact_round: ContactRound, items: Sequence[PetitionData], user: AbstractBaseUser | None = None
) -> list[Petition]:
    """Create many petitions of a round at once, all or nothing.

    Every item is validated first; any error raises one ValidationError keyed "dòng N: field" (1-based),
    and nothing is saved. Rows are written with bulk inserts (history included), so 10,000 rows stay fast.
    """
    council = contact_round.council
    upper = upper_body(council)
    errors: dict[str, str] = {}
    for number, data in enumerate(items, start=1):
        for name, message in _prepare(council, contact_round, data, upper).items():
            errors[f"{number}.{name}" if len(items) > 1 else name] = message
    if errors:
        raise ValidationError(errors)
    meetings = {(m.unit_id, m.contact_place_id): m for m in ContactMeeting.objects.filter(round=contact_round)}
    rows = []
    for data in items:
        key = (data.unit.pk if data.unit else None, data.contact_place.pk if data.contact_place else None)
        meeting = data.meeting or (meetings.get(key) if data.channel == Channel.MEETING else None)
        rows.append(
            Petition(
                council=council,
                round=contact_round,
                meeting=meeting,
                channel=data.channel,
                unit=data.unit,
                contact_place=data.contact_place,
                text=data.text,
                text_folded=fold(data.text),
                field=data.field,
                level=data.level,
                body=data.body,
                voters=data.voters,
                complaint=data.complaint,
                created_by=user if user is not None and user.is_authenticated else None,
            )
        )
    actor = user if user is not None and user.is_authenticated else None
    created = bulk_create_with_history(rows, Petition, batch_size=1000, default_user=actor)
    people = [
        Petitioner(petition=petition, full_name=clean(name), address=clean(address), phone=clean(phone))
        for petition, data in zip(created, items, strict=True)
        for name, address, phone in data.people
    ]
    if people:
        bulk_create_with_history(people, Petitioner, batch_size=1000, default_user=actor)
    return created


def petition_create(
    *, contact_round: ContactRound, data: PetitionData, user: AbstractBaseUser | None = None
) -> Petition:
    """Create one petition of the round (as the fast entry screen does)."""
    return petitions_bulk_create(contact_round=contact_round, items=[data], user=user)[0]


@transaction.atomic
def petition_update(
    *,
    petition: Petition,
    user: AbstractBaseUser | None,
    text: str,
    level: str,
    field: PetitionField | None,
    body: Body | None,
    complaint: bool,
    voters: int | None = None,
) -> Petition:
    """Reclassify or correct a petition not yet forwarded (what was sent to a body is frozen)."""
    if petition.state != PetitionState.RECEIVED:
        raise ValidationError("Kiến nghị đã chuyển cơ quan có thẩm quyền, không thể sửa.")
    council = petition.council
    errors = {}
    text = clean_multiline(text)
    if not text:
        errors["text"] = "Vui lòng nhập nội dung kiến nghị."
    level_error = _level_errors(council, petition.round, level)
    if level_error:
        errors["level"] = level_error
    elif body is None and is_upper_level(council, level):
        body = upper_body(council)
    if field is not None and field.council_id != council.pk:
        errors["field"] = "Lĩnh vực không thuộc Hội đồng này."
    if body is not None and body.council_id != council.pk:
        errors["body"] = "Cơ quan có thẩm quyền không thuộc Hội đồng này."
    if voters is not None and voters < 1:
        errors["voters"] = "Số cử tri kiến nghị phải từ 1 trở lên."
    if errors:
        raise ValidationError(errors)
    petition.text, petition.text_folded, petition.level = text, fold(text), level
    petition.field, petition.body, petition.complaint = field, body, complaint
    if voters is not None:
        petition.voters = voters
    _save(petition, user)
    return petition


@transaction.atomic
def petitioner_add(
    *, petition: Petition, full_name: str, address: str = "", phone: str = "", user: AbstractBaseUser | None = None
) -> Petitioner:
    """Add a petitioner (personal data) to a petition."""
    person = Petitioner(petition=petition, full_name=clean(full_name), address=clean(address), phone=clean(phone))
    if not person.full_name:
        raise ValidationError({"full_name": "Vui lòng nhập họ và tên người kiến nghị."})
    _save(person, user)
    return person


# Merging ---------------------------------------------------------------------------------------


@transaction.atomic
def petition_merge(
    *,
    petitions: Sequence[Petition],
    user: AbstractBaseUser | None,
    text: str = "",
    contact_round: ContactRound | None = None,
) -> Petition:
    """Merge petitions that say the same thing into one aggregated petition keeping every origin.

    The originals stay (merged_into the aggregate) with their commune, voters and meeting; an aggregated
    petition among them is dissolved into the new one. One of them may be an earlier petition already
    forwarded and not yet answered: the others then join it (see `_join_forwarded`). Refused: fewer than
    two, two councils, two forwarded petitions, a forwarded petition already answered, a petition already
    merged elsewhere, a complaint.
    """
    ids = {p.pk for p in petitions}
    rows = list(Petition.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(rows) < 2:
        raise ValidationError("Chọn ít nhất hai kiến nghị để gộp.")
    if len({p.council_id for p in rows}) > 1:
        raise ValidationError("Không thể gộp kiến nghị của hai Hội đồng khác nhau.")
    for p in rows:
        if p.merged_into_id is not None:
            raise ValidationError(f"Kiến nghị “{p.text[:60]}” đã được gộp vào kiến nghị khác.")
        if p.complaint:
            raise ValidationError("Khiếu nại, tố cáo không gộp với kiến nghị.")
    sent = [p for p in rows if p.state != PetitionState.RECEIVED]
    if len(sent) > 1:
        raise ValidationError(
            "Chỉ gộp được kiến nghị mới vào một kiến nghị đã chuyển; hai kiến nghị đã chuyển không thể gộp với nhau."
        )
    if sent:
        return _join_forwarded(target=sent[0], others=[p for p in rows if p is not sent[0]], user=user, text=text)
    origins: list[Petition] = []
    for p in rows:
        if p.is_aggregate:
            origins.extend(Petition.objects.select_for_update().filter(merged_into=p))
        else:
            origins.append(p)
    first = rows[0]
    target_round = contact_round or max((p.round for p in rows), key=lambda r: (r.year, r.period, r.timing))
    aggregate = Petition(
        council=first.council,
        round=target_round,
        channel=first.channel,
        unit=None,
        is_aggregate=True,
        text=clean_multiline(text) or first.text,
        level=first.level,
        field=first.field or next((p.field for p in rows if p.field_id), None),
        body=first.body or next((p.body for p in rows if p.body_id), None),
        voters=sum(p.voters for p in origins),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    aggregate.text_folded = fold(aggregate.text)
    _save(aggregate, user)
    for origin in origins:
        origin.merged_into = aggregate
        _save(origin, user, update_fields=["merged_into"])
    for p in rows:
        if p.is_aggregate:
            if user is not None:
                p._history_user = user
            p.delete()
    return aggregate


def _join_forwarded(*, target: Petition, others: list[Petition], user: AbstractBaseUser | None, text: str) -> Petition:
    """New petitions that repeat an earlier one still being handled join it instead of being forwarded
    again: the body already owes an answer, so the obligation stays the earlier petition's and voters who
    raised it again are added to it (forwarding it twice would ask the body for the same answer twice and
    count the petition twice). A single forwarded petition becomes an aggregate in place — it keeps its
    obligation, letter and history — and its own commune, meeting and petitioners move to a new origin row
    beside the others.
    Refused once the body has answered: the new voters' petition is then forwarded on its own.
    """
    if (
        target.obligation_id is None
        or target.state not in (PetitionState.FORWARDED, PetitionState.RESOLVING)
        or target.obligation.state == ObligationState.ACCEPTED
    ):
        raise ValidationError(
            f"Kiến nghị “{target.text[:60]}” đã được trả lời, không thể gộp thêm; hãy chuyển kiến nghị mới riêng."
        )
    text = clean_multiline(text)
    if text and text != target.text:
        raise ValidationError(
            {"text": "Kiến nghị đã chuyển cơ quan có thẩm quyền giữ nguyên nội dung; để trống nội dung khi gộp."}
        )
    if not target.is_aggregate:
        own = Petition(
            council=target.council,
            round=target.round,
            meeting=target.meeting,
            channel=target.channel,
            unit=target.unit,
            contact_place=target.contact_place,
            text=target.text,
            text_folded=target.text_folded,
            field=target.field,
            level=target.level,
            body=target.body,
            voters=target.voters,
            merged_into=target,
            created_by=target.created_by,
        )
        _save(own, user)
        for person in Petitioner.objects.filter(petition=target):
            person.petition = own
            _save(person, user, update_fields=["petition"])
        target.is_aggregate, target.unit, target.contact_place, target.meeting = True, None, None, None
    origins: list[Petition] = []
    for p in others:
        if p.is_aggregate:
            origins.extend(Petition.objects.select_for_update().filter(merged_into=p))
        else:
            origins.append(p)
    for origin in origins:
        origin.merged_into = target
        _save(origin, user, update_fields=["merged_into"])
    target.voters += sum(p.voters for p in origins)
    _save(target, user)
    for p in others:
        if p.is_aggregate:
            if user is not None:
                p._history_user = user
            p.delete()
    return target


@transaction.atomic
def petition_split(*, petition: Petition, user: AbstractBaseUser | None) -> list[Petition]:
    """Undo a merge: the origins become petitions of their own again and the aggregate goes away."""
    current = Petition.objects.select_for_update().get(pk=petition.pk)
    if not current.is_aggregate:
        raise ValidationError("Chỉ kiến nghị tổng hợp mới có thể tách.")
    if current.state != PetitionState.RECEIVED:
        raise ValidationError("Kiến nghị tổng hợp đã chuyển cơ quan có thẩm quyền, không thể tách.")
    origins = list(Petition.objects.filter(merged_into=current).order_by("pk"))
    for origin in origins:
        origin.merged_into = None
        _save(origin, user, update_fields=["merged_into"])
    if user is not None:
        current._history_user = user
    current.delete()
    return origins


# Forwarding ------------------------------------------------------------------------------------


def _answer_days(council: Council) -> int:
    try:
        return rule_value(council, ANSWER_RULE)[0]
    except MissingSetting as exc:
        raise ValidationError(
            "Hội đồng chưa thiết lập “Thời hạn cơ quan trả lời kiến nghị cử tri” (Nghị quyết liên tịch 72/2025): "
            "Văn phòng cần điền số ngày trong phần Cài đặt trước khi chuyển kiến nghị."
        ) from exc


def attribution(petition: Petition) -> str:
    """'Cử tri các xã Phổ An, Phổ Châu' or 'Cử tri các thôn An Ba, An Bình' — the origins of a petition
    (prefetch `origins__unit` and `origins__contact_place`)."""
    from petitions.models import unit_plural

    units, places = [], []
    for origin in petition.origins.all() if petition.is_aggregate else [petition]:
        if origin.unit is not None and origin.unit not in units:
            units.append(origin.unit)
        if origin.contact_place is not None and origin.contact_place not in places:
            places.append(origin.contact_place)
    where = ", ".join(part for part in (unit_plural(units), place_plural(places)) if part)
    return f"Cử tri {where}".strip()


def petition_summary(petition: Petition) -> str:
    """'Cử tri các xã Phổ An, Phổ Châu kiến nghị: ...' as the forwarding letter and reports say it."""
    return f"{attribution(petition)} kiến nghị: {petition.text}"


@transaction.atomic
def petitions_forward(
    *,
    contact_round: ContactRound,
    body: Body,
    user: AbstractBaseUser | None,
    signer_title: str,
    signer_name: str,
    signer_authority: str = Authority.TM,
    signer_collective: str = "",
    issued_on: datetime.date | None = None,
) -> Document:
    """Forward the round's received petitions addressed to `body` with one letter (công văn) listing them.

    The letter is issued (numbered) through the documents engine; each petition becomes an obligation of
    the body ("forwarded_petition") due by the council's `petition_answer_days` setting (no default:
    refused with a clear message until the office fills it in).
    """
    council = contact_round.council
    if body.council_id != council.pk:
        raise ValidationError({"body": "Cơ quan nhận không thuộc Hội đồng này."})
    days = _answer_days(council)
    petitions = list(
        Petition.objects.select_for_update()
        .filter(
            round=contact_round,
            body=body,
            obligation__isnull=True,
            merged_into__isnull=True,
            complaint=False,
        )
        .order_by("pk")
    )
    if not petitions:
        raise ValidationError("Không có kiến nghị nào đang chờ chuyển đến cơ quan này.")
    prefetched = {
        p.pk: p
        for p in Petition.objects.filter(pk__in=[p.pk for p in petitions])
        .select_related("unit", "contact_place")
        .prefetch_related("origins__unit", "origins__contact_place")
    }
    day = issued_on or timezone.localdate()
    lines = [
        f"Qua tiếp xúc cử tri {contact_round.label}, Thường trực {council.short_title} nhận được "
        f"{len(petitions)} ý kiến, kiến nghị của cử tri thuộc thẩm quyền của {body.name}.",
        f"Thường trực {council.short_title} chuyển đến {body.name} danh sách kiến nghị kèm theo, đề nghị xem xét, "
        f"giải quyết và trả lời bằng văn bản trong thời hạn {days} ngày kể từ ngày nhận được văn bản này.",
        "## Danh sách kiến nghị",
    ]
    lines += [f"{i}. {petition_summary(prefetched[p.pk])}" for i, p in enumerate(petitions, start=1)]
    document = document_create(
        council=council,
        doc_type=DocType.CONG_VAN,
        subject=f"V/v chuyển kiến nghị cử tri {contact_round.label}",
        body="\n".join(lines),
        signer_authority=signer_authority,
        signer_collective=signer_collective or f"THƯỜNG TRỰC {council.short_title.upper()}",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_bodies=[body],
        recipient_lines="Thường trực HĐND (b/c)",
        source=contact_round,
        issued_on=day,
        user=user,
    )
    document = document_issue(document=document, user=user, issued_on=day)
    for p in petitions:
        p.obligation = obligation_create(
            council=council,
            owner=body,
            title=f"Trả lời kiến nghị cử tri: {p.text[:400]}",
            kind=OBLIGATION_KIND,
            source_date=day,
            source=p,
            source_label=f"Kiến nghị cử tri {contact_round.label}",
            rule=ANSWER_RULE,
            user=user,
        )
        p.forward_document = document
        _save(p, user, update_fields=["forward_document", "obligation"])
    return document


# Answers ---------------------------------------------------------------------------------------


@transaction.atomic
def petition_answer(
    *,
    petition: Petition,
    user: AbstractBaseUser,
    text: str,
    state: str,
    document: Document | None = None,
    on: datetime.date | None = None,
) -> Petition:
    """The competent body answers a forwarded petition (answered, being resolved, explained).

    An agency user answers only petitions addressed to its own body; the office may record an answer on
    a body's behalf. The follow-up obligation is reported done (or in progress while being resolved); an
    answer changed after it was reported done is reported again (the earlier report is sent back first),
    so the obligation never stays "reported done" with a stale text. Refused once the office accepted it.
    """
    current = (
        Petition.objects.select_for_update(of=("self",)).select_related("council", "obligation").get(pk=petition.pk)
    )
    council = current.council
    own = current.body_id in agency_bodies(user, council)
    if not own and not has_perm(user, council, EDIT):
        raise ValidationError("Kiến nghị này không được chuyển đến cơ quan của bạn, bạn không thể trả lời.")
    if current.obligation_id is None or current.state not in (PetitionState.FORWARDED, *ANSWER_STATES):
        raise ValidationError("Chỉ trả lời được kiến nghị đã chuyển đến cơ quan có thẩm quyền.")
    if current.obligation.state == ObligationState.ACCEPTED:
        raise ValidationError("Văn phòng đã chấp nhận câu trả lời, không thể sửa.")
    return record_answer(petition=current, user=user, text=text, state=state, document=document, on=on)


@transaction.atomic
def record_answer(
    *,
    petition: Petition,
    user: AbstractBaseUser | None,
    text: str,
    state: str,
    document: Document | None = None,
    on: datetime.date | None = None,
) -> Petition:
    """Record a body's answer to a forwarded petition without checking who records it: for trusted
    callers (`petition_answer` after its checks, the demo loader)."""
    current = petition
    council = current.council
    errors = {}
    text = clean_multiline(text)
    if not text:
        errors["text"] = "Vui lòng nhập nội dung trả lời."
    if state not in ANSWER_STATES:
        errors["state"] = "Vui lòng chọn kết quả: đã trả lời, đang giải quyết hoặc đã giải trình."
    if document is not None and document.council_id != council.pk:
        errors["document"] = "Văn bản trả lời không thuộc Hội đồng này."
    if errors:
        raise ValidationError(errors)
    day = on or timezone.localdate()
    if (text, state, document) == (current.answer_text, current.state, current.answer_document):
        return current  # the same answer sent twice changes nothing
    if current.obligation.state == ObligationState.REPORTED_DONE:
        # A body that amends an answer it already reported done reports again: the follow-up engine has
        # no "amend a report" step, so the earlier report is sent back (its timeline says why) and the new
        # answer is reported below. The office then checks the new text, not the stale one, before accepting;
        # lateness is counted on the new report, as for any returned work.
        obligation_return(
            obligation=current.obligation,
            user=user,
            reason="Cơ quan có thẩm quyền sửa nội dung trả lời đã báo cáo; báo cáo lại theo nội dung mới.",
        )
    # The outcome is chosen here; the text, the document and the progress reach the petition through the
    # obligation's report (`petition_reported`), the one path the follow-up screens take too.
    current.outcome = state
    _save(current, user, update_fields=["outcome"])
    obligation_report(
        obligation=current.obligation,
        user=user,
        text=text,
        done=state != PetitionState.RESOLVING,
        reply=document,
        on=day,
    )
    current.refresh_from_db()
    return current


def petition_reported(obligation: models.Model, update: models.Model, user: AbstractBaseUser | None) -> None:
    """The follow-up engine's callback when the body reports on a forwarded petition, from any screen or
    route: the report's text becomes the petition's answer, a reply document of the council its answer
    document, and a progress report means the petition is being resolved (a completion keeps an outcome
    chosen on the petition's screen, answered otherwise). The evidence files stay on the obligation's
    timeline, where the petition's page reads them."""
    petition = Petition.objects.select_for_update().filter(obligation=obligation).first()
    if petition is None:
        return
    done = obligation.state == ObligationState.REPORTED_DONE
    if not done:
        petition.outcome = Outcome.RESOLVING
    elif petition.outcome not in (Outcome.ANSWERED, Outcome.EXPLAINED):
        petition.outcome = Outcome.ANSWERED
    petition.answer_text, petition.answer_folded = update.text, fold(update.text)
    reply = update.reply
    if isinstance(reply, Document) and reply.council_id == petition.council_id:
        petition.answer_document = reply
    _save(petition, user, update_fields=["outcome", "answer_text", "answer_folded", "answer_document"])


@transaction.atomic
def petition_accept(*, petition: Petition, user: AbstractBaseUser | None, note: str = "") -> Petition:
    """The office checks the answer and accepts it: the follow-up obligation is closed."""
    current = Petition.objects.select_related("obligation").get(pk=petition.pk)
    if current.obligation is None or current.obligation.state != ObligationState.REPORTED_DONE:
        raise ValidationError("Chỉ chấp nhận được câu trả lời đã gửi (đã trả lời hoặc đã giải trình).")
    obligation_accept(obligation=current.obligation, user=user, text=note)
    return current


@transaction.atomic
def answer_report_create(
    *,
    contact_round: ContactRound,
    user: AbstractBaseUser | None,
    signer_title: str = "",
    signer_name: str = "",
    issued_on: datetime.date | None = None,
) -> Document:
    """Draft the standing committee's report to the session on how the round's petitions were answered
    (Nghị quyết liên tịch 72/2025: reported at each session), through the documents engine.
    """
    council = contact_round.council
    petitions = list(
        Petition.objects.filter(round=contact_round, merged_into__isnull=True, complaint=False)
        .select_related("body", "unit", "contact_place", "obligation")
        .prefetch_related("origins__unit", "origins__contact_place")
        .order_by("body__name", "pk")
    )
    if not petitions:
        raise ValidationError("Đợt chưa có kiến nghị nào để báo cáo.")
    states = {s: sum(p.state == s for p in petitions) for s in PetitionState.values}
    lines = [
        f"Qua tiếp xúc cử tri {contact_round.label}, Thường trực {council.short_title} đã tổng hợp "
        f"{len(petitions)} ý kiến, kiến nghị của cử tri và chuyển đến các cơ quan có thẩm quyền xem xét, "
        "giải quyết. Kết quả như sau:",
        "# I. KẾT QUẢ CHUNG",
    ]
    lines += [f"- {PetitionState(s).label}: {n} kiến nghị." for s, n in states.items() if n]
    lines.append("# II. KẾT QUẢ TRẢ LỜI TỪNG KIẾN NGHỊ")
    current_body = None
    for number, p in enumerate(petitions, start=1):
        name = p.body.name if p.body else "Chưa xác định cơ quan giải quyết"
        if name != current_body:
            current_body = name
            lines.append(f"## {name}")
        lines.append(f"{number}. {petition_summary(p)}")
        answer = p.answer_text or "Chưa có văn bản trả lời."
        lines.append(f"Kết quả: {p.get_state_display()}. {answer}")
    lines.append(
        f"Thường trực {council.short_title} báo cáo {council.short_title} xem xét và thông báo kết quả đến cử tri "
        "tại đợt tiếp xúc cử tri tiếp theo."
    )
    return document_create(
        council=council,
        doc_type=DocType.BAO_CAO,
        subject=f"Kết quả giải quyết, trả lời ý kiến, kiến nghị của cử tri {contact_round.label}",
        body="\n".join(lines),
        signer_authority=Authority.TM,
        signer_collective=f"THƯỜNG TRỰC {council.short_title.upper()}",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_lines="Các đại biểu HĐND\nUBMTTQVN",
        source=contact_round,
        issued_on=issued_on,
        user=user,
    )


@transaction.atomic
def answers_notice_create(
    *,
    contact_round: ContactRound,
    user: AbstractBaseUser | None,
    signer_title: str = "",
    signer_name: str = "",
    issued_on: datetime.date | None = None,
) -> Document:
    """Draft the notice (Thông báo) of the round's answers per commune or ward — or village, for a commune
    council — for delegates to read to voters at the next contact (Nghị quyết liên tịch 72/2025: results
    are reported back to voters), through the documents engine; its DOCX follows ND30.
    """
    from petitions.selectors import answers_by_unit

    council = contact_round.council
    areas = answers_by_unit(contact_round=contact_round)
    if not areas:
        raise ValidationError("Đợt chưa có kiến nghị nào được trả lời để thông báo đến cử tri.")
    lines = [
        f"Thường trực {council.short_title} thông báo kết quả giải quyết, trả lời ý kiến, kiến nghị của cử tri "
        f"qua đợt tiếp xúc cử tri {contact_round.label} để các Tổ đại biểu thông báo đến cử tri tại đợt tiếp "
        "xúc cử tri tiếp theo, như sau:",
    ]
    for number, (area, petitions) in enumerate(areas, start=1):
        lines.append(f"# {number}. {area.unit_label[:1].upper()}{area.unit_label[1:]}")
        for index, p in enumerate(petitions, start=1):
            lines.append(f"{index}. {petition_summary(p)}")
            source = f"{p.body.name} trả lời" if p.body else "Trả lời"
            lines.append(f"{source} ({p.get_state_display().lower()}): {p.answer_text}")
    return document_create(
        council=council,
        doc_type=DocType.THONG_BAO,
        subject=f"Kết quả trả lời ý kiến, kiến nghị của cử tri theo địa bàn, đợt tiếp xúc cử tri {contact_round.label}",
        body="\n".join(lines),
        signer_authority=Authority.TM,
        signer_collective=f"THƯỜNG TRỰC {council.short_title.upper()}",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_lines="Các Tổ đại biểu HĐND\nUBMTTQVN",
        source=contact_round,
        issued_on=issued_on,
        user=user,
    )
