"""Days as users read them: dd/mm/yyyy, and "today" in the council's time zone (Asia/Ho_Chi_Minh)."""

import datetime

from django.utils import timezone


def format_date(day: datetime.date) -> str:
    """dd/mm/yyyy, the way every Vietnamese administrative text writes a day."""
    return day.strftime("%d/%m/%Y")


def today() -> datetime.date:
    """The current day in the project's time zone, the day deadlines are judged on."""
    return timezone.localdate()


def parse_day(text: str) -> datetime.date:
    """A day written dd/mm/yyyy (and nothing else); ValueError otherwise."""
    return datetime.datetime.strptime(text.strip(), "%d/%m/%Y").date()
