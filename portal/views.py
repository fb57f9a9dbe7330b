"""The public portal: the national index of councils and each council's public pages (no login).

Every page reads through the apps' public selectors (only published records), answers 404 for an
inactive or absent council and for a record not published, and is served from the cache (portal.cache)
until a record of its council changes.
"""

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from documents import selectors as documents
from documents.models import DocType
from hdnd import dates
from hdnd.text import clean
from petitions import selectors as petitions
from petitions import wording as petition_wording
from plenary import selectors as plenary
from portal import selectors
from portal.cache import cached_page
from portal.feeds import CouncilFeed
from reception.selectors import public_slots
from registry import selectors as registry
from registry.models import Council
from reports.selectors import public_annual_reports
from supervision import selectors as supervision

PAGE_SIZE = 30
COUNCILS_PER_PAGE = 60
# Longer queries are cut: a search box is not a place for essays, and the folded LIKE stays cheap.
QUERY_MAX = 100
# Ids beyond a 32-bit integer would overflow PostgreSQL's integer columns (a 500): read as "no filter".
ID_MAX = 2**31 - 1
# The reception page keeps the last month's days beside the coming ones.
RECENT_DAYS = 31


def _query(request: HttpRequest) -> str:
    return clean(request.GET.get("q", ""))[:QUERY_MAX]


def _id(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and 0 < int(value) <= ID_MAX else None


def _page(request: HttpRequest, rows: QuerySet | list, size: int = PAGE_SIZE) -> Page:
    return Paginator(rows, size).get_page(request.GET.get("trang"))


def _render(request: HttpRequest, template: str, context: dict, *, title: str, description: str) -> HttpResponse:
    """A portal page with its title and description (also for Open Graph when the address is shared)."""
    return render(request, template, {**context, "title": title, "description": description})


# --- National -------------------------------------------------------------------------------


@cached_page
def index(request: HttpRequest) -> HttpResponse:
    query = _query(request)
    page = _page(request, registry.public_councils(search=query), COUNCILS_PER_PAGE)
    return _render(
        request,
        "portal/index.html",
        {"page": page, "q": query},
        title="Cổng thông tin Hội đồng nhân dân",
        description="Danh sách Hội đồng nhân dân các cấp theo tỉnh, thành phố: kỳ họp, nghị quyết, văn bản, "
        "giám sát, kiến nghị cử tri và lịch tiếp công dân được công khai.",
    )


@cached_page
def search(request: HttpRequest) -> HttpResponse:
    query = _query(request)
    results = selectors.search(query=query, council=None, today=dates.today())
    _attribute(results.petitions)
    return _render(
        request,
        "portal/search.html",
        {"q": query, "results": results, "council": None},
        title=f"Tìm kiếm: {query}" if query else "Tìm kiếm trên Cổng thông tin",
        description="Tìm văn bản, nghị quyết, kiến nghị cử tri, dự thảo lấy ý kiến và Hội đồng nhân dân đã "
        "công khai, gõ có dấu hay không dấu đều được.",
    )


# --- A council ------------------------------------------------------------------------------


def _council(council_id: int) -> Council:
    return registry.public_council_get(council_id)


def _attribute(rows: list) -> None:
    for p in rows:
        p.attribution = petition_wording.attribution(p)


@cached_page
def council_home(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    today = dates.today()
    overview = selectors.council_overview(council=council, today=today)
    return _render(
        request,
        "portal/council.html",
        {"council": council, "o": overview, "today": today},
        title=str(council),
        description=f"Thông tin công khai của {council}: kỳ họp, nghị quyết, văn bản, đại biểu, giám sát, "
        "kiến nghị cử tri, lịch tiếp công dân, dự thảo lấy ý kiến, dữ liệu mở.",
    )


@cached_page
def council_search(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    query = _query(request)
    results = selectors.search(query=query, council=council, today=dates.today())
    _attribute(results.petitions)
    return _render(
        request,
        "portal/search.html",
        {"q": query, "results": results, "council": council},
        title=f"Tìm kiếm: {query} — {council}" if query else f"Tìm kiếm — {council}",
        description=f"Tìm trong thông tin công khai của {council}, gõ có dấu hay không dấu đều được.",
    )


@cached_page
def bodies(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    on = selectors.as_of(council, dates.today())
    query = _query(request)
    return _render(
        request,
        "portal/bodies.html",
        {
            "council": council,
            "bodies": list(registry.public_bodies(council=council, on=on)),
            "page": _page(request, registry.public_delegates(council=council, on=on, search=query), 60),
            "q": query,
        },
        title=f"Cơ quan và đại biểu — {council}",
        description=f"Thường trực, các Ban, các Tổ đại biểu và danh sách đại biểu {council}.",
    )


@cached_page
def delegate(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    council = _council(council_id)
    today = dates.today()
    person = registry.public_delegate_get(council=council, pk=pk)
    return _render(
        request,
        "portal/delegate.html",
        {
            "council": council,
            "d": person,
            "record": plenary.public_delegate_record(delegate=person),
            "meetings": list(petitions.public_delegate_meetings(delegate_id=person.pk)[:50]),
            "slots": list(public_slots(council=council, since=today, person_id=person.person_id).order_by("day")[:20]),
        },
        title=f"Đại biểu {person.person.full_name} — {council}",
        description=f"Hoạt động của đại biểu {person.person.full_name}, {council}: tổ đại biểu, đơn vị bầu cử, "
        "kỳ họp, phát biểu, chất vấn, tiếp xúc cử tri.",
    )


@cached_page
def sessions(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    return _render(
        request,
        "portal/sessions.html",
        {"council": council, "page": _page(request, plenary.public_session_list(council_id=council.pk))},
        title=f"Kỳ họp — {council}",
        description=f"Các kỳ họp của {council}: thời gian, địa điểm, chương trình, tài liệu và kết quả biểu quyết.",
    )


@cached_page
def session(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    council = _council(council_id)
    detail = plenary.public_session_detail(council_id=council.pk, pk=pk)
    return _render(
        request,
        "portal/session.html",
        {"council": council, "s": detail},
        title=f"{detail.session} — {council}",
        description=f"{detail.session} của {council}, khai mạc ngày {detail.session.opening:%d/%m/%Y}: chương "
        "trình, tài liệu, kết quả biểu quyết, nghị quyết.",
    )


# The document types a visitor may filter by, as the register names them.
DOC_TYPES = [(t.value, t.label) for t in DocType]


@cached_page
def document_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    query = _query(request)
    kind = request.GET.get("loai", "")
    rows = documents.public_list(council=council.pk, search=query)
    if kind in DocType.values:
        rows = rows.filter(doc_type=kind)
    else:
        kind = ""
    return _render(
        request,
        "portal/documents.html",
        {"council": council, "page": _page(request, rows), "q": query, "kind": kind, "kinds": DOC_TYPES},
        title=f"Văn bản công khai — {council}",
        description=f"Nghị quyết, thông báo, kết luận, báo cáo đã công khai của {council}.",
    )


@cached_page
def document(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    council = _council(council_id)
    doc = documents.public_get(pk=pk)
    if doc.council_id != council.pk:
        raise Http404("Không tìm thấy văn bản.")
    return _render(
        request,
        "portal/document.html",
        {"council": council, "doc": doc},
        title=f"{doc.get_doc_type_display()} {doc.number_symbol} — {council}",
        description=doc.subject or f"Văn bản của {council}",
    )


@cached_page
def resolutions(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    query = _query(request)
    return _render(
        request,
        "portal/resolutions.html",
        {
            "council": council,
            "q": query,
            "page": _page(request, plenary.public_resolutions(council_id=council.pk, search=query)),
        },
        title=f"Nghị quyết — {council}",
        description=f"Nghị quyết của {council} đã công khai, với kết quả biểu quyết.",
    )


@cached_page
def supervision_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    today = dates.today()
    page = _page(request, supervision.public_rounds(council=council))
    rows = [(r, supervision.public_recommendation_states(r, today)) for r in page]
    return _render(
        request,
        "portal/supervision.html",
        {
            "council": council,
            "page": page,
            "rows": rows,
            "programmes": list(supervision.programme_list(council=council, published=True)[:20]),
        },
        title=f"Giám sát — {council}",
        description=f"Chương trình, đợt giám sát của {council}, kiến nghị sau giám sát và tình hình thực hiện.",
    )


@cached_page
def petition_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    query = _query(request)
    unit, place, field = _id(request, "xa"), _id(request, "thon"), _id(request, "linh_vuc")
    rows = petitions.public_council_petitions(
        council=council, unit_id=unit, place_id=place, field_id=field, search=query
    )
    page = _page(request, rows)
    _attribute(page)
    units, places, fields = petitions.public_petition_filters(council=council)
    by_unit, by_field = petitions.public_petition_counts(council=council)
    by_place = selectors.petition_counts_by_place(council=council)
    return _render(
        request,
        "portal/petitions.html",
        {
            "council": council,
            "page": page,
            "q": query,
            "units": units,
            "places": places,
            "fields": fields,
            "unit": unit,
            "place": place,
            "field": field,
            "by_unit": by_unit,
            "by_place": by_place,
            "by_field": by_field,
        },
        title=f"Kiến nghị cử tri — {council}",
        description=f"Kiến nghị của cử tri gửi đến {council} theo xã, phường và lĩnh vực, cùng nội dung trả lời "
        "của cơ quan có thẩm quyền.",
    )


@cached_page
def reception(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    since = dates.today() - datetime.timedelta(days=RECENT_DAYS)
    return _render(
        request,
        "portal/reception.html",
        {"council": council, "slots": list(public_slots(council=council, since=since).order_by("day")[:60])},
        title=f"Lịch tiếp công dân — {council}",
        description=f"Lịch tiếp công dân của lãnh đạo {council}: ngày, người tiếp, địa điểm.",
    )


@cached_page
def reports(request: HttpRequest, council_id: int) -> HttpResponse:
    council = _council(council_id)
    return _render(
        request,
        "portal/reports.html",
        {"council": council, "reports": public_annual_reports(council=council)},
        title=f"Báo cáo năm — {council}",
        description=f"Báo cáo kiểm điểm hằng năm đã ban hành của {council}.",
    )


_council_feed = CouncilFeed()


@cached_page
def feed(request: HttpRequest, council_id: int) -> HttpResponse:
    """The council's Atom feed (a read: Django's syndication framework builds it)."""
    return _council_feed(request, council_id=council_id)
