"""Rules with periods: a deadline uses the version in force on the day its counting starts."""

import datetime
import itertools
import re

import pytest
from django.urls import reverse

from registry.calendar import MissingSetting, deadline_in_force, rule_periods
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


# A kind of text, then its name: "Luật Tố cáo", "Nghị định 155/2026/NĐ-CP về khiếu nại", "Quy chế làm việc của HĐND".
KINDS = ("Luật", "Nghị định", "Nghị quyết liên tịch", "Nghị quyết", "Thông tư", "Quy chế làm việc")
# A kind followed by its number and nothing that names it ("Luật 136/2025/QH15;", "Nghị định 155/2026/NĐ-CP, Điều").
BARE_NUMBER = re.compile(r"\b(?:Luật|Nghị định|Nghị quyết(?: liên tịch)?|Thông tư) \d[^\s,;()]*\s*(?:$|[,;()—])")
NOT_A_NAME = re.compile(r"^(?:\d.*|Điều|khoản|điểm|số|và)$")


def _parts(citation: str) -> list[str]:
    """The texts a citation names: split on ';' outside parentheses, the parenthesised notes dropped."""
    top = re.sub(r"\([^()]*\)", "", citation)
    return [part.strip() for part in top.split(";") if part.strip()]


def _names_its_text(part: str) -> bool:
    kind = next((kind for kind in KINDS if part.startswith(kind + " ")), None)
    if kind is None:
        return False
    words = re.findall(r"[^\s,—:]+", part[len(kind) :])
    return any(not NOT_A_NAME.match(word) for word in words)


def test_every_citation_of_every_version_names_its_text() -> None:
    """A user reads "Luật Khiếu nại …", never "Luật 136/2025/QH15" alone: each text a rule version cites
    starts with its kind and carries its name, and no text anywhere in it is a kind and a bare number."""
    for key, versions in VERSIONS.items():
        for version in versions:
            for citation in version.citations:  # the general one and the one of each council level
                for part in _parts(citation):
                    assert _names_its_text(part), (key, version.valid_from, part)
                assert not BARE_NUMBER.search(citation), (key, version.valid_from, citation)


@pytest.mark.parametrize(
    "citation",
    [
        "Luật 136/2025/QH15; Nghị định 155/2026/NĐ-CP, Điều 10",
        "Luật Khiếu nại 02/2011/QH13; Nghị định 155/2026/NĐ-CP, Điều 10",
        "Luật Tố cáo 25/2018/QH14 (sửa đổi bởi Luật 136/2025/QH15)",
        "Điều 26 khoản 2",
        "Luật 87/2015/QH13, Điều 58",
    ],
)
def test_the_check_catches_a_bare_number(citation: str) -> None:
    assert not all(_names_its_text(p) for p in _parts(citation)) or BARE_NUMBER.search(citation)


def test_the_check_accepts_named_texts() -> None:
    citation = "Luật Tố cáo 25/2018/QH14, Điều 26 khoản 2; Nghị định 154/2026/NĐ-CP về tiếp công dân, Điều 4 khoản 3"
    assert all(_names_its_text(p) for p in _parts(citation)) and not BARE_NUMBER.search(citation)


def test_complaint_acceptance_from_01_07_2026_names_the_amending_law() -> None:
    citation = version_on("case_acceptance_notice", D(2026, 7, 1)).citation
    assert citation.startswith("Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo")
    assert "136/2025/QH15" in citation and "Nghị định 155/2026/NĐ-CP về khiếu nại, Điều 10" in citation


@pytest.mark.django_db
def test_forwarded_denunciation_both_sides_of_01_07_2026(world) -> None:
    """Luật Tố cáo 25/2018 is amended by Luật 136/2025 from 01/07/2026 (law-2026.md §1.1); Điều 26(2) keeps
    its 20 days (§1.3 row 12): a transfer of 30/06 cites the law alone, one of 01/07 also its amending law."""
    old = deadline_in_force(world.council, D(2026, 6, 30), "forwarded_denunciation_report_days")
    new = deadline_in_force(world.council, D(2026, 7, 1), "forwarded_denunciation_report_days")
    assert old["citation"] == "Luật Tố cáo 25/2018/QH14, Điều 26 khoản 2" and old["value"] == 20
    assert old["due"] == D(2026, 7, 20)  # 30/06 + 20 days
    assert new["citation"].startswith("Luật Tố cáo 25/2018/QH14, Điều 26 khoản 2; Luật sửa đổi, bổ sung")
    assert "136/2025/QH15" in new["citation"] and new["value"] == 20
    assert new["due"] == D(2026, 7, 21)
    for key in ("denunciation_process_days", "denunciation_transfer_days", "denunciation_resolve_days"):
        assert "136/2025" not in version_on(key, D(2026, 6, 30)).citation
        assert "136/2025/QH15" in version_on(key, D(2026, 7, 1)).citation


# (rule, value, unit, start on 30/06/2026 -> due, start on 01/07/2026 -> due); 01/07/2026 is a Wednesday.
KEPT_FROM_01_07_2026 = [
    ("complaint_lodge_days", 90, "ngay", D(2026, 9, 28), D(2026, 9, 29)),
    ("complaint_resolve_days", 30, "ngay", D(2026, 7, 30), D(2026, 7, 31)),
    ("forwarded_case_result_days", 7, "ngay_lam_viec", D(2026, 7, 9), D(2026, 7, 10)),
    ("delegate_tells_citizen_days", 5, "ngay_lam_viec", D(2026, 7, 7), D(2026, 7, 8)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "value", "unit", "old_due", "new_due"), KEPT_FROM_01_07_2026)
def test_reception_and_complaint_rules_both_sides_of_01_07_2026(world, key, value, unit, old_due, new_due) -> None:
    """Luật 136/2025/QH15 amends the reception and complaint laws from 01/07/2026 and keeps these numbers
    (law-2026.md §1.3 rows 2, 3, 5, 6, H): a counting that starts on 30/06 cites the law alone, ends with it
    on 30/06/2026, and one that starts on 01/07 also cites the amending law."""
    old = deadline_in_force(world.council, D(2026, 6, 30), key)
    new = deadline_in_force(world.council, D(2026, 7, 1), key)
    assert (old["value"], old["unit"], old["due"]) == (value, unit, old_due)
    assert (new["value"], new["unit"], new["due"]) == (value, unit, new_due)
    assert "136/2025" not in old["citation"] and old["valid_to"] == D(2026, 6, 30)
    assert new["citation"].startswith(old["citation"] + "; Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân")
    assert "136/2025/QH15" in new["citation"] and new["valid_from"] == D(2026, 7, 1)


def test_complaint_rules_cite_their_articles_and_the_2026_decree() -> None:
    assert version_on("complaint_lodge_days", D(2026, 6, 30)).citation == "Luật Khiếu nại 02/2011/QH13, Điều 9"
    resolve = version_on("complaint_resolve_days", D(2026, 7, 1)).citation
    assert "Nghị định 155/2026/NĐ-CP về khiếu nại" in resolve and "Điều 3a" in resolve
    assert "155/2026" not in version_on("complaint_resolve_days", D(2026, 6, 30)).citation
    acceptance = version_on("case_acceptance_notice", D(2026, 6, 30)).citation
    assert acceptance == "Luật Tiếp công dân 42/2013/QH13, Điều 28 khoản 1; Luật Khiếu nại 02/2011/QH13, Điều 27"


@pytest.mark.parametrize("key", ["submission_due_before_opening", "documents_to_delegates_before_opening"])
def test_session_deadlines_cite_the_model_regulation_of_the_councils_level(key: str) -> None:
    """NQ 103/2025/UBTVQH15 is the provincial model working regulation, NQ 104/2025/UBTVQH15 the commune's
    (law-2026.md §2.1): a commune never cites the provincial one, nor a province the commune's; a district
    council (before 01/07/2025) had neither."""
    version = version_on(key, D(2026, 12, 1))
    assert "104/2025/UBTVQH15" in version.citation_for("xa") and "103/2025" not in version.citation_for("xa")
    assert "103/2025/UBTVQH15" in version.citation_for("tinh") and "104/2025" not in version.citation_for("tinh")
    assert version.citation_for("huyen") == "Quy chế làm việc của HĐND"
    assert rule_periods(key, [], "xa")[0].citation == version.citation_for("xa")


@pytest.mark.django_db
def test_settings_page_and_api_of_a_commune_cite_the_commune_model(world, as_user) -> None:
    assert world.council.level == "xa"
    page = as_user("office_chief").get(reverse("registry:settings")).content.decode()
    assert "Nghị quyết 104/2025/UBTVQH15 ban hành Quy chế làm việc mẫu của HĐND xã" in page
    assert "103/2025" not in page
    edit = as_user("office_chief").get(reverse("registry:setting_edit", args=["submission_due_before_opening"]))
    assert "104/2025/UBTVQH15" in edit.content.decode() and "103/2025" not in edit.content.decode()
    rows = as_user("office_chief").get(f"/api/v1/councils/{world.council.pk}/settings").json()
    row = next(r for r in rows if r["key"] == "submission_due_before_opening")
    assert "104/2025/UBTVQH15" in row["citation"] and all("103/2025" not in p["citation"] for p in row["periods"])
