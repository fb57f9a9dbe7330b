"""A questioning commitment's deadline and progress are its obligation's (issue 13, issue 15 item 2):
whichever screen or route moves the obligation — the follow-up engine's, as the agency or the office —
the session's page and the commitment's API say the same; a recomputation after the calendar changes
moves the commitment's date, its "Vì sao hạn này" cites the version in force on the counting start; the
data migration keeps every stored deadline."""

import datetime

import pytest

from followup.models import Obligation, State
from hdnd.testing import migrate_to, migrate_to_latest
from plenary import services
from plenary.models import Commitment
from plenary.tests.factories import make_delegates, make_session, set_due_days
from registry import services as registry_services
from registry.models import DayKind

D = datetime.date


@pytest.fixture
def commitment(world) -> Commitment:
    set_due_days(world.council)
    [delegate] = make_delegates(world.term, 1)
    s21 = make_session(world.council, world.term, number=21, opens_on=D(2024, 7, 10), created_on=D(2024, 6, 1))
    s22 = make_session(world.council, world.term, number=22, opens_on=D(2024, 12, 18))
    question = services.question_create(
        session=s21,
        delegate=delegate,
        addressee=delegate.person,
        addressee_body=world.agency,
        content="Vì sao chậm giải ngân?",
        asked_on=D(2024, 7, 5),
        user=None,
    )
    services.question_answer(
        question=question, mode="tai_ky_hop", answered_on=D(2024, 7, 11), answer="Sẽ xong", user=None
    )
    return services.commitment_create(
        question=question, content="Giải ngân xong trong quý IV", next_session=s22, user=None
    )


def shown(world, commitment: Commitment, as_user) -> dict:
    office = as_user("office")
    page = office.get(f"/ky-hop/{commitment.question.session_id}/").content.decode()
    row = page[page.index("Giải ngân xong trong quý IV") :]
    row = row[: row.index("</div>")]
    fresh = Commitment.objects.get(pk=commitment.pk)
    return {"due": fresh.due_on, "progress": fresh.progress_label, "row": row}


@pytest.mark.django_db
def test_the_follow_up_engine_moves_the_commitment(world, commitment, as_user) -> None:
    ob = Obligation.objects.get(pk=commitment.obligation_id)
    now = shown(world, commitment, as_user)
    # 10 days before the opening on 18/12/2024 is Sunday 08/12: the Friday before.
    assert now["due"] == ob.due_on == D(2024, 12, 6) and "06/12/2024" in now["row"]
    assert f"/theo-doi/{ob.pk}/vi-sao-han/" in now["row"] and "Tiến độ: Đã giao" in now["row"]

    response = as_user("agency").post(f"/theo-doi/{ob.pk}/bao-cao/", {"kind": "hoan_thanh", "text": "Đã giải ngân."})
    assert response.status_code == 302
    assert "Tiến độ: Đã báo cáo hoàn thành" in shown(world, commitment, as_user)["row"]

    api = f"/api/v1/councils/{world.council.pk}/obligations/{ob.pk}"
    response = as_user("office").post(f"{api}/return", {"reason": "Chưa đủ số liệu."}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert "Tiến độ: Bị trả lại" in shown(world, commitment, as_user)["row"]

    response = as_user("office").post(f"/theo-doi/{ob.pk}/gia-han/", {"due_on": "12/12/2024", "reason": "Chờ số liệu."})
    assert response.status_code == 302
    now = shown(world, commitment, as_user)
    assert now["due"] == D(2024, 12, 12) and "12/12/2024" in now["row"]

    response = as_user("agency").post(
        f"{api}/report",
        {"text": "Đã giải ngân 100%.", "done": True, "reply_label": ""},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    response = as_user("office").post(f"/theo-doi/{ob.pk}/chap-nhan/", {"text": ""})
    assert response.status_code == 302
    assert "Tiến độ: Đã hoàn thành" in shown(world, commitment, as_user)["row"]
    assert Obligation.objects.get(pk=ob.pk).state == State.ACCEPTED


@pytest.mark.django_db
def test_recompute_moves_the_commitment_and_its_why_cites_the_version_of_the_start(world, commitment, as_user) -> None:
    # The council sets its own 15 days from 2025 (a new version) and declares 06/12/2024 a day off.
    registry_services.setting_set(
        council=world.council,
        key="commitment_report_before_session",
        value=15,
        valid_from=D(2025, 1, 1),
        decision="Nghị quyết số 05/NQ-HĐND",
    )
    registry_services.calendar_day_add(council=world.council, day=D(2024, 12, 6), kind=DayKind.DAY_OFF, note="Nghỉ")
    office = as_user("office")
    assert "Giải ngân xong trong quý IV" in office.get("/theo-doi/tinh-lai-han/").content.decode()
    assert office.post("/theo-doi/tinh-lai-han/").status_code == 302
    now = shown(world, commitment, as_user)
    assert now["due"] == D(2024, 12, 5) and "05/12/2024" in now["row"]  # the day before the new day off
    why = office.get(f"/theo-doi/{commitment.obligation_id}/vi-sao-han/").content.decode()
    # The counting started on 18/12/2024: the law's version, not the council's from 2025.
    assert "Luật Hoạt động giám sát 87/2015/QH13" in why and "05/NQ-HĐND" not in why
    assert "18/12/2024" in why and "05/12/2024" in why


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_the_deadline(world, commitment) -> None:
    ob = Obligation.objects.get(pk=commitment.obligation_id)
    try:
        old = migrate_to([("plenary", "0005_submission_progress_on_obligation")])
        OldCommitment = old.get_model("plenary", "Commitment")
        assert OldCommitment.objects.get(pk=commitment.pk).due_on == D(2024, 12, 6)  # going back copies it
        OldCommitment.objects.filter(pk=commitment.pk).update(obligation_id=None, due_on=D(2024, 12, 9))
        migrate_to([("plenary", "0006_commitment_due_on_obligation")])
    finally:
        migrate_to_latest()
    moved = Commitment.objects.get(pk=commitment.pk)
    assert moved.obligation_id != ob.pk and moved.due_on == D(2024, 12, 9)
    created = Obligation.objects.get(pk=moved.obligation_id)
    assert created.kind == "questioning_commitment" and created.source == moved and created.owner == world.agency
