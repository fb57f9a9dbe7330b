"""Reports routes of /api/v1/: the figures, the annual report, delegate activity, the dashboard."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router

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
    ReportOut,
    ReportRatingsIn,
    ReportTextsIn,
)

router = Router(tags=["Báo cáo"])


def _check_year(year: int) -> int:
    if not 2000 <= year <= datetime.date.today().year + 1:
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


@router.get("/councils/{council_id}/figures/{year}", response=list[FigureOut], url_name="figure_list")
def figure_list(request: HttpRequest, council_id: int, year: Year) -> list[dict]:
    council = council_for_api(request.user, council_id, VIEW)
    return [_figure(f) for f in figures_mod.compute(council=council, year=_check_year(year)).items.values()]


@router.get("/councils/{council_id}/figures/{year}/{key}", response=FigureDetailOut, url_name="figure_detail")
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


@router.get("/councils/{council_id}/annual-reports/{year}", response=ReportOut, url_name="annual_report")
def annual_report(request: HttpRequest, council_id: int, year: Year) -> dict:
    return _report(_get(council_for_api(request.user, council_id, VIEW), year))


@router.post("/councils/{council_id}/annual-reports/{year}", response={201: ReportOut}, url_name="annual_report_create")
def annual_report_create(request: HttpRequest, council_id: int, year: Year) -> tuple[int, dict]:
    council = council_for_api(request.user, council_id, EDIT)
    return 201, _report(services.report_get_or_create(council=council, year=_check_year(year), user=request.user))


@router.patch("/councils/{council_id}/annual-reports/{year}", response=ReportOut, url_name="annual_report_update")
def annual_report_update(request: HttpRequest, council_id: int, year: Year, payload: ReportTextsIn) -> dict:
    council = council_for_api(request.user, council_id, EDIT)
    report = services.report_update(
        report=_get(council, year), texts=payload.texts, recipients=payload.recipients, user=request.user
    )
    return _report(report)


@router.put("/councils/{council_id}/annual-reports/{year}/ratings", response=ReportOut, url_name="annual_report_rate")
def annual_report_rate(request: HttpRequest, council_id: int, year: Year, payload: ReportRatingsIn) -> dict:
    council = council_for_api(request.user, council_id, RATE)
    return _report(services.report_rate(report=_get(council, year), user=request.user, **payload.dict()))


@router.post("/councils/{council_id}/annual-reports/{year}/issue", response=ReportOut, url_name="annual_report_issue")
def annual_report_issue(request: HttpRequest, council_id: int, year: Year) -> dict:
    council = council_for_api(request.user, council_id, EDIT)
    return _report(services.report_issue(report=_get(council, year), user=request.user))


@router.post("/councils/{council_id}/activity-reports/{year}", response={201: dict}, url_name="activity_report_create")
def activity_report_create(request: HttpRequest, council_id: int, year: Year, half: bool = False) -> tuple[int, dict]:
    """Draft the standing committee's activity report (six months with `half=true`, else the year)."""
    council = council_for_api(request.user, council_id, EDIT)
    document = services.activity_report_create(council=council, year=_check_year(year), half=half, user=request.user)
    return 201, {"document_id": document.pk, "subject": document.subject, "state": document.state}


@router.get(
    "/councils/{council_id}/delegate-activity", response=list[DelegateActivityOut], url_name="delegate_activity"
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


@router.get("/councils/{council_id}/dashboard/{year}", response=DashboardOut, url_name="dashboard")
def dashboard(request: HttpRequest, council_id: int, year: Year) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    figures = figures_mod.compute(council=council, year=_check_year(year))
    return {
        "year": year,
        "figures": [_figure(f) for f in figures.items.values()],
        "overdue_by_owner": [
            {"owner": r["owner__short_name"], "count": r["n"]}
            for r in selectors.overdue_by_owner(council=council, on=datetime.date.today())
        ],
        "obligations_by_state": dict(selectors.obligations_by_state(council=council)),
    }
