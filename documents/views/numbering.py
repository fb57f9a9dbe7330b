"""Issuers and numbering series."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from documents import numbering, selectors, services
from documents.access import SETTINGS, VIEW_ALL
from documents.forms import (
    IssuerForm,
    SeriesForm,
)
from documents.models import NORMATIVE_TYPES, DocType
from documents.views._common import _bound
from hdnd import dates
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from registry.access import has_perm, require

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
            "can_edit": has_perm(request.user, council, SETTINGS) and council.open_on(dates.today()),
            "note": SYMBOL_NOTE,
        },
    )


@login_required
def issuer_create(request: HttpRequest) -> HttpResponse:
    council = require(request, SETTINGS)
    if refused := refuse_closed(request, council, "documents:issuer_list"):
        return refused
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
    if refused := refuse_closed(request, council, "documents:issuer_list"):
        return refused
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
    year = dates.today().year
    issuer = services.issuer_default(council=council)
    return render(
        request,
        "documents/series_list.html",
        {
            "rows": selectors.series_rows(council=council, year=year, issuer=issuer),
            "year": year,
            "can_edit": has_perm(request.user, council, SETTINGS) and council.open_on(dates.today()),
            "note": SERIES_NOTE,
        },
    )


@login_required
def series_edit(request: HttpRequest, doc_type: str, kind: str) -> HttpResponse:
    council = require(request, SETTINGS)
    if refused := refuse_closed(request, council, "documents:series_list"):
        return refused
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
    row = selectors.series_get(council=council, doc_type=doc_type, normative=normative)
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
    if refused := refuse_closed(request, council, "documents:series_list"):
        return refused
    doc_type, normative = _series_key(doc_type, kind)
    done = run_action(
        request,
        lambda: services.series_reset(council=council, doc_type=doc_type, normative=normative),
        "Đã trở lại sổ và mẫu số mặc định.",
    )
    if done is NOT_DONE:
        return redirect("documents:series_edit", doc_type=doc_type, kind=kind)
    return redirect("documents:series_list")
