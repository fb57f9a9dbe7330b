"""The background export of a list, shared by the petition and follow-up lists (hdnd.models.BackgroundExport).

A long export (hundreds of thousands of rows) never runs inside a request: the view records what to export
(the list's query string) and enqueues the app's task once the record is committed; the task reads the
filters back, counts the rows, streams them into a write-only workbook while writing its progress every
CHUNK rows, and stores the file on the default storage (shared by every app server, see README).
"""

from collections.abc import Callable, Iterable, Iterator
from urllib.parse import parse_qs

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hdnd.models import BackgroundExport, ExportState
from registry.models import Council

CHUNK = 2000


def start[E: BackgroundExport](
    model: type[E], task: object, *, user: AbstractBaseUser, council: Council, query: str
) -> E:
    """Record an export of the list filtered by `query` and enqueue `task` (once the record is committed)."""
    export = model.objects.create(user=user, council=council, query=query[:2000])
    transaction.on_commit(lambda: task.enqueue(export.pk))
    return export


def get[E: BackgroundExport](model: type[E], *, user: AbstractBaseUser, council: Council, pk: int) -> E:
    """One of the user's own exports in the council; 404 otherwise (another user's, another council's)."""
    return get_object_or_404(model, pk=pk, user=user, council=council)


def query_data(export: BackgroundExport) -> QueryDict:
    """The export's filters as the list's GET data."""
    data = QueryDict(mutable=True)
    for key, values in parse_qs(export.query).items():
        data.setlist(key, values)
    return data


def counted(export: BackgroundExport, rows: Iterable, chunk: int = CHUNK) -> Iterator:
    """The rows, writing the number written so far on the export every `chunk` rows."""
    model = type(export)
    for number, row in enumerate(rows, start=1):
        if number % chunk == 0:
            model.objects.filter(pk=export.pk).update(done=number)
        yield row


def run(export: BackgroundExport, rows: QuerySet, write: Callable[[Iterable], bytes], filename: str) -> int:
    """Count `rows`, write them with `write` (rows -> .xlsx bytes) and store the file; returns the count."""
    model = type(export)
    export.total, export.state = rows.count(), ExportState.RUNNING
    export.save(update_fields=["total", "state"])
    try:
        content = write(rows)
    except Exception:
        model.objects.filter(pk=export.pk).update(state=ExportState.FAILED)
        raise
    export.file.save(filename, ContentFile(content), save=False)
    export.done, export.state, export.finished_at = export.total, ExportState.DONE, timezone.now()
    export.save(update_fields=["file", "done", "state", "finished_at"])
    return export.total
