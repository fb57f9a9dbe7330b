"""Documents sent to delegates, and who opened them."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hdnd import dates
from hdnd.dates import format_date
from hdnd.views import run_action
from plenary import forms, selectors, services
from plenary.access import EDIT, MY_DOCUMENTS, VIEW
from plenary.views._common import _form_page
from registry.access import require


@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.SessionDocumentForm(request.POST or None, request.FILES or None, session=session)

    def action(data: dict) -> None:
        services.session_document_add(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(request, form, action, title=f"Thêm tài liệu {session}", success="Đã thêm tài liệu.", back=back)


@login_required
def documents_send(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = forms.SendForm(request.POST or None, initial={"sent_on": dates.today()})

    def action(data: dict) -> None:
        services.session_documents_send(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    due = services.documents_due_on(session)
    intro = (
        f"Hạn gửi tài liệu đến đại biểu: {format_date(due)}." if due else "Hội đồng chưa thiết lập hạn gửi tài liệu."
    )
    return _form_page(
        request, form, action, title=f"Gửi tài liệu {session}", success="Đã gửi tài liệu.", back=back, intro=intro
    )


@login_required
def not_opened(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    return render(
        request, "plenary/not_opened.html", {"session": session, "rows": selectors.not_opened(session=session)}
    )


@login_required
def my_documents(request: HttpRequest) -> HttpResponse:
    council = require(request, MY_DOCUMENTS)
    delegate = selectors.delegate_for_user(request.user, council)
    docs = list(selectors.my_documents(council=council, delegate=delegate, on=dates.today())) if delegate else []
    return render(request, "plenary/my_documents.html", {"delegate": delegate, "docs": docs})


@login_required
def document_open(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    doc = selectors.session_document_get(council=council, pk=pk)
    delegate = selectors.delegate_for_user(request.user, council)
    if delegate is not None and doc.sent_on is not None:
        services.document_open(session_document=doc, delegate=delegate)
    return render(request, "plenary/document_view.html", {"doc": doc})


@login_required
@require_POST
def document_public(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    doc = selectors.session_document_get(council=council, pk=pk)
    public = request.POST.get("public") == "1"
    run_action(
        request,
        lambda: services.session_document_set_public(session_document=doc, public=public, user=request.user),
        "Đã công khai tài liệu." if public else "Đã thôi công khai tài liệu.",
    )
    return redirect(f"{reverse('plenary:session_detail', args=[doc.session_id])}#tai-lieu")


@login_required
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    council = require(request, VIEW)
    doc = selectors.session_document_get(council=council, pk=pk)
    if not doc.file:
        raise Http404
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.file_name)
