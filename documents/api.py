"""Document routes of /api/v1/: the register, issuing, downloads and templates, scoped by council and role."""

from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from documents import selectors, services
from documents.access import EDIT, ISSUE, SETTINGS, TEMPLATES, VIEW, VIEW_ALL
from documents.docx_build import SHIPPED
from documents.models import NORMATIVE_TYPES, DocType, Document, Issuer
from documents.rendering import DOCX_MIME, type_label
from documents.schemas import (
    AttachmentOut,
    DocumentFilter,
    DocumentIn,
    DocumentIssueIn,
    DocumentOut,
    DocumentPatch,
    IncomingIn,
    IssuerIn,
    IssuerOut,
    IssuerPatch,
    PublicDocumentPage,
    PublicDocumentQuery,
    SeriesIn,
    SeriesOut,
    TemplateOut,
    WithdrawIn,
)
from documents.selectors import SeriesRow
from hdnd.paging import CappedPaginator
from hdnd.params import PageNumberPagination
from registry.access import council_for_api
from registry.models import Body, Council, Person
from registry.selectors import all_in_council, in_council
from registry.services import council_accepts

router = Router(tags=["Văn bản"])
TEMPLATE_TYPES = ["", *[t for t in SHIPPED if t]] + [t for t in DocType.values if t not in SHIPPED]


# Why an action `allowed_actions` does not offer is refused, once the role's permission has been checked.
REFUSED = {
    "edit": "Văn bản đã ban hành hoặc đã khóa theo hồ sơ, không sửa được.",
    "issue": "Văn bản đã ban hành thì không ban hành lại; chỉ văn bản đi còn là dự thảo mới ban hành được.",
    "publish": "Chỉ văn bản đã ban hành (chưa thu hồi) mới có thể công khai.",
    "withdraw": "Chỉ văn bản đi đã ban hành hoặc đã công khai mới thu hồi được.",
    "attach": "Vai trò của bạn không được đính kèm tệp vào văn bản này.",
}


def _bodies(council: Council, ids: list[int]) -> list[Body]:
    return all_in_council(Body, ids, field="recipient_body_ids", label="nơi nhận", council=council)


def _issuer(council: Council, pk: int | None) -> Issuer | None:
    return in_council(Issuer, pk, field="issuer_id", label="cơ quan ban hành", council=council)


def _allowed(request: HttpRequest, document: Document, action: str) -> Document:
    """The document, if the workflow's `allowed_actions` offers `action` to the user now (the screens ask the same)."""
    if action not in services.allowed_actions(document, request.user):
        council_accepts(document.council, None)  # a ceased council offers none: say why, not the workflow's reason
        raise ValidationError(REFUSED[action])
    return document


def _document(request: HttpRequest, council_id: int, document_id: int, perm: str) -> Document:
    council = council_for_api(request.user, council_id, perm)
    return selectors.document_get(user=request.user, council=council, pk=document_id)


def _file(content: bytes, filename: str, mime: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _template_type(doc_type: str) -> str:
    value = "" if doc_type == "chung" else doc_type
    if value and value not in DocType.values:
        raise Http404
    return value


@router.get(
    "/councils/{council_id}/documents", response=list[DocumentOut], url_name="document_list", summary="Sổ văn bản"
)
@paginate(PageNumberPagination, page_size=50)
def document_list(request: HttpRequest, council_id: int, filters: Query[DocumentFilter]) -> QuerySet[Document]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.document_list(
        user=request.user,
        council=council,
        direction=filters.direction,
        search=filters.q or "",
        doc_type=filters.doc_type or "",
        state=filters.state or "",
        body=filters.body_id,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )


@router.get(
    "/public/documents",
    response=PublicDocumentPage,
    auth=None,
    url_name="document_public_list",
    summary="Công khai: tìm văn bản đã công bố của mọi Hội đồng",
)
def document_public_list(request: HttpRequest, filters: Query[PublicDocumentQuery]) -> dict:
    """Như trang /van-ban/cong-khai/: văn bản đã công bố, mới nhất trước; số kết quả tính đến 1.000."""
    qs = selectors.public_list(council=filters.council_id, search=filters.q)
    paginator = CappedPaginator(qs, 50)
    page = paginator.get_page(filters.page)
    return {
        "count": paginator.count,
        "count_capped": paginator.capped,
        "count_label": paginator.count_label,
        "items": list(page),
    }


@router.post(
    "/councils/{council_id}/documents",
    response={201: DocumentOut},
    url_name="document_create",
    summary="Tạo văn bản đi (dự thảo)",
)
def document_create(request: HttpRequest, council_id: int, payload: DocumentIn) -> tuple[int, Document]:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    data["recipient_bodies"] = _bodies(council, data.pop("recipient_body_ids"))
    data["issuer"] = _issuer(council, data.pop("issuer_id"))
    document = services.document_create(council=council, user=request.user, **data)
    return 201, selectors.document_get(user=request.user, council=council, pk=document.pk)


@router.post(
    "/councils/{council_id}/documents/incoming",
    response={201: DocumentOut},
    url_name="incoming_create",
    summary="Vào sổ văn bản đến",
)
def incoming_create(request: HttpRequest, council_id: int, payload: IncomingIn) -> tuple[int, Document]:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    sender_id, person_id = data.pop("sender_body_id"), data.pop("handler_person_id")
    data["sender_body"] = in_council(
        Body, sender_id or None, field="sender_body_id", label="cơ quan gửi", council=council
    )
    data["handler_person"] = in_council(
        Person, person_id or None, field="handler_person_id", label="người xử lý", council=council
    )
    document = services.incoming_create(council=council, user=request.user, **data)
    return 201, selectors.document_get(user=request.user, council=council, pk=document.pk)


@router.get(
    "/councils/{council_id}/documents/{document_id}",
    response=DocumentOut,
    url_name="document_detail",
    summary="Thông tin một văn bản",
)
def document_detail(request: HttpRequest, council_id: int, document_id: int) -> Document:
    return _document(request, council_id, document_id, VIEW)


@router.patch(
    "/councils/{council_id}/documents/{document_id}",
    response=DocumentOut,
    url_name="document_update",
    summary="Sửa văn bản dự thảo",
)
def document_update(request: HttpRequest, council_id: int, document_id: int, payload: DocumentPatch) -> Document:
    document = _allowed(request, _document(request, council_id, document_id, EDIT), "edit")
    council = document.council
    data = payload.dict(exclude_unset=True)
    bodies = _bodies(council, data.pop("recipient_body_ids")) if data.get("recipient_body_ids") is not None else None
    data.pop("recipient_body_ids", None)
    if "issuer_id" in data:
        data["issuer"] = _issuer(council, data.pop("issuer_id"))
    services.document_update(document=document, recipient_bodies=bodies, **data)
    return selectors.document_get(user=request.user, council=council, pk=document.pk)


@router.post(
    "/councils/{council_id}/documents/{document_id}/issue",
    response=DocumentOut,
    url_name="document_issue",
    summary="Ban hành văn bản (lấy số)",
)
def document_issue(request: HttpRequest, council_id: int, document_id: int, payload: DocumentIssueIn) -> Document:
    document = _allowed(request, _document(request, council_id, document_id, ISSUE), "issue")
    services.document_issue(document=document, user=request.user, issued_on=payload.issued_on)
    return selectors.document_get(user=request.user, council=document.council, pk=document.pk)


@router.post(
    "/councils/{council_id}/documents/{document_id}/publish",
    response=DocumentOut,
    url_name="document_publish",
    summary="Công khai hoặc thôi công khai văn bản",
)
def document_publish(request: HttpRequest, council_id: int, document_id: int) -> Document:
    document = _allowed(request, _document(request, council_id, document_id, ISSUE), "publish")
    services.document_publish(document=document, user=request.user)
    return selectors.document_get(user=request.user, council=document.council, pk=document.pk)


@router.post(
    "/councils/{council_id}/documents/{document_id}/withdraw",
    response=DocumentOut,
    url_name="document_withdraw",
    summary="Thu hồi văn bản",
)
def document_withdraw(request: HttpRequest, council_id: int, document_id: int, payload: WithdrawIn) -> Document:
    document = _allowed(request, _document(request, council_id, document_id, ISSUE), "withdraw")
    services.document_withdraw(document=document, user=request.user, reason=payload.reason)
    return selectors.document_get(user=request.user, council=document.council, pk=document.pk)


@router.get(
    "/councils/{council_id}/documents/{document_id}/docx", url_name="document_docx", summary="Tải văn bản dạng DOCX"
)
def document_docx(request: HttpRequest, council_id: int, document_id: int) -> HttpResponse:
    """Văn bản dạng DOCX."""
    document = _document(request, council_id, document_id, VIEW)
    if not document.is_outgoing:
        raise Http404
    name = (document.number_symbol or f"du-thao-{document.pk}").replace("/", "-")
    return _file(services.document_render_docx(document), f"{name}.docx", DOCX_MIME)


@router.get(
    "/councils/{council_id}/documents/{document_id}/preview",
    url_name="document_preview",
    summary="Tải dự thảo văn bản (DOCX, đánh dấu DỰ THẢO)",
)
def document_preview(request: HttpRequest, council_id: int, document_id: int) -> HttpResponse:
    """Bản DOCX của văn bản như hiện có, đánh dấu “DỰ THẢO” khi chưa ban hành."""
    document = _document(request, council_id, document_id, VIEW)
    if not document.is_outgoing:
        raise Http404
    name = (document.number_symbol or f"du-thao-{document.pk}").replace("/", "-")
    return _file(services.document_preview_docx(document), f"{name}.docx", DOCX_MIME)


@router.get(
    "/councils/{council_id}/documents/{document_id}/pdf", url_name="document_pdf", summary="Tải văn bản dạng PDF"
)
def document_pdf(request: HttpRequest, council_id: int, document_id: int) -> HttpResponse:
    """Văn bản dạng PDF; 404 khi máy chủ không có LibreOffice."""
    document = _document(request, council_id, document_id, VIEW)
    pdf = services.document_render_pdf(document) if document.is_outgoing else None
    if pdf is None:
        raise Http404
    name = (document.number_symbol or f"du-thao-{document.pk}").replace("/", "-")
    return _file(pdf, f"{name}.pdf", "application/pdf")


@router.get(
    "/councils/{council_id}/document-templates",
    response=list[TemplateOut],
    url_name="template_list",
    summary="Danh sách mẫu văn bản",
)
def template_list(request: HttpRequest, council_id: int) -> list[dict]:
    council = council_for_api(request.user, council_id, VIEW)
    own = selectors.council_templates(council=council)
    return [
        {
            "doc_type": doc_type or "chung",
            "label": type_label(doc_type),
            "custom": doc_type in own,
            "filename": own[doc_type].filename if doc_type in own else SHIPPED.get(doc_type, SHIPPED[""]),
            "uploaded_at": own[doc_type].uploaded_at if doc_type in own else None,
        }
        for doc_type in TEMPLATE_TYPES
    ]


@router.get(
    "/councils/{council_id}/document-templates/{doc_type}", url_name="template_download", summary="Tải mẫu văn bản"
)
def template_download(request: HttpRequest, council_id: int, doc_type: str) -> HttpResponse:
    """Mẫu mà loại văn bản đang dùng (của Hội đồng hoặc mẫu có sẵn), dạng DOCX."""
    council = council_for_api(request.user, council_id, VIEW)
    content = services.template_for(council=council, doc_type=_template_type(doc_type))
    return _file(content, f"mau-{doc_type}.docx", DOCX_MIME)


@router.post(
    "/councils/{council_id}/document-templates/{doc_type}",
    response=TemplateOut,
    url_name="template_upload",
    summary="Thay mẫu văn bản",
)
def template_upload(request: HttpRequest, council_id: int, doc_type: str, file: File[UploadedFile]) -> dict:
    """Thay mẫu của một loại văn bản; bị từ chối (400, kèm lý do) khi mẫu không ra đúng thể thức Nghị định 30."""
    council = council_for_api(request.user, council_id, TEMPLATES)
    value = _template_type(doc_type)
    template = services.template_upload(
        council=council, doc_type=value, content=file.read(), filename=file.name or "mau.docx", user=request.user
    )
    return {
        "doc_type": doc_type,
        "label": type_label(value),
        "custom": True,
        "filename": template.filename,
        "uploaded_at": template.uploaded_at,
    }


@router.post(
    "/councils/{council_id}/document-templates/{doc_type}/reset",
    response=TemplateOut,
    url_name="template_reset",
    summary="Trở lại mẫu văn bản mặc định",
)
def template_reset(request: HttpRequest, council_id: int, doc_type: str) -> dict:
    """Bỏ mẫu riêng của Hội đồng cho một loại văn bản; loại đó dùng lại mẫu có sẵn."""
    council = council_for_api(request.user, council_id, TEMPLATES)
    value = _template_type(doc_type)
    services.template_reset(council=council, doc_type=value)
    return {
        "doc_type": doc_type,
        "label": type_label(value),
        "custom": False,
        "filename": SHIPPED.get(value, SHIPPED[""]),
        "uploaded_at": None,
    }


@router.post(
    "/councils/{council_id}/documents/{document_id}/attachments",
    response={201: AttachmentOut},
    url_name="attachment_add",
    summary="Đính kèm tệp vào văn bản",
)
def attachment_add(request: HttpRequest, council_id: int, document_id: int, file: File[UploadedFile]) -> Status:
    """Đính kèm một tệp (tối đa 20 MB); văn bản đã ban hành vẫn nhận tệp (bản ký số, bản quét đến sau)."""
    document = _allowed(request, _document(request, council_id, document_id, EDIT), "attach")
    return Status(201, services.attachment_add(document=document, file=file, user=request.user))


# Issuers and numbering series ------------------------------------------------------------------


def _body(council: Council, pk: int | None) -> Body | None:
    return in_council(Body, pk, field="body_id", label="cơ quan", council=council)


def _issuer_out(council: Council, pk: int) -> Issuer:
    return selectors.issuer_list(council=council).get(pk=pk)


@router.get(
    "/councils/{council_id}/document-issuers",
    response=list[IssuerOut],
    url_name="issuer_list",
    summary="Danh sách cơ quan ban hành",
)
def issuer_list(request: HttpRequest, council_id: int) -> QuerySet[Issuer]:
    """Các cơ quan ban hành của Hội đồng, mặc định đứng đầu (tạo khi dùng lần đầu),
    kèm số văn bản mỗi cơ quan đã lấy.
    """
    council = council_for_api(request.user, council_id, VIEW_ALL)
    services.issuer_default(council=council)
    return selectors.issuer_list(council=council)


@router.post(
    "/councils/{council_id}/document-issuers",
    response={201: IssuerOut},
    url_name="issuer_create",
    summary="Tạo cơ quan ban hành",
)
def issuer_create(request: HttpRequest, council_id: int, payload: IssuerIn) -> Status:
    council = council_for_api(request.user, council_id, SETTINGS)
    data = payload.dict()
    data["body"] = _body(council, data.pop("body_id"))
    issuer = services.issuer_create(council=council, **data)
    return Status(201, _issuer_out(council, issuer.pk))


@router.get(
    "/councils/{council_id}/document-issuers/{issuer_id}",
    response=IssuerOut,
    url_name="issuer_detail",
    summary="Thông tin cơ quan ban hành",
)
def issuer_detail(request: HttpRequest, council_id: int, issuer_id: int) -> Issuer:
    council = council_for_api(request.user, council_id, VIEW_ALL)
    selectors.issuer_get(council=council, pk=issuer_id)
    return _issuer_out(council, issuer_id)


@router.patch(
    "/councils/{council_id}/document-issuers/{issuer_id}",
    response=IssuerOut,
    url_name="issuer_update",
    summary="Sửa cơ quan ban hành",
)
def issuer_update(request: HttpRequest, council_id: int, issuer_id: int, payload: IssuerPatch) -> Issuer:
    """Sửa cơ quan ban hành; văn bản đã ban hành giữ số của mình, số của năm chạy tiếp."""
    council = council_for_api(request.user, council_id, SETTINGS)
    issuer = selectors.issuer_get(council=council, pk=issuer_id)
    data = payload.dict(exclude_unset=True)
    if "body_id" in data:
        data["body"] = _body(council, data.pop("body_id"))
    services.issuer_update(issuer=issuer, **data)
    return _issuer_out(council, issuer_id)


def _series_key(doc_type: str, kind: str) -> tuple[str, bool]:
    if doc_type not in DocType.values or kind not in {"thuong", "qppl"}:
        raise Http404
    if kind == "qppl" and doc_type not in NORMATIVE_TYPES:
        raise Http404
    return doc_type, kind == "qppl"


def _series_rows(council: Council) -> list[SeriesRow]:
    return selectors.series_rows(
        council=council, year=timezone.localdate().year, issuer=services.issuer_default(council=council)
    )


def _series_row(council: Council, doc_type: str, normative: bool) -> SeriesRow:
    return next(r for r in _series_rows(council) if (r.doc_type, r.normative) == (doc_type, normative))


@router.get(
    "/councils/{council_id}/document-series",
    response=list[SeriesOut],
    url_name="series_list",
    summary="Sổ số và mẫu ký hiệu",
)
def series_list(request: HttpRequest, council_id: int) -> list[SeriesRow]:
    """Sổ số và mẫu ký hiệu mỗi loại văn bản đang dùng (mặc định hoặc của Hội đồng), kèm một số ví dụ."""
    council = council_for_api(request.user, council_id, VIEW_ALL)
    return _series_rows(council)


@router.get(
    "/councils/{council_id}/document-series/{doc_type}/{kind}",
    response=SeriesOut,
    url_name="series_detail",
    summary="Sổ số và mẫu ký hiệu của một loại văn bản",
)
def series_detail(request: HttpRequest, council_id: int, doc_type: str, kind: str) -> SeriesRow:
    """`kind` là "thuong", hoặc "qppl" cho nghị quyết, quyết định quy phạm pháp luật."""
    council = council_for_api(request.user, council_id, VIEW_ALL)
    return _series_row(council, *_series_key(doc_type, kind))


@router.put(
    "/councils/{council_id}/document-series/{doc_type}/{kind}",
    response=SeriesOut,
    url_name="series_set",
    summary="Đặt sổ số và mẫu ký hiệu",
)
def series_set(request: HttpRequest, council_id: int, doc_type: str, kind: str, payload: SeriesIn) -> SeriesRow:
    """Đặt sổ số và mẫu ký hiệu của Hội đồng; 400 kèm lý do khi mẫu không định dạng được hoặc số sẽ trùng nhau. Áp dụng
    cho các số lấy sau đó.
    """
    council = council_for_api(request.user, council_id, SETTINGS)
    doc_type, normative = _series_key(doc_type, kind)
    services.series_set(council=council, doc_type=doc_type, normative=normative, **payload.dict())
    return _series_row(council, doc_type, normative)


@router.delete(
    "/councils/{council_id}/document-series/{doc_type}/{kind}",
    response=SeriesOut,
    url_name="series_reset",
    summary="Trở về sổ số mặc định",
)
def series_reset(request: HttpRequest, council_id: int, doc_type: str, kind: str) -> SeriesRow:
    """Trở về sổ số và mẫu ký hiệu mặc định của loại văn bản (bị từ chối khi số sẽ lặp lại)."""
    council = council_for_api(request.user, council_id, SETTINGS)
    doc_type, normative = _series_key(doc_type, kind)
    services.series_reset(council=council, doc_type=doc_type, normative=normative)
    return _series_row(council, doc_type, normative)
