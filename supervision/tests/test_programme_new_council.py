"""A council set up after the proposals' day of a programme (a commune of the 2025 reform, its first term
from 10/04/2026) owes no proposals' day for it: none is dated before the council existed, and the basis cited
is the version in force on its first day (Luật 121/2025/QH15, not Luật 87/2015/QH13). Its first programme,
adopted at a session of the programme's own year, never calls that session "of the year before"."""

import datetime

import pytest

from followup.models import Obligation
from registry import services as registry
from registry.models import Term
from supervision import selectors, services
from supervision.models import ProgrammeKind

D = datetime.date
FIRST_TERM = D(2026, 4, 10)
NEW_LAW = "Luật Hoạt động giám sát 121/2025/QH15"
DECISION = "Nghị quyết số 05/NQ-HĐND ngày 10/04/2026"


def _new_council(world, setup) -> None:
    Term.objects.filter(pk=world.term.pk).update(name="2026-2031", starts_on=FIRST_TERM, ends_on=D(2031, 6, 30))
    for key, value in (
        ("supervision_programme_draft_before_session", 10),
        ("supervision_programme_adopt_at_session", 0),
    ):
        registry.setting_set(council=setup.council, key=key, value=value, valid_from=FIRST_TERM, decision=DECISION)


@pytest.mark.django_db
def test_first_programme_of_a_council_set_up_after_the_proposals_day(world, setup, as_user) -> None:
    _new_council(world, setup)
    programme = services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=2026, body=setup.standing, session_on=FIRST_TERM
    )
    basis = programme.proposals_basis
    assert programme.proposals_due_on is None
    assert basis["not_applicable"] is True and basis["missing"] is False
    assert (basis["legal_due"], basis["council_from"]) == ("2025-03-01", "2026-04-10")
    # Counted from the council's first day: the version in force on 10/04/2026.
    assert NEW_LAW in basis["citation"] and "87/2015" not in basis["citation"]
    assert basis["valid_from"] == "2026-03-01" and basis["valid_to"] is None
    proposals = selectors.programme_milestones(programme, on=D(2026, 12, 6))[0]
    assert (proposals.key, proposals.due_on, proposals.state_label) == ("proposals", None, "Không áp dụng")
    assert "10/04/2026" in proposals.citation and "01/03/2025" in proposals.citation

    office = as_user("office")
    page = office.get(f"/giam-sat/chuong-trinh/{programme.pk}/").content.decode()
    assert "Không áp dụng" in page and "năm trước" not in page
    why = office.get(f"/giam-sat/chuong-trinh/{programme.pk}/vi-sao-han-de-xuat/").content.decode()
    assert "Vì sao không có hạn gửi đề xuất" in why and "10/04/2026" in why and "01/03/2025" in why
    assert NEW_LAW in why and "87/2015" not in why
    api = office.get(f"/api/v1/councils/{world.council.pk}/supervision/programmes/{programme.pk}").json()
    assert api["proposals_due_on"] is None and api["proposals_basis"]["not_applicable"] is True

    # The draft and the adoption count from a session of 2026, the programme's own year: named as such.
    draft = programme.milestone_obligation("draft")
    assert draft.due_start_event == "Ngày khai mạc kỳ họp thông qua chương trình (năm 2026)"
    assert draft.due_setting_decision == DECISION and draft.due_on == D(2026, 3, 31)
    why_draft = office.get(f"/theo-doi/{draft.pk}/vi-sao-han/").content.decode()
    assert "kỳ họp thông qua chương trình (năm 2026)" in why_draft and "năm trước" not in why_draft


@pytest.mark.django_db
def test_later_programmes_of_that_council_follow_the_rule(world, setup) -> None:
    _new_council(world, setup)
    # 2027: the proposals' day falls in 2026, under Luật 121/2025 (no number): asked, since the council
    # existed then.
    asked = services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=2027, body=setup.standing, session_on=D(2026, 7, 14)
    )
    assert asked.proposals_due_on is None and asked.proposals_basis["missing"] is True
    assert not asked.proposals_basis.get("not_applicable")
    assert asked.milestone_obligation("draft").due_start_event == "Ngày khai mạc kỳ họp giữa năm của năm trước"
    # The council then sets 01/03 for every year from 01/03/2026: that day of 2026 is before its first day,
    # so none is owed; the basis names the council's setting, in force on its first day.
    registry.setting_set(
        council=setup.council, key="supervision_proposals_by", value=301, valid_from=D(2026, 3, 1), decision=DECISION
    )
    early = services.programme_update(programme=asked, title=asked.title)
    assert early.proposals_due_on is None and early.proposals_basis["not_applicable"] is True
    assert early.proposals_basis["legal_due"] == "2026-03-01" and early.proposals_basis["setting_decision"] == DECISION
    assert early.proposals_basis["from_setting"] is True
    # Computed once and kept, as any proposals' day: a later setting does not move it.
    registry.setting_set(
        council=setup.council, key="supervision_proposals_by", value=415, valid_from=D(2026, 3, 1), decision=DECISION
    )
    kept = services.programme_update(programme=early, title=early.title)
    assert kept.proposals_due_on is None and kept.proposals_basis == early.proposals_basis
    # The next year's day (15/04/2027, after the council's first day) is owed as the rule says.
    following = services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=2028, body=setup.standing, session_on=D(2027, 7, 13)
    )
    assert following.proposals_due_on == D(2027, 4, 15) and not following.proposals_basis.get("not_applicable")
    assert Obligation.objects.filter(source_id=kept.pk, kind="supervision_programme_milestone").count() == 2
