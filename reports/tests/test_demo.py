"""The demo year 2024 reproduces seed 000's figures (the smoke test that loads the demo data)."""

import datetime

import pytest

from registry.demo import demo_council, seed
from reports import figures as figures_mod


@pytest.mark.django_db
def test_demo_2024_gives_the_figures_of_seed_000() -> None:
    seed()
    figures = figures_mod.compute(council=demo_council(), year=2024)
    assert figures["sessions"].text == "06"
    assert figures["regular_sessions"].text == "02" and figures["thematic_sessions"].text == "04"
    assert figures["resolutions"].value == 29
    assert figures["meetings"].text == "07"
    assert figures["written_opinions"].text == "06"
    assert len(figures.footnotes["written_opinions"].split("; ")) == 6
    assert figures["contact_units"].value == 15
    assert (figures["petitions_mid_tinh"].value, figures["petitions_mid_own"].value) == (10, 34)
    assert (figures["petitions_end_tinh"].value, figures["petitions_end_own"].value) == (15, 33)
    assert figures["late_sentence"].value == "chỉ còn nội dung tại kỳ họp thứ 21 chuẩn bị chậm"
    # Section I.3 counts the demo's reception register (seed 000 prints no figure there): three receptions,
    # six letters once the repeat is counted once, two cases forwarded and both answered.
    i3 = {k: figures[k].value for k in ("receptions", "letters", "letters_duplicates", "letters_forwarded")}
    assert i3 == {"receptions": 3, "letters": 6, "letters_duplicates": 1, "letters_forwarded": 2}
    assert figures["letters_answered"].value == 2
    from reception.models import Case

    followed = Case.objects.filter(council=demo_council(), supervision_round__isnull=False).select_related(
        "supervision_round"
    )
    assert len(followed) == 1 and "tiếp công dân, giải quyết khiếu nại" in followed[0].supervision_round.subject
    # The delegate groups' reports on their voter contacts: ten owed, two sent late.
    reports = figures_mod.group_reports(council=demo_council(), on=datetime.date(2025, 1, 1))
    assert sum(owed for owed, _ in reports.values()) == 10
    assert sum(late for _, late in reports.values()) == 2
    seed()  # idempotent
    assert figures_mod.compute(council=demo_council(), year=2024)["resolutions"].value == 29
