"""A round's milestones read their obligations (issue 13): whichever screen or route moves a milestone's
obligation — the round's own or the follow-up engine's, as the conducting committee or the office — the
round's page, its list (and its API), the dashboard's count of rounds to watch say the same; the data
migration keeps every stored due date."""

import datetime

import pytest

from followup.models import Obligation, State
from hdnd.testing import migrate_to, migrate_to_latest
from registry import services as registry
from registry.models import Role
from registry.tests.factories import UserFactory
from supervision import selectors, services
from supervision.models import MilestoneObligation, Round

D = datetime.date
TODAY = D(2024, 5, 10)


@pytest.fixture
def round(setup, world) -> Round:
    ban = UserFactory(username="ban")
    registry.role_grant(user=ban, council=world.council, role=Role.AGENCY_USER, body=setup.committee)
    world.users["ban"] = ban
    return services.round_create(
        council=setup.council,
        body=setup.committee,
        subject="công tác quản lý đất đai",
        supervised=[setup.quang],
        set_up_on=D(2024, 4, 15),
        starts_on=D(2024, 5, 20),
        ends_on=D(2024, 5, 31),
        schedule_sent_on=D(2024, 4, 20),  # only the content is pending when the tests start
    )


def _content(round: Round) -> Obligation:
    return MilestoneObligation.objects.filter(round=round, key="content").order_by("pk").last().obligation


def shown(world, round: Round, as_user) -> dict:
    """What every screen says about the round's content milestone, read afresh."""
    office = as_user("office")
    page = office.get(f"/giam-sat/dot/{round.pk}/").content.decode()
    row = page[page.index('id="moc-content"') :]
    row = row[: row.index("</tr>")]
    fresh = selectors.round_get(council=world.council, pk=round.pk)
    content = next(m for m in selectors.milestones(fresh, on=TODAY) if m.key == "content")
    api = office.get(f"/api/v1/councils/{world.council.pk}/supervision/rounds/{round.pk}").json()
    return {
        "state": content.state,
        "due": content.due_on,
        "done": content.done_on,
        "row": row,
        "api_due": api["content_due_on"],
        "watched": selectors.rounds_to_watch(council=world.council, on=TODAY).filter(pk=round.pk).exists(),
    }


@pytest.mark.django_db
def test_the_follow_up_screens_and_api_move_the_round_milestone(world, round, as_user) -> None:
    ob = _content(round)
    assert ob.due_on == D(2024, 5, 2) and ob.due_start == D(2024, 4, 15) and ob.due_rule
    now = shown(world, round, as_user)
    assert now["state"] == "overdue" and now["watched"] and now["api_due"] == "2024-05-02"
    assert "02/05/2024" in now["row"] and f"/theo-doi/{ob.pk}/vi-sao-han/" in now["row"]

    # The committee reports the content sent, on its task page.
    response = as_user("ban").post(f"/theo-doi/{ob.pk}/bao-cao/", {"kind": "hoan_thanh", "text": "Đã gửi đề cương."})
    assert response.status_code == 302
    reported_on = Obligation.objects.get(pk=ob.pk).reported_on
    now = shown(world, round, as_user)
    assert now["done"] == reported_on and now["state"] in ("done", "late_done") and "Đã thực hiện" in now["row"]

    # The office returns it through the API: the milestone is overdue again.
    api = f"/api/v1/councils/{world.council.pk}/obligations/{ob.pk}"
    response = as_user("office").post(f"{api}/return", {"reason": "Thiếu đề cương."}, content_type="application/json")
    assert response.status_code == 200, response.content
    now = shown(world, round, as_user)
    assert now["done"] is None and now["state"] == "overdue" and now["watched"] and "Quá hạn" in now["row"]

    # The office extends it on the follow-up screen: the round's due date is the obligation's.
    response = as_user("office").post(f"/theo-doi/{ob.pk}/gia-han/", {"due_on": "31/05/2024", "reason": "Chờ số liệu."})
    assert response.status_code == 302
    now = shown(world, round, as_user)
    assert now["due"] == D(2024, 5, 31) and now["api_due"] == "2024-05-31" and now["state"] == "pending"
    assert "31/05/2024" in now["row"]
    services.round_update(round=round, plan="Làm việc trực tiếp")  # a write of the round keeps the extension
    assert _content(round).pk == ob.pk and shown(world, round, as_user)["due"] == D(2024, 5, 31)

    # Reported again through the API, accepted on the screen: done.
    response = as_user("ban").post(
        f"{api}/report", {"text": "Đã gửi bổ sung.", "done": True, "reply_label": ""}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    response = as_user("office").post(f"/theo-doi/{ob.pk}/chap-nhan/", {"text": ""})
    assert response.status_code == 302
    now = shown(world, round, as_user)
    assert now["state"] in ("done", "late_done") and not now["watched"]
    services.round_update(round=round, plan="Làm việc tại trụ sở")
    assert Obligation.objects.get(pk=ob.pk).state == State.ACCEPTED and _content(round).pk == ob.pk


@pytest.mark.django_db
def test_a_cancel_on_the_follow_up_engine_stays(world, round, as_user) -> None:
    ob = _content(round)
    api = f"/api/v1/councils/{world.council.pk}/obligations/{ob.pk}"
    response = as_user("office").post(f"{api}/cancel", {"reason": "Không áp dụng."}, content_type="application/json")
    assert response.status_code == 200, response.content
    now = shown(world, round, as_user)
    assert now["state"] == "cancelled" and now["due"] is None and now["api_due"] is None
    assert "Đã hủy theo dõi" in now["row"]
    services.round_update(round=round, plan="Làm việc trực tiếp")
    assert _content(round).pk == ob.pk


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_every_due_date(setup, round) -> None:
    services.round_update(round=round, content_sent_on=D(2024, 4, 25))
    followup_ids = set(MilestoneObligation.objects.filter(round=round).values_list("obligation_id", flat=True))
    try:
        old = migrate_to([("supervision", "0005_merge_0004_bounded_text_0004_history_m2m")])
        OldRound = old.get_model("supervision", "Round")
        stored = OldRound.objects.get(pk=round.pk)
        assert (stored.content_due_on, stored.report_due_on) == (D(2024, 5, 2), D(2024, 6, 10))
        # A round written before milestones were all followed: a done milestone had no obligation.
        old.get_model("supervision", "MilestoneObligation").objects.filter(round_id=round.pk, key="content").delete()
        migrate_to([("supervision", "0006_round_milestones_on_obligation")])
    finally:
        migrate_to_latest()
    fresh = selectors.round_get(council=setup.council, pk=round.pk)
    content = fresh.milestone_obligation("content")
    assert content.pk not in followup_ids and content.state == State.ACCEPTED
    assert (content.due_on, content.reported_on) == (D(2024, 5, 2), D(2024, 4, 25))
    assert (fresh.content_due_on, fresh.report_due_on) == (D(2024, 5, 2), D(2024, 6, 10))
    assert services.milestones_follow(round=fresh) == []  # the migrated obligation is the milestone's
