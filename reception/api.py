"""Reception routes of /api/v1/: the same services, selectors, masking and access log as the screens."""

import datetime

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from hdnd.params import PageNumberPagination, Year
from petitions.models import Petition
from reception import notices, refusals, schedule, selectors, services
from reception.access import EDIT, GRANT, VIEW, identity_visible
from reception.models import CaseGrant, ChaseLetter, Letter, ReceptionSession, Roster, Slot
from reception.schemas import (
    LetterChaseIn,
    LetterChaseOut,
    LetterClassifyIn,
    LetterForwardIn,
    LetterForwardOut,
    LetterFromPetitionIn,
    LetterGrantIn,
    LetterGrantOut,
    LetterOut,
    LetterReceiveIn,
    LetterRefusalIn,
    LetterRefusalOut,
    LetterRoundIn,
    LetterScanOut,
    LetterSplitIn,
    LetterStatisticsOut,
    LetterToldIn,
    ReceptionNoticeIn,
    ReceptionNoticeOut,
    ReceptionPeriodIn,
    ReceptionPublishOut,
    ReceptionRosterIn,
    ReceptionRosterOut,
    ReceptionSessionIn,
    ReceptionSessionOut,
    ReceptionSlotChangeIn,
    ReceptionSlotOut,
    ReceptionTaskIn,
    ReceptionTaskOut,
)
from registry.access import council_for_api
from registry.models import Body, Council, Person
from registry.security import client_address
from registry.selectors import all_in_council, in_council

router = Router(tags=["Tiếp công dân, đơn thư"])


def _out(request: HttpRequest, letter: Letter, granted: set[int], *, log: bool) -> dict:
    """A letter as the user may see it; its senders only with the right to see them (that read is logged)."""
    cases = list(letter.cases.all())
    if letter.anonymous:
        identity = "anonymous"
    elif identity_visible(request.user, letter, granted=granted):
        identity = "visible"
    else:
        identity = "protected" if any(c.protected for c in cases) else "masked"
    senders = []
    if identity == "visible":
        senders = [
            {
                "full_name": s.full_name,
                "relation": s.relation,
                "address": s.address,
                "phone": s.phone,
                "id_number": s.id_number,
            }
            for s in letter.senders.all()
        ]
        if log and senders:
            services.log_identity_access(
                user=request.user, letters=[letter], action="api", address=client_address(request)
            )
    return {
        "id": letter.pk,
        "code": letter.code,
        "received_on": letter.received_on,
        "channel": letter.channel,
        "anonymous": letter.anonymous,
        "signed": letter.signed,
        "people": letter.people,
        "summary": letter.summary,
        "reception_id": letter.reception_id,
        "unit_id": letter.unit_id,
        "identity": identity,
        "senders": senders,
        "cases": letter.shown_cases,  # in a filtered list, the contents the filter matched (what a figure counts)
    }


@router.get("/councils/{council_id}/letters", response=list[LetterOut], url_name="letter_list", summary="Sổ đơn thư")
@paginate(PageNumberPagination, page_size=50)
def letter_list(
    request: HttpRequest,
    council_id: int,
    year: Year | None = None,
    category: str = "",
    field: str = "",
    handling: str = "",
    eligible: str = "",
    duplicates: str = "",
    forwarded: str = "",
    answered: str = "",
    chased: str = "",
    q: str = Query("", max_length=200),
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    as_of: datetime.date | None = None,
) -> list[dict]:
    """Sổ đơn thư của Hội đồng (mới nhất trước), lọc theo ngày nhận đơn (từ ngày, đến ngày) nếu có; tình hình
    chuyển đơn, trả lời, đôn đốc tính đến hết ngày `as_of` (mặc định: hôm nay), và khi có `as_of`, loại đơn,
    lĩnh vực, điều kiện xử lý, kết quả xử lý theo phân loại có hiệu lực ngày đó; mỗi đơn kèm các nội dung khớp
    bộ lọc (đúng các nội dung một số liệu thống kê đếm). Danh sách không kèm người gửi — xem từng đơn để xem."""
    council = council_for_api(request.user, council_id, VIEW)
    filters = selectors.LetterFilter(
        year=year,
        category=category,
        field=field,
        handling=handling,
        eligible=eligible,
        duplicates=duplicates,
        forwarded=forwarded,
        answered=answered,
        chased=chased,
        q=q,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
    )
    letters = selectors.letter_list(council=council, filters=filters)
    return _Lazy(letters, lambda letter: {**_out(request, letter, set(), log=False), "senders": []})


class _Lazy:
    """A queryset the paginator slices, turned into outputs only for the page it takes."""

    def __init__(self, queryset: object, convert: object) -> None:
        self.queryset, self.convert = queryset, convert

    def __len__(self) -> int:
        return self.queryset.count()

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, item: slice) -> list[dict]:
        return [self.convert(x) for x in self.queryset[item]]


@router.post(
    "/councils/{council_id}/letters", response={201: LetterOut}, url_name="letter_create", summary="Vào sổ đơn thư"
)
def letter_create(request: HttpRequest, council_id: int, payload: LetterReceiveIn) -> Status:
    """Vào sổ một đơn thư với từng nội dung của đơn (tách đơn nhiều nội dung ngay khi nhận)."""
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    letter = services.letter_receive(
        council=council,
        user=request.user,
        received_on=data["received_on"],
        cases=[services.CaseIn(**c) for c in data["cases"]],
        senders=[services.SenderIn(**s) for s in data["senders"]],
        channel=data["channel"],
        anonymous=data["anonymous"],
        signed=data["signed"],
        people=data["people"],
        unit=in_council(Council, data["unit_id"], field="unit_id", label="xã, phường", parent=council),
        reception=in_council(
            ReceptionSession, data["reception_id"], field="reception_id", label="buổi tiếp", council=council
        ),
        forwarded_by=in_council(
            Person, data["forwarded_by_id"], field="forwarded_by_id", label="đại biểu", council=council
        ),
        from_body=in_council(Body, data["from_body_id"], field="from_body_id", label="cơ quan", council=council),
        origin_petition=in_council(
            Petition, data["origin_petition_id"], field="origin_petition_id", label="kiến nghị", council=council
        ),
    )
    letter = selectors.letter_get(council=council, pk=letter.pk)
    return Status(201, _out(request, letter, selectors.granted_cases(request.user, council), log=True))


@router.get(
    "/councils/{council_id}/letters/{letter_id}",
    response=LetterOut,
    url_name="letter_detail",
    summary="Xem một đơn thư",
)
def letter_detail(request: HttpRequest, council_id: int, letter_id: int) -> dict:
    """Một đơn thư; người gửi chỉ hiện với người có quyền (mỗi lần xem được ghi nhật ký)."""
    council = council_for_api(request.user, council_id, VIEW)
    letter = selectors.letter_get(council=council, pk=letter_id)
    return _out(request, letter, selectors.granted_cases(request.user, council), log=True)


def _case_and_letter(request: HttpRequest, council_id: int, case_id: int, perm: str) -> tuple[Council, object]:
    council = council_for_api(request.user, council_id, perm)
    return council, selectors.case_get(council=council, pk=case_id)


def _letter_of(request: HttpRequest, council: Council, case: object) -> dict:
    letter = selectors.letter_get(council=council, pk=case.letter_id)
    return _out(request, letter, selectors.granted_cases(request.user, council), log=False)


@router.post(
    "/councils/{council_id}/letter-cases/{case_id}/classify",
    response=LetterOut,
    url_name="letter_case_classify",
    summary="Phân loại nội dung đơn",
)
def case_classify(request: HttpRequest, council_id: int, case_id: int, payload: LetterClassifyIn) -> dict:
    """Phân loại một nội dung đơn: loại, lĩnh vực, điều kiện xử lý (và lý do), cơ quan, kết quả xử lý, có hiệu
    lực từ ngày `effective_on` (mặc định: hôm nay; không trước ngày nhận đơn và lần phân loại gần nhất). Số liệu
    các kỳ đã qua giữ phân loại có hiệu lực vào ngày cuối của kỳ; lịch sử phân loại ở `cases[].classifications`."""
    council, case = _case_and_letter(request, council_id, case_id, EDIT)
    data = payload.dict()
    body = in_council(Body, data.pop("competent_body_id"), field="competent_body_id", label="cơ quan", council=council)
    services.case_classify(case=case, user=request.user, competent_body=body, **data)
    return _letter_of(request, council, case)


@router.post(
    "/councils/{council_id}/letter-cases/{case_id}/forward",
    response={201: LetterForwardOut},
    url_name="letter_case_forward",
    summary="Chuyển đơn đến cơ quan có thẩm quyền",
)
def case_forward(request: HttpRequest, council_id: int, case_id: int, payload: LetterForwardIn) -> Status:
    """Chuyển nội dung đơn đến cơ quan có thẩm quyền: ban hành phiếu chuyển và giao theo dõi hạn báo cáo."""
    council, case = _case_and_letter(request, council_id, case_id, EDIT)
    data = payload.dict()
    body = in_council(Body, data.pop("body_id"), field="body_id", label="cơ quan", council=council)
    document = services.case_forward(case=case, body=body, user=request.user, **data)
    case.refresh_from_db()
    obligation = case.obligation
    return Status(
        201,
        {
            "document_id": document.pk,
            "number_symbol": document.number_symbol,
            "obligation_id": obligation.pk,
            "due_on": obligation.due_on,
            "rule": obligation.due_rule,
            "citation": obligation.due_citation,
        },
    )


@router.post(
    "/councils/{council_id}/letter-cases/{case_id}/split",
    response=LetterOut,
    url_name="letter_case_split",
    summary="Tách nội dung đơn",
)
def case_split(request: HttpRequest, council_id: int, case_id: int, payload: LetterSplitIn) -> dict:
    """Tách một nội dung đơn thành nhiều nội dung (Nghị định 154/2026/NĐ-CP, Điều 14 khoản 4)."""
    council, case = _case_and_letter(request, council_id, case_id, EDIT)
    parts = [services.CaseIn(**p) for p in payload.dict()["parts"]]
    services.case_split(case=case, parts=parts, user=request.user)
    return _letter_of(request, council, case)


@router.post(
    "/councils/{council_id}/letter-cases/{case_id}/citizen-told",
    response=LetterOut,
    url_name="letter_case_told",
    summary="Ghi nhận đã thông báo kết quả cho công dân",
)
def case_told(request: HttpRequest, council_id: int, case_id: int, payload: LetterToldIn) -> dict:
    """Ghi nhận đã thông báo kết quả giải quyết cho công dân."""
    council, case = _case_and_letter(request, council_id, case_id, EDIT)
    services.case_citizen_told(case=case, on=payload.on, user=request.user)
    return _letter_of(request, council, case)


@router.post(
    "/councils/{council_id}/letter-cases/{case_id}/grants",
    response={201: LetterGrantOut},
    url_name="letter_grant",
    summary="Giao quyền xem thông tin người tố cáo",
)
def case_grant(request: HttpRequest, council_id: int, case_id: int, payload: LetterGrantIn) -> Status:
    """Giao cho một người dùng quyền xem thông tin người tố cáo của nội dung đơn được bảo vệ."""
    council, case = _case_and_letter(request, council_id, case_id, GRANT)
    grantee = in_council(
        get_user_model(), payload.user_id, field="user_id", label="người dùng", grants__council=council
    )
    return Status(201, services.grant_create(case=case, grantee=grantee, reason=payload.reason, user=request.user))


@router.delete(
    "/councils/{council_id}/letter-grants/{grant_id}",
    response={204: None},
    url_name="letter_grant_revoke",
    summary="Thu hồi quyền xem thông tin người tố cáo",
)
def grant_revoke(request: HttpRequest, council_id: int, grant_id: int) -> Status:
    """Thu hồi quyền xem thông tin người tố cáo."""
    council = council_for_api(request.user, council_id, GRANT)
    grant = in_council(
        CaseGrant.objects.select_related("case__council"), grant_id, label="quyền xem", case__council=council
    )
    services.grant_revoke(grant=grant, user=request.user)
    return Status(204, None)


@router.get(
    "/councils/{council_id}/letter-statistics",
    response=LetterStatisticsOut,
    url_name="letter_statistics",
    summary="Số liệu tiếp công dân, đơn thư",
)
def statistics(
    request: HttpRequest,
    council_id: int,
    year: Year | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> object:
    """Số liệu tiếp công dân, đơn thư của một năm (mặc định: năm gần nhất có số liệu) hoặc một kỳ trong năm
    (từ ngày, đến ngày); tình hình chuyển đơn, trả lời tính đến hết kỳ (hôm nay nếu kỳ chưa kết thúc). Mỗi
    số liệu kèm bộ lọc của sổ đơn thư (`period` và `params`) cho danh sách đúng các nội dung được đếm."""
    council = council_for_api(request.user, council_id, VIEW)
    year = year or next((d.year for d in (date_from, date_to) if d is not None), None)
    return selectors.statistics(
        council=council, year=year or selectors.latest_year(council), date_from=date_from, date_to=date_to
    )


@router.get(
    "/councils/{council_id}/receptions",
    response=list[ReceptionSessionOut],
    url_name="reception_list",
    summary="Sổ tiếp công dân",
)
def session_list(request: HttpRequest, council_id: int, year: Year | None = None) -> list[ReceptionSession]:
    """Sổ tiếp công dân của một năm."""
    council = council_for_api(request.user, council_id, VIEW)
    return list(selectors.session_list(council=council, year=year or selectors.latest_year(council)))


@router.post(
    "/councils/{council_id}/receptions",
    response={201: ReceptionSessionOut},
    url_name="reception_create",
    summary="Ghi sổ buổi tiếp công dân",
)
def session_create(request: HttpRequest, council_id: int, payload: ReceptionSessionIn) -> Status:
    """Ghi sổ một buổi tiếp công dân."""
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    ids = data.pop("receiver_ids")
    receivers = all_in_council(Person, ids, field="receiver_ids", label="người tiếp", council=council)
    return Status(201, services.session_create(council=council, user=request.user, receivers=receivers, **data))


@router.get(
    "/councils/{council_id}/reception-roster",
    response={200: ReceptionRosterOut, 204: None},
    url_name="roster_get",
    summary="Xem quy định lịch tiếp công dân",
)
def roster_get(request: HttpRequest, council_id: int) -> object:
    """Quy định lịch tiếp công dân của Hội đồng (204 khi chưa quy định)."""
    council = council_for_api(request.user, council_id, VIEW)
    roster = selectors.roster_of(council=council)
    return roster if roster is not None else Status(204, None)


@router.put(
    "/councils/{council_id}/reception-roster",
    response=ReceptionRosterOut,
    url_name="roster_set",
    summary="Đặt quy định lịch tiếp công dân",
)
def roster_put(request: HttpRequest, council_id: int, payload: ReceptionRosterIn) -> Roster:
    """Đặt quy định lịch tiếp công dân (ngày tiếp, người tiếp luân phiên, số lần tối thiểu, văn bản quy định)."""
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    ids = data.pop("receiver_ids")
    receivers = all_in_council(Person, ids, field="receiver_ids", label="người tiếp", council=council)
    return schedule.roster_set(council=council, receivers=receivers, user=request.user, **data)


@router.get(
    "/councils/{council_id}/reception-schedule",
    response=list[ReceptionSlotOut],
    url_name="schedule_list",
    summary="Lịch tiếp công dân",
)
def schedule_list(request: HttpRequest, council_id: int, year: Year | None = None) -> object:
    """Lịch tiếp công dân của một năm."""
    council = council_for_api(request.user, council_id, VIEW)
    year = year or selectors.latest_year(council)
    return list(selectors.slot_list(council=council, year=year))


@router.post(
    "/councils/{council_id}/reception-schedule/generate",
    response={201: list[ReceptionSlotOut]},
    url_name="schedule_generate",
    summary="Lập lịch tiếp công dân",
)
def schedule_generate(request: HttpRequest, council_id: int, payload: ReceptionPeriodIn) -> Status:
    """Lập lịch tiếp công dân cho một khoảng thời gian theo quy định của Hội đồng."""
    council = council_for_api(request.user, council_id, EDIT)
    return Status(201, schedule.schedule_generate(council=council, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/reception-schedule/publish",
    response=ReceptionPublishOut,
    url_name="schedule_publish",
    summary="Công bố lịch tiếp công dân",
)
def schedule_publish(request: HttpRequest, council_id: int, payload: ReceptionPeriodIn) -> dict:
    """Công bố lịch tiếp công dân của một khoảng thời gian; mỗi người tiếp có việc báo cáo kết quả."""
    council = council_for_api(request.user, council_id, EDIT)
    return {"published": schedule.schedule_publish(council=council, user=request.user, **payload.dict())}


@router.post(
    "/councils/{council_id}/reception-schedule/{slot_id}/change",
    response=ReceptionSlotOut,
    url_name="slot_change",
    summary="Thay đổi ngày tiếp, người tiếp",
)
def slot_change(request: HttpRequest, council_id: int, slot_id: int, payload: ReceptionSlotChangeIn) -> Slot:
    """Thay đổi ngày tiếp hoặc người tiếp, có lý do."""
    council = council_for_api(request.user, council_id, EDIT)
    slot = in_council(Slot, slot_id, label="ngày tiếp", council=council)
    data = payload.dict()
    person = in_council(Person, data.pop("person_id"), field="person_id", label="người tiếp", council=council)
    return schedule.slot_change(slot=slot, person=person, user=request.user, **data)


def _session(council: Council, session_id: int) -> ReceptionSession:
    return selectors.session_get(council=council, pk=session_id)


@router.post(
    "/councils/{council_id}/receptions/{session_id}/tasks",
    response={201: ReceptionTaskOut},
    url_name="reception_task_add",
    summary="Thêm nhiệm vụ sau buổi tiếp công dân",
)
def session_task_add(request: HttpRequest, council_id: int, session_id: int, payload: ReceptionTaskIn) -> Status:
    """Một nhiệm vụ giao cơ quan trong kết luận buổi tiếp; thành việc theo dõi khi thông báo được ban hành."""
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    body = in_council(Body, data.pop("body_id"), field="body_id", label="cơ quan", council=council)
    return Status(201, notices.task_add(session=_session(council, session_id), body=body, user=request.user, **data))


@router.post(
    "/councils/{council_id}/receptions/{session_id}/notice",
    response={201: ReceptionNoticeOut},
    url_name="reception_notice",
    summary="Lập dự thảo thông báo kết luận buổi tiếp công dân",
)
def session_notice(request: HttpRequest, council_id: int, session_id: int, payload: ReceptionNoticeIn) -> Status:
    """Dự thảo Thông báo kết luận việc tiếp công dân (ban hành qua sổ văn bản: POST /documents/{id}/issue)."""
    council = council_for_api(request.user, council_id, EDIT)
    document = notices.notice_draft(session=_session(council, session_id), user=request.user, **payload.dict())
    return Status(201, {"document_id": document.pk, "state": document.state})


@router.post(
    "/councils/{council_id}/petitions/{petition_id}/letter",
    response={201: LetterOut},
    url_name="letter_from_petition",
    summary="Vào sổ đơn thư khiếu nại, tố cáo nêu tại tiếp xúc cử tri",
)
def from_petition(request: HttpRequest, council_id: int, petition_id: int, payload: LetterFromPetitionIn) -> Status:
    """Khiếu nại, tố cáo được đánh dấu tại hội nghị tiếp xúc cử tri vào sổ đơn thư một lần, gắn với kiến nghị gốc."""
    council = council_for_api(request.user, council_id, EDIT)
    petition = selectors.petitions_waiting(council=council).filter(pk=petition_id).first()
    if petition is None:
        from django.http import Http404

        raise Http404("Không tìm thấy khiếu nại, tố cáo đang chờ vào sổ.")
    letter = services.letter_from_petition(petition=petition, user=request.user, **payload.dict())
    letter = selectors.letter_get(council=council, pk=letter.pk)
    return Status(201, _out(request, letter, selectors.granted_cases(request.user, council), log=True))


@router.post(
    "/councils/{council_id}/letters/{letter_id}/scan",
    response={201: LetterScanOut},
    url_name="letter_scan_upload",
    summary="Tải lên bản quét của đơn",
)
def letter_scan_upload(request: HttpRequest, council_id: int, letter_id: int, scan: File[UploadedFile]) -> Status:
    """Bản quét của đơn (PDF, JPEG hoặc PNG, tối đa 10 MB); đơn của người tố cáo được giữ bí mật chỉ người
    được giao mới tải lên được."""
    council = council_for_api(request.user, council_id, EDIT)
    letter = selectors.letter_with_identity(council=council, pk=letter_id, user=request.user)
    letter = services.letter_scan_attach(letter=letter, upload=scan, user=request.user)
    return Status(201, {"letter_id": letter.pk, "has_scan": bool(letter.scan)})


@router.post(
    "/councils/{council_id}/letters/{letter_id}/refusal",
    response={201: LetterRefusalOut},
    url_name="letter_refusal",
    summary="Lập thông báo từ chối tiếp công dân (Mẫu 01/TCD)",
)
def letter_refusal(request: HttpRequest, council_id: int, letter_id: int, payload: LetterRefusalIn) -> Status:
    """Dự thảo Thông báo từ chối tiếp công dân (Mẫu 01/TCD) và việc phải gửi trong thời hạn (ban hành qua sổ văn
    bản: POST /documents/{id}/issue)."""
    council = council_for_api(request.user, council_id, EDIT)
    letter = selectors.letter_get(council=council, pk=letter_id)
    refusal = refusals.refusal_notice_draft(letter=letter, user=request.user, **payload.dict())
    return Status(201, refusal)


@router.post(
    "/councils/{council_id}/letter-cases/{case_id}/supervision-round",
    response=LetterOut,
    url_name="letter_case_round",
    summary="Gắn nội dung đơn với đợt giám sát",
)
def case_round(request: HttpRequest, council_id: int, case_id: int, payload: LetterRoundIn) -> dict:
    """Gắn (hoặc bỏ gắn, với round_id rỗng) nội dung đơn với đợt giám sát việc giải quyết."""
    from supervision.models import Round

    council, case = _case_and_letter(request, council_id, case_id, EDIT)
    round = in_council(Round, payload.round_id, field="round_id", label="đợt giám sát", council=council)
    services.case_link_round(case=case, round=round, user=request.user)
    return _letter_of(request, council, case)


@router.get(
    "/councils/{council_id}/letter-chases",
    response=list[LetterChaseOut],
    url_name="letter_chase_list",
    summary="Công văn đôn đốc đơn thư quá hạn",
)
@paginate(PageNumberPagination, page_size=50)
def chase_list(request: HttpRequest, council_id: int) -> object:
    """Các công văn đôn đốc đã lập (mới nhất trước), mỗi công văn với các nội dung đơn được đôn đốc."""
    council = council_for_api(request.user, council_id, VIEW)
    return ChaseLetter.objects.filter(council=council).select_related("body").prefetch_related("cases")


@router.post(
    "/councils/{council_id}/letter-chases",
    response={201: list[LetterChaseOut]},
    url_name="letter_chase_make",
    summary="Lập công văn đôn đốc đơn thư quá hạn",
)
def chase_make(request: HttpRequest, council_id: int, payload: LetterChaseIn) -> Status:
    """Lập dự thảo công văn đôn đốc, mỗi cơ quan có đơn quá hạn báo cáo kết quả một công văn."""
    council = council_for_api(request.user, council_id, EDIT)
    return Status(201, refusals.chase_letters_make(council=council, user=request.user, **payload.dict()))
