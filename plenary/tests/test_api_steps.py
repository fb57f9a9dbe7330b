"""Issue 14 item 3: the session steps the screens offer, through the API (return, resubmit, verification
report, publishing, opening and closing, questioning answers and commitments); another council: 404."""

import datetime

import pytest

from documents.models import Document
from plenary.models import Commitment, Question
from plenary.tests.factories import committee, make_session
from plenary.tests.test_api import _post
from plenary.tests.test_api import setup as setup
from registry import services as registry_services

BASE = "/api/v1/councils"


@pytest.mark.django_db
def test_submission_verification_and_resolution_steps(world, setup, as_user) -> None:
    session, sub = setup
    c = world.council.pk
    office = as_user("office")
    url = f"{BASE}/{c}/submissions/{sub.pk}"
    assert _post(office, f"{url}/receive", {"received_on": "2024-12-01", "checklist": ["to_trinh"]}).status_code == 200
    response = _post(office, f"{url}/return", {"returned_on": "2024-12-02", "reason": "Thiếu dự thảo nghị quyết."})
    assert response.status_code == 200 and response.json()["state"] == "tra_lai", response.content
    assert _post(as_user("outsider"), f"{url}/resubmit", {"resubmitted_on": "2024-12-03"}).status_code == 404
    response = _post(office, f"{url}/resubmit", {"resubmitted_on": "2024-12-03", "checklist": ["to_trinh"]})
    assert response.status_code == 200 and response.json()["state"] == "da_nhan", response.content
    assert (
        _post(office, f"{url}/verification", {"committee_id": committee(world.council).pk, "assigned_on": "2024-12-03"})
    ).status_code == 201
    report = {
        "conclusion": "tan_thanh",
        "text": "Đủ điều kiện trình kỳ họp.\nĐề nghị thông qua.",
        "reported_on": "2024-12-10",
        "signer_name": "Lê Văn Thẩm",
    }
    response = _post(office, f"{url}/verification/report", report)
    assert response.status_code == 200, response.content
    assert response.json()["conclusion"] == "tan_thanh"
    assert Document.objects.filter(council=world.council, issued_on=datetime.date(2024, 12, 10)).exists()
    assert _post(office, f"{url}/vote", {"voted_on": "2024-12-18", "yes": 4, "no": 0, "abstain": 0}).status_code == 201
    resolution = {"subject": "Dự toán", "text": "Điều 1.", "issued_on": "2024-12-19", "signer_name": "Nguyễn Văn A"}
    assert _post(office, f"{url}/resolution", resolution).status_code == 201
    response = _post(office, f"{url}/resolution/publish", {})
    assert response.status_code == 200, response.content
    assert Document.objects.get(pk=response.json()["document_id"]).published_at is not None
    # Opening and closing the session.
    session_url = f"{BASE}/{c}/sessions/{session.pk}"
    response = office.patch(
        session_url, {"state": "dang_hop", "opened_on": "2024-12-18"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["state"] == "dang_hop", response.content
    response = office.patch(
        session_url, {"state": "be_mac", "closed_on": "2024-12-19"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["state"] == "be_mac", response.content
    assert office.patch(session_url, {"state": "khac"}, content_type="application/json").status_code == 422


@pytest.mark.django_db
def test_question_answer_and_commitment(world, setup, as_user) -> None:
    session, _sub = setup
    c = world.council.pk
    office = as_user("office")
    official = registry_services.person_create(council=world.council, full_name="Phạm Văn Giám Đốc")
    delegate = world.term.delegates.first()
    question = {
        "delegate_id": delegate.pk,
        "addressee_id": official.pk,
        "addressee_body_id": world.agency.pk,
        "content": "Vì sao đường chưa sửa?",
        "asked_on": "2024-12-18",
    }
    response = _post(office, f"{BASE}/{c}/sessions/{session.pk}/questions", question)
    assert response.status_code == 201, response.content
    qid = response.json()["id"]
    answer = {"mode": "tai_ky_hop", "answered_on": "2024-12-18", "answer": "Sẽ sửa trong quý I."}
    response = _post(office, f"{BASE}/{c}/questions/{qid}/answer", answer)
    assert response.status_code == 200, response.content
    assert Question.objects.get(pk=qid).answered_on == datetime.date(2024, 12, 18)
    later = make_session(
        world.council, world.term, number=22, opens_on=datetime.date(2025, 7, 10), created_on=datetime.date(2025, 6, 1)
    )
    assert _post(as_user("outsider"), f"{BASE}/{c}/questions/{qid}/commitments", {}).status_code in {404, 422}
    body = {"content": "Sửa xong đường trước 30/6/2025.", "next_session_id": later.pk}
    response = _post(office, f"{BASE}/{c}/questions/{qid}/commitments", body)
    assert response.status_code == 201, response.content
    assert Commitment.objects.get(pk=response.json()["id"]).next_session == later
