"""Reads of the reports app: the report of a year, the dashboard figures."""

import datetime

from django.db.models import Count

from followup.models import Obligation, State
from followup.selectors import owed_past_due
from registry.models import Council
from reports.models import AnnualReport


def report_find(*, council: Council, year: int) -> AnnualReport | None:
    """The standing committee's report of the year, if one was started."""
    return (
        AnnualReport.objects.filter(council=council, year=year)
        .select_related("collective", "document", "council")
        .order_by("pk")
        .first()
    )


def overdue_by_owner(*, council: Council, on: datetime.date) -> list[dict]:
    """Obligations still owed past their deadline, counted by owner (one query)."""
    return list(
        Obligation.objects.filter(owed_past_due(on), council=council)
        .values("owner__short_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__short_name")
    )


def obligations_by_state(*, council: Council) -> list[tuple[str, int]]:
    """(state label, count) of every obligation of the council (one query)."""
    rows = {
        r["state"]: r["n"] for r in Obligation.objects.filter(council=council).values("state").annotate(n=Count("pk"))
    }
    return [(label, rows.get(value, 0)) for value, label in State.choices]
