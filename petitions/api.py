"""Petition routes of /api/v1/: the same services, selectors and scope as the screens."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from documents.models import Document
from hdnd.params import PageNumberPagination, Year
from petitions import selectors, services
from petitions.access import ANSWER, EDIT, PERSONAL, VIEW
from petitions.models import ContactMeeting, ContactPlace, ContactRound, Petition, PetitionField
from petitions.schemas import (
    AnswerIn,
    AnswerReportIn,
    BulkIn,
    DocumentRefOut,
    DuplicateGroupOut,
    FieldIn,
    FieldOut,
    ForwardIn,
    ForwardOut,
    MeetingIn,
    MeetingOut,
    MergeIn,
    NoteIn,
    PetitionerOut,
    PetitionFilter,
    PetitionIn,
    PetitionOut,
    PetitionUpdateIn,
    PlaceIn,
    PlaceOut,
    PublishIn,
    RoundCountsOut,
    RoundIn,
    RoundOut,
    UnitAnswersOut,
)
from registry.access import council_for_api, councils_for, has_perm
from registry.models import Body, Council, Delegate
from registry.security import client_address

router = Router(tags=["Kiến nghị cử tri"])


def _council_any(request: HttpRequest, council_id: int, *perms: str) -> Council:
    """The council if the user holds any of `perms` there; 404 outside the user's councils, else 403."""
    council = councils_for(request.user).filter(pk=council_id).first()
    if council is not None and any(has_perm(request.user, council, p) for p in perms):
        return council
    return council_for_api(request.user, council_id, perms[-1])


def _round(council: Council, round_id: int) -> ContactRound:
    return selectors.round_get(council=council, pk=round_id)


def _one(model: type, pk: int | None, name: str, label: str, **scope: object) -> object:
    """The record `pk` of `model` within `scope` (the council), or a Vietnamese error naming the field."""
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk, **scope).first()
    if obj is None:
        raise ValidationError({name: f"Không tìm thấy {label} trong Hội đồng này."})
    return obj


@router.get("/councils/{council_id}/petition-rounds", response=list[RoundOut], url_name="petition_round_list")
def round_list(request: HttpRequest, council_id: int) -> QuerySet[ContactRound]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.round_list(council=council)


@router.post("/councils/{council_id}/petition-rounds", response={201: RoundOut}, url_name="petition_round_create")
def round_create(request: HttpRequest, council_id: int, payload: RoundIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    return Status(201, services.round_create(council=council, user=request.user, **payload.dict()))


@router.get(
    "/councils/{council_id}/petition-rounds/{round_id}/meetings",
    response=list[MeetingOut],
    url_name="petition_meeting_list",
)
def meeting_list(request: HttpRequest, council_id: int, round_id: int) -> QuerySet[ContactMeeting]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.meeting_list(contact_round=_round(council, round_id))


def _meeting_args(council: Council, payload: MeetingIn) -> dict:
    data = payload.dict()
    delegate_ids = data.pop("delegate_ids")
    delegates = list(Delegate.objects.filter(term__council=council, pk__in=delegate_ids).select_related("term"))
    if len(delegates) != len(set(delegate_ids)):
        raise ValidationError({"delegate_ids": "Không tìm thấy đại biểu trong Hội đồng này."})
    unit_id, place_id = data.pop("unit_id"), data.pop("contact_place_id")
    co_organiser_id, minutes_id = data.pop("co_organiser_id"), data.pop("minutes_id")
    return {
        **data,
        "unit": _one(Council, unit_id, "unit_id", "xã, phường", parent=council),
        "contact_place": _one(ContactPlace, place_id, "contact_place_id", "thôn, tổ dân phố", council=council),
        "delegates": delegates,
        "co_organiser": _one(Body, co_organiser_id, "co_organiser_id", "cơ quan", council=council),
        "minutes": _one(Document, minutes_id, "minutes_id", "biên bản", council=council),
    }


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/meetings",
    response={201: MeetingOut},
    url_name="petition_meeting_create",
)
def meeting_create(request: HttpRequest, council_id: int, round_id: int, payload: MeetingIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    contact_round = _round(council, round_id)
    meeting = services.meeting_create(contact_round=contact_round, user=request.user, **_meeting_args(council, payload))
    return Status(201, selectors.meeting_get(council=council, pk=meeting.pk))


@router.get("/councils/{council_id}/petition-meetings/{meeting_id}", response=MeetingOut, url_name="petition_meeting")
def meeting_detail(request: HttpRequest, council_id: int, meeting_id: int) -> ContactMeeting:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.meeting_get(council=council, pk=meeting_id)


@router.put(
    "/councils/{council_id}/petition-meetings/{meeting_id}", response=MeetingOut, url_name="petition_meeting_update"
)
def meeting_update(request: HttpRequest, council_id: int, meeting_id: int, payload: MeetingIn) -> ContactMeeting:
    """Correct a meeting; its commune or village changes only while no petition refers to it."""
    council = council_for_api(request.user, council_id, EDIT)
    meeting = selectors.meeting_get(council=council, pk=meeting_id)
    services.meeting_update(meeting=meeting, user=request.user, **_meeting_args(council, payload))
    return selectors.meeting_get(council=council, pk=meeting_id)


@router.delete(
    "/councils/{council_id}/petition-meetings/{meeting_id}", response={204: None}, url_name="petition_meeting_delete"
)
def meeting_delete(request: HttpRequest, council_id: int, meeting_id: int) -> Status:
    """Delete a meeting; refused (400) while petitions refer to it."""
    council = council_for_api(request.user, council_id, EDIT)
    services.meeting_delete(meeting=selectors.meeting_get(council=council, pk=meeting_id), user=request.user)
    return Status(204, None)


@router.get("/councils/{council_id}/contact-places", response=list[PlaceOut], url_name="petition_place_list")
def place_list(request: HttpRequest, council_id: int) -> QuerySet[ContactPlace]:
    """The council's villages and residential groups where it meets voters (retired ones too)."""
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.place_list(council=council)


@router.post("/councils/{council_id}/contact-places", response={201: PlaceOut}, url_name="petition_place_create")
def place_create(request: HttpRequest, council_id: int, payload: PlaceIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    return Status(201, services.place_create(council=council, user=request.user, **payload.dict()))


@router.put("/councils/{council_id}/contact-places/{place_id}", response=PlaceOut, url_name="petition_place_update")
def place_update(request: HttpRequest, council_id: int, place_id: int, payload: PlaceIn) -> ContactPlace:
    council = council_for_api(request.user, council_id, EDIT)
    place = selectors.place_get(council=council, pk=place_id)
    return services.place_update(place=place, user=request.user, **payload.dict())


def _data(council: Council, item: PetitionIn, number: int | None) -> services.PetitionData:
    prefix = f"{number}." if number is not None else ""
    scope = {"council": council}
    place = _one(ContactPlace, item.contact_place_id, f"{prefix}contact_place_id", "thôn, tổ dân phố", **scope)
    unit = None
    if item.unit_id is not None or place is None:
        unit = services.child_units(council).filter(pk=item.unit_id).first()
        if unit is None:
            raise ValidationError({f"{prefix}unit_id": "Xã, phường không thuộc địa bàn của Hội đồng."})
    return services.PetitionData(
        text=item.text,
        unit=unit,
        contact_place=place,
        level=item.level,
        field=_one(PetitionField, item.field_id, f"{prefix}field_id", "lĩnh vực", **scope),
        body=_one(Body, item.body_id, f"{prefix}body_id", "cơ quan", **scope),
        meeting=_one(ContactMeeting, item.meeting_id, f"{prefix}meeting_id", "hội nghị", round__council=council),
        channel=item.channel,
        voters=item.voters,
        complaint=item.complaint,
        people=[(p.full_name, p.address, p.phone) for p in item.people],
    )


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/petitions",
    response={201: list[PetitionOut]},
    url_name="petition_bulk_create",
)
def petition_bulk_create(request: HttpRequest, council_id: int, round_id: int, payload: BulkIn) -> Status:
    """Create one or many petitions of a round, all or nothing (errors keyed "N.field", N from 1)."""
    council = council_for_api(request.user, council_id, EDIT)
    contact_round = _round(council, round_id)
    many = len(payload.items) > 1
    items = [_data(council, item, n if many else None) for n, item in enumerate(payload.items, start=1)]
    created = services.petitions_bulk_create(contact_round=contact_round, items=items, user=request.user)
    rows = selectors.petition_list(user=request.user, council=council).filter(pk__in=[p.pk for p in created])
    return Status(201, list(rows))


@router.get("/councils/{council_id}/petitions", response=list[PetitionOut], url_name="petition_list")
@paginate(PageNumberPagination, page_size=100)
def petition_list(request: HttpRequest, council_id: int, filters: Query[PetitionFilter]) -> QuerySet[Petition]:
    """Top-level petitions the user may see (an agency user: those addressed to its body)."""
    council = _council_any(request, council_id, ANSWER, VIEW)
    return selectors.petition_list(
        user=request.user,
        council=council,
        round_id=filters.round_id,
        level=filters.level or "",
        field_id=filters.field_id,
        state=filters.state or "",
        unit_id=filters.unit_id,
        body_id=filters.body_id,
        search=filters.q or "",
    )


@router.get("/councils/{council_id}/petitions/{petition_id}", response=PetitionOut, url_name="petition_detail")
def petition_detail(request: HttpRequest, council_id: int, petition_id: int) -> Petition:
    council = _council_any(request, council_id, ANSWER, VIEW)
    return selectors.petition_get(user=request.user, council=council, pk=petition_id)


@router.put("/councils/{council_id}/petitions/{petition_id}", response=PetitionOut, url_name="petition_update")
def petition_update(request: HttpRequest, council_id: int, petition_id: int, payload: PetitionUpdateIn) -> Petition:
    council = council_for_api(request.user, council_id, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=petition_id)
    services.petition_update(
        petition=petition,
        user=request.user,
        text=payload.text,
        level=payload.level,
        field=_one(PetitionField, payload.field_id, "field_id", "lĩnh vực", council=council),
        body=_one(Body, payload.body_id, "body_id", "cơ quan", council=council),
        complaint=payload.complaint,
    )
    return selectors.petition_get(user=request.user, council=council, pk=petition_id)


@router.get(
    "/councils/{council_id}/petitions/{petition_id}/petitioners",
    response=list[PetitionerOut],
    url_name="petition_petitioners",
)
def petitioners(request: HttpRequest, council_id: int, petition_id: int) -> list:
    """Personal data: only for roles that need it; every access is logged."""
    council = council_for_api(request.user, council_id, PERSONAL)
    petition = selectors.petition_get(user=request.user, council=council, pk=petition_id)
    people = list(petition.people.all())
    if people:
        services.log_personal_access(
            user=request.user, council=council, petitions=[petition], action="api", address=client_address(request)
        )
    return people


@router.get(
    "/councils/{council_id}/petition-rounds/{round_id}/duplicates",
    response=list[DuplicateGroupOut],
    url_name="petition_duplicates",
)
def duplicates(request: HttpRequest, council_id: int, round_id: int) -> list[dict]:
    council = council_for_api(request.user, council_id, EDIT)
    groups = selectors.duplicate_suggestions(contact_round=_round(council, round_id))
    return [{"petitions": g} for g in groups]


@router.post("/councils/{council_id}/petition-merges", response={201: PetitionOut}, url_name="petition_merge")
def merge(request: HttpRequest, council_id: int, payload: MergeIn) -> Status:
    """Merge petitions into one aggregated petition keeping every origin; another council's id: 404."""
    council = council_for_api(request.user, council_id, EDIT)
    petitions = list(Petition.objects.filter(pk__in=payload.ids))
    if len(petitions) != len(set(payload.ids)):
        raise ValidationError({"ids": "Không tìm thấy kiến nghị."})
    if any(p.council_id != council.pk for p in petitions):
        raise ValidationError({"ids": "Không thể gộp kiến nghị của hai Hội đồng khác nhau."})
    aggregate = services.petition_merge(petitions=petitions, user=request.user, text=payload.text)
    return Status(201, selectors.petition_get(user=request.user, council=council, pk=aggregate.pk))


@router.post(
    "/councils/{council_id}/petitions/{petition_id}/split", response=list[PetitionOut], url_name="petition_split"
)
def split(request: HttpRequest, council_id: int, petition_id: int) -> list[Petition]:
    council = council_for_api(request.user, council_id, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=petition_id)
    origins = services.petition_split(petition=petition, user=request.user)
    return list(selectors.petition_list(user=request.user, council=council).filter(pk__in=[o.pk for o in origins]))


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/forward", response={201: ForwardOut}, url_name="petition_forward"
)
def forward(request: HttpRequest, council_id: int, round_id: int, payload: ForwardIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    contact_round = _round(council, round_id)
    body = _one(Body, payload.body_id, "body_id", "cơ quan", council=council)
    document = services.petitions_forward(
        contact_round=contact_round,
        body=body,
        user=request.user,
        signer_title=payload.signer_title,
        signer_name=payload.signer_name,
        signer_authority=payload.signer_authority,
        issued_on=payload.issued_on,
    )
    count = Petition.objects.filter(forward_document=document).count()
    return Status(201, {"document_id": document.pk, "number_symbol": document.number_symbol, "forwarded": count})


@router.post("/councils/{council_id}/petitions/{petition_id}/answer", response=PetitionOut, url_name="petition_answer")
def answer(request: HttpRequest, council_id: int, petition_id: int, payload: AnswerIn) -> Petition:
    """An agency user answers a petition addressed to its body (others are not found)."""
    council = _council_any(request, council_id, ANSWER, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=petition_id)
    document = _one(Document, payload.document_id, "document_id", "văn bản trả lời", council=council)
    services.petition_answer(
        petition=petition, user=request.user, text=payload.text, state=payload.state, document=document
    )
    return selectors.petition_get(user=request.user, council=council, pk=petition_id)


@router.post("/councils/{council_id}/petitions/{petition_id}/accept", response=PetitionOut, url_name="petition_accept")
def accept(request: HttpRequest, council_id: int, petition_id: int, payload: NoteIn) -> Petition:
    council = council_for_api(request.user, council_id, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=petition_id)
    services.petition_accept(petition=petition, user=request.user, note=payload.note)
    return selectors.petition_get(user=request.user, council=council, pk=petition_id)


@router.get("/councils/{council_id}/petition-counts", response=list[RoundCountsOut], url_name="petition_counts")
def counts(request: HttpRequest, council_id: int, year: Year) -> list[dict]:
    """Per round of the year: top-level petitions by competent level, field and state; where contacts were held."""
    council = council_for_api(request.user, council_id, VIEW)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "Năm không hợp lệ."})
    return [
        {
            "round_id": c.round.pk,
            "label": c.round.label,
            "total": c.total,
            "by_level": c.by_level,
            "by_field": c.by_field,
            "by_state": c.by_state,
            "units": c.units,
            "complaints": c.complaints,
            "sentence": c.sentence(),
        }
        for c in selectors.petition_counts(council=council, year=year)
    ]


@router.get("/councils/{council_id}/petition-fields", response=list[FieldOut], url_name="petition_field_list")
def field_list(request: HttpRequest, council_id: int) -> QuerySet[PetitionField]:
    """The council's taxonomy of fields."""
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.fields_of(council)


@router.post("/councils/{council_id}/petition-fields", response={201: FieldOut}, url_name="petition_field_create")
def field_create(request: HttpRequest, council_id: int, payload: FieldIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    return Status(201, services.field_create(council=council, name=payload.name, position=payload.position))


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/publish", response=RoundOut, url_name="petition_round_publish"
)
def round_publish(request: HttpRequest, council_id: int, round_id: int, payload: PublishIn) -> ContactRound:
    """Show or hide the round's petitions and answers on the public pages."""
    council = council_for_api(request.user, council_id, EDIT)
    return services.round_publish(
        contact_round=_round(council, round_id), published=payload.published, user=request.user
    )


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/answer-report",
    response={201: DocumentRefOut},
    url_name="petition_answer_report",
)
def answer_report(request: HttpRequest, council_id: int, round_id: int, payload: AnswerReportIn) -> Status:
    """Draft the report to the session on how the round's petitions were answered (a document of the register)."""
    council = council_for_api(request.user, council_id, EDIT)
    document = services.answer_report_create(
        contact_round=_round(council, round_id), user=request.user, **payload.dict()
    )
    return Status(201, {"document_id": document.pk, "subject": document.subject})


@router.get(
    "/councils/{council_id}/petition-rounds/{round_id}/answers-by-unit",
    response=list[UnitAnswersOut],
    url_name="petition_answers_by_unit",
)
def answers_by_unit(request: HttpRequest, council_id: int, round_id: int) -> list[dict]:
    """Per commune or ward, the answered petitions its voters raised, to read to them at the next contact."""
    council = council_for_api(request.user, council_id, VIEW)
    return [
        {
            "unit_id": area.unit.pk if area.unit else None,
            "contact_place_id": area.place.pk if area.place else None,
            "unit_name": area.unit_name,
            "label": area.unit_label,
            "petitions": petitions,
        }
        for area, petitions in selectors.answers_by_unit(contact_round=_round(council, round_id))
    ]


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/answers-by-unit/notice",
    response={201: DocumentRefOut},
    url_name="petition_answers_notice",
)
def answers_notice(request: HttpRequest, council_id: int, round_id: int, payload: AnswerReportIn) -> Status:
    """Draft the notice of the answers per commune or ward (a document of the register, DOCX per ND30)."""
    council = council_for_api(request.user, council_id, EDIT)
    document = services.answers_notice_create(
        contact_round=_round(council, round_id), user=request.user, **payload.dict()
    )
    return Status(201, {"document_id": document.pk, "subject": document.subject})
