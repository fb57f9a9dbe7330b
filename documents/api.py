"""Document routes of /api/v1/: the register, issuing, downloads and templates, scoped by council and role."""

from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from documents import selectors, services
from documents.access import EDIT, ISSUE, SETTINGS, TEMPLATES, VIEW, VIEW_ALL
from documents.docx_build import SHIPPED
from documents.models import NORMATIVE_TYPES, DocType, Document, Issuer
from documents.rendering import DOCX_MIME, type_label
from documents.schemas import (
    DocumentFilter,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
    IncomingIn,
    IssueIn,
    IssuerIn,
    IssuerOut,
    IssuerPatch,
    SeriesIn,
    SeriesOut,
    TemplateOut,
    WithdrawIn,
)
from documents.selectors import SeriesRow
from hdnd.params import PageNumberPagination
from registry.access import council_for_api
from registry.models import Body, Council, Person

router = Router(tags=["Văn bản"])
TEMPLATE_TYPES = ["", *[t for t in SHIPPED if t]] + [t for t in DocType.values if t not in SHIPPED]


def _bodies(council: Council, ids: list[int]) -> list[Body]:
    bodies = list(Body.objects.filter(council=council, pk__in=ids))
    if len(bodies) != len(set(ids)):
        raise ValidationError({"recipient_body_ids": "Có nơi nhận không thuộc Hội đồng."})
    return bodies


def _issuer(council: Council, pk: int | None) -> Issuer | None:
    if pk is None:
        return None
    issuer = Issuer.objects.filter(council=council, pk=pk).first()
    if issuer is None:
        raise ValidationError({"issuer_id": "Cơ quan ban hành không thuộc Hội đồng."})
    return issuer


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


@router.get("/councils/{council_id}/documents", response=list[DocumentOut], url_name="document_list")
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


@router.post("/councils/{council_id}/documents", response={201: DocumentOut}, url_name="document_create")
def document_create(request: HttpRequest, council_id: int, payload: DocumentIn) -> tuple[int, Document]:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    data["recipient_bodies"] = _bodies(council, data.pop("recipient_body_ids"))
    data["issuer"] = _issuer(council, data.pop("issuer_id"))
    document = services.document_create(council=council, user=request.user, **data)
    return 201, selectors.document_get(user=request.user, council=council, pk=document.pk)


@router.post("/councils/{council_id}/documents/incoming", response={201: DocumentOut}, url_name="incoming_create")
def incoming_create(request: HttpRequest, council_id: int, payload: IncomingIn) -> tuple[int, Document]:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    sender_id, person_id = data.pop("sender_body_id"), data.pop("handler_person_id")
    data["sender_body"] = get_object_or_404(Body, council=council, pk=sender_id) if sender_id else None
    data["handler_person"] = get_object_or_404(Person, council=council, pk=person_id) if person_id else None
    document = services.incoming_create(council=council, user=request.user, **data)
    return 201, selectors.document_get(user=request.user, council=council, pk=document.pk)


@router.get("/councils/{council_id}/documents/{document_id}", response=DocumentOut, url_name="document_detail")
def document_detail(request: HttpRequest, council_id: int, document_id: int) -> Document:
    return _document(request, council_id, document_id, VIEW)


@router.patch("/councils/{council_id}/documents/{document_id}", response=DocumentOut, url_name="document_update")
def document_update(request: HttpRequest, council_id: int, document_id: int, payload: DocumentPatch) -> Document:
    document = _document(request, council_id, document_id, EDIT)
    council = document.council
    data = payload.dict(exclude_unset=True)
    bodies = _bodies(council, data.pop("recipient_body_ids")) if data.get("recipient_body_ids") is not None else None
    data.pop("recipient_body_ids", None)
    if "issuer_id" in data:
        data["issuer"] = _issuer(council, data.pop("issuer_id"))
    services.document_update(document=document, recipient_bodies=bodies, **data)
    return selectors.document_get(user=request.user, council=council, pk=document.pk)


@router.post("/councils/{council_id}/documents/{document_id}/issue", response=DocumentOut, url_name="document_issue")
def document_issue(request: HttpRequest, council_id: int, document_id: int, payload: IssueIn) -> Document:
    document = _document(request, council_id, document_id, ISSUE)
    services.document_issue(document=document, user=request.user, issued_on=payload.issued_on)
    return selectors.document_get(user=request.user, council=document.council, pk=document.pk)


@router.post(
    "/councils/{council_id}/documents/{document_id}/publish", response=DocumentOut, url_name="document_publish"
)
def document_publish(request: HttpRequest, council_id: int, document_id: int) -> Document:
    document = _document(request, council_id, document_id, ISSUE)
    services.document_publish(document=document, user=request.user)
    return selectors.document_get(user=request.user, council=document.council, pk=document.pk)


@router.post(
    "/councils/{council_id}/documents/{document_id}/withdraw", response=DocumentOut, url_name="document_withdraw"
)
def document_withdraw(request: HttpRequest, council_id: int, document_id: int, payload: WithdrawIn) -> Document:
    document = _document(request, council_id, document_id, ISSUE)
    services.document_withdraw(document=document, user=request.user, reason=payload.reason)
    return selectors.document_get(user=request.user, council=document.council, pk=document.pk)


@router.get("/councils/{council_id}/documents/{document_id}/docx", url_name="document_docx")
def document_docx(request: HttpRequest, council_id: int, document_id: int) -> HttpResponse:
    """The document as DOCX."""
    document = _document(request, council_id, document_id, VIEW)
    if not document.is_outgoing:
        raise Http404
    name = (document.number_symbol or f"du-thao-{document.pk}").replace("/", "-")
    return _file(services.document_render_docx(document), f"{name}.docx", DOCX_MIME)


@router.get("/councils/{council_id}/documents/{document_id}/pdf", url_name="document_pdf")
def document_pdf(request: HttpRequest, council_id: int, document_id: int) -> HttpResponse:
    """The document as PDF; 404 where the server has no LibreOffice."""
    document = _document(request, council_id, document_id, VIEW)
    pdf = services.document_render_pdf(document) if document.is_outgoing else None
    if pdf is None:
        raise Http404
    name = (document.number_symbol or f"du-thao-{document.pk}").replace("/", "-")
    return _file(pdf, f"{name}.pdf", "application/pdf")


@router.get("/councils/{council_id}/document-templates", response=list[TemplateOut], url_name="template_list")
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


@router.get("/councils/{council_id}/document-templates/{doc_type}", url_name="template_download")
def template_download(request: HttpRequest, council_id: int, doc_type: str) -> HttpResponse:
    """The template a type uses now (the council's own or the shipped one), as DOCX."""
    council = council_for_api(request.user, council_id, VIEW)
    content = services.template_for(council=council, doc_type=_template_type(doc_type))
    return _file(content, f"mau-{doc_type}.docx", DOCX_MIME)


@router.post("/councils/{council_id}/document-templates/{doc_type}", response=TemplateOut, url_name="template_upload")
def template_upload(request: HttpRequest, council_id: int, doc_type: str, file: File[UploadedFile]) -> dict:
    """Replace a type's template; refused (400, with the reason) when it does not render in the ND30 format."""
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


# Issuers and numbering series ------------------------------------------------------------------


def _body(council: Council, pk: int | None) -> Body | None:
    if pk is None:
        return None
    body = Body.objects.filter(council=council, pk=pk).first()
    if body is None:
        raise ValidationError({"body_id": "Cơ quan không thuộc Hội đồng."})
    return body


def _issuer_out(council: Council, pk: int) -> Issuer:
    return selectors.issuer_list(council=council).get(pk=pk)


@router.get("/councils/{council_id}/document-issuers", response=list[IssuerOut], url_name="issuer_list")
def issuer_list(request: HttpRequest, council_id: int) -> QuerySet[Issuer]:
    """The council's issuers, the default first (made on first use), with how many numbers each took."""
    council = council_for_api(request.user, council_id, VIEW_ALL)
    services.issuer_default(council=council)
    return selectors.issuer_list(council=council)


@router.post("/councils/{council_id}/document-issuers", response={201: IssuerOut}, url_name="issuer_create")
def issuer_create(request: HttpRequest, council_id: int, payload: IssuerIn) -> Status:
    council = council_for_api(request.user, council_id, SETTINGS)
    data = payload.dict()
    data["body"] = _body(council, data.pop("body_id"))
    issuer = services.issuer_create(council=council, **data)
    return Status(201, _issuer_out(council, issuer.pk))


@router.get("/councils/{council_id}/document-issuers/{issuer_id}", response=IssuerOut, url_name="issuer_detail")
def issuer_detail(request: HttpRequest, council_id: int, issuer_id: int) -> Issuer:
    council = council_for_api(request.user, council_id, VIEW_ALL)
    selectors.issuer_get(council=council, pk=issuer_id)
    return _issuer_out(council, issuer_id)


@router.patch("/councils/{council_id}/document-issuers/{issuer_id}", response=IssuerOut, url_name="issuer_update")
def issuer_update(request: HttpRequest, council_id: int, issuer_id: int, payload: IssuerPatch) -> Issuer:
    """Change an issuer; issued documents keep their numbers, the year's numbering goes on."""
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


@router.get("/councils/{council_id}/document-series", response=list[SeriesOut], url_name="series_list")
def series_list(request: HttpRequest, council_id: int) -> list[SeriesRow]:
    """The series and pattern each type uses now (default or the council's), with an example number."""
    council = council_for_api(request.user, council_id, VIEW_ALL)
    return _series_rows(council)


@router.get("/councils/{council_id}/document-series/{doc_type}/{kind}", response=SeriesOut, url_name="series_detail")
def series_detail(request: HttpRequest, council_id: int, doc_type: str, kind: str) -> SeriesRow:
    """`kind` is "thuong", or "qppl" for the normative resolutions and decisions."""
    council = council_for_api(request.user, council_id, VIEW_ALL)
    return _series_row(council, *_series_key(doc_type, kind))


@router.put("/councils/{council_id}/document-series/{doc_type}/{kind}", response=SeriesOut, url_name="series_set")
def series_set(request: HttpRequest, council_id: int, doc_type: str, kind: str, payload: SeriesIn) -> SeriesRow:
    """Set the council's series and pattern; 400 with the reason when the pattern does not format or numbers
    would become ambiguous. Applies to numbers taken afterwards."""
    council = council_for_api(request.user, council_id, SETTINGS)
    doc_type, normative = _series_key(doc_type, kind)
    services.series_set(council=council, doc_type=doc_type, normative=normative, **payload.dict())
    return _series_row(council, doc_type, normative)


@router.delete("/councils/{council_id}/document-series/{doc_type}/{kind}", response=SeriesOut, url_name="series_reset")
def series_reset(request: HttpRequest, council_id: int, doc_type: str, kind: str) -> SeriesRow:
    """Back to the default series and pattern of the type (refused when it would repeat numbers)."""
    council = council_for_api(request.user, council_id, SETTINGS)
    doc_type, normative = _series_key(doc_type, kind)
    services.series_reset(council=council, doc_type=doc_type, normative=normative)
    return _series_row(council, doc_type, normative)
