"""Every legal deadline of a round and a programme is computed from its rule, and follows a council's setting."""

import datetime

import pytest

from registry.calendar import deadline
from supervision import selectors, services
from supervision.models import ProgrammeKind
from supervision.tests.factories import make_round, set_rule

D = datetime.date
pytestmark = pytest.mark.django_db


def test_round_deadlines_from_their_rules(setup) -> None:
    council = setup.council
    round = make_round(setup)  # a committee's round, set up Monday 06/05/2024, from 03/06 to 07/06/2024
    # 15 days after the set-up (Điều 62, 70, 80): 21/05/2024, a Tuesday.
    assert round.content_due_on == deadline(council, D(2024, 5, 6), rule="supervision_content_after_setup")
    assert round.content_due_on == D(2024, 5, 21)
    # at least 10 days before the first visit (no session yet: the start 03/06): 24/05/2024, a Friday.
    assert round.schedule_due_on == D(2024, 5, 24)
    # a committee reports within 10 days of the end (Điều 80): 17/06/2024.
    assert round.report_due_on == D(2024, 6, 17)
    assert round.consider_due_on is None
    services.session_add(round=round, held_on=D(2024, 6, 10), place="Trụ sở", body=setup.quang)
    services.session_add(round=round, held_on=D(2024, 5, 30), place="Trụ sở", body=setup.thanh)
    round.refresh_from_db()
    # the first working session now counts: 20/05/2024.
    assert round.schedule_due_on == D(2024, 5, 20)
    services.report_record(round=round, report_on=D(2024, 6, 14))
    round.refresh_from_db()
    # the standing committee considers within 7 days (Điều 71): 21/06/2024.
    assert round.consider_due_on == D(2024, 6, 21)


def test_standing_committee_reports_within_15_days(setup) -> None:
    round = make_round(setup, body=setup.standing)
    assert round.report_due_on == deadline(setup.council, D(2024, 6, 7), rule="standing_round_report_after_end")
    assert round.report_due_on == D(2024, 6, 24)  # 22/06 is a Saturday: the next working day


def test_changed_council_settings_change_every_deadline(setup) -> None:
    council = setup.council
    set_rule(council, "supervision_content_after_setup", 20)
    set_rule(council, "supervision_schedule_before_visit", 5)
    set_rule(council, "committee_round_report_after_end", 12)
    set_rule(council, "standing_round_report_after_end", 20)
    set_rule(council, "standing_considers_report_within", 3)
    round = make_round(setup)
    assert round.content_due_on == D(2024, 5, 27)
    assert round.schedule_due_on == D(2024, 5, 29)
    assert round.report_due_on == D(2024, 6, 19)
    services.report_record(round=round, report_on=D(2024, 6, 10))
    round.refresh_from_db()
    assert round.consider_due_on == D(2024, 6, 13)
    standing = make_round(setup, body=setup.standing)
    assert standing.report_due_on == D(2024, 6, 27)


def test_programme_deadlines(setup) -> None:
    council = setup.council
    programme = services.programme_create(
        council=council, kind=ProgrammeKind.COUNCIL, year=2025, body=setup.standing, session_on=D(2024, 7, 15)
    )
    assert programme.proposals_due_on == D(2024, 3, 1)  # Điều 58: by 1 March of the year before
    assert programme.draft_due_on == D(2024, 7, 5)  # at least 10 days before the mid-year session
    assert programme.adopt_due_on == D(2024, 7, 15)
    standing = services.programme_create(
        council=council, kind=ProgrammeKind.STANDING, year=2025, body=setup.standing, session_on=D(2024, 12, 12)
    )
    assert standing.adopt_due_on == D(2024, 12, 27)  # Điều 67: within 15 days after the year-end session
    set_rule(council, "standing_programme_after_year_end_session", 20)
    set_rule(council, "supervision_programme_draft_before_session", 15)
    standing = services.programme_update(programme=standing, session_on=D(2024, 12, 12))
    assert standing.adopt_due_on == D(2025, 1, 2)  # 01/01 is a holiday
    programme = services.programme_update(programme=programme, session_on=D(2024, 7, 15))
    assert programme.draft_due_on == D(2024, 6, 28)  # 30/06 is a Sunday: the Friday before


def test_unlawful_document_reply_in_30_days(world, setup) -> None:
    from documents.models import DocType
    from documents.services import incoming_create
    from supervision.models import ReviewOutcome

    document = incoming_create(
        council=setup.council,
        doc_type=DocType.NGHI_QUYET,
        subject="Nghị quyết về phí chợ",
        received_on=D(2024, 4, 1),
        sender_body=setup.quang,
    )
    review = services.review_create(document=document)
    review = services.review_record(
        review=review, outcome=ReviewOutcome.UNLAWFUL, reviewed_on=D(2024, 4, 10), notes="Thu phí trái luật."
    )
    assert review.obligation.due_on == D(2024, 5, 10)
    assert review.obligation.owner == setup.quang
    assert review.obligation.kind == services.UNLAWFUL_DOCUMENT
    set_rule(setup.council, "unlawful_document_reply_days", 15)
    other = services.review_create(
        document=incoming_create(
            council=setup.council,
            doc_type=DocType.QUYET_DINH,
            subject="Quyết định",
            received_on=D(2024, 4, 1),
            sender_body=setup.thanh,
        )
    )
    other = services.review_record(review=other, outcome=ReviewOutcome.UNLAWFUL, reviewed_on=D(2024, 4, 10), notes="x")
    assert other.obligation.due_on == D(2024, 4, 25)


def test_milestone_states_warn_before_passing(setup) -> None:
    round = make_round(setup)
    states = {m.key: m.state for m in selectors.milestones(round, on=D(2024, 5, 15))}
    assert states == {"content": "soon", "schedule": "pending", "report": "pending", "consider": "unknown"}
    states = {m.key: m.state for m in selectors.milestones(round, on=D(2024, 5, 22))}
    assert states["content"] == "overdue" and states["schedule"] == "soon"
    assert list(selectors.rounds_to_watch(council=setup.council, on=D(2024, 5, 15))) == [round]
    assert list(selectors.rounds_to_watch(council=setup.council, on=D(2024, 5, 1))) == []
    services.round_update(round=round, content_sent_on=D(2024, 5, 20), schedule_sent_on=D(2024, 5, 20))
    round.refresh_from_db()
    states = {m.key: m.state for m in selectors.milestones(round, on=D(2024, 5, 22))}
    assert states["content"] == "done" and states["schedule"] == "done"
