"""The council's DOCX templates: list, download, upload, reset."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from documents import selectors, services
from documents.access import TEMPLATES, VIEW
from documents.docx_build import SHIPPED
from documents.forms import (
    TemplateUploadForm,
)
from documents.models import DocType
from documents.rendering import DOCX_MIME, PLACEHOLDER_HELP, type_label
from documents.views._common import _bound, _download
from hdnd import dates
from hdnd.views import NOT_DONE, refuse_closed, run_form
from registry.access import has_perm, require

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
            # A ceased council's templates stay as they were (`registry.services.council_accepts`).
            "can_upload": has_perm(request.user, council, TEMPLATES) and council.open_on(dates.today()),
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
    if refused := refuse_closed(request, council, "documents:template_list"):
        return refused
    form = TemplateUploadForm(*_bound(request))
    done = run_form(
        request,
        form,
        lambda d: services.template_upload(
            council=council, doc_type=value, content=d["file"].read(), filename=d["file"].name, user=request.user
        ),
        f"Đã cập nhật mẫu: {type_label(value)}.",
    )
    if done is not NOT_DONE:
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
    if refused := refuse_closed(request, council, "documents:template_list"):
        return refused
    services.template_reset(council=council, doc_type=value)
    messages.success(request, f"Đã trở lại mẫu mặc định: {type_label(value)}.")
    return redirect("documents:template_list")
