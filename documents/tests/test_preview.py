"""A document previewed before it is issued: on screen as its DOCX lays it out, and as a draft DOCX marked
"DỰ THẢO" (screen and API), with a fixed number of queries; outsiders get 404."""

import io

import pytest
from django.urls import reverse
from docx import Document as open_docx

from documents import services
from documents.checker import check_nd30
from documents.tests.factories import draft, issued
from hdnd.testing import assert_constant_queries

BODY = (
    "Cho ý kiến bằng văn bản đối với 06 nội dung[^1].\n# 1. Đánh giá\nĐiều 1. Thông qua.\nĐiều 2. Giao.\n"
    "[^1]: Về phương án."
)


def _texts(content: bytes) -> list[str]:
    return [p.text for p in open_docx(io.BytesIO(content)).paragraphs]


@pytest.mark.django_db
def test_preview_screen_shows_the_document_as_its_docx(world, as_user) -> None:
    document = draft(world.council, body=BODY, recipients=[world.agency])
    response = as_user("office").get(reverse("documents:document_preview", args=[document.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "DỰ THẢO" in html and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert services.issuer_default(council=world.council).name.upper() in html
    assert '<sup><a href="#note-1" id="ref-1">1</a></sup>' in html and "Về phương án." in html
    assert '<p class="text">Điều 1. Thông qua.</p>' in html and '<p class="text">Điều 2. Giao.</p>' in html
    assert "- Phòng TC-KH;" in html and "- Lưu: VT." in html
    assert reverse("documents:document_preview_docx", args=[document.pk]) in html


@pytest.mark.django_db
def test_preview_title_names_it_once(world, as_user) -> None:
    """ "Xem trước báo cáo: …", not "Xem trước: Báo cáo Dự thảo: …" (the draft label said twice)."""
    document = draft(world.council, doc_type="bao_cao", subject="Tình hình kỳ họp")
    html = as_user("office").get(reverse("documents:document_preview", args=[document.pk])).content.decode()
    assert "<h1>Xem trước báo cáo: Tình hình kỳ họp</h1>" in html
    assert "Dự thảo:" not in html


@pytest.mark.django_db
def test_document_page_renders_the_body_as_the_preview_does(world, as_user) -> None:
    """The page's "Nội dung" shows "# 1. Đánh giá" as a heading and the footnote as a note, not the marks
    typed; the history keeps the recipients' lines apart."""
    document = draft(world.council, body=BODY)
    services.document_update(document=document, recipient_lines="Thường trực HĐND (b/c)\nLưu: VT")
    html = as_user("office").get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    body = html.split("<h2>Nội dung</h2>", 1)[1].split("</section>", 1)[0]
    assert '<p class="heading">1. Đánh giá</p>' in body and "# " not in body and "[^1]" not in body
    assert '<sup><a href="#note-1" id="ref-1">1</a></sup>' in body and "Về phương án." in body
    history = html.split("Lịch sử thay đổi", 1)[1]
    assert "Thường trực HĐND (b/c)<br>Lưu: VT" in history
    assert "<script" not in body and "style=" not in body


@pytest.mark.django_db
def test_draft_docx_is_marked_and_keeps_the_figures_as_they_stand(world, as_user) -> None:
    document = draft(world.council, body=BODY)
    content = as_user("office").get(reverse("documents:document_preview_docx", args=[document.pk])).content
    texts = _texts(content)
    assert texts[0] == "DỰ THẢO"
    assert check_nd30(content) == []
    assert "Cho ý kiến bằng văn bản đối với 06 nội dung." in texts
    services.document_update(document=document, body=BODY.replace("06", "07"))
    content = as_user("office").get(reverse("documents:document_preview_docx", args=[document.pk])).content
    assert "Cho ý kiến bằng văn bản đối với 07 nội dung." in _texts(content)
    # Issued: the same route gives the document without the draft mark.
    done = issued(world.council)
    assert "DỰ THẢO" not in _texts(services.document_preview_docx(done))


@pytest.mark.django_db
def test_preview_through_the_api(world, as_user) -> None:
    document = draft(world.council, body=BODY)
    url = f"/api/v1/councils/{world.council.pk}/documents/{document.pk}/preview"
    response = as_user("office").get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _texts(response.content)[0] == "DỰ THẢO"
    assert as_user("outsider").get(url).status_code == 404
    assert as_user(None).get(url).status_code in (401, 403)


@pytest.mark.django_db
def test_outsiders_get_404_on_the_screens(world, as_user) -> None:
    document = draft(world.council)
    for name in ("documents:document_preview", "documents:document_preview_docx"):
        assert as_user("outsider").get(reverse(name, args=[document.pk])).status_code == 404


@pytest.mark.django_db
def test_preview_runs_a_fixed_number_of_queries(world, as_user) -> None:
    client = as_user("office")
    document = draft(world.council, body=BODY, recipients=[world.agency])

    def grow() -> None:
        services.document_update(
            document=document,
            body=BODY + "\n" + "\n".join(f"Đoạn {i}." for i in range(20)),
            recipient_bodies=[world.agency, world.other_agency, world.group],
        )

    url = reverse("documents:document_preview", args=[document.pk])
    assert_constant_queries(lambda: client.get(url), grow, row_text='<p class="text">Đoạn')
