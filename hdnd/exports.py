"""The background export of a list, shared by the petition and follow-up lists (hdnd.models.BackgroundExport).

A long export (hundreds of thousands of rows) never runs inside a request: the list's screen or API route
records what to export (the list's query string) and enqueues the app's task once the record is committed;
the task reads the filters back and hands its rows to `run`, which counts them, streams them into a
write-only workbook while writing its progress every CHUNK rows, and stores the file on the default storage
(shared by every app server, see README). The page polls the progress with htmx; the API answers the same
progress and, once done, the file.

An app supplies only what differs (an `ExportKind`: its model, its task, its names and words; its query and
its permission), and takes its three screens from `screens` and its three API routes from `add_routes`.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.tasks import Task
from django.utils import timezone
from django.views.decorators.http import require_POST
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from hdnd.excel import XLSX
from hdnd.models import BackgroundExport, ExportState
from registry.models import Council

CHUNK = 2000


@dataclass(frozen=True)
class ExportKind:
    """One list's background export: what differs from the other lists' (all the rest is this module's)."""

    model: type[BackgroundExport]
    task: Task  # the app's task: given the export's pk, it reads the rows back and calls `run`
    namespace: str  # the app's URL namespace: "followup"
    name: str  # what its URL names start with: "obligation" → obligation_list, obligation_export_status, …
    title: str  # the list, as headings name it: "danh sách việc cần theo dõi"
    noun: str  # what one row is: "việc"
    filename: str  # the name the downloaded file gets

    @property
    def list_url(self) -> str:
        return f"{self.namespace}:{self.name}_list"

    @property
    def status_url(self) -> str:
        return f"{self.namespace}:{self.name}_export_status"

    @property
    def download_url(self) -> str:
        return f"{self.namespace}:{self.name}_export_download"


def start(kind: ExportKind, *, user: AbstractBaseUser, council: Council, query: str) -> BackgroundExport:
    """Record an export of the list filtered by `query` and enqueue the kind's task (once it is committed)."""
    export = kind.model.objects.create(user=user, council=council, query=query[:2000])
    transaction.on_commit(lambda: kind.task.enqueue(export.pk))
    return export


def get(kind: ExportKind, *, user: AbstractBaseUser, council: Council, pk: int) -> BackgroundExport:
    """One of the user's own exports in the council; 404 otherwise (another user's, another council's)."""
    return get_object_or_404(kind.model, pk=pk, user=user, council=council)


def load[E: BackgroundExport](model: type[E], pk: int) -> E:
    """The export a task was given, with the council and the user whose scope its rows keep."""
    return model.objects.select_related("council", "user").get(pk=pk)


def query_data(export: BackgroundExport) -> QueryDict:
    """The export's filters as the list's GET data."""
    data = QueryDict(mutable=True)
    for key, values in parse_qs(export.query).items():
        data.setlist(key, values)
    return data


def _counted(export: BackgroundExport, rows: Iterable, chunk: int) -> Iterator:
    """The rows, writing the number written so far on the export every `chunk` rows."""
    model = type(export)
    for number, row in enumerate(rows, start=1):
        if number % chunk == 0:
            model.objects.filter(pk=export.pk).update(done=number)
        yield row


def run(export: BackgroundExport, rows: QuerySet, write: Callable[[Iterator], bytes], filename: str) -> int:
    """Count `rows`, hand them to `write` (rows -> .xlsx bytes) as they are read, CHUNK at a time, writing
    the progress as they go, and store the file under `filename`; returns the count. A failure is recorded
    on the export (the page says so) and raised for the worker's log."""
    model = type(export)
    export.total, export.state = rows.count(), ExportState.RUNNING
    export.save(update_fields=["total", "state"])
    try:
        content = write(_counted(export, rows.iterator(chunk_size=CHUNK), CHUNK))
    except Exception:
        model.objects.filter(pk=export.pk).update(state=ExportState.FAILED)
        raise
    export.file.save(filename, ContentFile(content), save=False)
    export.done, export.state, export.finished_at = export.total, ExportState.DONE, timezone.now()
    export.save(update_fields=["file", "done", "state", "finished_at"])
    return export.total


def _file(kind: ExportKind, export: BackgroundExport) -> FileResponse:
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=kind.filename, content_type=XLSX)


# The screens -----------------------------------------------------------------------------------------


def screens(
    kind: ExportKind, *, council: Callable[[HttpRequest], Council]
) -> tuple[Callable[..., HttpResponse], Callable[..., HttpResponse], Callable[..., HttpResponse]]:
    """The kind's three screens: start (a POST of the list's query string, from the list's button), the
    export's page (or, asked by htmx, its progress bar alone, which polls itself until the file is ready)
    and the download. `council` is the list's own permission check (the request's council, or 403)."""

    @login_required
    @require_POST
    def start_view(request: HttpRequest) -> HttpResponse:
        export = start(kind, user=request.user, council=council(request), query=request.POST.get("query", ""))
        return redirect(kind.status_url, pk=export.pk)

    @login_required
    def status_view(request: HttpRequest, pk: int) -> HttpResponse:
        export = get(kind, user=request.user, council=council(request), pk=pk)
        template = "exports/_progress.html" if request.htmx else "exports/status.html"
        return render(request, template, {"export": export, "kind": kind})

    @login_required
    def download_view(request: HttpRequest, pk: int) -> HttpResponse:
        export = get(kind, user=request.user, council=council(request), pk=pk)
        if not export.ready:
            raise Http404("Tệp chưa sẵn sàng.")
        return _file(kind, export)

    return start_view, status_view, download_view


# The API -------------------------------------------------------------------------------------------------


class BackgroundExportOut(Schema):
    id: int
    state: str = Field(..., description="`cho` (đang chờ), `dang_chay` (đang xuất), `xong` (đã xong), `loi` (lỗi)")
    total: int = Field(..., description="Tổng số dòng sẽ xuất")
    done: int = Field(..., description="Số dòng đã ghi")
    created_at: datetime.datetime
    finished_at: datetime.datetime | None


_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_FILE_RESPONSES = {
    "responses": {
        200: {
            "description": "Tệp Excel (.xlsx) đã xuất",
            "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
        },
        409: {
            "description": "Lượt xuất chưa xong, hoặc không thành công: chưa có tệp",
            "content": {"application/json": {"schema": _DETAIL}},
        },
    }
}


def _not_ready(kind: ExportKind, export: BackgroundExport) -> str:
    if export.failed:
        return "Xuất tệp không thành công nên không có tệp để tải; vui lòng xuất lại."
    progress = f"{export.get_state_display()}: {export.done} / {export.total} {kind.noun}"
    return f"Tệp chưa xuất xong ({progress}); vui lòng thử lại sau."


def add_routes(
    router: Router,
    kind: ExportKind,
    *,
    filters: type[Schema],
    council: Callable[[HttpRequest, int], Council],
    query: Callable[[HttpRequest, Council, Schema], dict[str, str]],
) -> None:
    """The kind's three routes under `/councils/{council_id}/<name>-exports`, named as its screens are: start
    (the list's filters as a `filters` body, which `query` turns into the screen's query string, refusing an
    invalid one), the progress, and the finished file. `council` is the list route's own permission check."""
    path = f"/councils/{{council_id}}/{kind.name}-exports"

    def create(request: HttpRequest, council_id: int, payload: filters) -> Status:
        scope = council(request, council_id)
        return Status(
            202, start(kind, user=request.user, council=scope, query=urlencode(query(request, scope, payload)))
        )

    def status(request: HttpRequest, council_id: int, export_id: int) -> BackgroundExport:
        return get(kind, user=request.user, council=council(request, council_id), pk=export_id)

    def download(request: HttpRequest, council_id: int, export_id: int) -> HttpResponse:
        export = get(kind, user=request.user, council=council(request, council_id), pk=export_id)
        if not export.ready:
            raise HttpError(409, _not_ready(kind, export))
        return _file(kind, export)

    def route(
        method: Callable, suffix: str, name: str, view: Callable, summary: str, description: str, **options: object
    ) -> None:
        url_name = f"{kind.name}_export_{name}"
        method(
            path + suffix, url_name=url_name, operation_id=url_name, summary=summary, description=description, **options
        )(view)

    route(
        router.post,
        "",
        "start",
        create,
        f"Xuất {kind.title} ra Excel (chạy nền)",
        f"Xuất {kind.title} theo các bộ lọc của danh sách (như nút “Xuất Excel chạy nền”), không giới hạn số "
        f"dòng; theo dõi tiến độ ở `GET {path}/{{export_id}}`, tải tệp ở `GET {path}/{{export_id}}/file`.",
        response={202: BackgroundExportOut},
    )
    route(
        router.get,
        "/{export_id}",
        "status",
        status,
        f"Tiến độ xuất {kind.title}",
        "Trạng thái và số dòng đã ghi của một lượt xuất; chỉ người đã yêu cầu xem được.",
        response=BackgroundExportOut,
    )
    route(
        router.get,
        "/{export_id}/file",
        "download",
        download,
        f"Tải tệp Excel {kind.title} đã xuất",
        "Tệp .xlsx của lượt xuất đã xong (trạng thái `xong`); chưa xong hoặc không thành công: 409. Chỉ người "
        "đã yêu cầu tải được.",
        openapi_extra=_FILE_RESPONSES,
    )
