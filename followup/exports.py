"""The follow-up list's export as a background task (hdnd.exports, as the petition list's).

The list's filters (its query string) are read back by the task with the requesting user's scope (an
agency sees only its own obligations), the rows are streamed in the order of the direct export into a
write-only workbook (followup.excel), with no row limit; the page polls the progress with htmx.
"""

from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.tasks import task

from followup import selectors
from followup.excel import obligations_workbook
from followup.filters import ObligationFilter
from followup.models import FollowupExport, Obligation
from hdnd import exports
from registry.models import Council

CHUNK = 2000


def export_start(*, user: AbstractBaseUser, council: Council, query: str) -> FollowupExport:
    """Record an export of the list filtered by `query` and enqueue it (once the record is committed)."""
    return exports.start(FollowupExport, export_run, user=user, council=council, query=query)


def export_get(*, user: AbstractBaseUser, council: Council, pk: int) -> FollowupExport:
    """One of the user's own exports in the council; 404 otherwise."""
    return exports.get(FollowupExport, user=user, council=council, pk=pk)


def _counted(export: FollowupExport, rows: QuerySet[Obligation]) -> Iterator[Obligation]:
    return exports.counted(export, rows.select_related(None).iterator(chunk_size=CHUNK), CHUNK)


@task
def export_run(export_id: int) -> int:
    """Write the export's file; returns the number of rows. Run by the task worker."""
    export = FollowupExport.objects.select_related("council", "user").get(pk=export_id)
    on = selectors.overdue_on(export.council)
    qs = selectors.obligation_list(user=export.user, council=export.council, on=on)
    data = exports.query_data(export)
    filterset = ObligationFilter(data or None, qs, user=export.user, council=export.council, on=on)
    return exports.run(
        export,
        filterset.qs,
        lambda rows: obligations_workbook(_counted(export, rows), on=on),
        f"viec-can-theo-doi-{export.pk}-{on:%Y%m%d}.xlsx",
    )
