"""The follow-up list's export as a background task (hdnd.exports, as the petition list's).

The list's filters (its query string) are read back by the task with the requesting user's scope (an
agency sees only its own obligations), the rows are streamed in the order of the direct export into a
write-only workbook (followup.excel), with no row limit; the page polls the progress with htmx.
"""

from django.tasks import task

from followup import selectors
from followup.excel import obligations_workbook
from followup.filters import ObligationFilter
from followup.models import FollowupExport
from hdnd import exports


@task
def export_run(export_id: int) -> int:
    """Write the export's file; returns the number of rows. Run by the task worker."""
    export = exports.load(FollowupExport, export_id)
    user, council = export.user, export.council
    on = selectors.overdue_on(council)
    qs = selectors.obligation_list(user=user, council=council, on=on)
    rows = ObligationFilter(exports.query_data(export) or None, qs, user=user, council=council, on=on).qs
    return exports.run(
        export,
        rows.select_related(None),
        lambda rows: obligations_workbook(rows, on=on),
        f"viec-can-theo-doi-{export.pk}-{on:%Y%m%d}.xlsx",
    )


EXPORT = exports.ExportKind(
    model=FollowupExport,
    task=export_run,
    namespace="followup",
    name="obligation",
    title="danh sách việc cần theo dõi",
    noun="việc",
    filename="viec-can-theo-doi.xlsx",
)
