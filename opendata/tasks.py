"""Background tasks of open data (Django tasks, database-backed worker)."""

from django.tasks import task

from opendata import export
from registry.models import Council


@task
def export_council(council_id: int | None) -> int:
    """One export (None: the country); the same job as `manage.py opendata_export --council ID`. Returns
    the file's size in bytes."""
    council = Council.objects.get(pk=council_id) if council_id else None
    return export.export_build(council=council).size


@task
def export_all() -> int:
    """The nightly run: the country and every active council; `manage.py opendata_export --all`. Returns
    the number of files written."""
    return len(export.export_all())
