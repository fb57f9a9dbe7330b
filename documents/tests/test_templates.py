"""Template round trip: download, re-upload, refuse what does not render in the ND30 format."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as open_docx

from documents import services
from documents.checker import assert_nd30
from documents.models import DocumentTemplate
from documents.tests.factories import issued


def _edited(content: bytes, old: str, new: str) -> bytes:
    """The template as Word would save it after the office replaced a text."""
    doc = open_docx(io.BytesIO(content))
    for table in doc.tables:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.text = run.text.replace(old, new)
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace(old, new)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_round_trip_through_the_screens(world, as_user) -> None:
    client = as_user("office")
    downloaded = client.get(reverse("documents:template_download", args=["thong_bao"]))
    assert downloaded.status_code == 200
    content = _edited(downloaded.content, "Số: {{ number_symbol }}", "Số: {{ number_symbol }}")
    response = client.post(
        reverse("documents:template_upload", args=["thong_bao"]),
        {"file": SimpleUploadedFile("mau-thong-bao.docx", content)},
    )
    assert response.status_code == 302
    template = DocumentTemplate.objects.get(council=world.council, doc_type="thong_bao")
    assert template.filename == "mau-thong-bao.docx"
    # The council's template is what its documents now use, and what downloads give back.
    again = client.get(reverse("documents:template_download", args=["thong_bao"]))
    assert again.content == bytes(template.content)
    assert_nd30(services.document_render_docx(issued(world.council)))
    client.post(reverse("documents:template_reset", args=["thong_bao"]))
    assert not DocumentTemplate.objects.exists()


@pytest.mark.django_db
def test_customised_template_text_is_used(world) -> None:
    content = _edited(services.template_for(council=world.council, doc_type=""), "Nơi nhận:", "Nơi nhận:")
    content = _edited(content, "{{ signer_name }}", "{{ signer_name }}")
    services.template_upload(council=world.council, doc_type="", content=content, filename="chung.docx", user=None)
    assert_nd30(services.document_render_docx(issued(world.council, doc_type="ke_hoach")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"day khong phai tep word", "không phải là tệp Word"),
        ("broken_placeholder", "biến không có"),
        ("broken_syntax", "lỗi cú pháp"),
        ("leftover", "còn phần giữ chỗ"),
        ("no_motto", "Tiêu ngữ"),
    ],
)
def test_bad_upload_refused_with_reason(world, as_user, content, reason) -> None:
    shipped = services.template_for(council=world.council, doc_type="giay_moi")
    edits = {
        "broken_placeholder": ("{{ subject }}", "{{ trich_yeu }}"),
        "broken_syntax": ("{{ subject }}", "{{ subject "),
        "leftover": ("{{ subject }}", "{{ subject }} }}"),
        "no_motto": ("Độc lập - Tự do - Hạnh phúc", "Độc lập"),
    }
    if isinstance(content, str):
        content = _edited(shipped, *edits[content])
    response = as_user("office").post(
        reverse("documents:template_upload", args=["giay_moi"]), {"file": SimpleUploadedFile("mau.docx", content)}
    )
    assert response.status_code == 200
    assert reason.lower() in response.content.decode().lower()
    assert not DocumentTemplate.objects.exists()


@pytest.mark.django_db
def test_upload_must_be_docx_file_name(world, as_user) -> None:
    response = as_user("office").post(
        reverse("documents:template_upload", args=["chung"]), {"file": SimpleUploadedFile("mau.pdf", b"%PDF")}
    )
    assert "phải là tệp Word (.docx)" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


@pytest.mark.django_db
def test_round_trip_through_the_api(world, as_user) -> None:
    client = as_user("office_chief")
    base = f"/api/v1/councils/{world.council.pk}/document-templates"
    listed = client.get(base).json()
    assert {row["doc_type"] for row in listed} >= {
        "chung",
        "thong_bao",
        "nghi_quyet",
        "cong_van",
        "bao_cao",
        "giay_moi",
    }
    content = client.get(f"{base}/nghi_quyet").content
    ok = client.post(f"{base}/nghi_quyet", {"file": SimpleUploadedFile("nq.docx", content)})
    assert ok.status_code == 200, ok.content
    assert ok.json()["custom"] is True
    bad = client.post(f"{base}/nghi_quyet", {"file": SimpleUploadedFile("nq.docx", b"rac")})
    assert bad.status_code == 400
    assert "không phải là tệp Word" in bad.json()["detail"]
    assert client.post(f"{base}/khong_co", {"file": SimpleUploadedFile("x.docx", content)}).status_code == 404
