"""The import screens, the same for every target: upload → columns mapped → preview with every error → save.

The preview is a fragment the page loads with htmx, so the page itself answers at once whatever the size
of the file; while the file is read, the page polls the share of rows checked (written by the reading
itself, `flow.upload_preview`) and shows it as a percentage.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hdnd.excel import XLSX
from hdnd.imports import flow
from hdnd.imports.core import Preview, Target, get_target
from hdnd.models import ImportUpload
from hdnd.once import new_key
from registry.access import require

SHOWN_ROWS = 200


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp bảng tính (.xlsx, .xls, .ods, .csv)",
        error_messages={"required": "Vui lòng chọn tệp bảng tính."},
    )


def _target(request: HttpRequest, key: str, pk: int) -> tuple[Target, Any, Any]:
    try:
        target = get_target(key)
    except KeyError as exc:
        raise Http404 from exc
    council = require(request, target.permission)
    return target, council, target.owner(council, pk)


def _upload(request: HttpRequest, pk: int) -> tuple[ImportUpload, Target, Any]:
    """The upload, its target and owner, for a user of its council who may import into it (404 otherwise)."""
    council = getattr(request, "council", None)
    upload = flow.upload_get(council=council, pk=pk) if council is not None else None
    if upload is None:
        raise Http404
    target, council, owner = _target(request, upload.target, upload.owner_id)
    return upload, target, owner


@login_required
def start(request: HttpRequest, target: str, pk: int) -> HttpResponse:
    """The upload form; the file is stored and the office goes to its preview."""
    target_obj, council, owner = _target(request, target, pk)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            file = form.cleaned_data["file"]
            try:
                upload = flow.upload_store(
                    target=target_obj,
                    council=council,
                    owner=owner,
                    name=file.name,
                    content=file.read(),
                    user=request.user,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                return redirect("imports:upload", pk=upload.pk)
    context = {"target": target_obj, "owner": owner, "label": target_obj.owner_label(owner), "form": form}
    return render(request, "imports/start.html", context)


@login_required
def sheet(request: HttpRequest, target: str, pk: int, what: str) -> HttpResponse:
    """The empty template or the export of what is already there: the same layout the import reads."""
    target_obj, _council, owner = _target(request, target, pk)
    make = {"mau": target_obj.template, "xuat": target_obj.export}.get(what)
    if make is None:
        raise Http404
    response = HttpResponse(make(owner), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{what}-{target_obj.key}.xlsx"'
    return response


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The page of an upload; GET shows it (the preview loads into it), POST changes the column mapping."""
    upload_obj, target, owner = _upload(request, pk)
    if request.method == "POST":
        result = flow.upload_preview(upload=upload_obj, target=target, owner=owner)
        headers = {c.index: c.header for c in result.columns}
        choices = {index: request.POST.get(f"col_{index}", "") for index in headers}
        try:
            flow.mapping_set(upload=upload_obj, target=target, choices=choices, headers=headers)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("imports:upload", pk=pk)
    context = {
        "upload": upload_obj,
        "target": target,
        "owner": owner,
        "label": target.owner_label(owner),
        "finished": flow.upload_finished_message(upload_obj, target),
    }
    return render(request, "imports/upload.html", context)


def preview_context(result: Preview, target: Target) -> dict[str, Any]:
    """What the preview shows, for the screen and the API alike."""
    fresh = [r for r in result.rows if not r.already]
    return {
        "result": result,
        "fields": target.fields,
        "new": len(fresh),
        "already": len(result.rows) - len(fresh),
        "near": sum(1 for r in result.rows if r.near),
        "header_rows": [n + 1 for n in result.header_rows],
        "shown": [(r, target.show(r.item) if target.show else []) for r in result.rows[:SHOWN_ROWS]],
        "more": max(len(result.rows) - SHOWN_ROWS, 0),
        "key": new_key() if result.ok else "",
    }


@login_required
def upload_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The fragment: columns beside the fields, every error of the file, the rows as they will be saved."""
    upload_obj, target, owner = _upload(request, pk)
    result = flow.upload_preview(upload=upload_obj, target=target, owner=owner)
    context = {"upload": upload_obj, "target": target, **preview_context(result, target)}
    return render(request, "imports/_preview.html", context)


@login_required
def upload_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar of the file's reading, which the page polls (htmx) while its preview is computed."""
    upload_obj, _target_obj, _owner = _upload(request, pk)
    context = {"upload": upload_obj, "percent": flow.upload_progress(upload_obj)}
    return render(request, "imports/_progress.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the rows of the stored file, read again; once per rendered preview."""
    upload_obj, target, owner = _upload(request, pk)
    try:
        saved = flow.upload_confirm(
            upload=upload_obj,
            target=target,
            owner=owner,
            key=request.POST.get("key", ""),
            user=request.user,
            include_existing=request.POST.get("include_existing") == "1",
        )
    except ValidationError as exc:
        messages.error(request, "Không lưu được: " + " ".join(exc.messages))
        return redirect("imports:upload", pk=pk)
    messages.success(request, f"Đã nhập {len(saved)} {target.noun}.")
    return redirect(target.done_url(owner)) if target.done_url else redirect("imports:upload", pk=pk)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Give up the import: the stored file is deleted, the record of the upload stays."""
    upload_obj, _target_obj, _owner = _upload(request, pk)
    flow.upload_cancel(upload=upload_obj)
    messages.success(request, "Đã hủy lần nhập này và xóa tệp đã tải lên.")
    return redirect("imports:upload", pk=pk)
