"""The petition list's filters read from a query string, and its export as a background task.

The task reads the list's filters back with the requesting user's scope and streams the rows into a
write-only workbook without the personal columns (petitions.excel); the rest, from the record to the
download, is the background export shared with the follow-up list (hdnd.exports).
"""

from django.http import QueryDict
from django.tasks import task

from hdnd import exports
from petitions import selectors
from petitions.excel import petitions_workbook
from petitions.forms import FilterForm
from petitions.models import ContactRound, PetitionExport
from registry.models import Body, Council


def filter_form(council: Council, data: QueryDict | None) -> tuple[FilterForm, dict]:
    """The list's filter form on `data` and the `petition_list` arguments it gives (none when invalid)."""
    form = FilterForm(
        data or None,
        rounds=list(ContactRound.objects.filter(council=council)),
        fields=list(selectors.fields_of(council)),
        units=list(selectors.child_units(council)),
        bodies=list(Body.objects.filter(council=council).order_by("kind", "name")),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    return form, {
        "round_id": filters.get("dot"),
        "level": filters.get("cap", ""),
        "field_id": filters.get("linh_vuc"),
        "state": filters.get("trang_thai", ""),
        "unit_id": filters.get("xa"),
        "body_id": filters.get("co_quan"),
        "search": filters.get("q", ""),
    }


@task
def export_run(export_id: int) -> int:
    """Write the export's file; returns the number of rows. Run by the task worker."""
    export = exports.load(PetitionExport, export_id)
    _form, kwargs = filter_form(export.council, exports.query_data(export))
    return exports.run(
        export,
        selectors.petition_list(user=export.user, council=export.council, **kwargs),
        lambda rows: petitions_workbook(rows, personal=False),
        f"kien-nghi-cu-tri-{export.pk}.xlsx",
    )


EXPORT = exports.ExportKind(
    model=PetitionExport,
    task=export_run,
    namespace="petitions",
    name="petition",
    title="danh sách kiến nghị",
    noun="kiến nghị",
    filename="kien-nghi-cu-tri.xlsx",
)
