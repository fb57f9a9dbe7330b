"""The register: list, detail, drafting, incoming documents, issue/publish/withdraw, attachments, output."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from documents import selectors, services, wording
from documents.access import EDIT, ISSUE, TEMPLATES, VIEW, VIEW_ALL
from documents.forms import (
    AttachmentForm,
    DocumentForm,
    IncomingForm,
    RegisterFilterForm,
    WithdrawForm,
)
from documents.models import Direction, DocType
from documents.recipients import default_lines
from documents.rendering import body_preview, pdf_available
from documents.sources import draft_is_stale, source_info
from documents.views._common import _bound, _docx_response, _page, _pdf_response
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from registry.access import has_perm, require


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    direction = Direction.INCOMING if request.GET.get("so") == Direction.INCOMING else Direction.OUTGOING
    form = RegisterFilterForm(request.GET or None, council=council)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.document_list(
        user=request.user,
        council=council,
        direction=direction,
        search=filters.get("q", ""),
        doc_type=filters.get("loai", ""),
        state=filters.get("trang_thai", ""),
        body=filters["co_quan"].pk if filters.get("co_quan") else None,
        date_from=filters.get("tu_ngay"),
        date_to=filters.get("den_ngay"),
    )
    return render(
        request,
        "documents/document_list.html",
        {
            "page": _page(request, qs),
            "form": form,
            "direction": direction,
            "can_edit": has_perm(request.user, council, EDIT),
            "can_templates": has_perm(request.user, council, TEMPLATES),
            "can_settings": has_perm(request.user, council, VIEW_ALL),
        },
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    actions = services.allowed_actions(document, request.user)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "actions": actions,
            "recipients": wording.recipient_list(document) if document.is_outgoing else [],
            "missing": services.issue_missing(document).values() if document.is_draft else [],
            "history": history_rows(document),
            "body": body_preview(document.body),
            "can_edit": "edit" in actions,
            "can_attach": "attach" in actions,
            "attachment_form": AttachmentForm(),
            "pdf": pdf_available(),
            "source": source_info(document, user=request.user, council=council),
            "stale": draft_is_stale(document),
        },
    )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    doc_type = request.GET.get("loai") if request.GET.get("loai") in DocType.values else DocType.THONG_BAO
    # The signer and recipients of the last document of this type (they rarely change from one to the next);
    # the first of its type starts from the recipients offices write for it.
    initial = {
        "recipient_lines": default_lines(council, doc_type),
        **selectors.last_signer(council=council, doc_type=doc_type),
        "doc_type": doc_type,
    }
    initial["place"] = council.document_place
    form = DocumentForm(*_bound(request), initial=initial, council=council)
    document = run_form(
        request,
        form,
        lambda d: services.document_create(council=council, user=request.user, **d),
        "Đã lưu dự thảo văn bản.",
    )
    if document is not NOT_DONE:
        return redirect("documents:document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "title": "Soạn văn bản đi"})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if document.is_frozen:
        messages.error(request, "Văn bản đã ban hành, không thể sửa.")
        return redirect("documents:document_detail", pk=pk)
    if refused := refuse_closed(request, council, "documents:document_detail", pk):
        return refused
    form_class = DocumentForm if document.is_outgoing else IncomingForm
    form = form_class(*_bound(request), instance=document, council=council)
    saved = run_form(request, form, lambda d: services.document_update(document=document, **d), "Đã lưu văn bản.")
    if saved is not NOT_DONE:
        return redirect("documents:document_detail", pk=pk)
    return render(request, "documents/document_form.html", {"form": form, "title": f"Sửa: {document}"})


@login_required
def incoming_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = IncomingForm(*_bound(request), council=council)
    document = run_form(
        request,
        form,
        lambda d: services.incoming_create(council=council, user=request.user, **d),
        "Đã vào sổ văn bản đến.",
    )
    if document is not NOT_DONE:
        return redirect("documents:document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "title": "Vào sổ văn bản đến"})


def _action(request: HttpRequest, pk: int, action: object, done: str) -> HttpResponse:
    council = require(request, ISSUE)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    document = run_action(request, lambda: action(document=document, user=request.user), "")
    if document is not NOT_DONE:
        messages.success(request, done.format(document=document))
    return redirect("documents:document_detail", pk=pk)


@login_required
@require_POST
def document_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.document_issue, "Đã ban hành văn bản số {document.number_symbol}.")


@login_required
@require_POST
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.document_publish, "Đã công khai văn bản.")


@login_required
def document_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, ISSUE)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if refused := refuse_closed(request, council, "documents:document_detail", pk):
        return refused
    form = WithdrawForm(*_bound(request))
    done = run_form(
        request,
        form,
        lambda d: services.document_withdraw(document=document, user=request.user, **d),
        "Đã thu hồi văn bản; số văn bản được giữ nguyên.",
    )
    if done is not NOT_DONE:
        return redirect("documents:document_detail", pk=pk)
    return render(request, "documents/document_form.html", {"form": form, "title": f"Thu hồi: {document}"})


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        run_action(
            request,
            lambda: services.attachment_add(document=document, file=form.cleaned_data["file"], user=request.user),
            "Đã đính kèm tệp.",
        )
    else:
        messages.error(request, "Tệp đính kèm: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("documents:document_detail", pk=pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    council = require(request, VIEW)
    attachment = selectors.attachment_get(user=request.user, council=council, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if not document.is_outgoing:
        raise Http404
    try:
        return _docx_response(document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:document_detail", pk=pk)


@login_required
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if not document.is_outgoing:
        raise Http404
    return _pdf_response(document)
