"""Supervision routes of /api/v1/: what the screens do, scoped by council and role."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from documents.models import Document
from registry.access import council_for_api
from registry.models import Body, Council, Delegate
from supervision import selectors, services
from supervision.access import EDIT, VIEW
from supervision.models import Programme, ProgrammeItem, Round
from supervision.schemas import (
    BodyReportOut,
    BodyReportsIn,
    ConsiderIn,
    CountsOut,
    ItemIn,
    ItemOut,
    MemberIn,
    MemberOut,
    ProgrammeDetailOut,
    ProgrammeIn,
    ProgrammeOut,
    RecommendationIn,
    RecommendationOut,
    RecommendationReportOut,
    ReportIn,
    RoundIn,
    RoundOut,
    SessionIn,
    SessionOut,
)

router = Router(tags=["Giám sát"])
BASE = "/councils/{council_id}/supervision"


def _round(request: HttpRequest, council_id: int, round_id: int, perm: str) -> Round:
    council = council_for_api(request.user, council_id, perm)
    return selectors.round_get(council=council, pk=round_id)


def _body(council: Council, pk: int | None, field: str) -> Body | None:
    if pk is None:
        return None
    body = Body.objects.filter(council=council, pk=pk).first()
    if body is None:
        raise ValidationError({field: "Cơ quan không thuộc Hội đồng này."})
    return body


def _document(council: Council, pk: int | None, field: str) -> Document | None:
    if pk is None:
        return None
    document = Document.objects.filter(council=council, pk=pk).first()
    if document is None:
        raise ValidationError({field: "Văn bản không thuộc Hội đồng này."})
    return document


@router.get(f"{BASE}/rounds", response=list[RoundOut], url_name="supervision_round_list")
@paginate(PageNumberPagination, page_size=50)
def round_list(request: HttpRequest, council_id: int, year: int | None = None, q: str = "") -> QuerySet[Round]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.round_list(council=council, year=year, search=q)


@router.post(f"{BASE}/rounds", response={201: RoundOut}, url_name="supervision_round_create")
def round_create(request: HttpRequest, council_id: int, payload: RoundIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    ids = set(data.pop("supervised_ids"))
    supervised = list(Body.objects.filter(council=council, pk__in=ids))
    if len(supervised) != len(ids):
        raise ValidationError({"supervised_ids": "Có cơ quan chịu sự giám sát không thuộc Hội đồng này."})
    data["body"] = _body(council, data.pop("body_id"), "body_id")
    data["decision"] = _document(council, data.pop("decision_id"), "decision_id")
    round = services.round_create(council=council, supervised=supervised, user=request.user, **data)
    return Status(201, selectors.round_get(council=council, pk=round.pk))


@router.get(f"{BASE}/rounds/{{round_id}}", response=RoundOut, url_name="supervision_round_detail")
def round_detail(request: HttpRequest, council_id: int, round_id: int) -> Round:
    return _round(request, council_id, round_id, VIEW)


@router.post(f"{BASE}/rounds/{{round_id}}/members", response={201: MemberOut}, url_name="supervision_member_add")
def member_add(request: HttpRequest, council_id: int, round_id: int, payload: MemberIn) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    delegate = Delegate.objects.select_related("term", "person").filter(pk=payload.delegate_id).first()
    if delegate is None:
        raise ValidationError({"delegate_id": "Không tìm thấy đại biểu."})
    return Status(201, services.member_add(round=round, delegate=delegate, role=payload.role, user=request.user))


@router.post(f"{BASE}/rounds/{{round_id}}/sessions", response={201: SessionOut}, url_name="supervision_session_add")
def session_add(request: HttpRequest, council_id: int, round_id: int, payload: SessionIn) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    data = payload.dict()
    data["body"] = _body(round.council, data.pop("body_id"), "body_id")
    return Status(201, services.session_add(round=round, user=request.user, **data))


@router.post(
    f"{BASE}/rounds/{{round_id}}/body-reports",
    response={201: list[BodyReportOut]},
    url_name="supervision_body_reports_request",
)
def body_reports_request(request: HttpRequest, council_id: int, round_id: int, payload: BodyReportsIn) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    return Status(201, services.body_reports_request(round=round, user=request.user, **payload.dict()))


@router.post(f"{BASE}/rounds/{{round_id}}/report", response=RoundOut, url_name="supervision_report_record")
def report_record(request: HttpRequest, council_id: int, round_id: int, payload: ReportIn) -> Round:
    round = _round(request, council_id, round_id, EDIT)
    document = _document(round.council, payload.document_id, "document_id")
    services.report_record(round=round, report_on=payload.report_on, document=document, user=request.user)
    return selectors.round_get(council=round.council, pk=round.pk)


@router.post(f"{BASE}/rounds/{{round_id}}/consider", response=RoundOut, url_name="supervision_round_consider")
def round_consider(request: HttpRequest, council_id: int, round_id: int, payload: ConsiderIn) -> Round:
    round = _round(request, council_id, round_id, EDIT)
    services.round_consider(round=round, user=request.user, **payload.dict())
    return selectors.round_get(council=round.council, pk=round.pk)


@router.post(
    f"{BASE}/rounds/{{round_id}}/recommendations",
    response={201: RecommendationOut},
    url_name="supervision_recommendation_add",
)
def recommendation_add(request: HttpRequest, council_id: int, round_id: int, payload: RecommendationIn) -> Status:
    round = _round(request, council_id, round_id, EDIT)
    data = payload.dict()
    data["body"] = _body(round.council, data.pop("body_id"), "body_id")
    return Status(201, services.recommendation_add(round=round, user=request.user, **data))


@router.get(f"{BASE}/recommendations", response=RecommendationReportOut, url_name="supervision_recommendation_report")
def recommendation_report(request: HttpRequest, council_id: int, year: int) -> dict:
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


@router.get(f"{BASE}/counts", response=CountsOut, url_name="supervision_counts")
def counts(request: HttpRequest, council_id: int, year: int) -> dict:
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


@router.get(f"{BASE}/programmes", response=list[ProgrammeOut], url_name="supervision_programme_list")
@paginate(PageNumberPagination, page_size=50)
def programme_list(request: HttpRequest, council_id: int, year: int | None = None) -> QuerySet[Programme]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.programme_list(council=council, year=year)


@router.post(f"{BASE}/programmes", response={201: ProgrammeOut}, url_name="supervision_programme_create")
def programme_create(request: HttpRequest, council_id: int, payload: ProgrammeIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    data["body"] = _body(council, data.pop("body_id"), "body_id")
    return Status(201, services.programme_create(council=council, user=request.user, **data))


@router.get(f"{BASE}/programmes/{{programme_id}}", response=ProgrammeDetailOut, url_name="supervision_programme_detail")
def programme_detail(request: HttpRequest, council_id: int, programme_id: int) -> Programme:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.programme_get(council=council, pk=programme_id)


@router.post(f"{BASE}/programmes/{{programme_id}}/items", response={201: ItemOut}, url_name="supervision_item_add")
def item_add(request: HttpRequest, council_id: int, programme_id: int, payload: ItemIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    programme = get_object_or_404(Programme, council=council, pk=programme_id)
    data = payload.dict()
    data["body"] = _body(council, data.pop("body_id"), "body_id")
    item = services.item_add(programme=programme, user=request.user, **data)
    return Status(201, ProgrammeItem.objects.prefetch_related("rounds").get(pk=item.pk))
