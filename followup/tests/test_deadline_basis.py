"""A deadline keeps the rule version it started with; the calendar recomputes running deadlines; every
deadline says why (the “Vì sao hạn này” page and the API's `due_basis` and `why` endpoint)."""

import datetime

import pytest
from django.urls import reverse

from followup import services, why
from followup.models import Action
from followup.tests.factories import make_obligation
from hdnd.testing import assert_constant_queries
from registry import services as registry_services
from registry.calendar import compute
from registry.models import DayKind

D = datetime.date


def _by_rule(world, rule: str, start: datetime.date, **kwargs):
    return make_obligation(
        council=world.council, owner=world.agency, source_date=start, due_on=None, rule=rule, **kwargs
    )


@pytest.mark.django_db
def test_supervision_deadline_both_sides_of_01_03_2026(world) -> None:
    old = _by_rule(world, "standing_considers_report_within", D(2026, 2, 27))
    assert (old.due_value, old.due_unit, old.due_version_to) == (7, "ngay", D(2026, 2, 28))
    assert "87/2015/QH13" in old.due_citation and old.due_on == D(2026, 3, 6)
    # From 01/03/2026 Luật 121/2025 has no known number for it (NQ 114/2025 "?"): the council is asked.
    with pytest.raises(Exception, match="Chưa thiết lập"):
        _by_rule(world, "standing_considers_report_within", D(2026, 3, 1))
    new = _by_rule(world, "explanation_days", D(2026, 3, 2))
    assert new.due_value == 15 and "121/2025/QH15, Điều 40" in new.due_citation
    assert new.due_version_from == D(2026, 3, 1) and new.due_on == D(2026, 3, 17)


@pytest.mark.django_db
def test_complaint_acceptance_both_sides_of_01_07_2026(world) -> None:
    old = _by_rule(world, "case_acceptance_notice", D(2026, 6, 30))
    new = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1))
    assert old.due_value == 10 and "02/2011" in old.due_citation and old.due_version_to == D(2026, 6, 30)
    assert (
        new.due_value == 7
        and new.due_unit == "ngay_lam_viec"
        and "155/2026/NĐ-CP về khiếu nại, Điều 10" in new.due_citation
    )
    assert new.due_on == D(2026, 7, 10)


@pytest.mark.django_db
def test_council_setting_is_a_version_with_its_decision(world) -> None:
    registry_services.setting_set(
        council=world.council,
        key="standing_round_report_after_end",
        value=12,
        unit="ngay_lam_viec",
        valid_from=D(2026, 8, 1),
        decision="Nghị quyết 05/NQ-HĐND ngày 20/07/2026",
    )
    with pytest.raises(Exception, match="Chưa thiết lập"):  # 31/07: the law's 2026 version, no number
        compute(world.council, D(2026, 7, 31), rule="standing_round_report_after_end")
    basis = compute(world.council, D(2026, 8, 3), rule="standing_round_report_after_end")
    assert (basis.value, basis.unit, basis.from_setting) == (12, "ngay_lam_viec", True)
    assert basis.setting_decision == "Nghị quyết 05/NQ-HĐND ngày 20/07/2026" and basis.valid_from == D(2026, 8, 1)
    # Before 01/03/2026 the old law's version still applies to a deadline starting then.
    assert compute(world.council, D(2025, 5, 5), rule="standing_round_report_after_end").value == 15


@pytest.mark.django_db
def test_date_type_rule_is_a_setting() -> None:
    from registry.rules import day_of_year_label, version_on

    before = version_on("supervision_proposals_by", D(2025, 6, 1))
    assert day_of_year_label(before.value) == "01/03" and "87/2015/QH13, Điều 58" in before.citation
    assert version_on("supervision_proposals_by", D(2026, 3, 1)).value is None


@pytest.mark.django_db
def test_date_type_setting_is_validated(world) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        registry_services.setting_set(council=world.council, key="supervision_proposals_by", value=1345)
    row = registry_services.setting_set(
        council=world.council, key="supervision_proposals_by", value=415, valid_from=D(2026, 3, 1)
    )
    assert row.unit == "ngay_trong_nam"


@pytest.mark.django_db
def test_running_deadline_keeps_its_version_and_recomputes_after_a_holiday(world) -> None:
    registry_services.setting_set(
        council=world.council, key="case_acceptance_notice", value=5, valid_from=D(2026, 9, 1)
    )
    running = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1))  # law: 7 working days → 10/07
    later = _by_rule(world, "case_acceptance_notice", D(2026, 9, 7))  # council: 5 working days → 14/09
    assert (running.due_value, running.due_on, later.due_value, later.due_on) == (7, D(2026, 7, 10), 5, D(2026, 9, 14))
    extended = _by_rule(world, "case_acceptance_notice", D(2026, 7, 2))
    services.obligation_extend(obligation=extended, user=None, due_on=D(2026, 7, 31), reason="Vụ việc phức tạp")
    # The council now sets 9 working days from 01/07 and adds a day off on 08/07.
    registry_services.setting_set(
        council=world.council, key="case_acceptance_notice", value=9, valid_from=D(2026, 7, 1)
    )
    registry_services.calendar_day_add(council=world.council, day=D(2026, 7, 8), kind=DayKind.DAY_OFF, note="Nghỉ bù")
    pending = services.obligations_to_recompute(council=world.council)
    assert [(c.obligation.pk, c.old, c.new) for c in pending] == [(running.pk, D(2026, 7, 10), D(2026, 7, 13))]
    changes = services.obligations_recompute(council=world.council, user=world.users["office"])
    running.refresh_from_db()
    extended.refresh_from_db()
    # Kept its version (7 days, not the council's new 9), one day later for the holiday; extension untouched.
    assert running.due_on == D(2026, 7, 13) and running.due_value == 7 and len(changes) == 1
    assert extended.due_on == D(2026, 7, 31)
    last = running.updates.order_by("-pk").first()
    assert last.action == Action.RECOMPUTE and "10/07/2026" in last.text and "13/07/2026" in last.text
    assert services.obligations_to_recompute(council=world.council) == []


@pytest.mark.django_db
def test_make_up_day_counted(world) -> None:
    obligation = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1))
    registry_services.calendar_day_add(council=world.council, day=D(2026, 7, 4), kind=DayKind.WORKING, note="Làm bù")
    explained = why.obligation_why(obligation)
    assert explained.counting.made_up == [D(2026, 7, 4)] and explained.computed == D(2026, 7, 9) and explained.stale
    services.obligations_recompute(council=world.council)
    obligation.refresh_from_db()
    assert obligation.due_on == D(2026, 7, 9)


@pytest.mark.django_db
def test_why_page_says_rule_version_start_unit_and_days_skipped(world, as_user) -> None:
    obligation = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1), start_event="Ngày nhận đơn")
    url = reverse("followup:obligation_why", args=[obligation.pk])
    page = as_user("office").get(url).content.decode()
    for text in (
        "Vì sao hạn là ngày 10/07/2026",
        "Thông báo thụ lý, từ chối hoặc chuyển đơn",
        "Luật Tố cáo 136/2025/QH15; Nghị định 155/2026/NĐ-CP về khiếu nại, Điều 10",
        "áp dụng từ 01/07/2026",
        "Ngày nhận đơn: ngày 01/07/2026",
        "7 ngày làm việc",
        "04/07/2026 (Thứ Bảy)",
        "05/07/2026 (Chủ nhật)",
    ):
        assert text in page, text
    detail = as_user("office").get(reverse("followup:obligation_detail", args=[obligation.pk])).content.decode()
    assert url in detail
    assert as_user("outsider").get(url).status_code == 404


@pytest.mark.django_db
def test_why_page_counts_holidays_and_extensions(world, as_user) -> None:
    # 7 working days from 27/08/2026 skip the weekend, the day off of 31/08 and Quốc khánh (01-02/09).
    obligation = _by_rule(world, "case_acceptance_notice", D(2026, 8, 27))
    services.obligation_extend(obligation=obligation, user=None, due_on=D(2026, 9, 30), reason="Cần xác minh")
    page = as_user("office").get(reverse("followup:obligation_why", args=[obligation.pk])).content.decode()
    assert "02/09/2026 (Ngày lễ: Quốc khánh)" in page and "31/08/2026 (Ngày lễ" in page
    assert "Gia hạn từ 10/09/2026 đến 30/09/2026" in page


@pytest.mark.django_db
def test_why_page_of_a_date_given_as_is(world, as_user) -> None:
    obligation = make_obligation(council=world.council, owner=world.agency)
    page = as_user("office").get(reverse("followup:obligation_why", args=[obligation.pk])).content.decode()
    assert "ấn định trực tiếp" in page


@pytest.mark.django_db
def test_why_page_query_count_fixed(world, as_user) -> None:
    obligation = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1))
    client = as_user("office")

    def grow() -> None:
        for i in range(3):
            registry_services.calendar_day_add(council=world.council, day=D(2026, 7, 6 + i), kind=DayKind.DAY_OFF)
        services.obligation_extend(obligation=obligation, user=None, due_on=D(2026, 8, 30), reason="Thêm")

    assert_constant_queries(lambda: client.get(reverse("followup:obligation_why", args=[obligation.pk])), grow)


@pytest.mark.django_db
def test_api_due_basis_why_and_recompute(world, as_user) -> None:
    obligation = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1))
    client = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}/obligations"
    listed = client.get(base).json()
    items = listed["items"] if isinstance(listed, dict) else listed
    basis = next(o for o in items if o["id"] == obligation.pk)["due_basis"]
    assert basis["citation"].endswith("Điều 10") and basis["value"] == 7 and basis["unit"] == "ngay_lam_viec"
    assert basis["why_url"] == reverse("followup:obligation_why", args=[obligation.pk])
    answer = client.get(f"{base}/{obligation.pk}/why").json()
    assert answer["computed"] == "2026-07-10" and {"day": "2026-07-04", "reason": "Thứ Bảy"} in answer["skipped"]
    registry_services.calendar_day_add(council=world.council, day=D(2026, 7, 8), kind=DayKind.DAY_OFF)
    assert as_user("delegate").post(f"/api/v1/councils/{world.council.pk}/obligations-recompute").status_code == 403
    moved = client.post(f"/api/v1/councils/{world.council.pk}/obligations-recompute").json()
    assert moved == [{"obligation_id": obligation.pk, "old": "2026-07-10", "new": "2026-07-13"}]
    assert as_user("outsider").get(f"{base}/{obligation.pk}/why").status_code == 404


@pytest.mark.django_db
def test_recompute_screen_lists_then_moves(world, as_user) -> None:
    obligation = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1))
    registry_services.calendar_day_add(council=world.council, day=D(2026, 7, 8), kind=DayKind.DAY_OFF)
    client = as_user("office")
    page = client.get(reverse("followup:recompute")).content.decode()
    assert "10/07/2026" in page and "13/07/2026" in page
    assert as_user("delegate").post(reverse("followup:recompute")).status_code == 403
    client.post(reverse("followup:recompute"))
    obligation.refresh_from_db()
    assert obligation.due_on == D(2026, 7, 13)


@pytest.mark.django_db
def test_brought_forward_deadline_is_its_own_step_and_the_calendar_leaves_it(world, as_user) -> None:
    running = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1))  # 7 working days → 10/07
    services.obligation_due_bring_forward(
        obligation=running,
        user=world.users["office"],
        due_on=D(2026, 7, 6),
        reason="Đóng lấy ý kiến sớm ngày 06/07/2026.",
    )
    running.refresh_from_db()
    last = running.updates.order_by("-pk").first()
    assert running.due_on == D(2026, 7, 6) and last.action == Action.BRING_FORWARD
    assert last.get_action_display() == "Rút ngắn hạn" and last.from_state == last.to_state == running.state
    assert last.text == "Rút ngắn hạn từ 10/07/2026 còn 06/07/2026: Đóng lấy ý kiến sớm ngày 06/07/2026."
    # A day off added later does not move it back to the counted date, nor mark it stale.
    registry_services.calendar_day_add(council=world.council, day=D(2026, 7, 8), kind=DayKind.DAY_OFF, note="Nghỉ bù")
    assert services.obligations_to_recompute(council=world.council) == []
    explained = why.obligation_why(running)
    assert explained.computed == D(2026, 7, 13) and not explained.stale and explained.changes == [last]
    page = as_user("office").get(reverse("followup:obligation_why", args=[running.pk])).content.decode()
    assert "Rút ngắn hạn từ 10/07/2026 còn 06/07/2026" in page and "hạn chưa được tính lại" not in page
    # A day after the deadline it now has: nothing to bring forward.
    services.obligation_due_bring_forward(obligation=running, user=None, due_on=D(2026, 7, 7), reason="x")
    assert running.updates.count() == 2 and running.due_on == D(2026, 7, 6)


@pytest.mark.django_db
def test_why_names_the_version_that_replaced_the_one_used(world, as_user) -> None:
    old = _by_rule(world, "standing_considers_report_within", D(2026, 2, 27))
    client = as_user("office")
    url = reverse("followup:obligation_why", args=[old.pk])
    page = client.get(url).content.decode()
    assert (
        "Phiên bản này hết hiệu lực sau ngày 28/02/2026; từ ngày 01/03/2026 áp dụng Luật Hoạt động giám sát "
        "121/2025/QH15; Nghị quyết 114/2025/UBTVQH15 về hoạt động giám sát của Hội đồng nhân dân "
        "(văn bản chưa có số cụ thể, Hội đồng tự thiết lập)."
    ) in page
    answer = client.get(f"/api/v1/councils/{world.council.pk}/obligations/{old.pk}/why").json()
    assert answer["successor"] == {
        "citation": "Luật Hoạt động giám sát 121/2025/QH15; "
        "Nghị quyết 114/2025/UBTVQH15 về hoạt động giám sát của Hội đồng nhân dân",
        "valid_from": "2026-03-01",
        "value": None,
        "unit": "ngay",
        "from_setting": False,
    }
    # A deadline computed with the council's own setting, replaced by its next one: that one is named.
    for value, start, decision in ((9, D(2025, 1, 1), "Nghị quyết số 02/NQ-HĐND"), (12, D(2026, 1, 1), "NQ 05")):
        registry_services.setting_set(
            council=world.council, key="written_answer_days", value=value, valid_from=start, decision=decision
        )
    mine = _by_rule(world, "written_answer_days", D(2025, 6, 2))
    assert (mine.due_value, mine.due_version_to) == (9, D(2025, 12, 31))
    page = client.get(reverse("followup:obligation_why", args=[mine.pk])).content.decode()
    assert (
        "hết hiệu lực sau ngày 31/12/2025; từ ngày 01/01/2026 áp dụng thiết lập của Hội đồng (NQ 05): 12 ngày." in page
    )
    # A version still in force names no successor.
    current = _by_rule(world, "explanation_days", D(2026, 3, 2))
    page = client.get(reverse("followup:obligation_why", args=[current.pk])).content.decode()
    assert "hết hiệu lực" not in page
    assert client.get(f"/api/v1/councils/{world.council.pk}/obligations/{current.pk}/why").json()["successor"] is None


@pytest.mark.django_db(transaction=True)
def test_migration_names_the_texts_of_stored_citations(world) -> None:
    """A deadline stored with a bare number ("Luật 136/2025/QH15") reads with the text's name after 0009."""
    from followup.models import Obligation
    from hdnd.testing import migrate_to, migrate_to_latest

    obligation = _by_rule(world, "case_acceptance_notice", D(2026, 7, 1))
    named = obligation.due_citation
    try:
        migrate_to([("followup", "0008_background_export")])
        assert Obligation.objects.get(pk=obligation.pk).due_citation == (
            "Luật 136/2025/QH15; Nghị định 155/2026/NĐ-CP, Điều 10"
        )
    finally:
        migrate_to_latest()
    assert Obligation.objects.get(pk=obligation.pk).due_citation == named
    assert named.startswith("Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo")
