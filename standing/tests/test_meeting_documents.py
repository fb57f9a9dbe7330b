"""The meeting's invitation, programme and minutes generated as documents; documents attached to agenda items."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document as open_docx

from documents.checker import assert_nd30
from documents.models import DocType
from documents.services import document_create, document_issue, document_render_docx
from followup.models import Obligation
from standing import services, wording
from standing.tests.conftest import make_meeting

pytestmark = pytest.mark.django_db
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
EDITORS = ["admin", "office_chief", "office"]


def _texts(docx: bytes) -> list[str]:
    return [p.text.strip() for p in open_docx(io.BytesIO(docx)).paragraphs if p.text.strip()]


@pytest.mark.parametrize(
    ("kind", "doc_type", "symbol", "expected"),
    [
        ("giay_moi", DocType.GIAY_MOI, "/GM-HĐND", "Thường trực HĐND thị xã trân trọng kính mời:"),
        ("chuong_trinh", DocType.CHUONG_TRINH, "/CTr-HĐND", "1. báo cáo kế hoạch công tác — đồng chí Phó Chủ tịch."),
        ("bien_ban", DocType.BIEN_BAN, "/BB-HĐND", "- Nhiệm vụ số 1"),
    ],
)
def test_meeting_documents_pass_nd30(town, kind, doc_type, symbol, expected) -> None:
    meeting = make_meeting(town)
    draft = services.meeting_document_generate(meeting=meeting, kind=kind)
    assert draft.doc_type == doc_type and draft.source == meeting
    assert wording.placeholders(draft) == []
    issued = document_issue(document=draft, user=None)
    assert issued.number_symbol.endswith(symbol)
    docx = document_render_docx(issued)
    assert_nd30(docx)
    texts = _texts(docx)
    assert expected in texts, texts
    assert any("Phiên họp Thường trực HĐND thị xã ngày 12/01/2022" in t for t in texts)
    assert not Obligation.objects.exists()  # only the notice of conclusions gives tasks
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.meeting_document_generate(meeting=meeting, kind=kind)


def test_invitation_lists_the_invited(town) -> None:
    meeting = make_meeting(town)
    services.meeting_update(meeting=meeting, invited="Đại diện lãnh đạo UBND thị xã\nLãnh đạo Văn phòng thị xã")
    body = services.meeting_document_generate(meeting=meeting, kind="giay_moi").body
    assert "- Đồng chí Trần Văn Hùng - Trưởng Ban Kinh tế - Xã hội HĐND thị xã;" in body
    assert "- Đại diện lãnh đạo UBND thị xã;" in body
    assert "Thời gian: ngày 12/01/2022." in body
    assert "Địa điểm: Phòng họp số 1." in body
    redraft = services.meeting_document_generate(meeting=meeting, kind="giay_moi")
    meeting.refresh_from_db()
    assert redraft.pk == meeting.invitation_id  # regenerated in place while a draft
    with pytest.raises(ValidationError, match="giấy mời, chương trình hoặc biên bản"):
        services.meeting_document_generate(meeting=meeting, kind="cong_van")


def test_agenda_documents(town, world) -> None:
    meeting = make_meeting(town)
    item = meeting.agenda.get()
    report = document_create(council=town.council, doc_type=DocType.BAO_CAO, subject="Kế hoạch công tác năm 2022")
    services.agenda_document_link(item=item, document=report)
    with pytest.raises(ValidationError, match="đã được đính kèm"):
        services.agenda_document_link(item=item, document=report)
    foreign = document_create(council=world.other_council, doc_type=DocType.BAO_CAO, subject="Khác")
    with pytest.raises(ValidationError, match="không thuộc Hội đồng"):
        services.agenda_document_link(item=item, document=foreign)
    assert list(item.documents.all()) == [report]
    services.agenda_document_unlink(item=item, document=report)
    assert not item.documents.exists()
    assert item.history.count() == 3


def test_screens_and_api(town, as_user) -> None:
    meeting = make_meeting(town)
    item = meeting.agenda.get()
    report = document_create(council=town.council, doc_type=DocType.BAO_CAO, subject="Kế hoạch công tác")
    cid = town.council.pk
    url = reverse("standing:meeting_document_generate", args=[meeting.pk, "giay_moi"])
    for key in [None, "outsider", *ALL]:
        response = as_user(key).post(url)
        expected = 302 if key is None or key in EDITORS else (404 if key == "outsider" else 403)
        assert response.status_code == expected, (key, response.status_code)
    meeting.refresh_from_db()
    assert meeting.invitation.doc_type == DocType.GIAY_MOI
    link = reverse("standing:agenda_document_link", args=[item.pk])
    for key in [None, "outsider", *ALL]:
        response = as_user(key).get(link)
        expected = 302 if key is None else 200 if key in EDITORS else 404 if key == "outsider" else 403
        assert response.status_code == expected, (key, response.status_code)
    client = as_user("office")
    response = client.post(link, {"document": ""})
    assert "Văn bản trong sổ" in response.content.decode() and not item.documents.exists()
    client.post(link, {"document": report.pk})
    html = client.get(reverse("standing:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Tài liệu:" in html and "Giấy mời" in html
    client.post(reverse("standing:agenda_document_unlink", args=[item.pk, report.pk]))
    assert not item.documents.exists()
    api = reverse("api-v1:standing_meeting_document_generate", args=[cid, meeting.pk, "bien_ban"])
    assert as_user(None).post(api).status_code == 401
    assert as_user("outsider").post(api).status_code == 404
    assert as_user("delegate").post(api).status_code == 403
    assert client.post(api).status_code == 201
    bad = client.post(reverse("api-v1:standing_meeting_document_generate", args=[cid, meeting.pk, "x"]))
    assert bad.status_code == 400 and "biên bản" in bad.json()["detail"]
    api_link = reverse("api-v1:standing_agenda_document_link", args=[cid, item.pk])
    payload = json.dumps({"document_id": report.pk})
    assert as_user("delegate").post(api_link, payload, content_type="application/json").status_code == 403
    assert as_user("outsider").post(api_link, payload, content_type="application/json").status_code == 404
    response = client.post(api_link, payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["document_ids"] == [report.pk]
    again = client.post(api_link, payload, content_type="application/json")
    assert again.status_code == 400 and "đã được đính kèm" in again.json()["detail"]
    unlink = reverse("api-v1:standing_agenda_document_unlink", args=[cid, item.pk, report.pk])
    assert client.post(unlink).json()["document_ids"] == []
    detail = client.get(reverse("api-v1:standing_meeting_detail", args=[cid, meeting.pk])).json()
    assert detail["invitation_id"] == meeting.invitation_id and detail["minutes_id"] is not None
