"""A council programme's due dates keep the rule version they were computed with (issue 15): the proposals'
day is computed once and an edit of other fields, or a setting the council adds later, never moves it; the
results report (at the mid-year session of the year after, Luật 87/2015/QH13, Điều 58) is an obligation of
the standing committee with its "Vì sao hạn này", on both sides of 01/03/2026; the data migration gives a
stored results session its obligation and takes it back."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from followup.models import Obligation, State
from hdnd.testing import migrate_to, migrate_to_latest
from registry import services as registry
from supervision import services
from supervision.models import Programme, ProgrammeKind, ProgrammeMilestone

D = datetime.date
OLD_LAW = "Luật Hoạt động giám sát 87/2015/QH13"
RESULTS_RULE = "supervision_programme_results_at_session"
DECISION = "Nghị quyết số 03/NQ-HĐND ngày 10/03/2026"


def _programme(setup, year: int, session_on: datetime.date, **fields: object) -> Programme:
    return services.programme_create(
        council=setup.council,
        kind=ProgrammeKind.COUNCIL,
        year=year,
        body=setup.standing,
        session_on=session_on,
        **fields,
    )


@pytest.mark.django_db
def test_proposals_day_under_the_old_law_is_not_moved_by_a_later_setting_or_an_edit(setup, as_user) -> None:
    programme = _programme(setup, 2026, D(2025, 7, 15))
    assert programme.proposals_due_on == D(2025, 3, 1) and OLD_LAW in programme.proposals_basis["citation"]
    # The council later sets its own day for every year: the programme computed before keeps its 01/03.
    registry.setting_set(council=setup.council, key="supervision_proposals_by", value=315, decision=DECISION)
    programme = services.programme_update(programme=programme, title="Chương trình giám sát năm 2026 (sửa tên)")
    assert programme.proposals_due_on == D(2025, 3, 1)
    assert OLD_LAW in programme.proposals_basis["citation"] and not programme.proposals_basis["from_setting"]
    stored = Programme.objects.get(pk=programme.pk)
    assert stored.proposals_due_on == D(2025, 3, 1) and stored.title.endswith("(sửa tên)")
    # Its "Vì sao hạn này" names the version of the law that replaced Luật 87/2015.
    why = as_user("office").get(f"/giam-sat/chuong-trinh/{programme.pk}/vi-sao-han-de-xuat/").content.decode()
    assert (
        "Phiên bản này hết hiệu lực sau ngày 28/02/2026; từ ngày 01/03/2026 áp dụng Luật Hoạt động giám sát "
        "121/2025/QH15; Nghị quyết 114/2025/UBTVQH15 về hoạt động giám sát của Hội đồng nhân dân "
        "(văn bản chưa có số cụ thể, Hội đồng tự thiết lập)."
    ) in why
    # A programme started now uses the setting in force now.
    assert _programme(setup, 2025, D(2024, 7, 15)).proposals_due_on == D(2024, 3, 15)


@pytest.mark.django_db
def test_proposals_day_under_the_new_law_keeps_the_councils_version(setup) -> None:
    registry.setting_set(
        council=setup.council, key="supervision_proposals_by", value=415, valid_from=D(2026, 3, 1), decision=DECISION
    )
    for key in ("supervision_programme_draft_before_session", "supervision_programme_adopt_at_session"):
        registry.setting_set(council=setup.council, key=key, value=10, valid_from=D(2026, 3, 1), decision=DECISION)
    programme = _programme(setup, 2027, D(2026, 7, 14))
    assert programme.proposals_due_on == D(2026, 4, 15)
    registry.setting_set(
        council=setup.council, key="supervision_proposals_by", value=501, valid_from=D(2026, 3, 1), decision="NQ 9"
    )
    programme = services.programme_update(programme=programme, session_on=D(2026, 7, 16))
    assert programme.proposals_due_on == D(2026, 4, 15)
    assert programme.proposals_basis["setting_decision"] == DECISION and programme.proposals_basis["value"] == 415


@pytest.mark.django_db
def test_results_report_is_an_obligation_under_the_old_law(world, setup, as_user) -> None:
    programme = _programme(setup, 2024, D(2023, 7, 14), results_session_on=D(2025, 7, 10))
    results = programme.milestone_obligation("results")
    assert results.owner == setup.standing and results.kind == "supervision_programme_milestone"
    assert results.due_on == D(2025, 7, 10) and programme.results_due_on == D(2025, 7, 10)
    assert (results.due_rule, results.due_start, results.due_value) == (RESULTS_RULE, D(2025, 7, 10), 0)
    assert "87/2015/QH13, Điều 58" in results.due_citation and results.due_version_to == D(2026, 2, 28)
    office = as_user("office")
    page = office.get(f"/giam-sat/chuong-trinh/{programme.pk}/").content.decode()
    assert f"/theo-doi/{results.pk}/vi-sao-han/" in page and "Báo cáo kết quả thực hiện chương trình" in page
    api = office.get(f"/api/v1/councils/{world.council.pk}/supervision/programmes/{programme.pk}").json()
    assert api["results_due_on"] == "2025-07-10"
    assert api["results_due_basis"]["why_url"] == f"/theo-doi/{results.pk}/vi-sao-han/"
    assert api["results_due_basis"]["rule"] == RESULTS_RULE
    why = office.get(api["results_due_basis"]["why_url"]).content.decode()
    assert "10/07/2025" in why and "87/2015/QH13, Điều 58" in why and "Ngày khai mạc kỳ họp giữa năm" in why
    # Recording the report closes the obligation; an unrelated edit changes nothing.
    programme = services.programme_update(programme=programme, results_reported_on=D(2025, 7, 10))
    results.refresh_from_db()
    assert results.state == State.ACCEPTED
    services.programme_update(programme=programme, title="Chương trình giám sát năm 2024 (sửa)")
    assert ProgrammeMilestone.objects.filter(programme=programme, key="results").count() == 1


@pytest.mark.django_db
def test_results_report_under_the_new_law_asks_the_council(setup) -> None:
    # The 2026 programme is adopted under the old law; its results come at mid-2027, under Luật 121/2025,
    # whose number (NQ 114/2025) is not known: asked of the council, never invented.
    with pytest.raises(ValidationError) as refused:
        _programme(setup, 2026, D(2025, 7, 15), results_session_on=D(2027, 7, 8))
    assert "Chưa thiết lập" in " ".join(refused.value.message_dict["results_session_on"])
    assert not Programme.objects.exists() and not Obligation.objects.exists()
    registry.setting_set(council=setup.council, key=RESULTS_RULE, value=0, valid_from=D(2026, 3, 1), decision=DECISION)
    programme = _programme(setup, 2026, D(2025, 7, 15), results_session_on=D(2027, 7, 8))
    results = programme.milestone_obligation("results")
    assert results.due_on == D(2027, 7, 8) and results.due_setting_decision == DECISION
    assert "87/2015" not in results.due_citation
    # The draft, computed from the 2025 session, still cites the old law.
    assert "87/2015/QH13" in programme.milestone_obligation("draft").due_citation


@pytest.mark.django_db(transaction=True)
def test_migration_gives_stored_results_sessions_their_obligation_and_takes_it_back(setup) -> None:
    try:
        old = migrate_to([("supervision", "0007_programme_milestones_on_obligation")])
        OldProgramme = old.get_model("supervision", "Programme")
        OldBody = old.get_model("registry", "Body")
        body = OldBody.objects.get(pk=setup.standing.pk)
        common = {"council_id": setup.council.pk, "kind": "hdnd", "body": body}
        before = OldProgramme.objects.create(
            **common,
            year=2024,
            title="Chương trình giám sát năm 2024",
            results_session_on=D(2025, 7, 10),
            results_reported_on=D(2025, 7, 10),
        )
        after = OldProgramme.objects.create(
            **common, year=2026, title="Chương trình giám sát năm 2026", results_session_on=D(2027, 7, 8)
        )
        none = OldProgramme.objects.create(**common, year=2025, title="Chương trình giám sát năm 2025")
        new = migrate_to([("supervision", "0008_programme_results_on_obligation")])
        Link = new.get_model("supervision", "ProgrammeMilestone")
        kept = Link.objects.select_related("obligation").get(programme_id=before.pk, key="results").obligation
        assert (kept.due_on, kept.state, kept.reported_on) == (D(2025, 7, 10), "hoan_thanh", D(2025, 7, 10))
        assert kept.due_rule == RESULTS_RULE and "87/2015/QH13, Điều 58" in kept.due_citation
        given = Link.objects.select_related("obligation").get(programme_id=after.pk, key="results").obligation
        assert (given.due_on, given.state, given.due_rule) == (D(2027, 7, 8), "da_giao", "")
        assert not Link.objects.filter(programme_id=none.pk).exists()
        back = migrate_to([("supervision", "0007_programme_milestones_on_obligation")])
        assert not back.get_model("supervision", "ProgrammeMilestone").objects.filter(key="results").exists()
        assert not back.get_model("followup", "Obligation").objects.filter(pk__in=[kept.pk, given.pk]).exists()
        row = back.get_model("supervision", "Programme").objects.get(pk=before.pk)
        assert (row.results_session_on, row.results_reported_on) == (D(2025, 7, 10), D(2025, 7, 10))
    finally:
        migrate_to_latest()
