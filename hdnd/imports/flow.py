"""The import flow every target shares: store the upload, offer the remembered mapping, preview, confirm once.

The file is kept as an `ImportUpload` under MEDIA_ROOT (never in the session) and read again on confirm;
the confirm saves only when the file, read again with the same mapping, has no error, and a key made per
rendered preview (hdnd.once) makes a double "Lưu" save once. A sheet holds citizens' names and addresses:
its file is deleted as soon as the import is finished (saved or cancelled), and one nobody finished is
deleted after IMPORT_KEEP_DAYS by the daily job (`uploads_expire`); the record stays, with what it imported.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from hdnd.imports.core import Preview, Target, header_key, preview
from hdnd.imports.reading import MAX_BYTES
from hdnd.models import ImportMapping, ImportUpload
from hdnd.once import ALREADY_DONE, run_once

EXTENSIONS = (".xlsx", ".xls", ".ods", ".csv")


def upload_store(*, target: Target, council: Any, owner: Any, name: str, content: bytes, user: Any) -> ImportUpload:
    """Keep an uploaded sheet for its preview and confirm; refuses other kinds of file and oversize ones."""
    name = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200] or "tep.xlsx"
    if not name.lower().endswith(EXTENSIONS):
        raise ValidationError({"file": "Chỉ nhận tệp .xlsx, .xls, .ods hoặc .csv."})
    if not content:
        raise ValidationError({"file": "Tệp rỗng."})
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 10 MB)."})
    upload = ImportUpload(
        council=council,
        target=target.key,
        owner_id=owner.pk,
        filename=name,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    upload.file.save(name, ContentFile(content), save=False)
    upload.save()
    return upload


def upload_progress(upload: ImportUpload) -> int:
    """How much of the file its last reading has checked, 0-100 (0 before it starts)."""
    if not upload.rows_total:
        return 0
    return min(100, upload.rows_checked * 100 // upload.rows_total)


def upload_get(*, council: Any, pk: int) -> ImportUpload | None:
    """An upload of the council (None outside it: the caller answers 404)."""
    return ImportUpload.objects.filter(council=council, pk=pk).first()


def upload_finished_message(upload: ImportUpload, target: Target) -> str:
    """What an upload whose file is gone says instead of its preview; "" while the file is kept."""
    if upload.file:
        return ""
    if upload.imported is not None:
        return f"Đã nhập {upload.imported} {target.noun} từ tệp này; tệp đã được xóa sau khi nhập xong."
    return "Lần nhập này đã hủy hoặc quá hạn lưu tệp; tệp đã được xóa. Hãy tải tệp lên lại nếu cần nhập."


def _file_drop(upload: ImportUpload, *, also: tuple[str, ...] = ()) -> None:
    """Delete the stored sheet, keep the record; the file goes once the transaction commits, so a save that
    rolls back keeps its file for another try."""
    name = upload.file.name
    storage = upload.file.storage
    upload.file = ""
    upload.save(update_fields=["file", *also])
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def upload_cancel(*, upload: ImportUpload) -> None:
    """The office gives up this import: the file is deleted, the record kept (nothing was imported)."""
    if not upload.file:
        return
    with transaction.atomic():
        _file_drop(upload)


def uploads_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of uploads nobody finished within IMPORT_KEEP_DAYS (the daily job runs this);
    returns how many were deleted. The records stay."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.IMPORT_KEEP_DAYS)
    count = 0
    for upload in ImportUpload.objects.filter(created_at__lt=cutoff).exclude(file="").only("pk", "file"):
        with transaction.atomic():
            _file_drop(upload)
        count += 1
    return count


def _content(upload: ImportUpload) -> bytes:
    with upload.file.open("rb") as handle:
        return handle.read()


def remembered(council: Any, target: Target) -> dict[str, str]:
    row = ImportMapping.objects.filter(council=council, target=target.key).first()
    return dict(row.headers) if row else {}


def upload_preview(*, upload: ImportUpload, target: Target, owner: Any) -> Preview:
    """The preview of the stored file with the upload's mapping, else the council's remembered one
    (fields matched by the sheet's header text), else the recognised headers. A finished upload (its file
    deleted) previews as its message only."""
    if finished := upload_finished_message(upload, target):
        return Preview(target.key, message=finished)
    ImportUpload.objects.filter(pk=upload.pk).update(rows_checked=0, rows_total=0)  # a new reading starts at 0 %
    content = _content(upload)
    mapping = {k: int(v) for k, v in upload.mapping.items()} if upload.mapping else None

    def progress(done: int, total: int) -> None:
        # A bare UPDATE, outside any transaction of the preview's own, so the page's poll sees it at once.
        ImportUpload.objects.filter(pk=upload.pk).update(rows_checked=done, rows_total=total)

    result = preview(target, owner, content, upload.filename, mapping, progress)
    if mapping is None and result.columns:
        headers = remembered(upload.council, target)
        if headers:
            by_header = {header_key(c.header): c.index for c in result.columns if c.header}
            chosen = {c.field: c.index for c in result.columns if c.field}
            for key, header in headers.items():
                if header in by_header:
                    chosen = {k: i for k, i in chosen.items() if i != by_header[header]}
                    chosen[key] = by_header[header]
            if chosen != result.mapping:
                result = preview(target, owner, content, upload.filename, chosen, progress)
    return result


@transaction.atomic
def mapping_set(*, upload: ImportUpload, target: Target, choices: dict[int, str], headers: dict[int, str]) -> None:
    """The office's choice (column index -> field key, "" for a column not used): kept on the upload and
    remembered for the council's next file; refused when a field is given two columns or the import is
    finished."""
    if finished := upload_finished_message(upload, target):
        raise ValidationError(finished)
    fields = {f.key for f in target.fields}
    chosen = [(key, index) for index, key in choices.items() if key in fields and index in headers]
    if len({key for key, _ in chosen}) != len(chosen):
        raise ValidationError("Mỗi trường chỉ ghép với một cột của bảng.")
    upload.mapping = dict(chosen)
    upload.save(update_fields=["mapping"])
    ImportMapping.objects.update_or_create(
        council=upload.council,
        target=target.key,
        defaults={"headers": {key: header_key(headers[i]) for key, i in chosen if headers[i]}},
    )


def upload_confirm(
    *, upload: ImportUpload, target: Target, owner: Any, key: str, user: Any, include_existing: bool = False
) -> list:
    """Read the stored file again and save its rows through the target's service, once per `key`.

    Refused (ValidationError, nothing saved) while the file has any error, or once the import is finished;
    rows already there are skipped unless `include_existing`. Once saved, the file is deleted.
    """
    if finished := upload_finished_message(upload, target):
        # Saved already (a second click, another tab) or cancelled: nothing is read or saved again.
        raise ValidationError(f"{ALREADY_DONE} {finished}" if upload.imported is not None else finished)
    result = upload_preview(upload=upload, target=target, owner=owner)
    if not result.ok:
        raise ValidationError(result.message or f"Tệp còn {len(result.errors)} lỗi; chưa lưu dòng nào.")
    items = result.new_items(include_existing=include_existing)
    if not items:
        raise ValidationError(f"Mọi {target.noun} trong tệp đã có; không có gì để lưu.")

    def work() -> list:
        saved = target.save(owner, items, user)
        upload.imported = len(saved)
        _file_drop(upload, also=("imported",))
        return saved

    return run_once(f"import:{upload.pk}:{key}", work)
