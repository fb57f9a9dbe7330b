"""A verification's deadline is an obligation of the verifying committee (issue 13, issue 15): computed
with the version of `verification_before_opening` in force on the opening (10 days, Luật Hoạt động giám
sát 87/2015/QH13, up to 28/02/2026; from 01/03/2026 the council sets the number, and assigning asks for
it), with its "Vì sao hạn này" on the submission's page, the session's page and the API; an extension
or a recomputation on the follow-up screens moves it; the report closes it; the data migration gives
every stored verification its obligation and keeps its day."""

import datetime

import pytest

from followup.models import Obligation, State
from hdnd.testing import migrate_to, migrate_to_latest
from plenary import services
from plenary.models import Submission, Verification
from plenary.tests.factories import committee, make_session, make_submission, set_due_days
from registry import services as registry_services
from registry.models import DayKind

D = datetime.date


@pytest.fixture
def verification(world) -> Verification:
    set_due_days(world.council, 20)
    session = make_session(world.council, world.term, number=22, opens_on=D(2024, 12, 18), created_on=D(2024, 11, 1))
    submission = make_submission(session, world.agency)
    return services.verification_assign(
        submission=submission, committee=committee(world.council), assigned_on=D(2024, 11, 20), user=None
    )


def shown(world, verification: Verification, as_user) -> dict:
    office = as_user("office")
    page = office.get(f"/ky-hop/ho-so/{verification.submission_id}/").content.decode()
    row = page[page.index("Hạn báo cáo thẩm tra") :]
    row = row[: row.index("</dd>")]
    session_page = office.get(f"/ky-hop/{verification.submission.session_id}/").content.decode()
    api = office.get(f"/api/v1/councils/{world.council.pk}/sessions/{verification.submission.session_id}")
    assert api.status_code == 200, api.content
    [out] = api.json()["submissions"]
    fresh = Verification.objects.select_related("obligation").get(pk=verification.pk)
    return {"due": fresh.due_on, "row": row, "session": session_page, "api": out["verification"]}


@pytest.mark.django_db
def test_the_deadline_comes_from_the_rule_and_the_follow_up_screens_move_it(world, verification, as_user) -> None:
    ob = Obligation.objects.get(pk=verification.obligation_id)
    assert ob.kind == "verification_report" and ob.owner == verification.committee
    assert ob.due_rule == "verification_before_opening" and "87/2015/QH13" in ob.due_citation
    now = shown(world, verification, as_user)
    # 10 days before the opening on 18/12/2024 is Sunday 08/12: the Friday before.
    assert now["due"] == ob.due_on == D(2024, 12, 6) and "06/12/2024" in now["row"]
    why = f"/theo-doi/{ob.pk}/vi-sao-han/"
    assert why in now["row"] and "Vì sao hạn này" in now["row"] and "Tiến độ: Đã giao" in now["row"]
    assert why in now["session"] and "06/12/2024" in now["session"]
    assert now["api"]["due_on"] == "2024-12-06" and now["api"]["due_why_url"] == why
    assert now["api"]["progress"] == "da_giao"
    page = as_user("office").get(why).content.decode()
    assert "Luật Hoạt động giám sát 87/2015/QH13" in page and "18/12/2024" in page

    response = as_user("office").post(f"/theo-doi/{ob.pk}/gia-han/", {"due_on": "12/12/2024", "reason": "Chờ số liệu."})
    assert response.status_code == 302
    now = shown(world, verification, as_user)
    assert now["due"] == D(2024, 12, 12) and "12/12/2024" in now["row"] and "12/12/2024" in now["session"]
    assert now["api"]["due_on"] == "2024-12-12"

    services.verification_report(
        verification=Verification.objects.select_related("obligation", "submission__session__council", "committee").get(
            pk=verification.pk
        ),
        conclusion="tan_thanh",
        text="Ban đã thẩm tra.",
        reported_on=D(2024, 12, 10),
        signer_name="Trần Văn Hùng",
        user=None,
    )
    ob.refresh_from_db()
    assert ob.state == State.REPORTED_DONE and ob.reported_on == D(2024, 12, 10)
    now = shown(world, verification, as_user)
    assert "Tiến độ: Đã báo cáo hoàn thành" in now["row"] and now["api"]["progress"] == "da_bao_cao"
    assert now["api"]["reported_on"] == "2024-12-10"


@pytest.mark.django_db
def test_recompute_moves_the_verification(world, verification, as_user) -> None:
    registry_services.calendar_day_add(council=world.council, day=D(2024, 12, 6), kind=DayKind.DAY_OFF, note="Nghỉ")
    office = as_user("office")
    assert verification.submission.title in office.get("/theo-doi/tinh-lai-han/").content.decode()
    assert office.post("/theo-doi/tinh-lai-han/").status_code == 302
    now = shown(world, verification, as_user)
    assert now["due"] == D(2024, 12, 5) and "05/12/2024" in now["row"]  # the day before the new day off
    assert now["api"]["due_on"] == "2024-12-05"


@pytest.mark.django_db
def test_after_the_2025_law_the_council_sets_the_number(world, as_user) -> None:
    set_due_days(world.council, 20)
    session = make_session(world.council, world.term, number=23, opens_on=D(2026, 7, 15), created_on=D(2026, 6, 1))
    submission = make_submission(session, world.agency)
    ban = committee(world.council)
    response = as_user("office").post(
        f"/ky-hop/ho-so/{submission.pk}/phan-cong-tham-tra/", {"committee": ban.pk, "assigned_on": "10/06/2026"}
    )
    assert response.status_code == 200  # refused: the form again, saying what is missing
    assert "Chưa thiết lập quy định" in response.content.decode()
    assert not Verification.objects.filter(submission=submission).exists()

    registry_services.setting_set(
        council=world.council,
        key="verification_before_opening",
        value=7,
        valid_from=D(2026, 3, 1),
        decision="Nghị quyết số 09/NQ-HĐND",
    )
    response = as_user("office").post(
        f"/ky-hop/ho-so/{submission.pk}/phan-cong-tham-tra/", {"committee": ban.pk, "assigned_on": "10/06/2026"}
    )
    assert response.status_code == 302
    verification = Verification.objects.select_related("obligation").get(submission=submission)
    assert verification.due_on == D(2026, 7, 8)  # 7 days before Wednesday 15/07/2026
    why = as_user("office").get(f"/theo-doi/{verification.obligation_id}/vi-sao-han/").content.decode()
    assert "09/NQ-HĐND" in why and "87/2015/QH13" not in why


@pytest.mark.django_db(transaction=True)
def test_migration_gives_every_verification_an_obligation(world, verification) -> None:
    ob = Obligation.objects.get(pk=verification.obligation_id)
    other = make_submission(verification.submission.session, world.agency, title="Tờ trình về biên chế")
    stored = services.verification_assign(
        submission=other, committee=verification.committee, assigned_on=D(2024, 11, 20), user=None
    )
    try:
        old = migrate_to([("plenary", "0008_question_answer_on_obligation")])
        OldVerification = old.get_model("plenary", "Verification")
        assert OldVerification.objects.get(pk=verification.pk).due_on == D(2024, 12, 6)  # going back copies it
        # A verification stored with its own day and no obligation (as before this change).
        old.get_model("followup", "Obligation").objects.filter(pk=stored.obligation_id).delete()
        OldVerification.objects.filter(pk=stored.pk).update(due_on=D(2024, 12, 9), reported_on=D(2024, 12, 8))
        migrate_to([("plenary", "0009_verification_due_on_obligation")])
    finally:
        migrate_to_latest()
    kept = Verification.objects.select_related("obligation").get(pk=verification.pk)
    assert kept.obligation_id == ob.pk and kept.due_on == D(2024, 12, 6)  # linked again, nothing doubled
    moved = Verification.objects.select_related("obligation").get(pk=stored.pk)
    assert moved.due_on == D(2024, 12, 9)
    created = moved.obligation
    assert created.kind == "verification_report" and created.owner == moved.committee
    assert created.source == Submission.objects.get(pk=other.pk)
    assert created.state == State.REPORTED_DONE and created.reported_on == D(2024, 12, 8)
    assert Obligation.objects.filter(kind="verification_report").count() == 2
