"""What the public sees of published rounds."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from petitions import selectors, wording
from petitions.views._common import PAGE_SIZE


def public_round_list(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/public_round_list.html", {"rounds": list(selectors.public_rounds())})


def public_round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact_round = get_object_or_404(selectors.public_rounds(), pk=pk)
    search = request.GET.get("q", "")
    page = Paginator(selectors.public_petitions(contact_round=contact_round, search=search), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    for p in page:
        p.attribution = wording.attribution(p)
    return render(request, "petitions/public_round_detail.html", {"round": contact_round, "page": page, "q": search})
