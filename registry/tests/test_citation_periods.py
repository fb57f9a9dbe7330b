"""No text is cited for a date outside its period: the rule versions, the deadlines computed with them,
and the code and templates a user reads (a citation of a text with an end date must come from the rule
versions, chosen by the record's date, never be written into a screen or a message)."""

import ast
import datetime
import pathlib

import pytest

from registry.calendar import compute
from registry.rules import RULES, TEXT_PERIODS, VERSIONS, texts_out_of_period, version_texts_out_of_period

D = datetime.date
ROOT = pathlib.Path(__file__).resolve().parents[2]
BOUNDED = [text for text, (_, end) in TEXT_PERIODS.items() if end is not None]
SKIP_PARTS = {".venv", "migrations", "tests", "node_modules", "staticfiles", "__pycache__", "bench"}


def test_every_version_cites_texts_in_force_over_its_period() -> None:
    for key, versions in VERSIONS.items():
        for version in versions:
            assert version_texts_out_of_period(version) == [], (key, version)


def test_versions_cover_every_rule_and_end_with_the_texts_they_cite() -> None:
    assert set(VERSIONS) == {rule.key for rule in RULES}
    for key, versions in VERSIONS.items():
        for version in versions:
            for text, (_, end) in TEXT_PERIODS.items():
                if end is not None and text in version.citation:
                    assert version.valid_to is not None and version.valid_to <= end, (key, text)


def test_the_check_catches_a_citation_out_of_period() -> None:
    assert texts_out_of_period("Luật Hoạt động giám sát 87/2015/QH13, Điều 71", D(2026, 3, 1)) == ["87/2015/QH13"]
    assert texts_out_of_period("Luật Hoạt động giám sát 87/2015/QH13, Điều 71", D(2026, 2, 28)) == []
    assert texts_out_of_period("Nghị định 155/2026/NĐ-CP, Điều 10", D(2026, 6, 30)) == ["155/2026/NĐ-CP"]


@pytest.mark.django_db
@pytest.mark.parametrize("start", [D(2026, 2, 27), D(2026, 2, 28), D(2026, 3, 1), D(2026, 6, 30), D(2026, 7, 1)])
def test_deadlines_cite_texts_in_force_on_their_start(world, start: datetime.date) -> None:
    for rule in RULES:
        if rule.unit not in ("ngay", "ngay_lam_viec"):
            continue
        try:
            basis = compute(world.council, start, rule=rule.key)
        except LookupError:
            continue  # no number in force that day: the council is asked, nothing is cited
        assert texts_out_of_period(basis.citation, start) == [], (rule.key, start, basis.citation)


def _user_strings(path: pathlib.Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings (what a screen, message or document shows)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _files(pattern: str) -> list[pathlib.Path]:
    return [p for p in ROOT.rglob(pattern) if not SKIP_PARTS & set(p.relative_to(ROOT).parts)]


def test_no_screen_message_or_template_hard_codes_a_text_that_has_ended() -> None:
    """A text with an end date (Luật 87/2015/QH13 ends 28/02/2026) is cited only through the rule
    versions (registry/rules.py), which pick it by the record's date; a literal in a template or a
    message would cite it for records after its end too."""
    found = []
    for path in _files("*.py"):
        if path == ROOT / "registry" / "rules.py":
            continue
        for line, text in _user_strings(path):
            found += [f"{path.relative_to(ROOT)}:{line}: {t}" for t in BOUNDED if t in text]
    for path in _files("*.html") + _files("*.txt"):
        for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{line}: {t}" for t in BOUNDED if t in text]
    assert found == []
