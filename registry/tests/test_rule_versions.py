"""Rules with periods: a deadline uses the version in force on the day its counting starts."""

import datetime
import itertools

import pytest

from registry.calendar import MissingSetting, deadline_in_force
from registry.models import LegalSetting
from registry.rules import VERSIONS, version_on

D = datetime.date


def test_supervision_rule_ends_with_law_87_2015() -> None:
    before = version_on("standing_round_report_after_end", D(2026, 2, 28))
    after = version_on("standing_round_report_after_end", D(2026, 3, 1))
    assert before.value == 15 and "87/2015/QH13" in before.citation
    assert after.value is None and "121/2025/QH15" in after.citation


def test_explanation_rule_exists_only_from_2026_law() -> None:
    assert version_on("explanation_days", D(2026, 2, 28)) is None
    v = version_on("explanation_days", D(2026, 3, 1))
    assert v.value == 15 and "Điều 40" in v.citation


def test_versions_do_not_overlap() -> None:
    for key, versions in VERSIONS.items():
        for a, b in itertools.pairwise(versions):
            assert a.valid_to is not None and b.valid_from == a.valid_to + datetime.timedelta(days=1), key


@pytest.mark.django_db
def test_complaint_acceptance_both_sides_of_01_07_2026(world) -> None:
    old = deadline_in_force(world.council, D(2026, 6, 30), "case_acceptance_notice")
    new = deadline_in_force(world.council, D(2026, 7, 1), "case_acceptance_notice")
    assert old["value"] == 10 and "02/2011" in old["citation"]
    assert new["value"] == 7 and "155/2026" in new["citation"] and new["unit"] == "ngay_lam_viec"
    # 01/07/2026 is a Wednesday: 7 working days later is Friday 10/07/2026.
    assert new["due"] == D(2026, 7, 10)


@pytest.mark.django_db
def test_unknown_2026_number_asks_the_council(world) -> None:
    with pytest.raises(MissingSetting):
        deadline_in_force(world.council, D(2026, 3, 2), "standing_round_report_after_end")
    LegalSetting.objects.create(council=world.council, key="standing_round_report_after_end", value=20, unit="ngay")
    assert deadline_in_force(world.council, D(2026, 3, 2), "standing_round_report_after_end")["due"] == D(
        2026, 3, 23
    )  # 22/03 is a Sunday: moved to Monday
