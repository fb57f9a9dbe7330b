"""A ceased council's lateness stops at its last day (a new user's tryout in December 2026 found the ceased
town's overdue ages still growing, "quá hạn 1758 ngày"): days overdue are counted to min(today, last day);
the home page, the overdue list, the scorecard, the dashboard and the API count the same obligations as
overdue on that day and say their figures stand on it; and the year pickers open on its last year of work,
not on a year it did not exist in."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from followup import selectors
from followup.models import State
from followup.tests.factories import make_in_state, make_obligation
from hdnd.dates import today
from hdnd.years import council_year, latest_year, offered_years
from registry import services as registry
from registry.tests.factories import BodyFactory
from reports.selectors import activity_year
from standing.models import Meeting

D = datetime.date
CEASED_ON = D(2025, 7, 1)
LAST_DAY = D(2025, 6, 30)
AS_OF = "tính đến ngày 30/06/2025, ngày hoạt động cuối cùng của Hội đồng"
pytestmark = pytest.mark.django_db


def _world_ceased(world) -> dict:
    """Three obligations of the council made while it worked, then the council ceases on 01/07/2025."""
    council, owner = world.council, world.agency
    made = {
        "late": make_obligation(council=council, owner=owner, source_date=D(2025, 1, 2), due_on=D(2025, 3, 31)),
        "due_last_day": make_obligation(council=council, owner=owner, source_date=D(2025, 6, 2), due_on=LAST_DAY),
        "reported_late": make_in_state(
            make_obligation(council=council, owner=owner, source_date=D(2025, 5, 2), due_on=D(2025, 5, 30)),
            State.REPORTED_DONE,
            on=D(2025, 6, 10),
        ),
    }
    registry.council_update(council=council, active=False, ceased_on=CEASED_ON)
    return made


def test_days_overdue_stop_at_the_last_day(world) -> None:
    council = world.council
    assert selectors.overdue_on(council) == today()  # a council that goes on: today
    made = _world_ceased(world)
    council.refresh_from_db()
    assert council.last_day == LAST_DAY
    # The day lateness is counted to: the last day, however late it is now; an earlier day stays itself.
    assert selectors.overdue_on(council) == LAST_DAY
    assert selectors.overdue_on(council, today() + datetime.timedelta(days=400)) == LAST_DAY
    assert selectors.overdue_on(council, D(2025, 5, 1)) == D(2025, 5, 1)
    assert selectors.overdue_on(world.other_council) == today()
    rows = {o.pk: o for o in selectors.obligation_list(user=world.users["office"], council=council)}
    late = rows[made["late"].pk]
    assert late.is_overdue and late.days_overdue.days == (LAST_DAY - made["late"].due_on).days
    # Due on the last day: still owed, never overdue; reported late: late-reported, not overdue.
    assert not rows[made["due_last_day"].pk].is_overdue
    assert not rows[made["reported_late"].pk].is_overdue and rows[made["reported_late"].pk].days_reported_late


def test_screens_count_overdue_as_of_the_last_day_and_say_so(world, as_user) -> None:
    made = _world_ceased(world)
    days = (LAST_DAY - made["late"].due_on).days
    office = as_user("office")

    home = office.get("/")
    section = next(s for s in home.context["sections"] if s.title == "Việc quá hạn")
    assert section.total == 1 and AS_OF in section.note
    assert section.items[0].note.endswith(f"quá hạn {days} ngày")
    cards = {label: n for label, n, _url in home.context["cards"]}
    assert cards["Việc quá hạn tính đến ngày 30/06/2025"] == 1
    assert AS_OF in home.content.decode()

    response = office.get(reverse("followup:obligation_list"), {"trang_thai": "qua_han"})
    page = response.context["page"]
    assert page.paginator.count == 1 and page.object_list[0].pk == made["late"].pk
    html = response.content.decode()
    assert f"Quá hạn {days} ngày" in html and AS_OF in html

    # The scorecard opens on the council's last year of work (2025), not on today's year.
    response = office.get(reverse("followup:scorecard"))
    assert (response.context["date_from"], response.context["date_to"]) == (D(2025, 1, 1), D(2025, 12, 31))
    score = next(s for s in response.context["scores"] if s.owner_id == world.agency.pk)
    assert (score.total, score.overdue, score.reported_late) == (3, 1, 1)
    assert AS_OF in response.content.decode()

    # The dashboard: on its last year, the overdue chart as of the last day, and said so.
    response = office.get(reverse("reports:dashboard"))
    assert response.context["year"] == 2025 and response.context["years"][0] == 2025
    html = response.content.decode()
    chart = json.loads(re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)[1])
    assert dict(zip(chart["overdue"]["labels"], chart["overdue"]["values"], strict=True)) == {"Phòng TC-KH": 1}
    assert AS_OF in html

    # The API says the same.
    api = office.get(f"/api/v1/councils/{world.council.pk}/obligations").json()
    late = next(row for row in api["items"] if row["id"] == made["late"].pk)
    assert late["is_overdue"] and late["days_overdue"] == days
    scores = office.get(f"/api/v1/councils/{world.council.pk}/obligation-scorecard").json()
    assert [(s["overdue"], s["reported_late"]) for s in scores] == [(1, 1)]


def test_year_pickers_open_on_a_ceased_councils_last_year(world) -> None:
    council = world.council
    assert council_year(council) == today().year
    _world_ceased(world)
    council.refresh_from_db()
    assert council_year(council) == 2025 and council_year(world.other_council) == today().year
    # No record: its last year; records: the latest year with records, never after its last year.
    assert latest_year((Meeting.objects.filter(council=council), "held_on"), council=council) == 2025
    assert activity_year(council) == 2025
    assert offered_years(council, 2022) == [2025, 2024, 2023, 2022, 2021, 2020]
    assert offered_years(world.other_council, 2022)[0] == today().year


def test_no_reminder_for_a_ceased_councils_work(world) -> None:
    """Nobody is chased for a ceased council's work: its overdue obligations get no reminder, another
    council's do."""
    from followup.models import Reminder
    from followup.reminders import reminders_send

    made = _world_ceased(world)
    body = BodyFactory(council=world.other_council, name="Phòng Tài chính - Kế hoạch", short_name="Phòng TC-KH")
    other = make_obligation(council=world.other_council, owner=body, due_on=D(2024, 1, 31))
    reminders_send()
    assert not Reminder.objects.filter(obligation__council=world.council).exists()
    assert Reminder.objects.filter(obligation=other).exists() and made["late"].reminders.count() == 0
