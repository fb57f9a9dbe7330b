"""Schemas of the open-data API (/api/v1/open/): OParl 1.1 objects, Popolo names, memberships and votes.

Field names follow OParl (camelCase) and, for people and votes, Popolo (snake_case), so that clients
written for those standards read them; every field is described in Vietnamese.
"""

from ninja import Field, Schema

from hdnd.params import PageNumberPagination

MAX_ID = 2**63 - 1


class OpenListQuery(PageNumberPagination.Input):
    body: int | None = Field(None, ge=1, le=MAX_ID, description="Chỉ lấy dữ liệu của một Hội đồng (mã body).")


class OpenPagination(Schema):
    totalElements: int = Field(description="Tổng số bản ghi.")
    elementsPerPage: int = Field(description="Số bản ghi mỗi trang.")
    currentPage: int = Field(description="Trang hiện tại.")
    totalPages: int = Field(description="Tổng số trang.")


class OpenLinks(Schema):
    first: str = Field(description="Trang đầu.")
    prev: str | None = Field(description="Trang trước (không có ở trang đầu).")
    self: str = Field(description="Trang này.")
    next: str | None = Field(description="Trang sau (không có ở trang cuối).")
    last: str = Field(description="Trang cuối.")


class OpenErrorOut(Schema):
    detail: str = Field(description="Thông báo lỗi bằng tiếng Việt.")


class _OParlOut(Schema):
    """What every OParl object starts with: its stable address and its kind."""

    id: str = Field(description="Địa chỉ ổn định của bản ghi trong API.")
    type: str = Field(description="Loại đối tượng (OParl: Body, Organization, Person…; Popolo: vote_event).")


class _CouncilPartOut(_OParlOut):
    """An OParl object that belongs to one council (Body)."""

    body: str = Field(description="Hội đồng.")


class OpenTermOut(Schema):
    name: str = Field(description="Tên nhiệm kỳ.")
    startDate: str = Field(description="Ngày bắt đầu (yyyy-mm-dd).")
    endDate: str | None = Field(description="Ngày kết thúc (yyyy-mm-dd).")


class OpenBodyOut(_OParlOut):
    name: str = Field(description="Tên đầy đủ của Hội đồng nhân dân.")
    shortName: str = Field(description="Tên ngắn, ví dụ: HĐND phường Đức Phổ.")
    classification: str = Field(description="Cấp Hội đồng.")
    unitType: str = Field(description="Loại đơn vị hành chính.")
    unitCode: str = Field(description="Mã đơn vị hành chính.")
    parent: str | None = Field(description="HĐND cấp trên.")
    organization: str = Field(description="Danh sách cơ quan của Hội đồng.")
    person: str = Field(description="Danh sách đại biểu.")
    meeting: str = Field(description="Danh sách kỳ họp, phiên họp.")
    paper: str = Field(description="Danh sách văn bản công khai.")
    legislativeTerm: list[OpenTermOut] = Field(description="Các nhiệm kỳ.")
    license: str = Field(description="Giấy phép của dữ liệu.")
    web: str = Field(description="Trang dữ liệu mở của Hội đồng.")


class OpenOrganizationOut(_CouncilPartOut):
    name: str = Field(description="Tên cơ quan.")
    shortName: str = Field(description="Tên ngắn.")
    organizationType: str = Field(description="Loại cơ quan: Thường trực, Ban, Tổ đại biểu.")
    classification: str = Field(description="Mã loại cơ quan.")
    subOrganizationOf: str | None = Field(description="Cơ quan cấp trên.")


class OpenMembershipOut(Schema):
    organization_id: int = Field(description="Mã cơ quan (Popolo).")
    organization: str = Field(description="Địa chỉ của cơ quan.")
    role: str = Field(description="Chức danh.")
    start_date: str = Field(description="Từ ngày (yyyy-mm-dd).")
    end_date: str | None = Field(description="Đến ngày, ngày cuối còn giữ chức danh (yyyy-mm-dd).")


class OpenDelegacyOut(Schema):
    term: str = Field(description="Nhiệm kỳ.")
    constituency: str = Field(description="Đơn vị bầu cử.")
    group_id: int | None = Field(description="Mã tổ đại biểu.")
    status: str = Field(description="Tình trạng đại biểu.")
    start_date: str = Field(description="Ngày trúng cử (yyyy-mm-dd).")
    end_date: str | None = Field(description="Ngày cuối làm đại biểu (yyyy-mm-dd).")


class OpenPersonOut(_CouncilPartOut):
    name: str = Field(description="Họ và tên (Popolo: name).")
    family_name: str = Field(description="Họ (Popolo: family_name).")
    additional_name: str = Field(description="Tên đệm (Popolo: additional_name).")
    given_name: str = Field(description="Tên (Popolo: given_name).")
    gender: str | None = Field(description="Giới tính.")
    memberships: list[OpenMembershipOut] = Field(description="Chức danh trong các cơ quan của Hội đồng.")
    terms: list[OpenDelegacyOut] = Field(description="Các nhiệm kỳ làm đại biểu.")


class OpenMeetingItemOut(Schema):
    id: str | None = Field(description="Địa chỉ của nội dung (chỉ với kỳ họp).")
    number: int = Field(description="Thứ tự.")
    name: str = Field(description="Nội dung.")


class OpenMeetingOut(_CouncilPartOut):
    id: str = Field(description="Địa chỉ ổn định: …/meetings/ky-hop-<mã> hoặc …/meetings/phien-hop-<mã>.")
    meetingType: str = Field(description="ky_hop (kỳ họp) hoặc phien_hop_thuong_truc (phiên họp Thường trực).")
    name: str = Field(description="Tên kỳ họp, phiên họp.")
    meetingState: str = Field(description="Trạng thái.")
    start: str = Field(description="Ngày bắt đầu (yyyy-mm-dd).")
    end: str = Field(description="Ngày kết thúc (yyyy-mm-dd).")
    location: str = Field(description="Địa điểm.")
    organization: list[str] = Field(description="Cơ quan tổ chức (Thường trực HĐND với phiên họp).")
    agendaItem: list[OpenMeetingItemOut] = Field(description="Chương trình.")
    auxiliaryFile: list[str] = Field(description="Tài liệu công khai.")
    web: str | None = Field(description="Trang công khai của kỳ họp.")


class OpenAgendaItemOut(_OParlOut):
    meeting: str = Field(description="Kỳ họp.")
    number: int = Field(description="Thứ tự.")
    name: str = Field(description="Nội dung.")
    kind: str = Field(description="Loại nội dung.")


class OpenMainFileOut(Schema):
    name: str = Field(description="Tên tệp.")
    mimeType: str = Field(description="Kiểu tệp của accessUrl.")
    accessUrl: str = Field(description="Tải văn bản (DOCX).")
    pdfUrl: str = Field(description="Tải văn bản (PDF).")


class OpenPaperOut(_CouncilPartOut):
    name: str = Field(description="Trích yếu nội dung.")
    reference: str = Field(description="Số, ký hiệu.")
    date: str | None = Field(description="Ngày ban hành (yyyy-mm-dd).")
    paperType: str = Field(description="Loại văn bản.")
    normative: bool = Field(description="Văn bản quy phạm pháp luật.")
    publisher: str = Field(description="Cơ quan ban hành.")
    published: str | None = Field(description="Thời điểm công khai (ISO 8601).")
    passedOn: str | None = Field(description="Ngày thông qua (với nghị quyết).")
    effectiveOn: str | None = Field(description="Ngày có hiệu lực (với nghị quyết).")
    voteEvent: str | None = Field(description="Kết quả biểu quyết (với nghị quyết).")
    mainFile: OpenMainFileOut = Field(description="Tệp văn bản.")


class OpenFileOut(_OParlOut):
    name: str = Field(description="Tên tài liệu.")
    fileName: str = Field(description="Tên tệp.")
    date: str | None = Field(description="Ngày gửi đại biểu (yyyy-mm-dd).")
    accessUrl: str = Field(description="Tải tài liệu.")
    meeting: str = Field(description="Kỳ họp.")
    paper: str | None = Field(description="Văn bản công khai tương ứng.")


class OpenCountOut(Schema):
    option: str = Field(description="yes, no hoặc abstain (Popolo).")
    label: str = Field(description="Tán thành, không tán thành, không biểu quyết.")
    value: int = Field(description="Số đại biểu.")


class OpenVoteEventOut(_CouncilPartOut):
    organization_id: int | None = Field(description="Cơ quan biểu quyết (trống: toàn thể Hội đồng).")
    legislative_session_id: str = Field(description="Kỳ họp (Popolo: legislative_session_id).")
    meeting: str = Field(description="Địa chỉ của kỳ họp.")
    motion: str = Field(description="Nội dung biểu quyết.")
    start_date: str = Field(description="Ngày biểu quyết (yyyy-mm-dd).")
    result: str = Field(description="Kết quả.")
    counts: list[OpenCountOut] = Field(description="Số phiếu theo lựa chọn, như đã công bố.")
    in_office: int = Field(description="Tổng số đại biểu đương nhiệm (căn cứ tính tỷ lệ).")
    threshold_percent: int = Field(description="Tỷ lệ tán thành theo quy định (%).")
    paper: str | None = Field(description="Nghị quyết công khai tương ứng.")


class OpenExportOut(Schema):
    council_id: int | None = Field(description="Hội đồng (trống: cả nước).")
    created: str = Field(description="Thời điểm tạo (ISO 8601).")
    size: int = Field(description="Dung lượng (byte).")
    url: str = Field(description="Tải tệp ZIP.")


class OpenSystemOut(_OParlOut):
    oparlVersion: str = Field(description="Phiên bản OParl làm khuôn mẫu.")
    name: str = Field(description="Tên hệ thống.")
    license: str = Field(description="Giấy phép của dữ liệu.")
    licenseName: str = Field(description="Tên giấy phép.")
    body: str = Field(description="Danh sách Hội đồng.")
    bulk: str = Field(description="Trang tải dữ liệu hàng loạt.")
    documentation: str = Field(description="Tài liệu API (OpenAPI).")


def _list(name: str, item: type) -> type:
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {"data": list[item], "pagination": OpenPagination, "links": OpenLinks},
            "data": Field(description="Các bản ghi của trang."),
            "pagination": Field(description="Phân trang."),
            "links": Field(description="Liên kết trang."),
        },
    )


OpenBodyList = _list("OpenBodyList", OpenBodyOut)
OpenOrganizationList = _list("OpenOrganizationList", OpenOrganizationOut)
OpenPersonList = _list("OpenPersonList", OpenPersonOut)
OpenMeetingList = _list("OpenMeetingList", OpenMeetingOut)
OpenAgendaItemList = _list("OpenAgendaItemList", OpenAgendaItemOut)
OpenPaperList = _list("OpenPaperList", OpenPaperOut)
OpenFileList = _list("OpenFileList", OpenFileOut)
OpenVoteEventList = _list("OpenVoteEventList", OpenVoteEventOut)
