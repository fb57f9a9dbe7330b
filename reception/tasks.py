"""Background tasks of reception (Django tasks, database-backed worker)."""

from django.tasks import task

from reception.reminders import reception_reminders_send


@task
def send_reception_reminders() -> int:
    """Daily reminders of reception days; the same job as `manage.py send_reception_reminders`."""
    return reception_reminders_send()
