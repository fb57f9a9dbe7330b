"""One definition of overdue (issue 18): the home page's "Việc quá hạn", the scorecard's "Đang quá hạn" and the
dashboard's chart "Việc quá hạn theo cơ quan" count the same obligations in every state. Overdue is work still
owed past its deadline; a report waiting for the office's acceptance is not overdue, and one sent after the
deadline is counted as late-reported ("Báo cáo chậm") on the scorecard and the obligation's badge."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from followup import services
from followup.models import State
from followup.tests.factories import make_in_state, make_obligation
from hdnd import dates


def _home_overdue(client) -> tuple[int, int]:
    """(the card's figure, the section's total) of the office's home page."""
    response = client.get("/")
    assert response.status_code == 200
    card = next(n for label, n, _url in response.context["cards"] if label == "Việc quá hạn")
    section = next(s for s in response.context["sections"] if s.title == "Việc quá hạn")
    return card, section.total


def _scorecard(client, on: datetime.date) -> dict[str, tuple[int, int]]:
    """Owner -> (overdue, reported late), as the scorecard's table shows them."""
    year = {"tu_ngay": f"01/01/{on.year - 1}", "den_ngay": f"31/12/{on.year}"}
    response = client.get(reverse("followup:scorecard"), year)
    assert response.status_code == 200
    return {s.owner_name: (s.overdue, s.reported_late) for s in response.context["scores"]}


def _dashboard_overdue(client) -> dict[str, int]:
    """Owner -> overdue, read from the dashboard's chart data."""
    html = client.get("/bao-cao/").content.decode()
    data = json.loads(re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)[1])
    return dict(zip(data["overdue"]["labels"], data["overdue"]["values"], strict=True))


@pytest.mark.django_db
def test_home_scorecard_and_dashboard_count_the_same_overdue(world, as_user) -> None:
    on = dates.today()
    due = on - datetime.timedelta(days=10)
    make = lambda: make_obligation(council=world.council, owner=world.agency, due_on=due)  # noqa: E731
    early, late = due - datetime.timedelta(days=2), due + datetime.timedelta(days=3)
    make()  # assigned, past due: overdue
    make_in_state(make(), State.IN_PROGRESS)  # overdue
    make_in_state(make(), State.RETURNED, on=early)  # returned: owed again, overdue
    on_time_waiting = make_in_state(make(), State.REPORTED_DONE, on=early)  # waits for the office: not overdue
    late_waiting = make_in_state(make(), State.REPORTED_DONE, on=late)  # late-reported, not overdue
    make_in_state(make(), State.ACCEPTED, on=early)
    make_in_state(make(), State.ACCEPTED, on=late)  # late-reported
    make_in_state(make(), State.CANCELLED)
    make_obligation(council=world.council, owner=world.agency, due_on=on + datetime.timedelta(days=3))  # not due

    office = as_user("office")
    assert _home_overdue(office) == (3, 3)
    assert _scorecard(office, on)["Phòng Tài chính - Kế hoạch"] == (3, 2)
    assert _dashboard_overdue(office) == {"Phòng TC-KH": 3}
    # The overdue list the home page links to holds the same three, and no report among them.
    listed = office.get(reverse("followup:obligation_list"), {"trang_thai": "qua_han"}).context["page"]
    assert listed.paginator.count == 3
    assert {o.state for o in listed.object_list} == {State.ASSIGNED, State.IN_PROGRESS, State.RETURNED}
    # The late report's page says it was reported late, and does not say it is overdue.
    page = office.get(reverse("followup:obligation_detail", args=[late_waiting.pk])).content.decode()
    assert "Báo cáo chậm 3 ngày" in page and 'badge danger">Quá hạn' not in page
    page = office.get(reverse("followup:obligation_detail", args=[on_time_waiting.pk])).content.decode()
    assert "Báo cáo chậm" not in page

    # The agency user's home counts its own the same way.
    agency_home = as_user("agency").get("/")
    section = next(s for s in agency_home.context["sections"] if s.title == "Việc quá hạn của cơ quan")
    assert section.total == 3

    # The office accepts the late report: still not overdue anywhere, still late-reported on the scorecard.
    services.obligation_accept(obligation=late_waiting, user=None)
    assert _home_overdue(office) == (3, 3)
    assert _scorecard(office, on)["Phòng Tài chính - Kế hoạch"] == (3, 2)
    assert _dashboard_overdue(office) == {"Phòng TC-KH": 3}
