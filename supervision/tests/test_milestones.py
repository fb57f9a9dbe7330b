"""A round's pending legal milestones are followed as obligations of the follow-up engine (reminders, overdue
list), closed when the milestone is recorded; their due dates cross holidays as the calendar says."""

import datetime

import pytest

from followup.models import Obligation, State
from followup.selectors import with_lateness
from registry.calendar import deadline
from supervision import services
from supervision.models import MilestoneObligation, Round

D = datetime.date
pytestmark = pytest.mark.django_db


def _open(round: Round) -> dict[str, Obligation]:
    links = MilestoneObligation.objects.filter(round=round).select_related("obligation").order_by("pk")
    return {m.key: m.obligation for m in links if m.obligation.state not in (State.ACCEPTED, State.CANCELLED)}


def _round(setup: object, body: object, set_up_on: datetime.date, starts_on: datetime.date, ends_on: datetime.date):
    return services.round_create(
        council=setup.council,
        body=body,
        subject="công tác quản lý đất đai",
        supervised=[setup.quang],
        set_up_on=set_up_on,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def test_pending_milestones_become_obligations_closed_when_recorded(setup) -> None:
    # Set up Monday 15/04/2024: 15 days fall on 30/04, a holiday, then 01/05: the content is due Thursday 02/05.
    round = _round(setup, setup.committee, D(2024, 4, 15), D(2024, 5, 10), D(2024, 5, 17))
    followed = _open(round)
    assert set(followed) == {"content", "schedule", "report"}  # the consideration has no date yet
    assert followed["content"].due_on == round.content_due_on == D(2024, 5, 2)
    # 10 days before Friday 10/05 is 30/04; counting back past 29/04 (a day off) and the weekend: Friday 26/04.
    assert followed["schedule"].due_on == round.schedule_due_on == D(2024, 4, 26)
    assert followed["report"].due_on == round.report_due_on == D(2024, 5, 27)
    for obligation in followed.values():
        assert obligation.owner == setup.committee and obligation.kind == services.MILESTONE
        assert obligation.source == round and "Luật Hoạt động giám sát 87/2015/QH13" in obligation.description
    # idempotent: following again, or saving the round unchanged, creates nothing
    assert services.milestones_follow(round=round) == []
    services.round_update(round=round, plan="Làm việc trực tiếp")
    assert Obligation.objects.filter(kind=services.MILESTONE).count() == 3
    # the overdue list of the follow-up engine shows the schedule and the content not sent on 03/05
    late = with_lateness(Obligation.objects.filter(kind=services.MILESTONE), D(2024, 5, 3)).filter(is_overdue=True)
    assert set(late) == {followed["content"], followed["schedule"]}
    # a working session earlier than the start moves the schedule's due date earlier: a new obligation
    services.session_add(round=round, held_on=D(2024, 4, 25), place="Trụ sở", body=setup.quang)
    followed = _open(round)
    assert followed["schedule"].due_on == D(2024, 4, 15)
    assert Obligation.objects.filter(kind=services.MILESTONE, state=State.CANCELLED).count() == 1
    # recording the milestones closes them (accepted), reported on the day recorded: late is still late
    services.round_update(round=round, content_sent_on=D(2024, 5, 3), schedule_sent_on=D(2024, 4, 12))
    content = Obligation.objects.get(pk=followed["content"].pk)
    assert content.state == State.ACCEPTED and content.reported_on == D(2024, 5, 3)
    assert set(_open(round)) == {"report"}
    services.report_record(round=round, report_on=D(2024, 5, 24))
    followed = _open(round)
    assert set(followed) == {"consider"}
    # the standing committee considers within 7 days (Điều 71): 31/05/2024; it owes this one
    assert followed["consider"].due_on == D(2024, 5, 31) and followed["consider"].owner == setup.standing
    services.round_consider(round=round, considered_on=D(2024, 5, 30), conclusions="Tốt")
    assert _open(round) == {}
    assert services.milestones_follow(round=round) == []
    states = Obligation.objects.filter(kind=services.MILESTONE).values_list("state", flat=True)
    assert sorted(states) == sorted([State.ACCEPTED] * 4 + [State.CANCELLED])


def test_milestones_across_tet_and_a_later_end(setup) -> None:
    council = setup.council
    # The standing committee's delegation ends Monday 13/01/2025: 15 days fall on 28/01, in Tết; the next working
    # day is Monday 03/02/2025 (Điều 70).
    round = _round(setup, setup.standing, D(2024, 12, 16), D(2025, 1, 6), D(2025, 1, 13))
    report = _open(round)["report"]
    assert report.due_on == deadline(council, D(2025, 1, 13), rule="standing_round_report_after_end") == D(2025, 2, 3)
    # the end moves later: the same obligation is extended (20/01 + 15 = Tuesday 04/02/2025)
    services.round_update(round=round, ends_on=D(2025, 1, 20))
    report.refresh_from_db()
    assert _open(round)["report"].pk == report.pk and report.due_on == D(2025, 2, 4)
    # the end is cleared: the report's due date is unknown, its obligation cancelled
    services.round_update(round=round, ends_on=None)
    report.refresh_from_db()
    assert report.state == State.CANCELLED and "report" not in _open(round)
    services.round_update(round=round, ends_on=D(2025, 1, 20))
    services.report_record(round=round, report_on=D(2025, 1, 24))
    # the report, on Friday 24/01/2025, is considered within 7 days: 31/01 and 01/02 are Tết, 02/02 a Sunday.
    assert _open(round)["consider"].due_on == D(2025, 2, 3)
    assert MilestoneObligation.objects.filter(round=round).count() == 5
    assert MilestoneObligation.objects.first().history.count() == 1
