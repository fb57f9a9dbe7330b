"""The open-data API (/api/v1/open/): read-only, without login, published records of public councils only.

Shaped after OParl 1.1: every list answers `data` + `pagination` + `links`, every object has a stable
`id` (its address); people carry Popolo names and memberships, votes are Popolo vote events. Each list
runs the same number of queries whatever its length (a count, a page, and one per prefetched relation).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router
from ninja.conf import settings as ninja_settings

from opendata import records, selectors
from opendata.schemas import (
    MAX_ID,
    OpenAgendaItemList,
    OpenAgendaItemOut,
    OpenBodyList,
    OpenBodyOut,
    OpenErrorOut,
    OpenExportOut,
    OpenFileList,
    OpenFileOut,
    OpenListQuery,
    OpenMeetingList,
    OpenMeetingOut,
    OpenOrganizationList,
    OpenOrganizationOut,
    OpenPaperList,
    OpenPaperOut,
    OpenPersonList,
    OpenPersonOut,
    OpenSystemOut,
    OpenVoteEventList,
    OpenVoteEventOut,
)

router = Router(tags=["Dữ liệu mở (OParl)"], auth=None)

PAGE_SIZE = 50
Id = Annotated[int, Field(ge=1, le=MAX_ID, description="Mã bản ghi.")]
MeetingId = Annotated[
    str,
    Field(
        pattern=r"^(ky-hop|phien-hop)-[1-9][0-9]{0,17}$",
        max_length=30,
        description="ky-hop-<mã> (kỳ họp) hoặc phien-hop-<mã> (phiên họp Thường trực).",
    ),
]
ERRORS = {404: OpenErrorOut, 422: OpenErrorOut}


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _page(
    request: HttpRequest,
    query: OpenListQuery,
    rows: QuerySet,
    shape: Callable[[list, str], list[dict]],
) -> dict:
    """One page of `rows` in OParl's list shape: the data, where the page stands, and links to the others."""
    size = min(query.page_size or PAGE_SIZE, ninja_settings.PAGINATION_MAX_PER_PAGE_SIZE)
    total = rows.count()
    pages = max(1, math.ceil(total / size))
    start = (query.page - 1) * size
    base = _base(request)
    data = shape(list(rows[start : start + size]) if start < total else [], base)

    def link(page: int) -> str:
        params = {k: v for k, v in (("body", query.body), ("page", page), ("page_size", query.page_size)) if v}
        return f"{base}{request.path}?{urlencode(params)}"

    return {
        "data": data,
        "pagination": {"totalElements": total, "elementsPerPage": size, "currentPage": query.page, "totalPages": pages},
        "links": {
            "first": link(1),
            "prev": link(query.page - 1) if 1 < query.page <= pages + 1 else None,
            "self": link(query.page),
            "next": link(query.page + 1) if query.page < pages else None,
            "last": link(pages),
        },
    }


def _each(shape: Callable[[object, str], dict]) -> Callable[[list, str], list[dict]]:
    return lambda rows, base: [shape(row, base) for row in rows]


def _one(rows: QuerySet, pk: int) -> object:
    row = rows.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


@router.get("/open/", response=OpenSystemOut, url_name="open_system", summary="Dữ liệu mở: thông tin hệ thống")
def open_system(request: HttpRequest) -> dict:
    """Điểm vào của API dữ liệu mở (theo khuôn OParl 1.1): giấy phép, danh sách Hội đồng, dữ liệu hàng loạt."""
    base = _base(request)
    return {
        "id": f"{base}{records.API}/",
        "type": f"{records.OPARL}System",
        "oparlVersion": records.OPARL,
        "name": "Dữ liệu mở Hội đồng nhân dân",
        "license": records.LICENSE,
        "licenseName": records.LICENSE_NAME,
        "body": f"{base}{records.API}/bodies",
        "bulk": f"{base}{reverse('opendata:index')}",
        "documentation": f"{base}/api/v1/docs",
    }


@dataclass(frozen=True)
class Route:
    """One kind of record: its list (`/open/<path>`) and its detail (`/open/<path>/{id}`)."""

    path: str
    name: str
    list_out: type
    item_out: type
    rows: Callable[..., QuerySet]
    shape: Callable[[list, str], list[dict]]
    list_summary: str
    list_description: str
    item_summary: str
    item_description: str


ROUTES = [
    Route(
        "bodies",
        "body",
        OpenBodyList,
        OpenBodyOut,
        selectors.public_councils,
        _each(records.body),
        "danh sách Hội đồng",
        "Các Hội đồng nhân dân đang hoạt động.",
        "một Hội đồng",
        "Một Hội đồng đang hoạt động; Hội đồng khác: 404.",
    ),
    Route(
        "organizations",
        "organization",
        OpenOrganizationList,
        OpenOrganizationOut,
        selectors.public_organizations,
        _each(records.organization),
        "danh sách cơ quan của Hội đồng",
        "Thường trực HĐND, các Ban và Tổ đại biểu.",
        "một cơ quan",
        "Một cơ quan của Hội đồng.",
    ),
    Route(
        "persons",
        "person",
        OpenPersonList,
        OpenPersonOut,
        selectors.public_people,
        _each(records.person),
        "danh sách đại biểu",
        "Đại biểu HĐND với họ tên (Popolo), nhiệm kỳ và chức danh; chỉ thông tin công khai.",
        "một đại biểu",
        "Một đại biểu.",
    ),
    Route(
        "agenda-items",
        "agenda_item",
        OpenAgendaItemList,
        OpenAgendaItemOut,
        selectors.public_agenda_items,
        _each(records.agenda_item),
        "danh sách nội dung chương trình kỳ họp",
        "Nội dung chương trình của các kỳ họp công khai.",
        "một nội dung chương trình",
        "Một nội dung chương trình kỳ họp.",
    ),
    Route(
        "papers",
        "paper",
        OpenPaperList,
        OpenPaperOut,
        selectors.public_papers,
        records.papers,
        "danh sách văn bản công khai",
        "Văn bản đã công khai (nghị quyết, thông báo, báo cáo…), với tệp tải về.",
        "một văn bản",
        "Một văn bản đã công khai; văn bản chưa công khai hoặc đã thu hồi: 404.",
    ),
    Route(
        "files",
        "file",
        OpenFileList,
        OpenFileOut,
        selectors.public_files,
        _each(records.file),
        "danh sách tài liệu kỳ họp công khai",
        "Tài liệu kỳ họp đã đăng công khai.",
        "một tài liệu",
        "Một tài liệu kỳ họp công khai.",
    ),
    Route(
        "vote-events",
        "vote_event",
        OpenVoteEventList,
        OpenVoteEventOut,
        selectors.public_votes,
        _each(records.vote_event),
        "danh sách kết quả biểu quyết",
        "Kết quả biểu quyết tại các kỳ họp công khai (Popolo vote_event): số phiếu như đã công bố.",
        "một kết quả biểu quyết",
        "Một kết quả biểu quyết.",
    ),
]


def _register(route: Route) -> None:
    def list_view(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
        return _page(request, query, route.rows(council_id=query.body), route.shape)

    def item_view(request: HttpRequest, pk: Id) -> dict:
        return route.shape([_one(route.rows(), pk)], _base(request))[0]

    router.get(
        f"/open/{route.path}",
        response={200: route.list_out, 422: OpenErrorOut},
        url_name=f"open_{route.name}_list",
        operation_id=f"open_{route.name}_list",
        summary=f"Dữ liệu mở: {route.list_summary}",
        description=route.list_description,
    )(list_view)
    router.get(
        f"/open/{route.path}/{{pk}}",
        response={200: route.item_out, **ERRORS},
        url_name=f"open_{route.name}",
        operation_id=f"open_{route.name}",
        summary=f"Dữ liệu mở: {route.item_summary}",
        description=route.item_description,
    )(item_view)


for _route in ROUTES:
    _register(_route)


@router.get(
    "/open/meetings",
    response={200: OpenMeetingList, 422: OpenErrorOut},
    url_name="open_meeting_list",
    summary="Dữ liệu mở: danh sách kỳ họp và phiên họp Thường trực",
)
def open_meeting_list(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
    """Kỳ họp công khai và phiên họp Thường trực đã công khai thông báo kết luận, cũ trước mới sau."""
    return _page(request, query, selectors.public_meeting_keys(council_id=query.body), records.meetings)


@router.get(
    "/open/meetings/{meeting_id}",
    response={200: OpenMeetingOut, **ERRORS},
    url_name="open_meeting",
    summary="Dữ liệu mở: một kỳ họp hoặc phiên họp",
)
def open_meeting(request: HttpRequest, meeting_id: MeetingId) -> dict:
    """Một kỳ họp (ky-hop-<mã>) hoặc phiên họp Thường trực (phien-hop-<mã>)."""
    kind, _, pk = meeting_id.rpartition("-")
    found = records.meetings([(kind, int(pk), None)], _base(request))
    if not found:
        raise Http404
    return found[0]


@router.get(
    "/open/exports",
    response=list[OpenExportOut],
    url_name="open_export_list",
    summary="Dữ liệu mở: các bản tải hàng loạt mới nhất",
)
def open_export_list(request: HttpRequest) -> list[dict]:
    """Bản xuất ZIP mới nhất của cả nước và của từng Hội đồng đang hoạt động."""
    base = _base(request)
    return [
        {
            "council_id": row.council_id,
            "created": row.created_at.isoformat(),
            "size": row.size,
            "url": f"{base}{reverse('opendata:download', args=[row.pk])}",
        }
        for row in selectors.latest_exports()
    ]
