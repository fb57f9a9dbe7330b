"""Background tasks of the follow-up engine (Django tasks, database-backed worker)."""

from django.tasks import task

from followup.reminders import reminders_send
from hdnd.imports.flow import uploads_expire


@task
def send_reminders() -> dict[str, int]:
    """Daily reminders, and the files of imports left unfinished past their keeping deleted; the same job as
    `manage.py send_reminders`."""
    counts = reminders_send()
    return {**counts, "tep_nhap_da_xoa": uploads_expire()}
