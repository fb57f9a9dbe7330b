"""The one deadline function: national holidays, the council's own days, settings with defaults."""

import datetime

import pytest

from registry import services
from registry.calendar import MissingSetting, WorkCalendar, deadline, rule_value, working_days_between
from registry.rules import RULES, WORKING

D = datetime.date


@pytest.mark.django_db
def test_working_days_skip_tet_2024(world) -> None:
    # Tết Giáp Thìn: 08/02 to 14/02/2024 off (holidays package); Wednesday 07/02 + 3 working days.
    assert deadline(world.council, D(2024, 2, 7), days=3, unit=WORKING) == D(2024, 2, 19)


@pytest.mark.django_db
def test_compensatory_saturday_counts_as_working_day(world) -> None:
    # 29/04-01/05/2024 off; Saturday 04/05/2024 was worked in exchange.
    assert deadline(world.council, D(2024, 4, 26), days=2, unit=WORKING) == D(2024, 5, 3)
    services.calendar_day_add(council=world.council, day=D(2024, 5, 4), kind="lam_viec", note="Làm bù")
    assert WorkCalendar(world.council).is_working_day(D(2024, 5, 4))
    assert deadline(world.council, D(2024, 5, 3), days=1, unit=WORKING) == D(2024, 5, 4)
    assert working_days_between(world.council, D(2024, 5, 3), D(2024, 5, 6)) == 2


@pytest.mark.django_db
def test_council_day_off(world) -> None:
    services.calendar_day_add(council=world.council, day=D(2024, 3, 5), kind="nghi", note="Nghỉ riêng")
    assert deadline(world.council, D(2024, 3, 4), days=1, unit=WORKING) == D(2024, 3, 6)


@pytest.mark.django_db
def test_calendar_days_ending_on_a_holiday_move(world) -> None:
    # 20 calendar days from 21/01/2024 is 10/02/2024 (Tết): moves to the first working day after.
    assert deadline(world.council, D(2024, 1, 21), rule="written_answer_days") == D(2024, 2, 15)
    # Counting backwards ("10 days before the opening") moves earlier.
    assert deadline(world.council, D(2024, 2, 20), rule="verification_before_opening", before=True) == D(2024, 2, 7)


@pytest.mark.django_db
def test_rules_have_defaults_citations_and_overrides(world) -> None:
    assert all(rule.citation for rule in RULES)
    on = D(2025, 5, 1)  # Luật 87/2015/QH13 in force; from 01/03/2026 the number is unknown ("?")
    assert rule_value(world.council, "written_answer_days", on) == (20, "ngay")
    services.setting_set(council=world.council, key="written_answer_days", value=15, unit="ngay_lam_viec")
    assert rule_value(world.council, "written_answer_days", on) == (15, "ngay_lam_viec")
    assert rule_value(world.other_council, "written_answer_days", on) == (20, "ngay")


@pytest.mark.django_db
def test_rule_without_default_asks_for_it(world) -> None:
    with pytest.raises(MissingSetting) as exc:
        deadline(world.council, D(2024, 6, 1), rule="submission_due_before_opening", before=True)
    assert "Chưa thiết lập" in str(exc.value)
    services.setting_set(council=world.council, key="submission_due_before_opening", value=15)
    assert deadline(world.council, D(2024, 7, 10), rule="submission_due_before_opening", before=True) == D(2024, 6, 25)
