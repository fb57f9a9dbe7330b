"""Forwarding petitions (petitions_forward): the letter's answer deadline and each petition's obligation
come from the version of `petition_answer_days` in force on the day the letter is issued (the day counting
starts), never from today's version (issue 15)."""

import datetime

import pytest

from followup.models import Obligation
from petitions import services
from petitions.tests.conftest import make_petition
from registry.services import setting_set

D = datetime.date
LINE = "trả lời bằng văn bản trong thời hạn"


def _forward(town, issued_on: datetime.date):
    return services.petitions_forward(
        contact_round=town.round,
        body=town.bodies["Phòng QLĐT"],
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
        issued_on=issued_on,
    )


@pytest.fixture
def changed(town):
    """The council's 30 days (from the start) become 20 working days from 01/08/2024, by a new decision;
    today (late 2026) the new version is the one in force."""
    setting_set(
        council=town.council,
        key=services.ANSWER_RULE,
        value=20,
        unit="ngay_lam_viec",
        valid_from=D(2024, 8, 1),
        decision="Nghị quyết số 09/NQ-HĐND ngày 25/07/2024",
    )
    return town


@pytest.mark.django_db
def test_a_letter_issued_before_the_change_keeps_the_version_of_its_day(changed) -> None:
    make_petition(changed, "Đề nghị nâng cấp đường thôn An Ba", "Phổ An")
    make_petition(changed, "Đề nghị lắp đèn chiếu sáng", "Phổ Châu")
    document = _forward(changed, D(2024, 6, 24))
    assert f"{LINE} 30 ngày kể từ ngày nhận được" in document.body
    assert "ngày làm việc" not in document.body
    obligations = list(Obligation.objects.filter(kind="forwarded_petition").order_by("pk"))
    assert len(obligations) == 2
    for ob in obligations:
        # 24/06/2024 + 30 calendar days = Wednesday 24/07/2024, with the version the letter states.
        assert ob.due_on == D(2024, 7, 24) and (ob.due_value, ob.due_unit) == (30, "ngay")
        assert ob.due_start == D(2024, 6, 24) and ob.due_setting_decision == ""
        assert ob.due_version_to == D(2024, 7, 31)


@pytest.mark.django_db
def test_a_letter_issued_after_the_change_states_the_new_version(changed) -> None:
    make_petition(changed, "Đề nghị nâng cấp đường thôn An Ba", "Phổ An")
    document = _forward(changed, D(2024, 8, 5))
    assert f"{LINE} 20 ngày làm việc kể từ ngày nhận được" in document.body
    ob = Obligation.objects.get(kind="forwarded_petition")
    # 20 working days after Monday 05/08/2024 (02/09 and 03/09 are the National Day holidays): 04/09/2024.
    assert ob.due_on == D(2024, 9, 4) and (ob.due_value, ob.due_unit) == (20, "ngay_lam_viec")
    assert ob.due_setting_decision == "Nghị quyết số 09/NQ-HĐND ngày 25/07/2024"
    assert ob.due_version_from == D(2024, 8, 1)
