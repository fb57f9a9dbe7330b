"""A round's screens ask `round_allowed_actions` (issue 13 item 6); a recomputation after the calendar
changes moves the round's milestone date, and its "Vì sao hạn này" cites the version in force on the day
the counting started (issue 15 item 2)."""

import datetime

import pytest

from registry import services as registry
from registry.models import DayKind
from supervision import selectors, services
from supervision.tests.factories import make_round

D = datetime.date


@pytest.mark.django_db
def test_round_actions_follow_its_dates(setup, world, as_user) -> None:
    round = make_round(setup, ends_on=None)
    office, delegate = world.users["office"], world.users["delegate"]
    actions = services.round_allowed_actions(selectors.round_get(council=setup.council, pk=round.pk), office)
    assert "report_record" not in actions and "consider" not in actions and "decision_generate" in actions
    assert services.round_allowed_actions(round, delegate) == set()
    page = as_user("office").get(f"/giam-sat/dot/{round.pk}/").content.decode()
    assert f"/giam-sat/dot/{round.pk}/ket-luan/" not in page and f"/giam-sat/dot/{round.pk}/sua/" in page
    services.round_update(round=round, starts_on=D(2024, 6, 3), ends_on=D(2024, 6, 7))
    services.report_record(round=round, report_on=D(2024, 6, 10))
    actions = services.round_allowed_actions(selectors.round_get(council=setup.council, pk=round.pk), office)
    assert {"report_record", "consider"} <= actions


@pytest.mark.django_db
def test_recompute_moves_the_rounds_date_and_why_cites_the_version_of_the_start(setup, as_user) -> None:
    round = make_round(setup)  # set up Monday 06/05/2024: the content is due within 15 days, on 21/05
    assert round.content_due_on == D(2024, 5, 21)
    registry.setting_set(
        council=setup.council,
        key="supervision_content_after_setup",
        value=20,
        valid_from=D(2024, 6, 1),
        decision="Nghị quyết số 07/NQ-HĐND",
    )
    registry.calendar_day_add(council=setup.council, day=D(2024, 5, 21), kind=DayKind.DAY_OFF, note="Nghỉ")
    office = as_user("office")
    assert office.post("/theo-doi/tinh-lai-han/").status_code == 302
    fresh = selectors.round_get(council=setup.council, pk=round.pk)
    assert fresh.content_due_on == D(2024, 5, 22)  # the running deadline keeps its 15 days, past the day off
    page = office.get(f"/giam-sat/dot/{round.pk}/").content.decode()
    assert "22/05/2024" in page
    why = office.get(f"/theo-doi/{fresh.milestone_obligation('content').pk}/vi-sao-han/").content.decode()
    assert "Luật Hoạt động giám sát 87/2015/QH13" in why and "07/NQ-HĐND" not in why and "06/05/2024" in why
    later = make_round(setup, set_up_on=D(2024, 6, 3), subject="công tác thu ngân sách")  # after the new version
    assert later.content_due_on == D(2024, 6, 24)  # 20 days from Monday 03/06 is Sunday 23/06: Monday 24/06
