"""Background tasks of the follow-up engine (Django tasks, database-backed worker)."""

from django.tasks import task

from followup.reminders import reminders_send


@task
def send_reminders() -> dict[str, int]:
    """Daily reminders; the same job as `manage.py send_reminders`."""
    return reminders_send()
