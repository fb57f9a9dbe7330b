"""A forwarded petition's progress is its obligation's (issue 13): whichever screen or route moves the
obligation — the petition's own or the follow-up engine's, as the agency or the office — the petition's
page, the list, the forwarding counts, the home card and the annual report's figures say the same."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.tests.factories import incoming
from followup.models import State as ObligationState
from petitions import selectors
from petitions.models import Petition, PetitionState, state_q
from petitions.tests.conftest import make_petition
from petitions.tests.test_answers_merge import forward
from reports import figures


@pytest.fixture
def forwarded(town) -> Petition:
    """One petition forwarded to the agency user's body (the world's "Phòng TC-KH")."""
    p = make_petition(town, "Đề nghị nâng cấp đường liên thôn An Ba", body=town.world.agency)
    forward(town, body=town.world.agency)
    return Petition.objects.select_related("obligation").get(pk=p.pk)


def shown(town, petition: Petition, as_user) -> dict:
    """What every screen says about the petition, read afresh."""
    office = as_user("office")
    page = office.get(f"/kien-nghi/{petition.pk}/").content.decode()
    group = next(g for g in selectors.forward_groups(contact_round=town.round) if g.body == town.world.agency)
    items = figures.compute(council=town.council, year=2024).items
    api = office.get(f"/api/v1/councils/{town.council.pk}/petitions/{petition.pk}").json()
    return {
        "state": Petition.objects.select_related("obligation").get(pk=petition.pk).state,
        "page": page,
        "api": api["state"],
        "listed": Petition.objects.filter(pk=petition.pk).filter(state_q(api["state"])).exists(),
        "forwarded": group.forwarded,
        "answered": group.answered,
        "figure_answered": items["petitions_answered"].value,
        "figure_accepted": items["petitions_accepted"].value,
        "waiting_card": office.get("/").content.decode(),
    }


def list_page(town, as_user, state: str) -> str:
    return as_user("office").get("/kien-nghi/danh-sach/", {"trang_thai": state}).content.decode()


@pytest.mark.django_db
def test_followup_screens_move_the_petition_agency_report_office_return_accept(town, forwarded, as_user) -> None:
    ob = forwarded.obligation
    before = shown(town, forwarded, as_user)
    assert before["state"] == before["api"] == PetitionState.FORWARDED and before["forwarded"] == 1
    assert before["figure_answered"] == 0 and "Đã chuyển cơ quan có thẩm quyền" in before["page"]

    # The agency reports done on its task page, with its answer and the reply scan.
    scan = SimpleUploadedFile("cv-tra-loi.pdf", b"%PDF-1.4 tra loi", content_type="application/pdf")
    response = as_user("agency").post(
        f"/theo-doi/{ob.pk}/bao-cao/",
        {
            "kind": "hoan_thanh",
            "text": "UBND đã bố trí vốn năm 2025 để nâng cấp tuyến đường.",
            "reply_label": "Công văn số 12/UBND",
            "files": [scan],
        },
    )
    assert response.status_code == 302
    now = shown(town, forwarded, as_user)
    assert now["state"] == now["api"] == PetitionState.ANSWERED and now["listed"]
    assert (now["forwarded"], now["answered"], now["figure_answered"], now["figure_accepted"]) == (0, 1, 1, 0)
    assert "UBND đã bố trí vốn năm 2025" in now["page"] and "Công văn số 12/UBND" in now["page"]
    assert "cv-tra-loi.pdf" in now["page"] and "Tiến độ: Đã báo cáo hoàn thành" in now["page"]
    assert "Đề nghị nâng cấp đường liên thôn An Ba" in list_page(town, as_user, PetitionState.ANSWERED)
    assert Petition.objects.get(pk=forwarded.pk).answer_text.startswith("UBND đã bố trí vốn")

    # The office sends it back on the follow-up screen: the petition is waiting for an answer again.
    response = as_user("office").post(f"/theo-doi/{ob.pk}/tra-lai/", {"reason": "Chưa nêu thời gian thi công."})
    assert response.status_code == 302
    now = shown(town, forwarded, as_user)
    assert now["state"] == now["api"] == PetitionState.FORWARDED
    assert (now["forwarded"], now["answered"], now["figure_answered"]) == (1, 0, 0)
    assert "Tiến độ: Bị trả lại" in now["page"]
    assert "Đề nghị nâng cấp đường liên thôn An Ba" not in list_page(town, as_user, PetitionState.ANSWERED)
    assert "Đề nghị nâng cấp đường liên thôn An Ba" in list_page(town, as_user, PetitionState.FORWARDED)

    # Reported again through the API with the reply letter registered as an incoming document.
    letter = incoming(town.council, sender=town.world.agency, subject="Trả lời kiến nghị đường liên thôn")
    api = f"/api/v1/councils/{town.council.pk}/obligations/{ob.pk}"
    response = as_user("agency").post(
        f"{api}/report",
        {
            "text": "Thi công quý II/2025.",
            "done": True,
            "reply_label": "",
            "reply_type": "documents.document",
            "reply_id": letter.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    stored = Petition.objects.get(pk=forwarded.pk)
    assert stored.answer_text == "Thi công quý II/2025." and stored.answer_document == letter
    now = shown(town, forwarded, as_user)
    assert now["state"] == PetitionState.ANSWERED and "Trả lời kiến nghị đường liên thôn" in now["page"]

    # The office accepts through the API: the accepted figure counts it, the state stays "answered".
    response = as_user("office").post(f"{api}/accept", {"text": ""}, content_type="application/json")
    assert response.status_code == 200, response.content
    now = shown(town, forwarded, as_user)
    assert now["state"] == now["api"] == PetitionState.ANSWERED
    assert (now["figure_answered"], now["figure_accepted"]) == (1, 1)
    assert "Văn phòng đã chấp nhận kết quả" in now["page"]


@pytest.mark.django_db
def test_progress_report_extend_and_cancel_from_the_followup_engine(town, forwarded, as_user) -> None:
    ob = forwarded.obligation
    api = f"/api/v1/councils/{town.council.pk}/obligations/{ob.pk}"
    response = as_user("agency").post(
        f"{api}/report",
        {"text": "Đang khảo sát hiện trạng tuyến đường.", "done": False, "reply_label": ""},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    now = shown(town, forwarded, as_user)
    assert now["state"] == now["api"] == PetitionState.RESOLVING
    # "Being resolved" is the body's answer: the forwarding counts and the figures both count it (issue 18).
    assert (now["forwarded"], now["answered"], now["figure_answered"]) == (0, 1, 1)
    assert "Đang khảo sát hiện trạng" in now["page"]

    new_due = ob.due_on + datetime.timedelta(days=15)
    response = as_user("office").post(
        f"/theo-doi/{ob.pk}/gia-han/", {"due_on": new_due.strftime("%d/%m/%Y"), "reason": "Chờ kết quả khảo sát."}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert f"Hạn trả lời {new_due:%d/%m/%Y}" in shown(town, forwarded, as_user)["page"]

    response = as_user("office").post(
        f"{api}/cancel", {"reason": "Cử tri rút kiến nghị."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    now = shown(town, forwarded, as_user)
    assert now["state"] == now["api"] == PetitionState.WITHDRAWN and now["listed"]
    assert (now["forwarded"], now["answered"], now["figure_answered"]) == (0, 0, 0)
    assert "Đã hủy theo dõi" in now["page"] and "Tiến độ: Đã hủy" in now["page"]
    # A withdrawn petition is not answered from the petition's screen either.
    response = as_user("agency").post(
        f"/kien-nghi/{forwarded.pk}/tra-loi/", {"state": "da_tra_loi", "text": "Đã trả lời."}
    )
    assert Petition.objects.get(pk=forwarded.pk).answer_text == "Đang khảo sát hiện trạng tuyến đường."


@pytest.mark.django_db
def test_petition_screen_answer_goes_through_the_obligation(town, forwarded, as_user) -> None:
    letter = incoming(town.council, sender=town.world.agency, subject="Giải trình kiến nghị đường")
    response = as_user("agency").post(
        f"/kien-nghi/{forwarded.pk}/tra-loi/",
        {"state": "da_giai_trinh", "text": "Chưa đủ điều kiện đầu tư.", "document": letter.pk},
    )
    assert response.status_code == 302
    ob = Petition.objects.select_related("obligation").get(pk=forwarded.pk).obligation
    assert ob.state == ObligationState.REPORTED_DONE
    report = ob.updates.order_by("pk").last()
    assert report.text == "Chưa đủ điều kiện đầu tư." and report.reply == letter
    now = shown(town, forwarded, as_user)
    assert now["state"] == now["api"] == PetitionState.EXPLAINED and now["figure_answered"] == 1
    assert "Giải trình kiến nghị đường" in now["page"]
