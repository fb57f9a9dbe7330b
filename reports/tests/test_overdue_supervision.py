"""The supervision pages count overdue as every other screen does (issue 18, test_overdue_agrees.py): a report
asked of a supervised body or a recommendation is overdue when its obligation — the one holder of its
state — is work still owed past its deadline. A new user's tryout found the round's page saying "Đã giao"
where /theo-doi/ said "Quá hạn 82 ngày", the round list's warning filter empty and the home page's card 0."""

import datetime
import re

import pytest
from django.urls import reverse

from followup import services as followup
from followup.models import OPEN_STATES, State
from followup.tests.factories import make_in_state
from hdnd import dates
from supervision import services
from supervision.models import MilestoneObligation, Round
from supervision.tests.factories import make_round, make_setup

D = datetime.date
CARD = "Đợt giám sát có mốc sắp đến hạn, việc quá hạn"


def _quiet_milestones(round: Round) -> None:
    """Cancel the round's legal milestones still owed, so only its bodies' reports and recommendations can
    make it a round to watch."""
    for row in MilestoneObligation.objects.filter(round=round, obligation__state__in=OPEN_STATES):
        followup.obligation_cancel(obligation=row.obligation, user=None, reason="Không theo dõi trong phép thử.")


def _overdue_list(client) -> dict[int, int]:
    """Obligation -> days overdue, as /theo-doi/?trang_thai=qua_han lists them."""
    response = client.get(reverse("followup:obligation_list"), {"trang_thai": "qua_han", "trang": 1})
    assert response.status_code == 200
    return {o.pk: o.days_overdue.days for o in response.context["page"].object_list}


def _round_page_states(client, round: Round) -> dict[int, str]:
    """Obligation -> the state cell of its row in the round's tables of reports and recommendations."""
    html = client.get(reverse("supervision:round_detail", args=[round.pk])).content.decode()
    cells = re.findall(r'<td><a href="/theo-doi/(\d+)/">(.*?)</a></td>', html, re.S)
    return {int(pk): re.sub(r"<[^>]+>", " ", cell) for pk, cell in cells}


def _home_card(client) -> int:
    response = client.get("/")
    return next(n for label, n, _url in response.context["cards"] if label == CARD)


def _watched(client) -> set[int]:
    response = client.get(reverse("supervision:round_list"), {"canh_bao": "1"})
    assert response.status_code == 200
    return {r.pk for r in response.context["page"].object_list}


@pytest.mark.django_db
def test_the_supervision_pages_read_overdue_from_the_obligations(world, as_user) -> None:
    setup = make_setup(world.council, world.term)
    late = make_round(setup)
    services.body_reports_request(round=late, due_on=D(2024, 5, 31), sent_on=D(2024, 5, 7))
    reports = {r.body_id: r.obligation for r in late.body_reports.select_related("obligation")}
    make_in_state(reports[setup.thanh.pk], State.REPORTED_DONE, on=D(2024, 6, 3))  # late-reported, not overdue
    owed = services.recommendation_add(round=late, body=setup.quang, text="Xử lý lấn chiếm", due_on=D(2024, 9, 30))
    started = services.recommendation_add(round=late, body=setup.thanh, text="Lắp biển báo", due_on=D(2024, 9, 30))
    make_in_state(started.obligation, State.IN_PROGRESS)
    _quiet_milestones(late)

    calm = make_round(setup, subject="công tác vệ sinh môi trường")
    done = services.recommendation_add(round=calm, body=setup.quang, text="Thu gom rác", due_on=D(2024, 9, 30))
    make_in_state(done.obligation, State.ACCEPTED, on=D(2024, 9, 1))
    not_due = dates.today() + datetime.timedelta(days=30)
    services.recommendation_add(round=calm, body=setup.thanh, text="Trồng cây", due_on=not_due)
    _quiet_milestones(calm)

    office = as_user("office")
    overdue = _overdue_list(office)
    ours = {reports[setup.quang.pk].pk, owed.obligation_id, started.obligation_id}
    assert ours <= set(overdue)
    # The round's page says overdue, with the same days, for exactly the obligations /theo-doi/ lists.
    for page_round in (late, calm):
        states = _round_page_states(office, page_round)
        assert states, page_round
        for pk, cell in states.items():
            if pk in overdue:
                assert f"Quá hạn {overdue[pk]} ngày" in cell, (pk, cell)
            else:
                assert "Quá hạn" not in cell, (pk, cell)
    assert "Báo cáo chậm 3 ngày" in _round_page_states(office, late)[reports[setup.thanh.pk].pk]

    # The warning filter and the home page's card: the round with overdue work, not the calm one.
    assert _watched(office) == {late.pk}
    assert _home_card(office) == 1

    # The bodies report: nothing of the round is owed any more, and the warnings say so everywhere.
    for obligation in (reports[setup.quang.pk], owed.obligation, started.obligation):
        followup.obligation_report(obligation=obligation, user=None, text="Đã thực hiện.", done=True)
    assert not ours & set(_overdue_list(office))
    assert all("Quá hạn" not in cell for cell in _round_page_states(office, late).values())
    assert _watched(office) == set()
    assert _home_card(office) == 0
