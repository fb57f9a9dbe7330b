"""The operations that stood beside the last 11 write screens (issue 14 item 3): each does what its screen
does, through the same service; a delegate is refused (403), another council's office user finds nothing (404),
and a refusal changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Attachment
from hdnd.tests.test_api_outsider_ids import _extras
from hdnd.tests.test_api_whole_year import PASSWORD, YEAR, Api, _token_of, build_year
from petitions.models import PetitionExport
from plenary.models import SessionDocument
from standing.models import ConferenceTask


def _other_office(admin: Api) -> Api:
    council = admin.post(
        "council_create", {"level": "xa", "unit_type": "xa", "unit_name": "Xã Khác Thử", "unit_code": "99977"}
    )
    admin.post(
        "grant_create",
        {"username": "vanphongkhac", "role": "lanh_dao_van_phong", "password": PASSWORD},
        council_id=council["id"],
    )
    return _token_of("vanphongkhac", PASSWORD)


@pytest.mark.django_db
def test_the_last_screens_operations() -> None:
    own = build_year()
    _extras(own)
    office, admin, cid = own["office"], own["admin"], own["cid"]
    admin.post("grant_create", {"username": "daibieu", "role": "dai_bieu", "password": PASSWORD}, council_id=cid)
    delegate, outsider = _token_of("daibieu", PASSWORD), _other_office(admin)

    # A file attached to a document (multipart, as the screen's upload).
    url = reverse("api-v1:attachment_add", kwargs={"council_id": cid, "document_id": own["document"]})
    for client, status in ((delegate, 403), (outsider, 404)):
        scan = SimpleUploadedFile("ban-quet.pdf", b"%PDF-1.4 thu", content_type="application/pdf")
        assert client.client.post(url, {"file": scan}).status_code == status
    assert not Attachment.objects.exists()
    scan = SimpleUploadedFile("ban-quet.pdf", b"%PDF-1.4 thu", content_type="application/pdf")
    response = office.client.post(url, {"file": scan})
    assert response.status_code == 201 and response.json()["name"] == "ban-quet.pdf"
    assert Attachment.objects.get().document_id == own["document"]

    # A template back to the shipped one.
    reset = office.post("template_reset", status=200, council_id=cid, doc_type="chung")
    assert reset["custom"] is False and reset["filename"]
    delegate.post("template_reset", status=403, council_id=cid, doc_type="chung")
    office.post("template_reset", status=404, council_id=cid, doc_type="khong_co_loai_nay")

    # Notifications read: the screen's button; every user may, for their own.
    assert office.post("notification_read", status=200, council_id=cid) == {"count": 0}
    outsider.post("notification_read", status=404, council_id=cid)

    # A conference's task removed while its document is not issued.
    task = office.post(
        "standing_conference_task_add",
        {"text": "Chuẩn bị báo cáo", "body_id": own["ubnd"]},
        council_id=cid,
        conference_id=own["conference"],
    )
    delegate.call("DELETE", "standing_conference_task_delete", status=403, council_id=cid, task_id=task["id"])
    outsider.call("DELETE", "standing_conference_task_delete", status=404, council_id=cid, task_id=task["id"])
    assert ConferenceTask.objects.filter(pk=task["id"]).exists()
    office.call("DELETE", "standing_conference_task_delete", status=204, council_id=cid, task_id=task["id"])
    assert not ConferenceTask.objects.filter(pk=task["id"]).exists()

    # A session's agenda, its documents sent to delegates and one made public.
    sid = own["session"]
    item = office.post(
        "plenary_agenda_add", {"kind": "bao_cao", "title": "Báo cáo", "order": 5}, council_id=cid, session_id=sid
    )
    assert item["order"] == 5 and item["session_id"] == sid
    delegate.post("plenary_agenda_add", {"kind": "bao_cao", "title": "X"}, status=403, council_id=cid, session_id=sid)
    doc = office.post("plenary_session_document_add", {"title": "Báo cáo công tác năm"}, council_id=cid, session_id=sid)
    late = office.post(
        "plenary_documents_send", {"sent_on": f"{YEAR}-12-31"}, status=400, council_id=cid, session_id=sid
    )
    assert "sau ngày khai mạc" in late["detail"]
    sent = office.post(
        "plenary_documents_send", {"sent_on": f"{YEAR}-12-01"}, status=200, council_id=cid, session_id=sid
    )
    assert sent["count"] == 1 and "due_on" in sent
    assert SessionDocument.objects.get(pk=doc["id"]).sent_on == datetime.date(YEAR, 12, 1)
    public = office.post("plenary_document_public", {"public": True}, status=200, council_id=cid, document_id=doc["id"])
    assert public["public"] is True
    outsider.post("plenary_document_public", {"public": False}, status=404, council_id=cid, document_id=doc["id"])
    assert SessionDocument.objects.get(pk=doc["id"]).public

    # The agency's explanation after the verification report (a step the workflow offers only then).
    explained = office.post(
        "plenary_verification_explain",
        {"explanation": "UBND xã đã tiếp thu.\nBổ sung số liệu.", "explained_on": f"{YEAR}-12-16"},
        status=200,
        council_id=cid,
        submission_id=own["submission_with_report"],
    )
    assert explained["submission_id"] == own["submission_with_report"]
    refused = office.post(
        "plenary_verification_explain",
        {"explanation": "Chưa thẩm tra.", "explained_on": f"{YEAR}-12-16"},
        status=400,
        council_id=cid,
        submission_id=own["submission"],
    )
    assert "báo cáo thẩm tra" in refused["detail"]

    # The petition list exported in the background, with the list's filters.
    export = office.post("petition_export_start", {"q": "đường", "level": "xa"}, status=202, council_id=cid)
    assert PetitionExport.objects.get(pk=export["id"]).query == "cap=xa&q=%C4%91%C6%B0%E1%BB%9Dng"
    status = office.get("petition_export_status", council_id=cid, export_id=export["id"])
    assert status["id"] == export["id"]
    outsider.call("GET", "petition_export_status", status=404, council_id=cid, export_id=export["id"])
