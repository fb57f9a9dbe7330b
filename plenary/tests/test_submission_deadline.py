"""A submission's deadline is its obligation's (issue 13, issue 15 item 2): an extension on the follow-up
screens moves the date the submission's page, the session's page and the API show; a recomputation after
the calendar changes moves it too, and its "Vì sao hạn này" cites the version in force on the counting
start (the opening); the data migration keeps every stored deadline."""

import datetime

import pytest

from followup.models import Obligation
from hdnd.testing import migrate_to, migrate_to_latest
from plenary.models import Submission
from plenary.tests.factories import make_session, make_submission
from registry import services as registry_services
from registry.models import DayKind

D = datetime.date


@pytest.fixture
def submission(world) -> Submission:
    registry_services.setting_set(
        council=world.council, key="submission_due_before_opening", value=10, decision="Nghị quyết số 01/NQ-HĐND"
    )
    session = make_session(world.council, world.term, number=22, opens_on=D(2024, 12, 18), created_on=D(2024, 11, 1))
    return make_submission(session, world.agency)


def shown(world, submission: Submission, as_user) -> dict:
    office = as_user("office")
    page = office.get(f"/ky-hop/ho-so/{submission.pk}/").content.decode()
    row = page[page.index("Hạn gửi hồ sơ") :]
    row = row[: row.index("</dd>")]
    session_page = office.get(f"/ky-hop/{submission.session_id}/").content.decode()
    api = office.get(f"/api/v1/councils/{world.council.pk}/sessions/{submission.session_id}")
    assert api.status_code == 200, api.content
    [out] = api.json()["submissions"]
    return {"due": Submission.objects.get(pk=submission.pk).due_on, "row": row, "session": session_page, "api": out}


@pytest.mark.django_db
def test_an_extension_on_the_follow_up_screens_moves_the_submission(world, submission, as_user) -> None:
    ob = Obligation.objects.get(pk=submission.obligation_id)
    now = shown(world, submission, as_user)
    # 10 days before the opening on 18/12/2024 is Sunday 08/12: the Friday before.
    assert now["due"] == ob.due_on == D(2024, 12, 6) and "06/12/2024" in now["row"]
    assert f"/theo-doi/{ob.pk}/vi-sao-han/" in now["row"] and "Vì sao hạn này" in now["row"]
    assert now["api"]["due_on"] == "2024-12-06"

    response = as_user("office").post(f"/theo-doi/{ob.pk}/gia-han/", {"due_on": "12/12/2024", "reason": "Chờ số liệu."})
    assert response.status_code == 302
    now = shown(world, submission, as_user)
    assert now["due"] == D(2024, 12, 12) and "12/12/2024" in now["row"] and "12/12/2024" in now["session"]
    assert now["api"]["due_on"] == "2024-12-12"


@pytest.mark.django_db
def test_recompute_moves_the_submission_and_its_why_cites_the_version_of_the_start(world, submission, as_user) -> None:
    # The council sets 20 days from 2025 (a new version) and declares 06/12/2024 a day off.
    registry_services.setting_set(
        council=world.council,
        key="submission_due_before_opening",
        value=20,
        valid_from=D(2025, 1, 1),
        decision="Nghị quyết số 05/NQ-HĐND",
    )
    registry_services.calendar_day_add(council=world.council, day=D(2024, 12, 6), kind=DayKind.DAY_OFF, note="Nghỉ")
    office = as_user("office")
    assert submission.title in office.get("/theo-doi/tinh-lai-han/").content.decode()
    assert office.post("/theo-doi/tinh-lai-han/").status_code == 302
    now = shown(world, submission, as_user)
    assert now["due"] == D(2024, 12, 5) and "05/12/2024" in now["row"]  # the day before the new day off
    assert now["api"]["due_on"] == "2024-12-05"
    why = office.get(f"/theo-doi/{submission.obligation_id}/vi-sao-han/").content.decode()
    # The counting started on the opening, 18/12/2024: the version of 01/NQ, not the one of 2025.
    assert "01/NQ-HĐND" in why and "05/NQ-HĐND" not in why
    assert "18/12/2024" in why and "05/12/2024" in why


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_the_deadline(world, submission) -> None:
    ob = Obligation.objects.get(pk=submission.obligation_id)
    try:
        old = migrate_to([("plenary", "0006_commitment_due_on_obligation")])
        OldSubmission = old.get_model("plenary", "Submission")
        assert OldSubmission.objects.get(pk=submission.pk).due_on == D(2024, 12, 6)  # going back copies it
        OldSubmission.objects.filter(pk=submission.pk).update(obligation_id=None, due_on=D(2024, 12, 9))
        migrate_to([("plenary", "0007_submission_due_on_obligation")])
    finally:
        migrate_to_latest()
    moved = Submission.objects.get(pk=submission.pk)
    assert moved.obligation_id != ob.pk and moved.due_on == D(2024, 12, 9)
    created = Obligation.objects.get(pk=moved.obligation_id)
    assert created.kind == "submission_due" and created.source == moved and created.owner == world.agency
