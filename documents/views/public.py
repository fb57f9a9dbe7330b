"""Published documents, as the public sees them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from documents import selectors
from documents.views._common import PAGE_SIZE, _docx_response, _pdf_response
from hdnd.paging import CappedPaginator


def public_list(request: HttpRequest) -> HttpResponse:
    council = request.GET.get("hoi_dong", "")
    search = request.GET.get("q", "")
    qs = selectors.public_list(council=int(council) if council.isdigit() else None, search=search)
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "documents/public_list.html", {"page": page, "q": search})


def public_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _docx_response(selectors.public_get(pk=pk))


def public_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf_response(selectors.public_get(pk=pk))
