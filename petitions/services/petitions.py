"""Petitions: recording one or many, editing, petitioners, merging and splitting."""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from followup.models import State as ObligationState
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold
from petitions.duplicates import stored_keys
from petitions.models import (
    REFORM_DAY,
    Channel,
    ContactMeeting,
    ContactPlace,
    ContactRound,
    Level,
    Petition,
    Petitioner,
    PetitionField,
    PetitionState,
)
from petitions.selectors import is_upper_level, upper_body
from registry.models import Body, Council
from registry.services import council_accepts


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


def levels_allowed(contact_round: ContactRound) -> list[str]:
    """The levels a petition of the round may name: no district level for a round after 01/07/2025."""
    return [v for v in Level.values if not (v == Level.DISTRICT and contact_round.reference_day >= REFORM_DAY)]


def level_default(council: Council, contact_round: ContactRound) -> str | None:
    """The fast entry's default level: the council's own, when the round allows it (never one it refuses)."""
    own = {"tinh": Level.PROVINCE, "huyen": Level.DISTRICT, "xa": Level.COMMUNE}.get(council.level)
    return own if own in levels_allowed(contact_round) else None


def _level_errors(council: Council, contact_round: ContactRound, level: str) -> str | None:
    if level not in Level.values:
        return "Cấp có thẩm quyền không hợp lệ (trung ương, tỉnh, huyện/thị xã, xã)."
    if level == Level.DISTRICT and contact_round.reference_day >= REFORM_DAY:
        return "Cấp huyện/thị xã chỉ dùng cho hồ sơ trước 01/07/2025 (Luật 72/2025/QH15)."
    return None


def petition_errors(council: Council, contact_round: ContactRound, data: PetitionData, upper: Body | None) -> dict:
    """Validate one petition's data; returns field errors (Vietnamese), filling the upper council's body.

    The one statement of what a petition must be: the services refuse by it and the Excel importer shows
    it row by row before saving."""
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
    today = dates.today()
    for data in items:  # raised at a contact meeting on its day, else entered today
        council_accepts(council, data.meeting.held_on if data.meeting else today, field="text")
    errors: dict[str, str] = {}
    for number, data in enumerate(items, start=1):
        for name, message in petition_errors(council, contact_round, data, upper).items():
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
                match_keys=stored_keys(data.text),
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
    council_accepts(council, None, field="text")  # a ceased council's records stay as they were
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
    petition.match_keys = stored_keys(text, petition.text_folded)
    petition.field, petition.body, petition.complaint = field, body, complaint
    if voters is not None:
        petition.voters = voters
    validated_save(petition, user)
    return petition


@transaction.atomic
def petitioner_add(
    *, petition: Petition, full_name: str, address: str = "", phone: str = "", user: AbstractBaseUser | None = None
) -> Petitioner:
    """Add a petitioner (personal data) to a petition."""
    council_accepts(petition.council, None, field="full_name")  # a ceased council's records stay as they were
    person = Petitioner(petition=petition, full_name=clean(full_name), address=clean(address), phone=clean(phone))
    if not person.full_name:
        raise ValidationError({"full_name": "Vui lòng nhập họ và tên người kiến nghị."})
    validated_save(person, user)
    return person


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
    council_accepts(rows[0].council, None, field="petitions")  # a ceased council's records stay as they were
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
    origins = _origins_of(rows)
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
    aggregate.match_keys = stored_keys(aggregate.text, aggregate.text_folded)
    validated_save(aggregate, user)
    for origin in origins:
        origin.merged_into = aggregate
        validated_save(origin, user, update_fields=["merged_into"])
    for p in rows:
        if p.is_aggregate:
            if user is not None:
                p._history_user = user
            p.delete()
    return aggregate


def _origins_of(petitions: list[Petition]) -> list[Petition]:
    """The petitions a merge gathers, locked: an aggregate stands for the origins merged into it."""
    origins: list[Petition] = []
    for p in petitions:
        if p.is_aggregate:
            origins.extend(Petition.objects.select_for_update().filter(merged_into=p))
        else:
            origins.append(p)
    return origins


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
            match_keys=target.match_keys,
            field=target.field,
            level=target.level,
            body=target.body,
            voters=target.voters,
            merged_into=target,
            created_by=target.created_by,
        )
        validated_save(own, user)
        for person in Petitioner.objects.filter(petition=target):
            person.petition = own
            validated_save(person, user, update_fields=["petition"])
        target.is_aggregate, target.unit, target.contact_place, target.meeting = True, None, None, None
    origins = _origins_of(others)
    for origin in origins:
        origin.merged_into = target
        validated_save(origin, user, update_fields=["merged_into"])
    target.voters += sum(p.voters for p in origins)
    validated_save(target, user)
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
    council_accepts(current.council, None)  # a ceased council's records stay as they were
    if not current.is_aggregate:
        raise ValidationError("Chỉ kiến nghị tổng hợp mới có thể tách.")
    if current.state != PetitionState.RECEIVED:
        raise ValidationError("Kiến nghị tổng hợp đã chuyển cơ quan có thẩm quyền, không thể tách.")
    origins = list(Petition.objects.filter(merged_into=current).order_by("pk"))
    for origin in origins:
        origin.merged_into = None
        validated_save(origin, user, update_fields=["merged_into"])
    if user is not None:
        current._history_user = user
    current.delete()
    return origins
