from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from openpyxl import Workbook

from documents.rendering import DOCX_MIME, preview
from followup.selectors import overdue_on
from hdnd import dates
from hdnd.excel import inert_row
from hdnd.forms import parse_date
from hdnd.history import history_rows
from hdnd.home import overdue_as_of
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from hdnd.years import offered_years
from registry.access import has_perm, require
from reports import figures as figures_mod
from reports import selectors, services
from reports.access import EDIT, RATE, VIEW
from reports.forms import RatingForm, TextsForm
from reports.models import Classification, Rating, ReportState
from reports.texts import RATED, SECTIONS, WRITTEN
from reports.texts import render as render_text

FIRST_YEAR = 2000


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= dates.today().year + 1:
        raise Http404
    return year


def _sections(report: object, figures: figures_mod.Figures) -> tuple[list[dict], list[tuple[int, str]]]:
    notes: list[str] = []
    rows = []
    for section in SECTIONS:
        text = (
            render_text(report.texts.get(section.key, ""), figures, notes, marker="[{n}]") if section.has_text else None
        )
        rows.append(
            {
                "section": section,
                "heading": render_text(section.heading, figures, notes).text,
                "paragraphs": text.text.splitlines() if text else [],
                "rating": Rating(report.ratings[section.key]).label if report.ratings.get(section.key) else "",
            }
        )
    return rows, list(enumerate(notes, start=1))


@login_required
def annual_report(request: HttpRequest, year: int) -> HttpResponse:
    council = require(request, VIEW)
    year = _year(year)
    figures = figures_mod.compute(council=council, year=year)
    report = selectors.report_find(council=council, year=year)
    can_edit = has_perm(request.user, council, EDIT)
    # A ceased council's report is read-only (`registry.services.council_accepts`, which the services ask).
    is_open = council.open_on(dates.today())
    if report is None and can_edit and request.method == "POST":
        run_action(
            request,
            lambda: services.report_get_or_create(council=council, year=year, user=request.user),
            f"Đã lập báo cáo kiểm điểm năm {year}; mời nhập nội dung và tự đánh giá.",
        )
        return redirect("reports:annual_report", year=year)
    context = {
        "year": year,
        "figures": figures,
        "report": report,
        "can_edit": can_edit and is_open and report is not None and report.state == ReportState.DRAFT,
        "can_rate": (
            has_perm(request.user, council, RATE)
            and is_open
            and report is not None
            and report.state == ReportState.DRAFT
        ),
        "can_start": can_edit and report is None,
        # Said before a refusal: the office drafts the report, the standing committee rates it (RATE).
        "rate_refused": (
            "Tự đánh giá, xếp loại do Thường trực HĐND hoặc lãnh đạo Văn phòng thực hiện; tài khoản của bạn "
            "không có quyền này."
            if is_open
            and report is not None
            and report.state == ReportState.DRAFT
            and not has_perm(request.user, council, RATE)
            else ""
        ),
    }
    if report is not None:
        context["sections"], context["notes"] = _sections(report, figures)
        context["history"] = history_rows(report)
        context["changed"] = services.changed_since_issue(report)
        context["missing"] = (
            services.issue_missing(report, figures, dates.today()) if report.state == ReportState.DRAFT else []
        )
        context["classification"] = Classification(report.classification).label if report.classification else ""
        context["suggested"] = (
            Classification(services.suggested_classification(report.score)).label if report.score is not None else ""
        )
    return render(request, "reports/annual_report.html", context)


@login_required
def annual_report_preview(request: HttpRequest, year: int) -> HttpResponse:
    """The chief of office reads the report as a document (header, footnotes, Nơi nhận) before it is numbered."""
    council = require(request, VIEW)
    report = selectors.report_find(council=council, year=_year(year))
    if report is None:
        raise Http404
    if report.document_id is not None:
        return redirect("documents:document_preview", pk=report.document_id)
    try:
        data, _ = services.report_preview(report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:annual_report", year=year)
    return render(
        request,
        "documents/document_preview.html",
        {
            "title": f"Báo cáo kiểm điểm tập thể năm {year}",
            "preview": preview(data),
            "draft": True,
            "letter": False,
            "back_url": reverse("reports:annual_report", args=[year]),
            "back_label": f"Báo cáo kiểm điểm năm {year}",
            "docx_url": reverse("reports:annual_report_preview_docx", args=[year]),
            "pdf_url": "",
        },
    )


@login_required
def annual_report_preview_docx(request: HttpRequest, year: int) -> HttpResponse:
    """The draft DOCX ("DỰ THẢO") of the report with the figures as they stand."""
    council = require(request, VIEW)
    report = selectors.report_find(council=council, year=_year(year))
    if report is None:
        raise Http404
    try:
        _, content = services.report_preview(report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:annual_report", year=year)
    response = HttpResponse(content, content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="du-thao-bao-cao-kiem-diem-{year}.docx"'
    return response


@login_required
def annual_report_edit(request: HttpRequest, year: int) -> HttpResponse:
    council = require(request, EDIT)
    report = selectors.report_find(council=council, year=_year(year))
    if report is None or report.state != ReportState.DRAFT:
        raise Http404
    if refused := refuse_closed(request, council, "reports:annual_report", year):
        return refused
    initial = {f"text_{k}": report.texts.get(k, "") for k in WRITTEN} | {"recipients": report.recipients}
    form = TextsForm(request.POST or None, initial=initial)
    done = run_form(
        request,
        form,
        lambda d: services.report_update(
            report=report, texts=form.texts(), recipients=d["recipients"], user=request.user
        ),
        "Đã lưu nội dung báo cáo.",
        field_of=lambda key: f"text_{key}",
    )
    if done is not NOT_DONE:
        return redirect("reports:annual_report", year=year)
    tokens = figures_mod.compute(council=council, year=year)
    return render(request, "reports/annual_report_edit.html", {"form": form, "year": year, "figures": tokens})


@login_required
def annual_report_rate(request: HttpRequest, year: int) -> HttpResponse:
    council = require(request, RATE)
    report = selectors.report_find(council=council, year=_year(year))
    if report is None or report.state != ReportState.DRAFT:
        raise Http404
    if refused := refuse_closed(request, council, "reports:annual_report", year):
        return refused
    initial = {f"rating_{k}": report.ratings.get(k, "") for k in RATED} | {
        "classification": report.classification,
        "score_general": report.score_general,
        "score_results": report.score_results,
    }
    form = RatingForm(request.POST or None, initial=initial)
    done = run_form(
        request,
        form,
        lambda d: services.report_rate(
            report=report,
            ratings=form.ratings(),
            classification=d["classification"],
            score_general=d["score_general"],
            score_results=d["score_results"],
            user=request.user,
        ),
        "Đã lưu tự đánh giá và đề nghị xếp loại.",
    )
    if done is not NOT_DONE:
        return redirect("reports:annual_report", year=year)
    return render(request, "reports/form.html", {"form": form, "title": f"Tự đánh giá, xếp loại năm {year}"})


@login_required
def annual_report_issue(request: HttpRequest, year: int) -> HttpResponse:
    council = require(request, EDIT)
    report = selectors.report_find(council=council, year=_year(year))
    if report is None or request.method != "POST":
        raise Http404
    try:
        on = parse_date(request.POST.get("issued_on", ""))
    except ValueError:
        messages.error(request, "Ngày ban hành không hợp lệ (dd/mm/yyyy).")
        return redirect("reports:annual_report", year=year)
    run_action(
        request,
        lambda: services.report_issue(report=report, user=request.user, on=on),
        "Đã ban hành báo cáo; số liệu được lưu cùng văn bản.",
        refused="Chưa thể ban hành: ",
    )
    return redirect("reports:annual_report", year=year)


@login_required
def activity_report(request: HttpRequest) -> HttpResponse:
    """The standing committee's activity report for six months or the year: the figures, then a draft."""
    council = require(request, VIEW)
    try:
        year = _year(int(request.GET.get("nam") or selectors.activity_year(council)))
    except ValueError as exc:
        raise Http404 from exc
    half = request.GET.get("ky") == "6-thang"
    end, period = services.activity_period(year, half)
    if request.method == "POST":
        require(request, EDIT)
        document = run_action(
            request,
            lambda: services.activity_report_create(council=council, year=year, half=half, user=request.user),
            "Đã tạo dự thảo báo cáo trong sổ văn bản; Văn phòng hoàn thiện và ban hành.",
        )
        if document is not NOT_DONE:
            return redirect("documents:document_detail", pk=document.pk)
    figures = figures_mod.compute(council=council, year=year, on=end)
    if half:
        figures = figures_mod.until(figures, end)
    return render(
        request,
        "reports/activity_report.html",
        {
            "year": year,
            "half": half,
            "period": period,
            "figures": figures,
            "body": services.activity_body(figures, period, "kỳ tới").splitlines(),
            "can_edit": has_perm(request.user, council, EDIT),
            "years": offered_years(council, year),
        },
    )


@login_required
def figure_detail(request: HttpRequest, year: int, key: str) -> HttpResponse:
    council = require(request, VIEW)
    figures = figures_mod.compute(council=council, year=_year(year))
    figure = figures.items.get(key)
    if figure is None:
        raise Http404
    return render(request, "reports/figure_detail.html", {"figure": figure, "year": year})


@login_required
def delegate_activity(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    rows = figures_mod.delegate_activity(council=council)
    reports = figures_mod.group_reports(council=council, on=overdue_on(council))
    groups: dict[str, dict] = {}
    for row in rows:
        group = row.delegate.group
        name = group.name if group else "Chưa phân Tổ"
        owed, late = reports.get(group.pk, (0, 0)) if group else (0, 0)
        g = groups.setdefault(
            name,
            {
                "name": name,
                "delegates": 0,
                "speeches": 0,
                "questions": 0,
                "absent": 0,
                "contacts": 0,
                "supervisions": 0,
                "silent": 0,
                "reports": owed,
                "late_reports": late,
            },
        )
        g["delegates"] += 1
        g["speeches"] += row.speeches
        g["questions"] += row.questions
        g["absent"] += row.absent + row.excused
        g["contacts"] += row.contacts
        g["supervisions"] += row.supervisions
        g["silent"] += row.speeches == 0
    return render(
        request,
        "reports/delegate_activity.html",
        {"rows": rows, "groups": sorted(groups.values(), key=lambda g: g["name"])},
    )


def _dashboard_data(council: object, year: int) -> dict:
    figures = figures_mod.compute(council=council, year=year)
    today = dates.today()
    return {
        "figures": figures,
        # As of the council's day: a ceased council's overdue stands on its last day, and the page says so.
        "overdue": selectors.overdue_by_owner(council=council, on=overdue_on(council, today)),
        "overdue_as_of": overdue_as_of(council.last_day),
        "states": selectors.obligations_by_state(council=council),
        "late": figures["late_submissions"].records,
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    try:
        year = _year(int(request.GET.get("nam") or selectors.activity_year(council)))
    except ValueError as exc:
        raise Http404 from exc
    data = _dashboard_data(council, year)
    keys = [
        "sessions",
        "resolutions",
        "meetings",
        "written_opinions",
        "supervision_rounds",
        "surveys",
        "contact_units",
        "petitions",
        "recommendations",
        "receptions",
        "letters",
        "letters_forwarded",
        "letters_waiting",
        "late_submissions",
        "silent_delegates",
    ]
    petitions = figures_mod.petition_chart(data["figures"])
    return render(
        request,
        "reports/dashboard.html",
        {
            **data,
            "year": year,
            "cards": [data["figures"][k] for k in keys],
            "petition_figures": petitions,
            "years": offered_years(council, year),
        },
    )


@login_required
def dashboard_excel(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    try:
        year = _year(int(request.GET.get("nam") or selectors.activity_year(council)))
    except ValueError as exc:
        raise Http404 from exc
    data = _dashboard_data(council, year)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Số liệu {year}"
    sheet.append(["Chỉ tiêu", "Số liệu"])
    for figure in data["figures"].items.values():
        sheet.append(inert_row([figure.label, figure.value]))
    owners = book.create_sheet("Quá hạn theo cơ quan")
    owners.append(["Cơ quan", "Số việc quá hạn"])
    for row in data["overdue"]:
        owners.append(inert_row([row["owner__short_name"], row["n"]]))
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="so-lieu-{year}.xlsx"'
    book.save(response)
    return response
