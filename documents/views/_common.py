"""What the document screens share: paging, the bound council and user, downloads."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse

from documents import services
from documents.models import Document
from documents.rendering import DOCX_MIME

PAGE_SIZE = 50


def _page(request: HttpRequest, qs: object) -> object:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))


def _bound(request: HttpRequest) -> tuple:
    """Form data when posted, so that an empty post is validated (and refused) rather than ignored."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _filename(document: Document, extension: str) -> str:
    label = (document.number_symbol or f"du-thao-{document.pk}").replace("/", "-")
    return f"{label}.{extension}"


def _download(content: bytes, filename: str, mime: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _docx_response(document: Document) -> HttpResponse:
    return _download(services.document_render_docx(document), _filename(document, "docx"), DOCX_MIME)


def _pdf_response(document: Document) -> HttpResponse:
    pdf = services.document_render_pdf(document)
    if pdf is None:
        raise Http404("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF.")
    return _download(pdf, _filename(document, "pdf"), "application/pdf")
