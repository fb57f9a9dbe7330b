"""The petition list's filters read from a query string, and its export as a background task.

A long export (hundreds of thousands of rows) never runs inside a request: `export_start` records what
to export and enqueues `export_run`, which streams the rows into a write-only workbook (hdnd/excel.py),
writes its progress every CHUNK rows and stores the file on the default storage (shared by every app
server, see README). The page of the export polls its progress with htmx.
"""

from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import QueryDict
from django.tasks import task

from hdnd import exports
from petitions import selectors
from petitions.excel import petitions_workbook
from petitions.forms import FilterForm
from petitions.models import ContactRound, Petition, PetitionExport
from registry.models import Body, Council

CHUNK = 2000


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


def export_start(*, user: AbstractBaseUser, council: Council, query: str) -> PetitionExport:
    """Record an export of the list filtered by `query` and enqueue it (once the record is committed)."""
    return exports.start(PetitionExport, export_run, user=user, council=council, query=query)


def export_get(*, user: AbstractBaseUser, council: Council, pk: int) -> PetitionExport:
    """One of the user's own exports in the council; 404 otherwise."""
    return exports.get(PetitionExport, user=user, council=council, pk=pk)


def _counted(export: PetitionExport, rows: QuerySet[Petition]) -> Iterator[Petition]:
    return exports.counted(export, rows.iterator(chunk_size=CHUNK), CHUNK)


@task
def export_run(export_id: int) -> int:
    """Write the export's file; returns the number of rows. Run by the task worker."""
    export = PetitionExport.objects.select_related("council", "user").get(pk=export_id)
    _form, kwargs = filter_form(export.council, exports.query_data(export))
    rows = selectors.petition_list(user=export.user, council=export.council, **kwargs)
    return exports.run(
        export,
        rows,
        lambda rows: petitions_workbook(_counted(export, rows), personal=False),
        f"kien-nghi-cu-tri-{export.pk}.xlsx",
    )
