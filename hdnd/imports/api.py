"""The import routes of the JSON API, the same for every target: upload → preview with every error →
mapping changed if need be → confirm (once per preview key)."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import File, Router, Schema, Status, UploadedFile

from hdnd.imports import flow
from hdnd.imports.core import Preview, Target, get_target
from hdnd.imports.views import SHOWN_ROWS
from hdnd.models import ImportUpload
from hdnd.once import new_key
from registry.access import council_for_api
from registry.schemas import InputSchema
from registry.selectors import in_council

router = Router(tags=["Nhập tệp"])


class ImportFieldOut(Schema):
    key: str
    label: str
    required: bool


class ImportColumnOut(Schema):
    index: int
    letter: str
    header: str
    field: str


class ImportErrorOut(Schema):
    sheet: str
    row: int
    column: str
    header: str
    message: str
    text: str


class ImportRowOut(Schema):
    row: int
    cells: list[str]
    matched: dict[str, str]
    already: bool
    near: str


class ImportPreviewOut(Schema):
    upload_id: int
    target: str
    sheet: str
    header_rows: list[int]
    fields: list[ImportFieldOut]
    columns: list[ImportColumnOut]
    ok: bool
    message: str
    errors: list[ImportErrorOut]
    blank_rows: list[int]
    new: int
    already: int
    rows: list[ImportRowOut]
    key: str


class ImportMappingIn(InputSchema):
    columns: dict[int, str]  # column index (0 = A) -> field key, "" for a column not used


class ImportConfirmIn(InputSchema):
    key: str
    include_existing: bool = False


class ImportDoneOut(Schema):
    imported: int


def _out(upload: ImportUpload, target: Target, result: Preview) -> dict[str, Any]:
    fresh = sum(1 for r in result.rows if not r.already)
    return {
        "upload_id": upload.pk,
        "target": target.key,
        "sheet": result.sheet,
        "header_rows": [n + 1 for n in result.header_rows],
        "fields": [{"key": f.key, "label": f.label, "required": f.required} for f in target.fields],
        "columns": [vars(c) for c in result.columns],
        "ok": result.ok,
        "message": result.message,
        "errors": [{**vars(e), "text": str(e)} for e in result.errors],
        "blank_rows": result.blank_rows,
        "new": fresh,
        "already": len(result.rows) - fresh,
        "rows": [
            {
                "row": r.number,
                "cells": target.show(r.item) if target.show else [],
                "matched": {label: name for label, _typed, name in r.matches},
                "already": r.already,
                "near": r.near,
            }
            for r in result.rows[:SHOWN_ROWS]
        ],
        "key": new_key() if result.ok else "",
    }


def _target(request: HttpRequest, council_id: int, key: str) -> tuple[Target, Any]:
    try:
        target = get_target(key)
    except KeyError as exc:
        raise Http404 from exc
    return target, council_for_api(request.user, council_id, target.permission)


def _upload(request: HttpRequest, council_id: int, upload_id: int) -> tuple[ImportUpload, Target, Any]:
    upload = in_council(ImportUpload, upload_id, label="tệp nhập", council_id=council_id)
    target, council = _target(request, council_id, upload.target)
    return upload, target, target.owner(council, upload.owner_id)


@router.post(
    "/councils/{council_id}/imports/{target}/{owner_id}",
    response={201: ImportPreviewOut},
    url_name="import_upload",
    summary="Tải lên tệp cần nhập",
)
def import_upload(
    request: HttpRequest, council_id: int, target: str, owner_id: int, file: File[UploadedFile]
) -> Status:
    """Tải lên một bảng tính (.xlsx, .xls, .ods, .csv) để nhập vào một đợt, nhiệm kỳ hoặc Hội đồng; trả về bản
    xem trước: các cột nhận ra, mọi lỗi, các dòng. Chưa lưu gì."""
    target_obj, council = _target(request, council_id, target)
    owner = target_obj.owner(council, owner_id)
    upload = flow.upload_store(
        target=target_obj, council=council, owner=owner, name=file.name, content=file.read(), user=request.user
    )
    return Status(201, _out(upload, target_obj, flow.upload_preview(upload=upload, target=target_obj, owner=owner)))


@router.get(
    "/councils/{council_id}/import-uploads/{upload_id}",
    response=ImportPreviewOut,
    url_name="import_preview",
    summary="Xem trước tệp nhập",
)
def import_preview(request: HttpRequest, council_id: int, upload_id: int) -> dict[str, Any]:
    upload, target, owner = _upload(request, council_id, upload_id)
    return _out(upload, target, flow.upload_preview(upload=upload, target=target, owner=owner))


@router.put(
    "/councils/{council_id}/import-uploads/{upload_id}/mapping",
    response=ImportPreviewOut,
    url_name="import_mapping",
    summary="Chọn cột tương ứng với từng trường",
)
def import_mapping(request: HttpRequest, council_id: int, upload_id: int, payload: ImportMappingIn) -> dict[str, Any]:
    """Cho biết cột nào là trường nào; Hội đồng được nhớ cách chọn này cho tệp cùng loại lần sau."""
    upload, target, owner = _upload(request, council_id, upload_id)
    result = flow.upload_preview(upload=upload, target=target, owner=owner)
    headers = {c.index: c.header for c in result.columns}
    flow.mapping_set(upload=upload, target=target, choices=payload.columns, headers=headers)
    return _out(upload, target, flow.upload_preview(upload=upload, target=target, owner=owner))


@router.post(
    "/councils/{council_id}/import-uploads/{upload_id}/confirm",
    response={201: ImportDoneOut},
    url_name="import_confirm",
    summary="Xác nhận nhập dữ liệu",
)
def import_confirm(request: HttpRequest, council_id: int, upload_id: int, payload: ImportConfirmIn) -> Status:
    """Lưu các dòng (tệp được đọc lại; từ chối khi còn lỗi; mỗi mã xem trước chỉ lưu một lần)."""
    upload, target, owner = _upload(request, council_id, upload_id)
    saved = flow.upload_confirm(
        upload=upload,
        target=target,
        owner=owner,
        key=payload.key,
        user=request.user,
        include_existing=payload.include_existing,
    )
    return Status(201, {"imported": len(saved)})


@router.post(
    "/councils/{council_id}/import-uploads/{upload_id}/cancel",
    response=ImportPreviewOut,
    url_name="import_cancel",
    summary="Hủy lần nhập",
)
def import_cancel(request: HttpRequest, council_id: int, upload_id: int) -> dict[str, Any]:
    """Bỏ lần nhập này: tệp đã tải lên bị xóa, bản ghi lần tải lên vẫn giữ; không lưu dòng nào."""
    upload, target, owner = _upload(request, council_id, upload_id)
    flow.upload_cancel(upload=upload)
    return _out(upload, target, flow.upload_preview(upload=upload, target=target, owner=owner))
