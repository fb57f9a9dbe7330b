from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from documents import numbering, selectors, services
from documents.access import EDIT, ISSUE, SETTINGS, TEMPLATES, VIEW, VIEW_ALL
from documents.docx_build import SHIPPED
from documents.forms import (
    AttachmentForm,
    DocumentForm,
    IncomingForm,
    IssuerForm,
    RegisterFilterForm,
    SeriesForm,
    TemplateUploadForm,
    WithdrawForm,
)
from documents.models import NORMATIVE_TYPES, Direction, DocType, Document, NumberingSeries, State
from documents.rendering import DOCX_MIME, PLACEHOLDER_HELP, pdf_available, preview, type_label
from documents.sources import source_info
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, add_service_errors, run_form
from registry.access import has_perm, require

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


# The register ----------------------------------------------------------------------------------


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    direction = Direction.INCOMING if request.GET.get("so") == Direction.INCOMING else Direction.OUTGOING
    form = RegisterFilterForm(request.GET or None, council=council)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.document_list(
        user=request.user,
        council=council,
        direction=direction,
        search=filters.get("q", ""),
        doc_type=filters.get("loai", ""),
        state=filters.get("trang_thai", ""),
        body=filters["co_quan"].pk if filters.get("co_quan") else None,
        date_from=filters.get("tu_ngay"),
        date_to=filters.get("den_ngay"),
    )
    return render(
        request,
        "documents/document_list.html",
        {
            "page": _page(request, qs),
            "form": form,
            "direction": direction,
            "can_edit": has_perm(request.user, council, EDIT),
            "can_templates": has_perm(request.user, council, TEMPLATES),
            "can_settings": has_perm(request.user, council, VIEW_ALL),
        },
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    can_edit = has_perm(request.user, council, EDIT)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "recipients": services.recipient_list(document) if document.is_outgoing else [],
            "missing": services.issue_missing(document).values() if document.state == State.DRAFT else [],
            "history": history_rows(document),
            "can_edit": can_edit and not document.is_frozen,
            "can_attach": can_edit,
            "can_issue": has_perm(request.user, council, ISSUE),
            "attachment_form": AttachmentForm(),
            "pdf": pdf_available(),
            "source": source_info(document),
        },
    )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    initial = {"doc_type": request.GET.get("loai") or DocType.THONG_BAO, "place": council.document_place}
    form = DocumentForm(*_bound(request), initial=initial, council=council)
    document = run_form(
        request,
        form,
        lambda d: services.document_create(council=council, user=request.user, **d),
        "Đã lưu dự thảo văn bản.",
    )
    if document is not NOT_DONE:
        return redirect("documents:document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "title": "Soạn văn bản đi"})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if document.is_frozen:
        messages.error(request, "Văn bản đã ban hành, không thể sửa.")
        return redirect("documents:document_detail", pk=pk)
    form_class = DocumentForm if document.is_outgoing else IncomingForm
    form = form_class(*_bound(request), instance=document, council=council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.document_update(document=document, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lưu văn bản.")
            return redirect("documents:document_detail", pk=pk)
    return render(request, "documents/document_form.html", {"form": form, "title": f"Sửa: {document}"})


@login_required
def incoming_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = IncomingForm(*_bound(request), council=council)
    document = run_form(
        request,
        form,
        lambda d: services.incoming_create(council=council, user=request.user, **d),
        "Đã vào sổ văn bản đến.",
    )
    if document is not NOT_DONE:
        return redirect("documents:document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "title": "Vào sổ văn bản đến"})


# Actions ---------------------------------------------------------------------------------------


def _action(request: HttpRequest, pk: int, action: object, done: str) -> HttpResponse:
    council = require(request, ISSUE)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    try:
        document = action(document=document, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done.format(document=document))
    return redirect("documents:document_detail", pk=pk)


@login_required
@require_POST
def document_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.document_issue, "Đã ban hành văn bản số {document.number_symbol}.")


@login_required
@require_POST
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.document_publish, "Đã công khai văn bản.")


@login_required
def document_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, ISSUE)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    form = WithdrawForm(*_bound(request))
    done = run_form(
        request,
        form,
        lambda d: services.document_withdraw(document=document, user=request.user, **d),
        "Đã thu hồi văn bản; số văn bản được giữ nguyên.",
    )
    if done is not NOT_DONE:
        return redirect("documents:document_detail", pk=pk)
    return render(request, "documents/document_form.html", {"form": form, "title": f"Thu hồi: {document}"})


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(document=document, file=form.cleaned_data["file"], user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã đính kèm tệp.")
    else:
        messages.error(request, "Tệp đính kèm: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("documents:document_detail", pk=pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    council = require(request, VIEW)
    attachment = selectors.attachment_get(user=request.user, council=council, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# Output ----------------------------------------------------------------------------------------


def _docx_response(document: Document) -> HttpResponse:
    return _download(services.document_render_docx(document), _filename(document, "docx"), DOCX_MIME)


def _pdf_response(document: Document) -> HttpResponse:
    pdf = services.document_render_pdf(document)
    if pdf is None:
        raise Http404("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF.")
    return _download(pdf, _filename(document, "pdf"), "application/pdf")


@login_required
def document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if not document.is_outgoing:
        raise Http404
    try:
        return _docx_response(document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:document_detail", pk=pk)


@login_required
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if not document.is_outgoing:
        raise Http404
    return _pdf_response(document)


@login_required
def document_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The document on screen as its DOCX lays it out (header block, footnotes, recipients), before issuing."""
    council = require(request, VIEW)
    document = selectors.document_get(user=request.user, council=council, pk=pk)
    if not document.is_outgoing:
        raise Http404
    draft = document.state == State.DRAFT
    return render(
        request,
        "documents/document_preview.html",
        {
            "title": str(document),
            "preview": preview(services.docx_data(document)),
            "draft": draft,
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


# Templates -------------------------------------------------------------------------------------

TEMPLATE_TYPES = ["", *[t for t in SHIPPED if t]] + [t for t in DocType.values if t not in SHIPPED]


def _template_type(doc_type: str) -> str:
    value = "" if doc_type == "chung" else doc_type
    if value and value not in DocType.values:
        raise Http404
    return value


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    own = selectors.council_templates(council=council)
    rows = [
        {
            "slug": doc_type or "chung",
            "label": type_label(doc_type),
            "own": own.get(doc_type),
            "shipped": SHIPPED.get(doc_type),
        }
        for doc_type in TEMPLATE_TYPES
    ]
    return render(
        request,
        "documents/template_list.html",
        {
            "rows": rows,
            "placeholders": PLACEHOLDER_HELP,
            "can_upload": has_perm(request.user, council, TEMPLATES),
            "form": TemplateUploadForm(),
        },
    )


@login_required
def template_download(request: HttpRequest, doc_type: str) -> HttpResponse:
    council = require(request, VIEW)
    value = _template_type(doc_type)
    content = services.template_for(council=council, doc_type=value)
    return _download(content, f"mau-{doc_type}.docx", DOCX_MIME)


@login_required
def template_upload(request: HttpRequest, doc_type: str) -> HttpResponse:
    council = require(request, TEMPLATES)
    value = _template_type(doc_type)
    form = TemplateUploadForm(*_bound(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.template_upload(
                council=council, doc_type=value, content=upload.read(), filename=upload.name, user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã cập nhật mẫu: {type_label(value)}.")
            return redirect("documents:template_list")
    return render(
        request,
        "documents/document_form.html",
        {"form": form, "title": f"Tải lên mẫu: {type_label(value)}", "submit": "Tải lên"},
    )


@login_required
@require_POST
def template_reset(request: HttpRequest, doc_type: str) -> HttpResponse:
    council = require(request, TEMPLATES)
    value = _template_type(doc_type)
    services.template_reset(council=council, doc_type=value)
    messages.success(request, f"Đã trở lại mẫu mặc định: {type_label(value)}.")
    return redirect("documents:template_list")


# Issuers and numbering series -----------------------------------------------------------------

SYMBOL_NOTE = (
    "Đổi tên hay chữ viết tắt chỉ áp dụng cho văn bản cấp số sau khi lưu: văn bản đã ban hành giữ nguyên "
    "số, ký hiệu đã cấp, và dãy số trong năm vẫn tiếp tục (không cấp lại từ 01)."
)


@login_required
def issuer_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW_ALL)
    # The default issuer exists from the first document on; show it before that too.
    services.issuer_default(council=council)
    return render(
        request,
        "documents/issuer_list.html",
        {
            "issuers": selectors.issuer_list(council=council),
            "can_edit": has_perm(request.user, council, SETTINGS),
            "note": SYMBOL_NOTE,
        },
    )


@login_required
def issuer_create(request: HttpRequest) -> HttpResponse:
    council = require(request, SETTINGS)
    form = IssuerForm(*_bound(request), council=council)
    issuer = run_form(
        request, form, lambda d: services.issuer_create(council=council, **d), "Đã thêm cơ quan ban hành."
    )
    if issuer is not NOT_DONE:
        return redirect("documents:issuer_list")
    return render(
        request,
        "documents/settings_form.html",
        {"form": form, "title": "Thêm cơ quan ban hành", "note": SYMBOL_NOTE, "back": "documents:issuer_list"},
    )


@login_required
def issuer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, SETTINGS)
    issuer = selectors.issuer_get(council=council, pk=pk)
    initial = {f: getattr(issuer, f) for f in ["name", "parent_name", "symbol", "letter_symbol", "body"]}
    form = IssuerForm(*_bound(request), initial=initial, council=council)
    done = run_form(request, form, lambda d: services.issuer_update(issuer=issuer, **d), "Đã lưu cơ quan ban hành.")
    if done is not NOT_DONE:
        return redirect("documents:issuer_list")
    return render(
        request,
        "documents/settings_form.html",
        {
            "form": form,
            "title": f"Sửa: {issuer}",
            "note": SYMBOL_NOTE,
            "history": history_rows(issuer),
            "back": "documents:issuer_list",
        },
    )


SERIES_NOTE = (
    "Thay đổi chỉ áp dụng cho số cấp sau khi lưu: văn bản đã ban hành giữ nguyên số, ký hiệu đã cấp. "
    "Đổi mẫu số trên cùng sổ thì dãy số tiếp tục; chuyển loại văn bản sang sổ khác khi trong năm đã cấp số "
    "bị từ chối vì sổ mới cấp lại từ 01 và trùng số đã cấp — hãy đổi sổ từ ngày 01/01 năm sau."
)


def _series_key(doc_type: str, kind: str) -> tuple[str, bool]:
    if doc_type not in DocType.values or kind not in {"thuong", "qppl"}:
        raise Http404
    normative = kind == "qppl"
    if normative and doc_type not in NORMATIVE_TYPES:
        raise Http404
    return doc_type, normative


@login_required
def series_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW_ALL)
    year = timezone.localdate().year
    issuer = services.issuer_default(council=council)
    return render(
        request,
        "documents/series_list.html",
        {
            "rows": selectors.series_rows(council=council, year=year, issuer=issuer),
            "year": year,
            "can_edit": has_perm(request.user, council, SETTINGS),
            "note": SERIES_NOTE,
        },
    )


@login_required
def series_edit(request: HttpRequest, doc_type: str, kind: str) -> HttpResponse:
    council = require(request, SETTINGS)
    doc_type, normative = _series_key(doc_type, kind)
    rule = numbering.series_rule(council, doc_type, normative)
    default = numbering.default_rule(doc_type, normative)
    issuer = services.issuer_default(council=council)
    form = SeriesForm(*_bound(request), initial={"series": rule.series, "pattern": rule.pattern})
    done = run_form(
        request,
        form,
        lambda d: services.series_set(council=council, doc_type=doc_type, normative=normative, **d),
        "Đã lưu sổ đăng ký; số cấp từ nay theo mẫu mới.",
    )
    if done is not NOT_DONE:
        return redirect("documents:series_list")
    # The live example: as the pattern is typed, htmx asks this page again with ?pattern=... and
    # swaps in the example only.
    form.fields["pattern"].widget.attrs.update(
        {
            "hx-get": request.path,
            "hx-trigger": "input changed delay:300ms",
            "hx-target": "#example",
            "hx-select": "#example",
            "hx-swap": "outerHTML",
        }
    )
    pattern = request.GET.get("pattern") or (form.data.get("pattern") if form.is_bound else rule.pattern) or ""
    label = DocType(doc_type).label + (" (quy phạm pháp luật)" if normative else "")
    row = NumberingSeries.objects.filter(council=council, doc_type=doc_type, normative=normative).first()
    return render(
        request,
        "documents/series_form.html",
        {
            "form": form,
            "title": f"Sổ đăng ký: {label}",
            "note": SERIES_NOTE,
            "default": default,
            "custom": row is not None,
            "example": numbering.example(pattern=pattern, doc_type=doc_type, issuer=issuer),
            "example_error": numbering.validate_pattern(pattern),
            "history": history_rows(row) if row is not None else [],
            "doc_type": doc_type,
            "kind": kind,
        },
    )


@login_required
@require_POST
def series_reset(request: HttpRequest, doc_type: str, kind: str) -> HttpResponse:
    council = require(request, SETTINGS)
    doc_type, normative = _series_key(doc_type, kind)
    try:
        services.series_reset(council=council, doc_type=doc_type, normative=normative)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("documents:series_edit", doc_type=doc_type, kind=kind)
    messages.success(request, "Đã trở lại sổ và mẫu số mặc định.")
    return redirect("documents:series_list")


# Public ----------------------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    council = request.GET.get("hoi_dong", "")
    search = request.GET.get("q", "")
    qs = selectors.public_list(council=int(council) if council.isdigit() else None, search=search)
    return render(request, "documents/public_list.html", {"page": _page(request, qs), "q": search})


def public_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _docx_response(selectors.public_get(pk=pk))


def public_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf_response(selectors.public_get(pk=pk))
