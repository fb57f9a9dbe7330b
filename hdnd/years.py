"""The year a year selector opens on: the latest year with records for the chosen council, not today's
year (a council that ceased in 2025 opens on its last year of work, not on an empty 2026).

`council_year` is the council's own "this year": today's year while it goes on, the year of its last day once
it ceased. Every year-picker's default (the scorecard, the dashboard, the annual and activity reports, the
lists that open on "this year") starts from it, so a ceased council never opens on a year it did not exist.
"""

import datetime
from typing import TYPE_CHECKING

from django.db.models import Max, QuerySet

from hdnd.dates import today

if TYPE_CHECKING:
    from registry.models import Council


def council_year(council: "Council | None") -> int:
    """This year for `council`: today's year, or its last year of activity when it ceased (the year of its
    last day); today's year when no council is chosen."""
    this_year = today().year
    last = council.last_day if council is not None else None
    return min(this_year, last.year) if last is not None else this_year


def latest_year(*sources: tuple[QuerySet, str], council: "Council | None") -> int:
    """The latest year (not after `council_year(council)`) among `(queryset, field)` pairs of the council's
    records, where the field is a date or a year; `council_year(council)` when none has records."""
    this_year = council_year(council)
    years = []
    for queryset, field in sources:
        value = queryset.aggregate(latest=Max(field))["latest"]
        if value is not None:
            years.append(value.year if isinstance(value, datetime.date) else int(value))
    past = [y for y in years if y <= this_year]
    return max(past) if past else this_year


def offered_years(council: "Council | None", chosen: int, *, count: int = 6) -> list[int]:
    """The years a selector offers, newest first: the council's current year (`council_year`) and the ones
    before it, `count` in all, and the chosen one."""
    last = council_year(council)
    return sorted({*range(last, last - count, -1), chosen}, reverse=True)
