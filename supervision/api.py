"""Supervision routes of /api/v1/: what the screens do, scoped by council and role."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from documents.models import Document
from hdnd.params import PageNumberPagination, Year
from registry.access import council_for_api, record_for_api
from registry.models import Body, Council, Delegate
from registry.selectors import all_in_council, in_council
from supervision import selectors, services
from supervision.access import EDIT, VIEW
from supervision.models import Programme, ProgrammeItem, Review, Round
from supervision.schemas import (
    BodyReportOut,
    BodyReportsIn,
    ConsiderIn,
    ItemIn,
    ItemOut,
    MemberIn,
    MemberOut,
    ProgrammePatchIn,
    RecommendationIn,
    RecommendationOut,
    RecommendationReportOut,
    ReviewCreateIn,
    ReviewOut,
    ReviewRecordIn,
    RoundPatchIn,
    SupervisionCountsOut,
    SupervisionDocumentRefOut,
    SupervisionProgrammeDetailOut,
    SupervisionProgrammeIn,
    SupervisionProgrammeOut,
    SupervisionPublishIn,
    SupervisionReportIn,
    SupervisionRoundIn,
    SupervisionRoundOut,
    SupervisionSessionIn,
    SupervisionSessionOut,
)

router = Router(tags=["Giám sát"])
BASE = "/councils/{council_id}/supervision"


def _round(request: HttpRequest, council_id: int, round_id: int, perm: str) -> Round:
    return record_for_api(request, council_id, perm, selectors.round_get, round_id)


def _programme(request: HttpRequest, council_id: int, programme_id: int, perm: str) -> Programme:
    return record_for_api(request, council_id, perm, selectors.programme_get, programme_id)


def _body(council: Council, pk: int | None, field: str) -> Body | None:
    return in_council(Body, pk, field=field, label="cơ quan", council=council)


def _document(council: Council, pk: int | None, field: str) -> Document | None:
    return in_council(Document, pk, field=field, label="văn bản", council=council)


def _supervised(council: Council, ids: list[int]) -> list[Body]:
    return all_in_council(Body, ids, field="supervised_ids", label="cơ quan chịu sự giám sát", council=council)


@router.get(
    f"{BASE}/rounds",
    response=list[SupervisionRoundOut],
    url_name="supervision_round_list",
    summary="Danh sách cuộc giám sát",
)
@paginate(PageNumberPagination, page_size=50)
def round_list(request: HttpRequest, council_id: int, year: Year | None = None, q: str = "") -> QuerySet[Round]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.round_list(council=council, year=year, search=q)


@router.post(
    f"{BASE}/rounds",
    response={201: SupervisionRoundOut},
    url_name="supervision_round_create",
    summary="Tạo cuộc giám sát",
)
def round_create(request: HttpRequest, council_id: int, payload: SupervisionRoundIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    supervised = _supervised(council, data.pop("supervised_ids"))
    data["body"] = _body(council, data.pop("body_id"), "body_id")
    data["decision"] = _document(council, data.pop("decision_id"), "decision_id")
    round = services.round_create(council=council, supervised=supervised, user=request.user, **data)
    return Status(201, selectors.round_get(council=council, pk=round.pk))


@router.get(
    f"{BASE}/rounds/{{round_id}}",
    response=SupervisionRoundOut,
    url_name="supervision_round_detail",
    summary="Thông tin cuộc giám sát",
)
def round_detail(request: HttpRequest, council_id: int, round_id: int) -> Round:
    return _round(request, council_id, round_id, VIEW)


# Fields that cannot be emptied through PATCH (the model requires them).
_REQUIRED = {"kind", "body_id", "subject", "set_up_on", "title"}


def _no_nulls(data: dict) -> None:
    emptied = sorted(name for name in _REQUIRED & set(data) if data[name] is None)
    if emptied:
        raise ValidationError({name: "Trường này không được để trống." for name in emptied})


@router.patch(
    f"{BASE}/rounds/{{round_id}}",
    response=SupervisionRoundOut,
    url_name="supervision_round_update",
    summary="Sửa cuộc giám sát",
)
def round_update(request: HttpRequest, council_id: int, round_id: int, payload: RoundPatchIn) -> Round:
    round = _round(request, council_id, round_id, EDIT)
    council = round.council
    data = payload.dict(exclude_unset=True)
    _no_nulls(data)
    if "supervised_ids" in data:
        data["supervised"] = _supervised(council, data.pop("supervised_ids") or [])
    if "body_id" in data:
        data["body"] = _body(council, data.pop("body_id"), "body_id")
    if "decision_id" in data:
        data["decision"] = _document(council, data.pop("decision_id"), "decision_id")
    if "item_id" in data:
        data["item"] = in_council(
            ProgrammeItem,
            data.pop("item_id"),
            field="item_id",
            label="nội dung chương trình",
            programme__council=council,
        )
    services.round_update(round=round, user=request.user, **data)
    return selectors.round_get(council=council, pk=round.pk)


@router.post(
    f"{BASE}/rounds/{{round_id}}/publish",
    response=SupervisionRoundOut,
    url_name="supervision_round_publish",
    summary="Công khai cuộc giám sát",
)
def round_publish(request: HttpRequest, council_id: int, round_id: int, payload: SupervisionPublishIn) -> Round:
    round = _round(request, council_id, round_id, EDIT)
    services.round_publish(round=round, published=payload.published, user=request.user)
    return selectors.round_get(council=round.council, pk=round.pk)


@router.post(
    f"{BASE}/rounds/{{round_id}}/decision",
    response={201: SupervisionDocumentRefOut},
    url_name="supervision_decision_generate",
    summary="Soạn quyết định giám sát",
)
def decision_generate(request: HttpRequest, council_id: int, round_id: int) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    return Status(201, services.decision_generate(round=round, user=request.user))


@router.post(
    f"{BASE}/rounds/{{round_id}}/members",
    response={201: MemberOut},
    url_name="supervision_member_add",
    summary="Thêm thành viên đoàn giám sát",
)
def member_add(request: HttpRequest, council_id: int, round_id: int, payload: MemberIn) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    delegate = in_council(
        Delegate.objects.select_related("term", "person"),
        payload.delegate_id,
        field="delegate_id",
        label="đại biểu",
        term__council=round.council,
    )
    return Status(201, services.member_add(round=round, delegate=delegate, role=payload.role, user=request.user))


@router.post(
    f"{BASE}/rounds/{{round_id}}/sessions",
    response={201: SupervisionSessionOut},
    url_name="supervision_session_add",
    summary="Thêm buổi làm việc của đoàn",
)
def session_add(request: HttpRequest, council_id: int, round_id: int, payload: SupervisionSessionIn) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    data = payload.dict()
    data["body"] = _body(round.council, data.pop("body_id"), "body_id")
    return Status(201, services.session_add(round=round, user=request.user, **data))


@router.post(
    f"{BASE}/rounds/{{round_id}}/body-reports",
    response={201: list[BodyReportOut]},
    url_name="supervision_body_reports_request",
    summary="Yêu cầu cơ quan báo cáo",
)
def body_reports_request(request: HttpRequest, council_id: int, round_id: int, payload: BodyReportsIn) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    return Status(201, services.body_reports_request(round=round, user=request.user, **payload.dict()))


@router.post(
    f"{BASE}/rounds/{{round_id}}/report",
    response=SupervisionRoundOut,
    url_name="supervision_report_record",
    summary="Ghi báo cáo kết quả giám sát",
)
def report_record(request: HttpRequest, council_id: int, round_id: int, payload: SupervisionReportIn) -> Round:
    round = _round(request, council_id, round_id, EDIT)
    document = _document(round.council, payload.document_id, "document_id")
    services.report_record(round=round, report_on=payload.report_on, document=document, user=request.user)
    return selectors.round_get(council=round.council, pk=round.pk)


@router.post(
    f"{BASE}/rounds/{{round_id}}/consider",
    response=SupervisionRoundOut,
    url_name="supervision_round_consider",
    summary="Xem xét báo cáo giám sát",
)
def round_consider(request: HttpRequest, council_id: int, round_id: int, payload: ConsiderIn) -> Round:
    round = _round(request, council_id, round_id, EDIT)
    services.round_consider(round=round, user=request.user, **payload.dict())
    return selectors.round_get(council=round.council, pk=round.pk)


@router.post(
    f"{BASE}/rounds/{{round_id}}/recommendations",
    response={201: RecommendationOut},
    url_name="supervision_recommendation_add",
    summary="Thêm kiến nghị giám sát",
)
def recommendation_add(request: HttpRequest, council_id: int, round_id: int, payload: RecommendationIn) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    data = payload.dict()
    data["body"] = _body(round.council, data.pop("body_id"), "body_id")
    return Status(201, services.recommendation_add(round=round, user=request.user, **data))


@router.get(
    f"{BASE}/recommendations",
    response=RecommendationReportOut,
    url_name="supervision_recommendation_report",
    summary="Tình hình thực hiện kiến nghị giám sát",
)
def recommendation_report(request: HttpRequest, council_id: int, year: Year) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    report = selectors.recommendation_report(council=council, year=year)
    return {
        **{k: getattr(report, k) for k in ("year", "on", "total", "done", "in_progress", "overdue", "earlier_open")},
        "by_body": [
            {
                "body_id": line.body.pk,
                "body_name": line.body.name,
                **{k: getattr(line, k) for k in ("total", "done", "in_progress", "overdue")},
            }
            for line in report.by_body
        ],
        "rows": [
            {
                "recommendation_id": rec.pk,
                "body_id": rec.body_id,
                "made_on": rec.made_on,
                "due_on": rec.obligation.due_on,
                "status": status,
                "text": rec.text,
            }
            for rec, status in report.rows
        ],
    }


@router.post(
    f"{BASE}/recommendations/document",
    response={201: SupervisionDocumentRefOut},
    url_name="supervision_recommendation_report_document",
    summary="Soạn báo cáo thực hiện kiến nghị giám sát",
)
def recommendation_report_document(request: HttpRequest, council_id: int, year: Year) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    if not 1990 <= year <= 2100:
        raise ValidationError({"year": "Năm không hợp lệ."})
    return Status(201, services.recommendation_report_document(council=council, year=year, user=request.user))


@router.get(f"{BASE}/counts", response=SupervisionCountsOut, url_name="supervision_counts", summary="Số liệu giám sát")
def counts(request: HttpRequest, council_id: int, year: Year) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    result = selectors.supervision_counts(council=council, year=year)
    return {
        "year": year,
        "text": result.text,
        "supervisions": result.supervision_count,
        "surveys": result.survey_count,
        "bodies": [
            {
                "body_id": b.body.pk,
                "body_name": b.body.name,
                "supervisions": len(b.supervisions),
                "surveys": len(b.surveys),
                "subjects": [r.subject for r in [*b.supervisions, *b.surveys]],
                "text": b.text,
                "footnote": b.footnote,
            }
            for b in result.bodies
        ],
        "recommendations_total": result.recommendations.total,
        "recommendations_done": result.recommendations.done,
        "recommendations_overdue": result.recommendations.overdue,
    }


@router.get(
    f"{BASE}/programmes",
    response=list[SupervisionProgrammeOut],
    url_name="supervision_programme_list",
    summary="Danh sách chương trình giám sát",
)
@paginate(PageNumberPagination, page_size=50)
def programme_list(request: HttpRequest, council_id: int, year: Year | None = None) -> QuerySet[Programme]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.programme_list(council=council, year=year)


@router.post(
    f"{BASE}/programmes",
    response={201: SupervisionProgrammeOut},
    url_name="supervision_programme_create",
    summary="Tạo chương trình giám sát",
)
def programme_create(request: HttpRequest, council_id: int, payload: SupervisionProgrammeIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    data["body"] = _body(council, data.pop("body_id"), "body_id")
    return Status(201, services.programme_create(council=council, user=request.user, **data))


@router.get(
    f"{BASE}/programmes/{{programme_id}}",
    response=SupervisionProgrammeDetailOut,
    url_name="supervision_programme_detail",
    summary="Thông tin chương trình giám sát",
)
def programme_detail(request: HttpRequest, council_id: int, programme_id: int) -> Programme:
    return _programme(request, council_id, programme_id, VIEW)


@router.post(
    f"{BASE}/programmes/{{programme_id}}/items",
    response={201: ItemOut},
    url_name="supervision_item_add",
    summary="Thêm nội dung vào chương trình giám sát",
)
def item_add(request: HttpRequest, council_id: int, programme_id: int, payload: ItemIn) -> Status:
    programme = _programme(request, council_id, programme_id, EDIT)
    data = payload.dict()
    data["body"] = _body(programme.council, data.pop("body_id"), "body_id")
    item = services.item_add(programme=programme, user=request.user, **data)
    items = ProgrammeItem.objects.prefetch_related("rounds")
    return Status(201, in_council(items, item.pk, label="nội dung chương trình", programme=programme))


@router.patch(
    f"{BASE}/programmes/{{programme_id}}",
    response=SupervisionProgrammeOut,
    url_name="supervision_programme_update",
    summary="Sửa chương trình giám sát",
)
def programme_update(request: HttpRequest, council_id: int, programme_id: int, payload: ProgrammePatchIn) -> Programme:
    programme = _programme(request, council_id, programme_id, EDIT)
    data = payload.dict(exclude_unset=True)
    _no_nulls(data)
    if "resolution_id" in data:
        data["resolution"] = _document(programme.council, data.pop("resolution_id"), "resolution_id")
    return services.programme_update(programme=programme, user=request.user, **data)


@router.post(
    f"{BASE}/programmes/{{programme_id}}/publish",
    response=SupervisionProgrammeOut,
    url_name="supervision_programme_publish",
    summary="Công khai chương trình giám sát",
)
def programme_publish(
    request: HttpRequest, council_id: int, programme_id: int, payload: SupervisionPublishIn
) -> Programme:
    programme = _programme(request, council_id, programme_id, EDIT)
    return services.programme_publish(programme=programme, published=payload.published, user=request.user)


# Regular supervision (Luật 87/2015/QH13, Điều 79) -----------------------------------------------


@router.get(
    f"{BASE}/reviews",
    response=list[ReviewOut],
    url_name="supervision_review_list",
    summary="Danh sách văn bản được rà soát",
)
@paginate(PageNumberPagination, page_size=50)
def review_list(request: HttpRequest, council_id: int, outcome: str = "") -> QuerySet[Review]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.review_list(council=council, outcome=outcome)


@router.post(
    f"{BASE}/reviews",
    response={201: ReviewOut},
    url_name="supervision_review_create",
    summary="Đưa văn bản vào rà soát",
)
def review_create(request: HttpRequest, council_id: int, payload: ReviewCreateIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    document = _document(council, payload.document_id, "document_id")
    review = services.review_create(document=document, user=request.user)
    return Status(201, selectors.review_get(council=council, pk=review.pk))


@router.post(
    f"{BASE}/reviews/{{review_id}}/outcome",
    response=ReviewOut,
    url_name="supervision_review_record",
    summary="Ghi kết quả rà soát",
)
def review_record(request: HttpRequest, council_id: int, review_id: int, payload: ReviewRecordIn) -> Review:
    """Ghi kết quả rà soát; "trai_phap_luat" yêu cầu cơ quan ban hành sửa văn bản trong 30 ngày (một việc theo dõi)."""
    council = council_for_api(request.user, council_id, EDIT)
    review = selectors.review_get(council=council, pk=review_id)
    services.review_record(review=review, user=request.user, **payload.dict())
    return selectors.review_get(council=council, pk=review.pk)
