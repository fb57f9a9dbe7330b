"""The permission matrix of every documents page and API route: each role, another council's user, anonymous."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services
from documents.models import Document, State
from documents.tests.factories import draft, incoming, issued

READERS = ["admin", "office_chief", "office", "standing", "committee", "delegate"]
EDITORS = ["admin", "office_chief", "office"]
KEYS = [*READERS, "agency"]


def _expect(allowed: list[str], other: int = 403, anonymous: int = 302) -> dict:
    result = {key: (200 if key in allowed else other) for key in KEYS}
    result[None] = anonymous
    return result


@pytest.fixture
def docs(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    addressed = issued(world.council, recipients=[world.agency], subject="Gửi Phòng TC-KH")
    not_addressed = issued(world.council, recipients=[world.other_agency], subject="Gửi Phòng Nội vụ")
    attachment = services.attachment_add(document=addressed, file=SimpleUploadedFile("phu-luc.pdf", b"%PDF"), user=None)
    return {
        "draft": draft(world.council, subject="Dự thảo nội bộ"),
        "addressed": addressed,
        "not_addressed": not_addressed,
        "incoming": incoming(world.council, sender=world.agency),
        "attachment": attachment,
    }


@pytest.fixture
def urls(docs):
    addressed, draft_doc = docs["addressed"].pk, docs["draft"].pk
    return {
        "list": (reverse("documents:document_list"), _expect(KEYS)),
        "list_incoming": (reverse("documents:document_list") + "?so=den", _expect(KEYS)),
        "detail": (reverse("documents:document_detail", args=[addressed]), _expect(KEYS)),
        "detail_not_addressed": (
            reverse("documents:document_detail", args=[docs["not_addressed"].pk]),
            _expect(READERS, 404),
        ),
        "detail_draft": (reverse("documents:document_detail", args=[draft_doc]), _expect(EDITORS, 404)),
        "detail_incoming": (reverse("documents:document_detail", args=[docs["incoming"].pk]), _expect(KEYS)),
        "docx": (reverse("documents:document_docx", args=[addressed]), _expect(KEYS)),
        "docx_draft": (reverse("documents:document_docx", args=[draft_doc]), _expect(EDITORS, 404)),
        "attachment": (reverse("documents:attachment_download", args=[docs["attachment"].pk]), _expect(KEYS)),
        "create": (reverse("documents:document_create"), _expect(EDITORS)),
        "incoming_create": (reverse("documents:incoming_create"), _expect(EDITORS)),
        "edit": (reverse("documents:document_edit", args=[draft_doc]), _expect(EDITORS)),
        "withdraw": (reverse("documents:document_withdraw", args=[addressed]), _expect(EDITORS)),
        "templates": (reverse("documents:template_list"), _expect(KEYS)),
        "template_download": (reverse("documents:template_download", args=["chung"]), _expect(KEYS)),
        "template_upload": (reverse("documents:template_upload", args=["chung"]), _expect(EDITORS)),
        "public": (reverse("documents:public_list"), {**dict.fromkeys(KEYS, 200), None: 200}),
    }


OUTSIDER_404 = {
    "detail",
    "detail_not_addressed",
    "detail_draft",
    "detail_incoming",
    "docx",
    "docx_draft",
    "attachment",
    "edit",
    "withdraw",
}


@pytest.mark.django_db
def test_matrix(urls, as_user) -> None:
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_outsider_gets_404_never_403(urls, as_user) -> None:
    client = as_user("outsider")
    for name in OUTSIDER_404:
        assert client.get(urls[name][0]).status_code == 404, name


@pytest.mark.django_db
def test_agency_list_shows_only_what_is_addressed_to_it(docs, as_user) -> None:
    html = as_user("agency").get(reverse("documents:document_list")).content.decode()
    assert "Gửi Phòng TC-KH" in html
    assert "Gửi Phòng Nội vụ" not in html and "Dự thảo nội bộ" not in html
    html = as_user("delegate").get(reverse("documents:document_list")).content.decode()
    assert "Gửi Phòng Nội vụ" in html and "Dự thảo nội bộ" not in html
    html = as_user("outsider").get(reverse("documents:document_list")).content.decode()
    assert "Gửi Phòng TC-KH" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["standing", "committee", "delegate", "agency"])
def test_posts_refused_without_right(docs, as_user, key) -> None:
    client = as_user(key)
    draft_doc, addressed = docs["draft"], docs["addressed"]
    posts = [
        (reverse("documents:document_issue", args=[draft_doc.pk]), {}),
        (reverse("documents:document_publish", args=[addressed.pk]), {}),
        (reverse("documents:document_withdraw", args=[addressed.pk]), {"reason": "Thử"}),
        (reverse("documents:document_edit", args=[draft_doc.pk]), {"doc_type": "thong_bao", "subject": "Đổi"}),
        (reverse("documents:document_create"), {"doc_type": "thong_bao", "subject": "Mới"}),
        (reverse("documents:attachment_add", args=[addressed.pk]), {"file": SimpleUploadedFile("a.txt", b"x")}),
        (reverse("documents:template_reset", args=["chung"]), {}),
    ]
    before = Document.objects.count()
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Document.objects.count() == before
    draft_doc.refresh_from_db()
    addressed.refresh_from_db()
    assert draft_doc.state == State.DRAFT and addressed.state == State.ISSUED
    assert addressed.attachments.count() == 1


@pytest.mark.django_db
def test_office_actions(docs, as_user) -> None:
    client = as_user("office")
    draft_doc = docs["draft"]
    assert client.post(reverse("documents:document_issue", args=[draft_doc.pk])).status_code == 302
    draft_doc.refresh_from_db()
    assert draft_doc.state == State.ISSUED and draft_doc.number_symbol == "03/TB-HĐND"
    client.post(reverse("documents:document_publish", args=[draft_doc.pk]))
    draft_doc.refresh_from_db()
    assert draft_doc.state == State.PUBLISHED
    # A frozen document's edit page sends back to the document.
    assert client.get(reverse("documents:document_edit", args=[draft_doc.pk])).status_code == 302


# API -------------------------------------------------------------------------------------------


def _api(world, path: str = "") -> str:
    return f"/api/v1/councils/{world.council.pk}{path}"


@pytest.mark.django_db
def test_api_read_matrix(world, docs, as_user) -> None:
    addressed, not_addressed, draft_doc = docs["addressed"].pk, docs["not_addressed"].pk, docs["draft"].pk
    routes = {
        "/documents": _expect(KEYS, anonymous=401),
        f"/documents/{addressed}": _expect(KEYS, anonymous=401),
        f"/documents/{addressed}/docx": _expect(KEYS, anonymous=401),
        f"/documents/{not_addressed}": _expect(READERS, 404, anonymous=401),
        f"/documents/{draft_doc}": _expect(EDITORS, 404, anonymous=401),
        "/document-templates": _expect(KEYS, anonymous=401),
        "/document-templates/chung": _expect(KEYS, anonymous=401),
    }
    for path, expected in routes.items():
        for key, status in expected.items():
            response = as_user(key).get(_api(world, path))
            assert response.status_code == status, f"{path} as {key}: {response.status_code} != {status}"
        assert as_user("outsider").get(_api(world, path)).status_code == 404, path
    agency = as_user("agency").get(_api(world, "/documents")).json()
    assert [d["id"] for d in agency["items"]] == [addressed]


@pytest.mark.django_db
def test_api_write_matrix(world, docs, as_user) -> None:
    draft_doc, addressed = docs["draft"].pk, docs["addressed"].pk
    writes = [
        ("post", "/documents", {"doc_type": "thong_bao", "subject": "Mới"}),
        (
            "post",
            "/documents/incoming",
            {"doc_type": "bao_cao", "subject": "Đến", "received_on": "2025-03-01", "sender_name": "UBND"},
        ),
        ("patch", f"/documents/{draft_doc}", {"subject": "Đổi"}),
        ("post", f"/documents/{draft_doc}/issue", {}),
        ("post", f"/documents/{addressed}/publish", None),
        ("post", f"/documents/{addressed}/withdraw", {"reason": "Thử"}),
    ]
    before = Document.objects.count()
    for key in ["standing", "committee", "delegate", "agency", None, "outsider"]:
        client = as_user(key)
        for method, path, payload in writes:
            kwargs = {"content_type": "application/json"} if payload is not None else {}
            response = getattr(client, method)(_api(world, path), payload or {}, **kwargs)
            expected = {None: 401, "outsider": 404}.get(key, 403)
            assert response.status_code == expected, f"{method} {path} as {key}: {response.status_code}"
    assert Document.objects.count() == before
    upload = as_user("delegate").post(
        _api(world, "/document-templates/chung"), {"file": SimpleUploadedFile("m.docx", b"x")}
    )
    assert upload.status_code == 403


@pytest.mark.django_db
def test_api_office_flow(world, as_user) -> None:
    client = as_user("office")
    created = client.post(
        _api(world, "/documents"),
        {
            "doc_type": "thong_bao",
            "subject": "Kết luận phiên họp",
            "body": "Đoạn một\n# 1. Đề mục",
            "signer_authority": "TL.",
            "signer_collective": "Thường trực HĐND",
            "signer_title": "Chánh Văn phòng",
            "signer_name": "Nguyễn Viết Thanh",
            "recipient_body_ids": [world.agency.pk],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    document = created.json()
    assert document["body"] == "Đoạn một\n# 1. Đề mục" and document["recipient_body_ids"] == [world.agency.pk]
    path = f"/documents/{document['id']}"
    patched = client.patch(
        _api(world, path), {"subject": "Kết luận phiên họp ngày 12/01"}, content_type="application/json"
    )
    assert patched.json()["subject"] == "Kết luận phiên họp ngày 12/01"
    issued_doc = client.post(_api(world, f"{path}/issue"), {"issued_on": "2025-01-12"}, content_type="application/json")
    assert issued_doc.json()["number_symbol"] == "01/TB-HĐND"
    assert client.post(_api(world, f"{path}/publish")).json()["state"] == "cong_khai"
    withdrawn = client.post(_api(world, f"{path}/withdraw"), {"reason": "Sai"}, content_type="application/json")
    assert withdrawn.json()["state"] == "thu_hoi" and withdrawn.json()["number"] == 1
    docx = client.get(_api(world, f"{path}/docx"))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(_api(world, f"{path}/pdf")).status_code in {200, 404}
