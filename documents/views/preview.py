"""A document before it is issued: on screen as its DOCX lays it out, and as a draft DOCX marked "DỰ THẢO"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator

from documents import selectors, services, wording
from documents.access import VIEW
from documents.models import DocType, Document, State
from documents.rendering import DOCX_MIME, pdf_available, preview
from documents.views._common import _download, _filename
from registry.access import require


def preview_title(document: Document) -> str:
    """ "Xem trước báo cáo: …" — one label: a draft's "Dự thảo" of its name would say "preview" twice."""
    kind = " ".join(filter(None, [document.get_doc_type_display().lower(), document.number_symbol]))
    subject = Truncator(document.subject).chars(200)
    return f"Xem trước {kind}: {subject}" if subject else f"Xem trước {kind}"


@login_required
def document_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The document on screen as its DOCX lays it out (header block, footnotes, recipients), before issuing."""
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if not document.is_outgoing:
        raise Http404
    return render(
        request,
        "documents/document_preview.html",
        {
            "title": preview_title(document),
            "preview": preview(wording.docx_data(document)),
            "draft": document.state == State.DRAFT,
            "letter": document.doc_type == DocType.CONG_VAN,
            "back_url": reverse("documents:document_detail", args=[pk]),
            "back_label": "Văn bản",
            "docx_url": reverse("documents:document_preview_docx", args=[pk]),
            "pdf_url": reverse("documents:document_pdf", args=[pk]) if pdf_available() else "",
        },
    )


@login_required
def document_preview_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft DOCX, marked "DỰ THẢO" while the document is not issued."""
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if not document.is_outgoing:
        raise Http404
    try:
        content = services.document_preview_docx(document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:document_detail", pk=pk)
    return _download(content, _filename(document, "docx"), DOCX_MIME)
