"""Sessions: list, record, agenda, the convening decision, the minutes, the lateness report."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from documents.selectors import openable_ids
from hdnd import dates
from hdnd.history import history_rows
from hdnd.years import latest_year
from plenary import forms, selectors, services
from plenary.access import EDIT, QUESTION, VIEW, VOTE
from plenary.models import Session
from plenary.views._common import PAGE_SIZE, _form_page
from registry.access import has_perm, require


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    year = request.GET.get("nam", "")
    qs = selectors.session_list(council=council, year=int(year) if year.isdigit() else None)
    return render(
        request,
        "plenary/session_list.html",
        {
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang")),
            "year": year,
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = forms.SessionForm(request.POST or None, council=council, initial={"created_on": dates.today()})

    def action(data: dict) -> str:
        session = services.session_create(council=council, user=request.user, **data)
        return reverse("plenary:session_detail", args=[session.pk])

    return _form_page(
        request, form, action, title="Lập kỳ họp", success="Đã lập kỳ họp.", back=reverse("plenary:session_list")
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    session = selectors.session_get(council=council, pk=pk)
    today = dates.today()
    submissions = list(session.submissions.all())
    for sub in submissions:
        sub.late_days = sub.days_late(today)
    user = request.user
    # A ceased council's session is read-only after its last day: no button records anything new.
    open_now = services.council_open_on(council, today)
    session_documents = list(session.documents.all())
    shown = [session.convening_document, session.minutes_document, *(d.document for d in session_documents)]
    return render(
        request,
        "plenary/session_detail.html",
        {
            "session": session,
            "submissions": submissions,
            "late_count": sum(1 for s in submissions if s.late_days),
            "incomplete_count": sum(1 for s in submissions if s.is_incomplete),
            "documents_due_on": services.documents_due_on(session),
            "attendance": selectors.attendance_counts(session),
            "history": history_rows(session),
            "can_edit": open_now and has_perm(user, council, EDIT),
            "can_question": open_now and has_perm(user, council, QUESTION),
            "can_vote": open_now and has_perm(user, council, VOTE),
            # The register documents the page names, linked only for a user their page opens for.
            "openable_documents": openable_ids(user=user, council=council, documents=shown),
            # plenary:public_session answers 404 for a session with no public document: no link to it then.
            "has_public_page": any(d.public for d in session_documents),
        },
    )


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.SessionEditForm(request.POST or None, instance=session)
    back = reverse("plenary:session_detail", args=[pk])

    def action(data: dict) -> None:
        services.session_update(session=session, user=request.user, **data)

    return _form_page(request, form, action, title=f"Sửa {session}", success="Đã lưu kỳ họp.", back=back)


@login_required
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.AgendaItemForm(request.POST or None)

    def action(data: dict) -> None:
        services.agenda_item_add(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request, form, action, title=f"Thêm nội dung chương trình {session}", success="Đã thêm.", back=back
    )


@login_required
def lateness_report(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = forms.YearForm(request.GET or None)
    year = latest_year((Session.objects.filter(council=council), "opens_on"), council=council)
    if form.is_valid() and form.cleaned_data.get("nam"):
        year = form.cleaned_data["nam"]
    report = selectors.lateness_report(council=council, year=year, on=dates.today())
    counts = selectors.plenary_counts(council=council, year=year)
    return render(request, "plenary/lateness_report.html", {"form": form, "report": report, "counts": counts})


@login_required
def convening_link(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.ConveningLinkForm(request.POST or None, council=council)

    def action(data: dict) -> None:
        services.session_convening_link(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    intro = "Chọn quyết định triệu tập đã có trong sổ văn bản, hoặc soạn và ban hành quyết định mới."
    return _form_page(
        request,
        form,
        action,
        title=f"Quyết định triệu tập {session}",
        success="Đã gắn quyết định.",
        back=back,
        intro=intro,
    )


@login_required
def convening_generate(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.ConveningGenerateForm(request.POST or None, initial={"issued_on": dates.today()})

    def action(data: dict) -> None:
        services.session_convening_generate(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request,
        form,
        action,
        title=f"Ban hành Quyết định triệu tập {session}",
        success="Đã ban hành quyết định triệu tập.",
        back=back,
    )


@login_required
def minutes_generate(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.MinutesForm(request.POST or None, initial={"issued_on": session.closed_on or session.closes_on})

    def action(data: dict) -> str:
        document = services.minutes_generate(session=session, user=request.user, **data)
        return reverse("documents:document_detail", args=[document.pk])

    back = reverse("plenary:session_detail", args=[pk])
    intro = (
        "Biên bản được lập từ hồ sơ kỳ họp: thời gian, địa điểm, điểm danh từng ngày, chương trình, "
        "phát biểu, thảo luận tổ, kết quả biểu quyết. Dự thảo có thể lập lại khi số liệu thay đổi."
    )
    return _form_page(
        request, form, action, title=f"Lập biên bản {session}", success="Đã lập biên bản.", back=back, intro=intro
    )
