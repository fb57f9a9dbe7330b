"""The open-data API (/api/v1/open/): read-only, without login, published records of active councils only.

Shaped after OParl 1.1: every list answers `data` + `pagination` + `links`, every object has a stable
`id` (its address); people carry Popolo names and memberships, votes are Popolo vote events. Each list
runs the same number of queries whatever its length (a count, a page, and one per prefetched relation).
"""

import math
from collections.abc import Callable
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


@router.get(
    "/open/bodies",
    response={200: OpenBodyList, 422: OpenErrorOut},
    url_name="open_body_list",
    summary="Dữ liệu mở: danh sách Hội đồng",
)
def open_body_list(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
    """Các Hội đồng nhân dân đang hoạt động."""
    return _page(request, query, selectors.public_councils(council_id=query.body), _each(records.body))


@router.get(
    "/open/bodies/{body_id}",
    response={200: OpenBodyOut, **ERRORS},
    url_name="open_body",
    summary="Dữ liệu mở: một Hội đồng",
)
def open_body(request: HttpRequest, body_id: Id) -> dict:
    """Một Hội đồng đang hoạt động; Hội đồng khác: 404."""
    return records.body(_one(selectors.public_councils(), body_id), _base(request))


@router.get(
    "/open/organizations",
    response={200: OpenOrganizationList, 422: OpenErrorOut},
    url_name="open_organization_list",
    summary="Dữ liệu mở: danh sách cơ quan của Hội đồng",
)
def open_organization_list(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
    """Thường trực HĐND, các Ban và Tổ đại biểu."""
    rows = selectors.public_organizations(council_id=query.body)
    return _page(request, query, rows, _each(records.organization))


@router.get(
    "/open/organizations/{organization_id}",
    response={200: OpenOrganizationOut, **ERRORS},
    url_name="open_organization",
    summary="Dữ liệu mở: một cơ quan",
)
def open_organization(request: HttpRequest, organization_id: Id) -> dict:
    """Một cơ quan của Hội đồng."""
    return records.organization(_one(selectors.public_organizations(), organization_id), _base(request))


@router.get(
    "/open/persons",
    response={200: OpenPersonList, 422: OpenErrorOut},
    url_name="open_person_list",
    summary="Dữ liệu mở: danh sách đại biểu",
)
def open_person_list(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
    """Đại biểu HĐND với họ tên (Popolo), nhiệm kỳ và chức danh; chỉ thông tin công khai."""
    return _page(request, query, selectors.public_people(council_id=query.body), _each(records.person))


@router.get(
    "/open/persons/{person_id}",
    response={200: OpenPersonOut, **ERRORS},
    url_name="open_person",
    summary="Dữ liệu mở: một đại biểu",
)
def open_person(request: HttpRequest, person_id: Id) -> dict:
    """Một đại biểu."""
    return records.person(_one(selectors.public_people(), person_id), _base(request))


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
    "/open/agenda-items",
    response={200: OpenAgendaItemList, 422: OpenErrorOut},
    url_name="open_agenda_item_list",
    summary="Dữ liệu mở: danh sách nội dung chương trình kỳ họp",
)
def open_agenda_item_list(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
    """Nội dung chương trình của các kỳ họp công khai."""
    rows = selectors.public_agenda_items(council_id=query.body)
    return _page(request, query, rows, _each(records.agenda_item))


@router.get(
    "/open/agenda-items/{item_id}",
    response={200: OpenAgendaItemOut, **ERRORS},
    url_name="open_agenda_item",
    summary="Dữ liệu mở: một nội dung chương trình",
)
def open_agenda_item(request: HttpRequest, item_id: Id) -> dict:
    """Một nội dung chương trình kỳ họp."""
    return records.agenda_item(_one(selectors.public_agenda_items(), item_id), _base(request))


@router.get(
    "/open/papers",
    response={200: OpenPaperList, 422: OpenErrorOut},
    url_name="open_paper_list",
    summary="Dữ liệu mở: danh sách văn bản công khai",
)
def open_paper_list(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
    """Văn bản đã công khai (nghị quyết, thông báo, báo cáo…), với tệp tải về."""
    return _page(request, query, selectors.public_papers(council_id=query.body), records.papers)


@router.get(
    "/open/papers/{paper_id}",
    response={200: OpenPaperOut, **ERRORS},
    url_name="open_paper",
    summary="Dữ liệu mở: một văn bản",
)
def open_paper(request: HttpRequest, paper_id: Id) -> dict:
    """Một văn bản đã công khai; văn bản chưa công khai hoặc đã thu hồi: 404."""
    return records.papers([_one(selectors.public_papers(), paper_id)], _base(request))[0]


@router.get(
    "/open/files",
    response={200: OpenFileList, 422: OpenErrorOut},
    url_name="open_file_list",
    summary="Dữ liệu mở: danh sách tài liệu kỳ họp công khai",
)
def open_file_list(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
    """Tài liệu kỳ họp đã đăng công khai."""
    return _page(request, query, selectors.public_files(council_id=query.body), _each(records.file))


@router.get(
    "/open/files/{file_id}",
    response={200: OpenFileOut, **ERRORS},
    url_name="open_file",
    summary="Dữ liệu mở: một tài liệu",
)
def open_file(request: HttpRequest, file_id: Id) -> dict:
    """Một tài liệu kỳ họp công khai."""
    return records.file(_one(selectors.public_files(), file_id), _base(request))


@router.get(
    "/open/vote-events",
    response={200: OpenVoteEventList, 422: OpenErrorOut},
    url_name="open_vote_event_list",
    summary="Dữ liệu mở: danh sách kết quả biểu quyết",
)
def open_vote_event_list(request: HttpRequest, query: Query[OpenListQuery]) -> dict:
    """Kết quả biểu quyết tại các kỳ họp công khai (Popolo vote_event): số phiếu như đã công bố."""
    return _page(request, query, selectors.public_votes(council_id=query.body), _each(records.vote_event))


@router.get(
    "/open/vote-events/{vote_id}",
    response={200: OpenVoteEventOut, **ERRORS},
    url_name="open_vote_event",
    summary="Dữ liệu mở: một kết quả biểu quyết",
)
def open_vote_event(request: HttpRequest, vote_id: Id) -> dict:
    """Một kết quả biểu quyết."""
    return records.vote_event(_one(selectors.public_votes(), vote_id), _base(request))


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
