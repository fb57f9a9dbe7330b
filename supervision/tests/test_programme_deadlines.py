"""A supervision programme's due dates come from versioned rules (issue 15): the proposals' day from a
date-type rule, the draft and the adoption as obligations of the standing committee, each computed with the
version in force on the day its counting starts (Luật 87/2015/QH13 before 01/03/2026, Luật 121/2025/QH15
from then: no number known, so the council's setting is asked), each with its "Vì sao hạn này" on the
programme's screens and in the API; the data migration keeps every stored date, both ways."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from followup import services as followup
from followup.models import Obligation, State
from hdnd.testing import migrate_to, migrate_to_latest
from registry import services as registry
from supervision import selectors, services
from supervision.models import Programme, ProgrammeKind, ProgrammeMilestone

D = datetime.date
NEW_LAW = "Luật Hoạt động giám sát 121/2025/QH15"
OLD_LAW = "Luật Hoạt động giám sát 87/2015/QH13"


def _council_programme(setup, year: int, session_on: datetime.date) -> Programme:
    return services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=year, body=setup.standing, session_on=session_on
    )


def _shown(world, programme: Programme, as_user) -> tuple[str, dict]:
    office = as_user("office")
    page = office.get(f"/giam-sat/chuong-trinh/{programme.pk}/")
    assert page.status_code == 200
    api = office.get(f"/api/v1/councils/{world.council.pk}/supervision/programmes/{programme.pk}")
    assert api.status_code == 200, api.content
    return page.content.decode(), api.json()


@pytest.mark.django_db
def test_programme_of_2026_under_the_old_law(world, setup, as_user) -> None:
    programme = _council_programme(setup, 2026, D(2025, 7, 15))
    # Điều 58: proposals by 01/03 of the year before; the draft at least 10 days before the mid-year session
    # (05/07/2025 is a Saturday: the Friday before); adopted at that session.
    assert programme.proposals_due_on == D(2025, 3, 1)
    assert OLD_LAW in programme.proposals_basis["citation"] and programme.proposals_basis["valid_to"] == "2026-02-28"
    assert programme.draft_due_on == D(2025, 7, 4) and programme.adopt_due_on == D(2025, 7, 15)
    draft = programme.milestone_obligation("draft")
    assert draft.owner == setup.standing and draft.kind == "supervision_programme_milestone"
    assert (draft.due_start, draft.due_value, draft.due_before) == (D(2025, 7, 15), 10, True)
    assert "87/2015/QH13, Điều 58" in draft.due_citation and draft.due_version_to == D(2026, 2, 28)
    page, api = _shown(world, programme, as_user)
    assert f"/theo-doi/{draft.pk}/vi-sao-han/" in page
    assert f"/giam-sat/chuong-trinh/{programme.pk}/vi-sao-han-de-xuat/" in page and "Vì sao hạn này" in page
    assert api["proposals_due_on"] == "2025-03-01" and api["proposals_basis"]["value_label"] == "01/03"
    assert (
        api["draft_due_on"] == "2025-07-04" and api["draft_due_basis"]["why_url"] == f"/theo-doi/{draft.pk}/vi-sao-han/"
    )
    assert api["adopt_due_basis"]["rule"] == "supervision_programme_adopt_at_session"
    why = as_user("office").get(api["proposals_basis"]["why_url"]).content.decode()
    assert "01/03/2025" in why and "87/2015/QH13, Điều 58" in why


@pytest.mark.django_db
def test_programme_of_2027_asks_the_council_and_uses_its_settings(world, setup, as_user) -> None:
    # The session of 14/07/2026 falls under Luật 121/2025, whose numbers (NQ 114/2025) are not known.
    with pytest.raises(ValidationError, match="Chưa thiết lập"):
        _council_programme(setup, 2027, D(2026, 7, 14))
    assert not Programme.objects.exists() and not Obligation.objects.exists()
    decision = "Nghị quyết số 03/NQ-HĐND ngày 10/03/2026"
    for key, value in (
        ("supervision_programme_draft_before_session", 12),
        ("supervision_programme_adopt_at_session", 0),
    ):
        registry.setting_set(council=setup.council, key=key, value=value, valid_from=D(2026, 3, 1), decision=decision)
    programme = _council_programme(setup, 2027, D(2026, 7, 14))
    # 12 days before Tuesday 14/07/2026 is Thursday 02/07/2026, by the council's version.
    assert programme.draft_due_on == D(2026, 7, 2) and programme.adopt_due_on == D(2026, 7, 14)
    assert programme.milestone_obligation("draft").due_setting_decision == decision
    # The proposals' day: 01/03/2026 is under the new law, which gives no day: asked, not invented.
    assert programme.proposals_due_on is None and programme.proposals_basis["missing"] is True
    assert NEW_LAW in programme.proposals_basis["citation"]
    page, api = _shown(world, programme, as_user)
    assert (
        "Văn phòng cần thiết lập trong phần Cài đặt" in page
        and api["proposals_due_on"] is None
        and api["proposals_basis"]["missing"] is True
    )
    registry.setting_set(
        council=setup.council, key="supervision_proposals_by", value=415, valid_from=D(2026, 3, 1), decision=decision
    )
    programme = services.programme_update(programme=programme, title=programme.title)
    assert programme.proposals_due_on == D(2026, 4, 15)
    assert programme.proposals_basis["setting_decision"] == decision and programme.proposals_basis["from_setting"]
    # The 2026 programme (its proposals due 01/03/2025) still has the old law's day.
    older = _council_programme(setup, 2026, D(2025, 7, 15))
    assert older.proposals_due_on == D(2025, 3, 1) and OLD_LAW in older.proposals_basis["citation"]


@pytest.mark.django_db
def test_standing_programme_both_sides_of_01_03_2026(setup) -> None:
    old = services.programme_create(
        council=setup.council, kind=ProgrammeKind.STANDING, year=2026, body=setup.standing, session_on=D(2025, 12, 12)
    )
    # Điều 67: within 15 days after the year-end session: 27/12/2025 is a Saturday, so Monday 29/12/2025.
    assert old.adopt_due_on == D(2025, 12, 29) and old.proposals_due_on is None and old.draft_due_on is None
    assert "87/2015/QH13, Điều 67" in old.adopt_obligation.due_citation
    with pytest.raises(ValidationError, match="Chưa thiết lập"):
        services.programme_create(
            council=setup.council,
            kind=ProgrammeKind.STANDING,
            year=2027,
            body=setup.standing,
            session_on=D(2026, 12, 10),
        )


@pytest.mark.django_db
def test_follow_up_screens_move_and_close_the_milestones(setup) -> None:
    programme = _council_programme(setup, 2026, D(2025, 7, 15))
    adopt = programme.adopt_obligation
    followup.obligation_extend(obligation=adopt, user=None, due_on=D(2025, 7, 18), reason="Kỳ họp kéo dài.")
    programme = selectors.programme_get(council=setup.council, pk=programme.pk)
    assert programme.adopt_due_on == D(2025, 7, 18)
    assert selectors.programme_milestones(programme, on=D(2025, 7, 1))[2].due_on == D(2025, 7, 18)
    programme = services.programme_update(programme=programme, draft_sent_on=D(2025, 7, 3), adopted_on=D(2025, 7, 17))
    draft = programme.milestone_obligation("draft")
    adopt.refresh_from_db()
    assert draft.state == State.ACCEPTED and adopt.state == State.ACCEPTED and adopt.due_on == D(2025, 7, 18)
    assert ProgrammeMilestone.objects.count() == 2  # nothing new while nothing moved
    # A later session moves the draft's due date: the obligation is extended, not duplicated.
    fresh = _council_programme(setup, 2025, D(2024, 7, 15))
    fresh = services.programme_update(programme=fresh, session_on=D(2024, 7, 22))
    assert fresh.draft_due_on == D(2024, 7, 12) and ProgrammeMilestone.objects.filter(programme=fresh).count() == 2


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_every_date_both_ways(setup) -> None:
    kept = _council_programme(setup, 2026, D(2025, 7, 15))
    services.programme_update(programme=kept, draft_sent_on=D(2025, 7, 1))
    try:
        old = migrate_to([("supervision", "0006_round_milestones_on_obligation")])
        OldProgramme = old.get_model("supervision", "Programme")
        row = OldProgramme.objects.get(pk=kept.pk)
        # Going back copies each obligation's due date onto the programme.
        assert (row.proposals_due_on, row.draft_due_on, row.adopt_due_on) == (
            D(2025, 3, 1),
            D(2025, 7, 4),
            D(2025, 7, 15),
        )
        # A programme stored by the old code, of 2027 (its fixed 01/03/2026 falls under the new law).
        OldBody = old.get_model("registry", "Body")
        stored = OldProgramme.objects.create(
            council_id=setup.council.pk,
            kind="hdnd",
            year=2027,
            body=OldBody.objects.get(pk=setup.standing.pk),
            title="Chương trình giám sát năm 2027",
            session_on=D(2026, 7, 14),
            proposals_due_on=D(2026, 3, 1),
            draft_due_on=D(2026, 7, 3),
            adopt_due_on=D(2026, 7, 14),
            adopted_on=D(2026, 7, 15),
        )
        migrate_to([("supervision", "0007_programme_milestones_on_obligation")])
    finally:
        migrate_to_latest()
    back = Programme.objects.get(pk=kept.pk)
    assert (back.proposals_due_on, back.draft_due_on, back.adopt_due_on) == (
        D(2025, 3, 1),
        D(2025, 7, 4),
        D(2025, 7, 15),
    )
    assert back.milestone_obligation("draft").state == State.ACCEPTED
    # The obligations made before going back are linked again, not duplicated.
    assert Obligation.objects.filter(source_id=kept.pk, kind="supervision_programme_milestone").count() == 2
    assert "87/2015/QH13, Điều 58" in back.proposals_basis["citation"]
    moved = Programme.objects.get(pk=stored.pk)
    assert (moved.proposals_due_on, moved.draft_due_on, moved.adopt_due_on) == (
        D(2026, 3, 1),
        D(2026, 7, 3),
        D(2026, 7, 14),
    )
    assert moved.proposals_basis["kept"] is True and NEW_LAW in moved.proposals_basis["citation"]
    adopt = moved.adopt_obligation
    assert adopt.owner_id == setup.standing.pk and adopt.state == State.ACCEPTED and adopt.reported_on == D(2026, 7, 15)
    assert adopt.due_rule == ""  # after 01/03/2026 the old law gives no basis: the date is kept as given
