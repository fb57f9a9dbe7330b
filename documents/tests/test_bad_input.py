"""Bad input on every form and write route: a Vietnamese message naming the field, nothing saved."""

import pytest
from django.urls import reverse

from documents.models import Document, DocumentTemplate, State
from documents.tests.factories import draft, issued


def _errors(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field_label", "message"),
    [
        ({"doc_type": "thong_bao", "subject": ""}, "Trích yếu nội dung", "bắt buộc"),
        ({"doc_type": "khong_co", "subject": "X"}, "Loại văn bản", "Hãy chọn một lựa chọn hợp lệ"),
        ({"doc_type": "thong_bao", "subject": "X", "normative": "on"}, "", "Chỉ nghị quyết, quyết định"),
        ({"doc_type": "thong_bao", "subject": "X", "issued_on": "32/13/2025"}, "Ngày ban hành", "hợp lệ"),
        ({"doc_type": "thong_bao", "subject": "X", "signer_authority": "XX."}, "Thẩm quyền ký", "lựa chọn"),
    ],
)
def test_document_form(world, as_user, data, field_label, message) -> None:
    html = _errors(as_user("office").post(reverse("documents:document_create"), data))
    assert message in html
    assert field_label in html
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_recipient_of_another_council_refused(world, as_user) -> None:
    from registry.models import Body

    foreign = Body.objects.create(council=world.other_council, kind="co_quan", name="Cơ quan ngoài", short_name="CQN")
    data = {"doc_type": "thong_bao", "subject": "X", "recipient_bodies": [foreign.pk]}
    html = _errors(as_user("office").post(reverse("documents:document_create"), data))
    assert "lựa chọn" in html
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_edit_form_keeps_the_draft(world, as_user) -> None:
    document = draft(world.council)
    html = _errors(
        as_user("office").post(
            reverse("documents:document_edit", args=[document.pk]), {"doc_type": "thong_bao", "subject": ""}
        )
    )
    assert "bắt buộc" in html
    document.refresh_from_db()
    assert document.subject == "Kết luận của Thường trực HĐND tại phiên họp"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"doc_type": "bao_cao", "subject": "X", "received_on": ""}, "bắt buộc"),
        ({"doc_type": "bao_cao", "subject": "X", "received_on": "2025-03-01"}, "Vui lòng chọn hoặc nhập cơ quan gửi"),
        (
            {
                "doc_type": "bao_cao",
                "subject": "X",
                "received_on": "2025-03-01",
                "external_date": "2025-03-05",
                "sender_name": "UBND",
            },
            "không thể sau ngày đến",
        ),
    ],
)
def test_incoming_form(world, as_user, data, message) -> None:
    html = _errors(as_user("office").post(reverse("documents:incoming_create"), data))
    assert message in html
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_issue_screen_lists_what_is_missing(world, as_user) -> None:
    document = draft(world.council, signer_name="", recipient_lines="")
    client = as_user("office")
    response = client.post(reverse("documents:document_issue", args=[document.pk]), follow=True)
    html = response.content.decode()
    assert "Chưa thể ban hành: Thiếu họ và tên người ký." in html
    assert "Chưa thể ban hành: Thiếu nơi nhận." in html
    document.refresh_from_db()
    assert document.state == State.DRAFT and document.number is None


@pytest.mark.django_db
def test_withdraw_needs_a_reason(world, as_user) -> None:
    document = issued(world.council)
    html = _errors(as_user("office").post(reverse("documents:document_withdraw", args=[document.pk]), {"reason": "  "}))
    assert "Lý do thu hồi" in html and "bắt buộc" in html
    document.refresh_from_db()
    assert document.state == State.ISSUED


@pytest.mark.django_db
def test_attachment_without_file(world, as_user) -> None:
    document = issued(world.council)
    response = as_user("office").post(reverse("documents:attachment_add", args=[document.pk]), {}, follow=True)
    assert "Tệp đính kèm" in response.content.decode()
    assert not document.attachments.exists()


@pytest.mark.django_db
def test_template_upload_without_file(world, as_user) -> None:
    html = _errors(as_user("office").post(reverse("documents:template_upload", args=["chung"]), {}))
    assert "bắt buộc" in html
    assert not DocumentTemplate.objects.exists()


@pytest.mark.django_db
def test_register_filters_with_bad_dates_still_answer(world, as_user) -> None:
    html = _errors(as_user("office").get(reverse("documents:document_list"), {"tu_ngay": "hom-qua"}))
    assert "Từ ngày" in html


# API -------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"doc_type": "thong_bao"}, 422, "subject"),
        ({"doc_type": "khong_co", "subject": "X"}, 422, "doc_type"),
        ({"doc_type": "thong_bao", "subject": "X", "issued_on": "12/01/2025"}, 422, "issued_on"),
        ({"doc_type": "thong_bao", "subject": "X", "normative": True}, 400, "normative"),
        ({"doc_type": "thong_bao", "subject": "X", "recipient_body_ids": [999999]}, 404, "recipient_body_ids"),
        ({"doc_type": "thong_bao", "subject": "X", "issuer_id": 999999}, 404, "issuer_id"),
    ],
)
def test_api_create(world, as_user, payload, status, field) -> None:
    response = as_user("office").post(
        f"/api/v1/councils/{world.council.pk}/documents", payload, content_type="application/json"
    )
    assert response.status_code == status, response.content
    body = response.json()
    assert field in body["detail"] and any(e["field"] == field for e in body["errors"])
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_api_issue_refused_with_missing_list(world, as_user) -> None:
    document = draft(world.council, body="", signer_title="")
    response = as_user("office").post(
        f"/api/v1/councils/{world.council.pk}/documents/{document.pk}/issue", {}, content_type="application/json"
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"body", "signer_title"}
    document.refresh_from_db()
    assert document.state == State.DRAFT


@pytest.mark.django_db
def test_api_update_of_issued_refused(world, as_user) -> None:
    document = issued(world.council)
    response = as_user("office").patch(
        f"/api/v1/councils/{world.council.pk}/documents/{document.pk}",
        {"subject": "Đổi"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "đã ban hành" in response.json()["detail"]
    document.refresh_from_db()
    assert document.subject != "Đổi"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"doc_type": "bao_cao", "subject": "X"}, "received_on"),
        ({"doc_type": "bao_cao", "subject": "X", "received_on": "2025-03-01"}, "sender_name"),
    ],
)
def test_api_incoming(world, as_user, payload, field) -> None:
    response = as_user("office").post(
        f"/api/v1/councils/{world.council.pk}/documents/incoming", payload, content_type="application/json"
    )
    assert response.status_code in {400, 422}
    assert any(e["field"] == field for e in response.json()["errors"])
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_api_withdraw_needs_reason(world, as_user) -> None:
    document = issued(world.council)
    response = as_user("office").post(
        f"/api/v1/councils/{world.council.pk}/documents/{document.pk}/withdraw",
        {"reason": ""},
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "reason"
    document.refresh_from_db()
    assert document.state == State.ISSUED
