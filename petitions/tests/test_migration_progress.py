"""The data migration of issue 13 (petitions 0003_progress_on_obligation), run with the migration executor
on petitions stored in the old shape: the state and answer date they held end up in their obligations."""

import datetime

import pytest

from followup.models import State as ObligationState
from followup.services import obligation_report
from hdnd.testing import migrate_to, migrate_to_latest
from petitions.models import Petition, PetitionState
from petitions.tests.conftest import make_petition
from petitions.tests.test_answers_merge import forward

BEFORE = [("petitions", "0002_contact_places")]
AFTER = [("petitions", "0003_progress_on_obligation")]


@pytest.mark.django_db(transaction=True)
def test_old_states_move_into_obligations_without_loss(town) -> None:
    agency = town.world.agency
    drifted = make_petition(town, "Đề nghị sửa cầu tràn thôn An Ba", body=agency)
    resolving = make_petition(town, "Đề nghị nạo vét kênh mương thôn An Thổ", body=agency)
    only_followup = make_petition(town, "Đề nghị lắp đèn đường thôn Trung An", body=agency)
    no_obligation = make_petition(town, "Đề nghị xây nhà văn hóa thôn Vĩnh Xuân", body=town.bodies["Phòng Y tế"])
    waiting = make_petition(town, "Đề nghị làm mương thoát nước", body=town.bodies["Phòng Kinh tế"])
    forward(town, body=agency)
    ob = Petition.objects.get(pk=only_followup.pk).obligation
    obligation_report(obligation=ob, user=None, text="Đã lắp 20 bộ đèn.", done=True, on=datetime.date(2024, 7, 5))
    try:
        old = migrate_to(BEFORE).get_model("petitions", "Petition")
        # The shapes the old code left: an answer written on the petition only, a "being resolved" one,
        # an answer the agency gave on /theo-doi/ only, a petition forwarded without an obligation.
        old.objects.filter(pk=drifted.pk).update(
            state="da_giai_trinh", answer_text="Chưa đủ điều kiện đầu tư.", answered_on=datetime.date(2024, 7, 1)
        )
        old.objects.filter(pk=resolving.pk).update(state="dang_giai_quyet", answer_text="Đang khảo sát.")
        old.objects.filter(pk=only_followup.pk).update(state="da_chuyen", answer_text="", answer_folded="")
        old.objects.filter(pk=no_obligation.pk).update(state="da_chuyen")
        migrate_to(AFTER)
    finally:
        migrate_to_latest()
    rows = {p.pk: p for p in Petition.objects.select_related("obligation")}

    p = rows[drifted.pk]
    assert p.state == PetitionState.EXPLAINED and p.answer_text == "Chưa đủ điều kiện đầu tư."
    assert p.obligation.state == ObligationState.REPORTED_DONE and p.answered_on == datetime.date(2024, 7, 1)
    assert p.obligation.updates.order_by("pk").last().text == "Chưa đủ điều kiện đầu tư."

    p = rows[resolving.pk]
    assert p.state == PetitionState.RESOLVING and p.obligation.state == ObligationState.IN_PROGRESS

    p = rows[only_followup.pk]
    assert p.state == PetitionState.ANSWERED and p.answer_text == "Đã lắp 20 bộ đèn."
    assert p.answered_on == datetime.date(2024, 7, 5)

    p = rows[no_obligation.pk]
    assert p.state == PetitionState.FORWARDED and p.obligation.owner == town.bodies["Phòng Y tế"]
    assert p.obligation.kind == "forwarded_petition" and p.obligation.source == p
    assert p.obligation.due_on > p.obligation.source_date

    assert rows[waiting.pk].state == PetitionState.RECEIVED and rows[waiting.pk].obligation is None
