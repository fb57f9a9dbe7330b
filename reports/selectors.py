"""Reads of the reports app: the report of a year, the dashboard figures."""

import datetime

from django.db.models import Count

from followup.models import Obligation, State
from followup.selectors import late_condition
from hdnd.years import latest_year
from petitions.models import ContactRound
from plenary.models import Session
from registry.models import Council
from reports.models import AnnualReport, ReportState
from standing.models import Meeting
from supervision.models import Round


def report_find(*, council: Council, year: int) -> AnnualReport | None:
    """The standing committee's report of the year, if one was started."""
    return (
        AnnualReport.objects.filter(council=council, year=year)
        .select_related("collective", "document", "council")
        .order_by("pk")
        .first()
    )


def overdue_by_owner(*, council: Council, on: datetime.date) -> list[dict]:
    """Overdue obligations (still owed past their deadline: `followup.selectors.late_condition`, as on the
    home page and the scorecard), counted by owner (one query)."""
    return list(
        Obligation.objects.filter(late_condition(on), council=council)
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


def activity_year(council: Council) -> int:
    """The latest year with the council's work on record (sessions, standing meetings, voter contacts,
    supervision rounds): where the dashboard and the reports open, rather than on today's year."""
    return latest_year(
        (Session.objects.filter(council=council), "opens_on"),
        (Meeting.objects.filter(council=council), "held_on"),
        (ContactRound.objects.filter(council=council), "year"),
        (Round.objects.filter(council=council), "set_up_on"),
        council=council,
    )


def public_annual_reports(*, council: Council) -> list[AnnualReport]:
    """The council's issued annual reports, newest year first, with their collective and document."""
    return list(
        AnnualReport.objects.filter(council=council, state=ReportState.ISSUED)
        .select_related("collective", "document")
        .order_by("-year", "pk")
    )
