"""Users' text in a document: lines and lists kept, a typed number not doubled, spliced text read as one
sentence, footnotes — on the seeds' own sentences."""

import io

import pytest
from docx import Document as open_docx

from documents import services
from documents.rendering import parse_body
from documents.tests.factories import draft
from hdnd.text import joined, splice, without_numbering


def test_resolution_articles_and_lists_stay_on_their_own_lines() -> None:
    body = parse_body(
        "Điều 1. Thông qua Kế hoạch công tác năm 2022.\nĐiều 2. Giao Thường trực HĐND tổ chức thực hiện.\n"
        "- Về Hội nghị trực báo: Cơ bản đảm bảo.\n- Kỳ họp HĐND thị xã: Được thực hiện nghiêm túc."
    )
    assert [p["text"] for p in body.paragraphs] == [
        "Điều 1. Thông qua Kế hoạch công tác năm 2022.",
        "Điều 2. Giao Thường trực HĐND tổ chức thực hiện.",
        "- Về Hội nghị trực báo: Cơ bản đảm bảo.",
        "- Kỳ họp HĐND thị xã: Được thực hiện nghiêm túc.",
    ]


def test_a_number_typed_after_the_composed_one_is_printed_once() -> None:
    body = parse_body("# 1. 1. Đánh giá một số nội dung\n## a) a) Kết quả đạt được\n# II. II. Hạn chế")
    assert [p["text"] for p in body.paragraphs] == [
        "1. Đánh giá một số nội dung",
        "a) Kết quả đạt được",
        "II. Hạn chế",
    ]
    assert without_numbering("1. Đánh giá một số nội dung") == "Đánh giá một số nội dung"
    assert without_numbering("b) Tồn tại, hạn chế") == "Tồn tại, hạn chế"
    assert without_numbering("Ban Kinh tế - Xã hội") == "Ban Kinh tế - Xã hội"


def test_seed_sentences_spliced_without_a_stray_capital_or_a_repeated_word() -> None:
    # Seed 001: "… tổ chức Phiên họp Thường trực HĐND thị xã để cho ý kiến thống nhất về Kế hoạch công tác …".
    assert (
        joined("để", "Cho ý kiến thống nhất về Kế hoạch công tác của HĐND thị xã năm 2022")
        == "để cho ý kiến thống nhất về Kế hoạch công tác của HĐND thị xã năm 2022"
    )
    # Seed 000, footnote 1: the subject typed as "Về phương án …" after "cho ý kiến về".
    assert (
        joined("cho ý kiến về", "Về phương án tăng thu và tiết kiệm chi ngân sách thị xã")
        == "cho ý kiến về phương án tăng thu và tiết kiệm chi ngân sách thị xã"
    )
    # Names, acronyms and documents' titles keep their capitals.
    assert splice("về", "Kế hoạch công tác năm 2022") == "Kế hoạch công tác năm 2022"
    assert splice("của", "UBND thị xã") == "UBND thị xã"
    assert splice("với", "Ban Pháp chế HĐND thị xã") == "Ban Pháp chế HĐND thị xã"
    assert splice("với", "Tòa án nhân dân thị xã") == "Tòa án nhân dân thị xã"
    assert splice("để", "Báo cáo tình hình kinh tế - xã hội") == "báo cáo tình hình kinh tế - xã hội"


def test_footnote_markup() -> None:
    body = parse_body("Có 06 nội dung[^a].\nKhông có ghi chú[^z].\n[^a]: Về phương án tăng thu.\n[^b]: Thừa.")
    assert body.notes == ["Về phương án tăng thu."]
    assert body.paragraphs[1]["text"] == "Không có ghi chú[^z]."
    assert len(body.paragraphs) == 2


@pytest.mark.django_db
def test_lines_of_a_draft_are_paragraphs_of_the_docx(world) -> None:
    document = draft(world.council, body="Điều 1. Thông qua.\nĐiều 2. Giao thực hiện.\n# 1. 1. Đánh giá")
    doc = open_docx(io.BytesIO(services.document_render_docx(document)))
    texts = [p.text for p in doc.paragraphs]
    assert "Điều 1. Thông qua." in texts and "Điều 2. Giao thực hiện." in texts
    assert "1. Đánh giá" in texts and not any("1. 1." in t for t in texts)
