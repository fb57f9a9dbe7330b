"""Petition routes of /api/v1/: the same services, selectors and scope as the screens."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from documents.models import Document
from documents.selectors import document_scope
from hdnd import dates, exports
from hdnd.params import PageNumberPagination, Year
from petitions import selectors, services
from petitions.access import ANSWER, EDIT, PERSONAL, VIEW
from petitions.exports import EXPORT
from petitions.models import ContactMeeting, ContactPlace, ContactRound, Petition, PetitionField
from petitions.schemas import (
    AnswerIn,
    AnswerReportIn,
    BulkIn,
    DuplicateGroupOut,
    FieldIn,
    FieldOut,
    ForwardIn,
    ForwardOut,
    MergeIn,
    PetitionDocumentRefOut,
    PetitionerOut,
    PetitionExportIn,
    PetitionFilter,
    PetitionIn,
    PetitionMeetingIn,
    PetitionMeetingOut,
    PetitionNoteIn,
    PetitionOut,
    PetitionPublishIn,
    PetitionRoundIn,
    PetitionRoundOut,
    PetitionUpdateIn,
    PlaceIn,
    PlaceOut,
    RoundCountsOut,
    UnitAnswersOut,
)
from registry.access import council_for_api, councils_for, has_perm
from registry.models import Body, Council, Delegate
from registry.security import client_address
from registry.selectors import NotInCouncil, all_in_council, in_council
from registry.services import council_accepts

router = Router(tags=["Kiến nghị cử tri"])


def _council_any(request: HttpRequest, council_id: int, *perms: str) -> Council:
    """The council if the user holds any of `perms` there; 404 outside the user's councils, else 403."""
    council = councils_for(request.user).filter(pk=council_id).first()
    if council is not None and any(has_perm(request.user, council, p) for p in perms):
        return council
    return council_for_api(request.user, council_id, perms[-1])


# Why a step `allowed_actions` does not offer the user now is refused (the role's permission checked before).
REFUSED = {
    "edit": "Chỉ sửa được kiến nghị mới tiếp nhận; kiến nghị đã chuyển cơ quan thì không sửa được nữa.",
    "split": "Chỉ tách được kiến nghị đã tổng hợp, chưa chuyển cơ quan; kiến nghị đã chuyển thì không tách được.",
    "answer": "Kiến nghị chưa chuyển đến cơ quan của bạn, hoặc câu trả lời đã được chấp nhận.",
    "accept": "Chỉ chấp nhận trả lời khi cơ quan đã báo cáo hoàn thành.",
}


def _petition(request: HttpRequest, council: Council, petition_id: int, action: str) -> Petition:
    """The petition, if the workflow's `allowed_actions` offers `action` to the user now (the screens ask the same)."""
    petition = selectors.petition_get(user=request.user, council=council, pk=petition_id)
    if action in ("answer", "accept"):
        council_accepts(council, dates.today())  # a ceased council is offered neither: say why
    if action not in services.allowed_actions(petition, request.user):
        raise ValidationError(REFUSED[action])
    return petition


def _round(council: Council, round_id: int) -> ContactRound:
    return selectors.round_get(council=council, pk=round_id)


@router.get(
    "/councils/{council_id}/petition-rounds",
    response=list[PetitionRoundOut],
    url_name="petition_round_list",
    summary="Danh sách đợt tiếp xúc cử tri",
)
def round_list(request: HttpRequest, council_id: int) -> QuerySet[ContactRound]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.round_list(council=council)


@router.post(
    "/councils/{council_id}/petition-rounds",
    response={201: PetitionRoundOut},
    url_name="petition_round_create",
    summary="Tạo đợt tiếp xúc cử tri",
)
def round_create(request: HttpRequest, council_id: int, payload: PetitionRoundIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    return Status(201, services.round_create(council=council, user=request.user, **payload.dict()))


@router.get(
    "/councils/{council_id}/petition-rounds/{round_id}/meetings",
    response=list[PetitionMeetingOut],
    url_name="petition_meeting_list",
    summary="Danh sách hội nghị tiếp xúc cử tri",
)
def meeting_list(request: HttpRequest, council_id: int, round_id: int) -> QuerySet[ContactMeeting]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.meeting_list(contact_round=_round(council, round_id))


def _meeting_args(council: Council, payload: PetitionMeetingIn) -> dict:
    data = payload.dict()
    delegate_ids = data.pop("delegate_ids")
    delegates = all_in_council(
        Delegate.objects.select_related("term"),
        delegate_ids,
        field="delegate_ids",
        label="đại biểu",
        term__council=council,
    )
    unit_id, place_id = data.pop("unit_id"), data.pop("contact_place_id")
    co_organiser_id, minutes_id = data.pop("co_organiser_id"), data.pop("minutes_id")
    return {
        **data,
        "unit": in_council(Council, unit_id, field="unit_id", label="xã, phường", parent=council),
        "contact_place": in_council(
            ContactPlace, place_id, field="contact_place_id", label="thôn, tổ dân phố", council=council
        ),
        "delegates": delegates,
        "co_organiser": in_council(Body, co_organiser_id, field="co_organiser_id", label="cơ quan", council=council),
        "minutes": in_council(Document, minutes_id, field="minutes_id", label="biên bản", council=council),
    }


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/meetings",
    response={201: PetitionMeetingOut},
    url_name="petition_meeting_create",
    summary="Tạo hội nghị tiếp xúc cử tri",
)
def meeting_create(request: HttpRequest, council_id: int, round_id: int, payload: PetitionMeetingIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    contact_round = _round(council, round_id)
    meeting = services.meeting_create(contact_round=contact_round, user=request.user, **_meeting_args(council, payload))
    return Status(201, selectors.meeting_get(council=council, pk=meeting.pk))


@router.get(
    "/councils/{council_id}/petition-meetings/{meeting_id}",
    response=PetitionMeetingOut,
    url_name="petition_meeting",
    summary="Thông tin hội nghị tiếp xúc cử tri",
)
def meeting_detail(request: HttpRequest, council_id: int, meeting_id: int) -> ContactMeeting:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.meeting_get(council=council, pk=meeting_id)


@router.put(
    "/councils/{council_id}/petition-meetings/{meeting_id}",
    response=PetitionMeetingOut,
    url_name="petition_meeting_update",
    summary="Sửa hội nghị tiếp xúc cử tri",
)
def meeting_update(
    request: HttpRequest, council_id: int, meeting_id: int, payload: PetitionMeetingIn
) -> ContactMeeting:
    """Sửa hội nghị; xã, phường hoặc thôn chỉ đổi được khi chưa có kiến nghị nào gắn với hội nghị."""
    council = council_for_api(request.user, council_id, EDIT)
    meeting = selectors.meeting_get(council=council, pk=meeting_id)
    services.meeting_update(meeting=meeting, user=request.user, **_meeting_args(council, payload))
    return selectors.meeting_get(council=council, pk=meeting_id)


@router.delete(
    "/councils/{council_id}/petition-meetings/{meeting_id}",
    response={204: None},
    url_name="petition_meeting_delete",
    summary="Xóa hội nghị tiếp xúc cử tri",
)
def meeting_delete(request: HttpRequest, council_id: int, meeting_id: int) -> Status:
    """Xóa hội nghị; bị từ chối (400) khi còn kiến nghị gắn với hội nghị."""
    council = council_for_api(request.user, council_id, EDIT)
    services.meeting_delete(meeting=selectors.meeting_get(council=council, pk=meeting_id), user=request.user)
    return Status(204, None)


@router.get(
    "/councils/{council_id}/contact-places",
    response=list[PlaceOut],
    url_name="petition_place_list",
    summary="Danh sách thôn, tổ dân phố",
)
def place_list(request: HttpRequest, council_id: int) -> QuerySet[ContactPlace]:
    """Các thôn, tổ dân phố nơi Hội đồng tiếp xúc cử tri (cả những nơi đã thôi dùng)."""
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.place_list(council=council)


@router.post(
    "/councils/{council_id}/contact-places",
    response={201: PlaceOut},
    url_name="petition_place_create",
    summary="Thêm thôn, tổ dân phố",
)
def place_create(request: HttpRequest, council_id: int, payload: PlaceIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    return Status(201, services.place_create(council=council, user=request.user, **payload.dict()))


@router.put(
    "/councils/{council_id}/contact-places/{place_id}",
    response=PlaceOut,
    url_name="petition_place_update",
    summary="Sửa thôn, tổ dân phố",
)
def place_update(request: HttpRequest, council_id: int, place_id: int, payload: PlaceIn) -> ContactPlace:
    council = council_for_api(request.user, council_id, EDIT)
    place = selectors.place_get(council=council, pk=place_id)
    return services.place_update(place=place, user=request.user, **payload.dict())


def _lookup(errors: dict[str, str], model: type, pk: int | None, name: str, label: str, **scope: object) -> object:
    """`in_council`, noting a record not found in `errors` instead of stopping at the first row (a bulk request
    answers every error of every row at once)."""
    try:
        return in_council(model, pk, field=name, label=label, **scope)
    except NotInCouncil as exc:
        errors[name] = str(exc)
        return None


def _data(council: Council, item: PetitionIn, prefix: str, errors: dict[str, str]) -> services.PetitionData:
    scope = {"council": council}
    place = _lookup(
        errors, ContactPlace, item.contact_place_id, f"{prefix}contact_place_id", "thôn, tổ dân phố", **scope
    )
    unit = None
    if item.unit_id is not None or place is None:
        unit = services.child_units(council).filter(pk=item.unit_id).first()
        if unit is None:
            errors[f"{prefix}unit_id"] = "Xã, phường không thuộc địa bàn của Hội đồng."
    meeting = _lookup(
        errors, ContactMeeting, item.meeting_id, f"{prefix}meeting_id", "hội nghị", round__council=council
    )
    return services.PetitionData(
        text=item.text,
        unit=unit,
        contact_place=place,
        level=item.level,
        field=_lookup(errors, PetitionField, item.field_id, f"{prefix}field_id", "lĩnh vực", **scope),
        body=_lookup(errors, Body, item.body_id, f"{prefix}body_id", "cơ quan", **scope),
        meeting=meeting,
        channel=item.channel,
        voters=item.voters,
        complaint=item.complaint,
        people=[(p.full_name, p.address, p.phone) for p in item.people],
    )


class _CheckOnly(Exception):
    """Raised inside the bulk transaction to roll back a run that only collected the service's errors."""


def _row_key(key: str, many: bool) -> str:
    """The service's "N.field" (or "field" for one row) as the schema's "items.N.field", rows from 1."""
    return f"items.{key}" if many else f"items.1.{key}"


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/petitions",
    response={201: list[PetitionOut]},
    url_name="petition_bulk_create",
    summary="Nhập kiến nghị (một hoặc nhiều)",
)
def petition_bulk_create(request: HttpRequest, council_id: int, round_id: int, payload: BulkIn) -> Status:
    """Nhập một hoặc nhiều kiến nghị của đợt, tất cả hoặc không gì cả; mọi lỗi của mọi dòng trong một lần trả lời
    (trường lỗi dạng "items.N.trường", N đếm từ 1).
    """
    council = council_for_api(request.user, council_id, EDIT)
    contact_round = _round(council, round_id)
    errors: dict[str, str] = {}
    items = [_data(council, item, f"items.{n}.", errors) for n, item in enumerate(payload.items, start=1)]
    # Every error of every row in one answer: the ids not found and the service's own checks together; a
    # run with ids not found goes through the service only to collect its errors, and is rolled back.
    many = len(items) > 1
    try:
        with transaction.atomic():
            created = services.petitions_bulk_create(contact_round=contact_round, items=items, user=request.user)
            if errors:
                raise _CheckOnly
    except ValidationError as exc:
        found = {_row_key(k, many): " ".join(m) for k, m in exc.message_dict.items()}
        raise ValidationError({**found, **errors}) from exc
    except _CheckOnly:
        raise ValidationError(errors) from None
    rows = selectors.petition_list(user=request.user, council=council).filter(pk__in=[p.pk for p in created])
    return Status(201, list(rows))


@router.get(
    "/councils/{council_id}/petitions",
    response=list[PetitionOut],
    url_name="petition_list",
    summary="Danh sách kiến nghị",
)
@paginate(PageNumberPagination, page_size=100)
def petition_list(request: HttpRequest, council_id: int, filters: Query[PetitionFilter]) -> selectors.InRoundOrder:
    """Các kiến nghị gốc người dùng được xem (người dùng của cơ quan: những kiến nghị gửi cơ quan mình)."""
    council = _council_any(request, council_id, ANSWER, VIEW)
    rows = selectors.petition_list(
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
    # The page is taken from the (council, round, id) index, as on the screen, not after sorting the council.
    return selectors.in_round_order(rows, council=council)


@router.get(
    "/councils/{council_id}/petitions/{petition_id}",
    response=PetitionOut,
    url_name="petition_detail",
    summary="Thông tin một kiến nghị",
)
def petition_detail(request: HttpRequest, council_id: int, petition_id: int) -> Petition:
    council = _council_any(request, council_id, ANSWER, VIEW)
    return selectors.petition_get(user=request.user, council=council, pk=petition_id)


@router.put(
    "/councils/{council_id}/petitions/{petition_id}",
    response=PetitionOut,
    url_name="petition_update",
    summary="Sửa kiến nghị",
)
def petition_update(request: HttpRequest, council_id: int, petition_id: int, payload: PetitionUpdateIn) -> Petition:
    council = council_for_api(request.user, council_id, EDIT)
    petition = _petition(request, council, petition_id, "edit")
    services.petition_update(
        petition=petition,
        user=request.user,
        text=payload.text,
        level=payload.level,
        field=in_council(PetitionField, payload.field_id, field="field_id", label="lĩnh vực", council=council),
        body=in_council(Body, payload.body_id, field="body_id", label="cơ quan", council=council),
        complaint=payload.complaint,
    )
    return selectors.petition_get(user=request.user, council=council, pk=petition_id)


@router.get(
    "/councils/{council_id}/petitions/{petition_id}/petitioners",
    response=list[PetitionerOut],
    url_name="petition_petitioners",
    summary="Người kiến nghị (dữ liệu cá nhân)",
)
def petitioners(request: HttpRequest, council_id: int, petition_id: int) -> list:
    """Dữ liệu cá nhân: chỉ cho vai trò cần đến; mọi lần truy cập đều được ghi lại."""
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
    summary="Kiến nghị trùng nhau",
)
def duplicates(request: HttpRequest, council_id: int, round_id: int) -> list[dict]:
    council = council_for_api(request.user, council_id, EDIT)
    groups = selectors.duplicate_suggestions(contact_round=_round(council, round_id))
    return [{"petitions": g} for g in groups]


@router.post(
    "/councils/{council_id}/petition-merges",
    response={201: PetitionOut},
    url_name="petition_merge",
    summary="Tổng hợp các kiến nghị thành một",
)
def merge(request: HttpRequest, council_id: int, payload: MergeIn) -> Status:
    """Tổng hợp các kiến nghị thành một kiến nghị, giữ mọi nguồn gốc; mã của Hội đồng khác: 404."""
    council = council_for_api(request.user, council_id, EDIT)
    # Every id through the council-scoped selector: another council's petition is not found, as one that
    # does not exist (never an answer that confirms it exists elsewhere).
    scope = selectors.petition_scope(user=request.user, council=council)
    petitions = all_in_council(scope, payload.ids, field="ids", label="kiến nghị")
    aggregate = services.petition_merge(petitions=petitions, user=request.user, text=payload.text)
    return Status(201, selectors.petition_get(user=request.user, council=council, pk=aggregate.pk))


@router.post(
    "/councils/{council_id}/petitions/{petition_id}/split",
    response=list[PetitionOut],
    url_name="petition_split",
    summary="Tách kiến nghị đã tổng hợp",
)
def split(request: HttpRequest, council_id: int, petition_id: int) -> list[Petition]:
    council = council_for_api(request.user, council_id, EDIT)
    petition = _petition(request, council, petition_id, "split")
    origins = services.petition_split(petition=petition, user=request.user)
    return list(selectors.petition_list(user=request.user, council=council).filter(pk__in=[o.pk for o in origins]))


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/forward",
    response={201: ForwardOut},
    url_name="petition_forward",
    summary="Chuyển kiến nghị đến cơ quan",
)
def forward(request: HttpRequest, council_id: int, round_id: int, payload: ForwardIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    contact_round = _round(council, round_id)
    body = in_council(Body, payload.body_id, field="body_id", label="cơ quan", council=council)
    document = services.petitions_forward(
        contact_round=contact_round,
        body=body,
        user=request.user,
        signer_title=payload.signer_title,
        signer_name=payload.signer_name,
        signer_authority=payload.signer_authority,
        issued_on=payload.issued_on,
    )
    count = selectors.petition_scope(user=request.user, council=council).filter(forward_document=document).count()
    return Status(201, {"document_id": document.pk, "number_symbol": document.number_symbol, "forwarded": count})


@router.post(
    "/councils/{council_id}/petitions/{petition_id}/answer",
    response=PetitionOut,
    url_name="petition_answer",
    summary="Trả lời kiến nghị",
)
def answer(request: HttpRequest, council_id: int, petition_id: int, payload: AnswerIn) -> Petition:
    """Người dùng của cơ quan trả lời kiến nghị gửi cơ quan mình (kiến nghị khác: không tìm thấy)."""
    council = _council_any(request, council_id, ANSWER, EDIT)
    petition = _petition(request, council, petition_id, "answer")
    document = in_council(
        document_scope(user=request.user, council=council),
        payload.document_id,
        field="document_id",
        label="văn bản trả lời",
    )
    services.petition_answer(
        petition=petition, user=request.user, text=payload.text, state=payload.state, document=document
    )
    return selectors.petition_get(user=request.user, council=council, pk=petition_id)


@router.post(
    "/councils/{council_id}/petitions/{petition_id}/accept",
    response=PetitionOut,
    url_name="petition_accept",
    summary="Chấp nhận trả lời",
)
def accept(request: HttpRequest, council_id: int, petition_id: int, payload: PetitionNoteIn) -> Petition:
    council = council_for_api(request.user, council_id, EDIT)
    petition = _petition(request, council, petition_id, "accept")
    services.petition_accept(petition=petition, user=request.user, note=payload.note)
    return selectors.petition_get(user=request.user, council=council, pk=petition_id)


@router.get(
    "/councils/{council_id}/petition-counts",
    response=list[RoundCountsOut],
    url_name="petition_counts",
    summary="Số liệu kiến nghị",
)
def counts(request: HttpRequest, council_id: int, year: Year) -> list[dict]:
    """Theo từng đợt của năm: kiến nghị gốc theo cấp có thẩm quyền, lĩnh vực và tình trạng; nơi đã tiếp xúc."""
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
            "answered": c.answered,
            "units": c.units,
            "complaints": c.complaints,
            "sentence": c.sentence(),
        }
        for c in selectors.petition_counts(council=council, year=year)
    ]


@router.get(
    "/councils/{council_id}/petition-fields",
    response=list[FieldOut],
    url_name="petition_field_list",
    summary="Danh sách lĩnh vực",
)
def field_list(request: HttpRequest, council_id: int) -> QuerySet[PetitionField]:
    """Danh mục lĩnh vực của Hội đồng."""
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.fields_of(council)


@router.post(
    "/councils/{council_id}/petition-fields",
    response={201: FieldOut},
    url_name="petition_field_create",
    summary="Thêm lĩnh vực",
)
def field_create(request: HttpRequest, council_id: int, payload: FieldIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    return Status(201, services.field_create(council=council, name=payload.name, position=payload.position))


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/publish",
    response=PetitionRoundOut,
    url_name="petition_round_publish",
    summary="Công khai kiến nghị của đợt",
)
def round_publish(request: HttpRequest, council_id: int, round_id: int, payload: PetitionPublishIn) -> ContactRound:
    """Hiện hoặc ẩn kiến nghị và trả lời của đợt trên trang công khai."""
    council = council_for_api(request.user, council_id, EDIT)
    return services.round_publish(
        contact_round=_round(council, round_id), published=payload.published, user=request.user
    )


@router.post(
    "/councils/{council_id}/petition-rounds/{round_id}/answer-report",
    response={201: PetitionDocumentRefOut},
    url_name="petition_answer_report",
    summary="Soạn báo cáo kết quả trả lời kiến nghị",
)
def answer_report(request: HttpRequest, council_id: int, round_id: int, payload: AnswerReportIn) -> Status:
    """Soạn báo cáo gửi kỳ họp về kết quả trả lời kiến nghị của đợt (một văn bản trong sổ)."""
    council = council_for_api(request.user, council_id, EDIT)
    document = services.answer_report_create(
        contact_round=_round(council, round_id), user=request.user, **payload.dict()
    )
    return Status(201, {"document_id": document.pk, "subject": document.subject})


@router.get(
    "/councils/{council_id}/petition-rounds/{round_id}/answers-by-unit",
    response=list[UnitAnswersOut],
    url_name="petition_answers_by_unit",
    summary="Kết quả trả lời theo xã, phường",
)
def answers_by_unit(request: HttpRequest, council_id: int, round_id: int) -> list[dict]:
    """Theo từng xã, phường: các kiến nghị của cử tri nơi đó đã được trả lời, để thông báo lại ở lần tiếp xúc sau."""
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
    response={201: PetitionDocumentRefOut},
    url_name="petition_answers_notice",
    summary="Soạn thông báo kết quả trả lời theo xã, phường",
)
def answers_notice(request: HttpRequest, council_id: int, round_id: int, payload: AnswerReportIn) -> Status:
    """Soạn thông báo kết quả trả lời theo xã, phường (một văn bản trong sổ, DOCX theo Nghị định 30)."""
    council = council_for_api(request.user, council_id, EDIT)
    document = services.answers_notice_create(
        contact_round=_round(council, round_id), user=request.user, **payload.dict()
    )
    return Status(201, {"document_id": document.pk, "subject": document.subject})


# The list's filters as the screen's query string, which the background export reads back.
EXPORT_KEYS = {
    "round_id": "dot",
    "level": "cap",
    "field_id": "linh_vuc",
    "state": "trang_thai",
    "unit_id": "xa",
    "body_id": "co_quan",
    "q": "q",
}


def _export_query(request: HttpRequest, council: Council, payload: PetitionExportIn) -> dict[str, str]:
    return {EXPORT_KEYS[k]: v for k, v in payload.dict(exclude_none=True).items() if v != ""}


exports.add_routes(
    router,
    EXPORT,
    filters=PetitionExportIn,
    council=lambda request, council_id: _council_any(request, council_id, ANSWER, VIEW),
    query=_export_query,
)
