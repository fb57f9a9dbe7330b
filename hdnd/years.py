"""The year a year selector opens on: the latest year with records for the chosen council, not today's
year (a council that ceased in 2025 opens on its last year of work, not on an empty 2026)."""

import datetime

from django.db.models import Max, QuerySet

from hdnd.dates import today


def latest_year(*sources: tuple[QuerySet, str]) -> int:
    """The latest year (not after this one) among `(queryset, field)` pairs, where the field is a date or a
    year; this year when none has records."""
    this_year = today().year
    years = []
    for queryset, field in sources:
        value = queryset.aggregate(latest=Max(field))["latest"]
        if value is not None:
            years.append(value.year if isinstance(value, datetime.date) else int(value))
    past = [y for y in years if y <= this_year]
    return max(past) if past else this_year
