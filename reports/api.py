"""Reports routes of /api/v1/: the figures, the annual report, delegate activity, the dashboard."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from documents.rendering import DOCX_MIME
from followup.selectors import overdue_on
from hdnd import dates
from hdnd.params import Year
from registry.access import council_for_api
from reports import figures as figures_mod
from reports import selectors, services
from reports.access import EDIT, RATE, VIEW
from reports.models import AnnualReport
from reports.schemas import (
    DashboardOut,
    DelegateActivityOut,
    FigureDetailOut,
    FigureOut,
    ReportIssueIn,
    ReportOut,
    ReportRatingsIn,
    ReportTextsIn,
)

router = Router(tags=["Báo cáo"])


def _check_year(year: int) -> int:
    if not 2000 <= year <= dates.today().year + 1:
        raise ValidationError({"year": "Năm không hợp lệ."})
    return year


def _figure(f: figures_mod.Figure, detail: bool = False) -> dict:
    out = {"key": f.key, "label": f.label, "value": f.value, "text": f.text, "count": len(f.records)}
    if detail:
        out["records"] = [{"text": r.text, "url": r.url, "day": r.day} for r in f.records]
    return out


def _report(report: AnnualReport) -> dict:
    return {
        "id": report.pk,
        "year": report.year,
        "state": report.state,
        "collective": report.collective.name,
        "texts": report.texts,
        "ratings": report.ratings,
        "classification": report.classification,
        "score": report.score,
        "recipients": report.recipients,
        "document_id": report.document_id,
        "number_symbol": report.document.number_symbol if report.document_id else "",
        "frozen_figures": report.frozen_figures,
        "changed_since_issue": [list(row) for row in services.changed_since_issue(report)],
    }


@router.get(
    "/councils/{council_id}/figures/{year}", response=list[FigureOut], url_name="figure_list", summary="Số liệu của năm"
)
def figure_list(request: HttpRequest, council_id: int, year: Year) -> list[dict]:
    council = council_for_api(request.user, council_id, VIEW)
    return [_figure(f) for f in figures_mod.compute(council=council, year=_check_year(year)).items.values()]


@router.get(
    "/councils/{council_id}/figures/{year}/{key}",
    response=FigureDetailOut,
    url_name="figure_detail",
    summary="Chi tiết một số liệu",
)
def figure_detail(request: HttpRequest, council_id: int, year: Year, key: str) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    figure = figures_mod.compute(council=council, year=_check_year(year)).items.get(key)
    if figure is None:
        raise Http404
    return _figure(figure, detail=True)


def _get(council: object, year: int) -> AnnualReport:
    report = selectors.report_find(council=council, year=_check_year(year))
    if report is None:
        raise Http404
    return report


@router.get(
    "/councils/{council_id}/annual-reports/{year}", response=ReportOut, url_name="annual_report", summary="Báo cáo năm"
)
def annual_report(request: HttpRequest, council_id: int, year: Year) -> dict:
    return _report(_get(council_for_api(request.user, council_id, VIEW), year))


@router.post(
    "/councils/{council_id}/annual-reports/{year}",
    response={201: ReportOut},
    url_name="annual_report_create",
    summary="Tạo báo cáo năm",
)
def annual_report_create(request: HttpRequest, council_id: int, year: Year) -> tuple[int, dict]:
    council = council_for_api(request.user, council_id, EDIT)
    return 201, _report(services.report_get_or_create(council=council, year=_check_year(year), user=request.user))


@router.patch(
    "/councils/{council_id}/annual-reports/{year}",
    response=ReportOut,
    url_name="annual_report_update",
    summary="Sửa nội dung báo cáo năm",
)
def annual_report_update(request: HttpRequest, council_id: int, year: Year, payload: ReportTextsIn) -> dict:
    council = council_for_api(request.user, council_id, EDIT)
    report = services.report_update(
        report=_get(council, year), texts=payload.texts, recipients=payload.recipients, user=request.user
    )
    return _report(report)


@router.put(
    "/councils/{council_id}/annual-reports/{year}/ratings",
    response=ReportOut,
    url_name="annual_report_rate",
    summary="Đánh giá, xếp loại trong báo cáo năm",
)
def annual_report_rate(request: HttpRequest, council_id: int, year: Year, payload: ReportRatingsIn) -> dict:
    council = council_for_api(request.user, council_id, RATE)
    return _report(services.report_rate(report=_get(council, year), user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/annual-reports/{year}/issue",
    response=ReportOut,
    url_name="annual_report_issue",
    summary="Ban hành báo cáo năm",
)
def annual_report_issue(
    request: HttpRequest, council_id: int, year: Year, payload: ReportIssueIn | None = None
) -> dict:
    """Ban hành báo cáo năm: văn bản lấy số trong sổ của năm ban hành (`issued_on`, mặc định hôm nay), nên báo
    cáo năm 2024 ban hành ngày 10/01/2025 mang số của năm 2025."""
    council = council_for_api(request.user, council_id, EDIT)
    return _report(services.report_issue(report=_get(council, year), user=request.user, on=payload.issued_on))


@router.get(
    "/councils/{council_id}/annual-reports/{year}/preview",
    url_name="annual_report_preview",
    summary="Tải dự thảo báo cáo năm (DOCX)",
)
def annual_report_preview(request: HttpRequest, council_id: int, year: Year) -> HttpResponse:
    """Bản DOCX dự thảo của báo cáo năm (đánh dấu “DỰ THẢO”) với số liệu như hiện có, trước khi lấy số."""
    council = council_for_api(request.user, council_id, VIEW)
    _, content = services.report_preview(_get(council, year))
    response = HttpResponse(content, content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="du-thao-bao-cao-kiem-diem-{year}.docx"'
    return response


@router.post(
    "/councils/{council_id}/activity-reports/{year}",
    response={201: dict},
    url_name="activity_report_create",
    summary="Soạn báo cáo hoạt động của Thường trực",
)
def activity_report_create(request: HttpRequest, council_id: int, year: Year, half: bool = False) -> tuple[int, dict]:
    """Soạn báo cáo hoạt động của Thường trực (sáu tháng với `half=true`, không thì cả năm)."""
    council = council_for_api(request.user, council_id, EDIT)
    document = services.activity_report_create(council=council, year=_check_year(year), half=half, user=request.user)
    return 201, {"document_id": document.pk, "subject": document.subject, "state": document.state}


@router.get(
    "/councils/{council_id}/delegate-activity",
    response=list[DelegateActivityOut],
    url_name="delegate_activity",
    summary="Hoạt động của đại biểu",
)
def delegate_activity(request: HttpRequest, council_id: int) -> list[dict]:
    council = council_for_api(request.user, council_id, VIEW)
    return [
        {
            "delegate_id": r.delegate.pk,
            "full_name": r.delegate.person.full_name,
            "group": r.delegate.group.name if r.delegate.group else "",
            "present": r.present,
            "excused": r.excused,
            "absent": r.absent,
            "speeches": r.speeches,
            "questions": r.questions,
            "contacts": r.contacts,
            "supervisions": r.supervisions,
        }
        for r in figures_mod.delegate_activity(council=council)
    ]


@router.get(
    "/councils/{council_id}/dashboard/{year}",
    response=DashboardOut,
    url_name="dashboard",
    summary="Bảng số liệu tổng hợp",
)
def dashboard(request: HttpRequest, council_id: int, year: Year) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    figures = figures_mod.compute(council=council, year=_check_year(year))
    return {
        "year": year,
        "figures": [_figure(f) for f in figures.items.values()],
        "overdue_by_owner": [
            {"owner": r["owner__short_name"], "count": r["n"]}
            for r in selectors.overdue_by_owner(council=council, on=overdue_on(council))
        ],
        "obligations_by_state": dict(selectors.obligations_by_state(council=council)),
    }
