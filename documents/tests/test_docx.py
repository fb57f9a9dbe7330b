"""DOCX output in the ND30 format: every shipped template, read back by the checker."""

import datetime
import io

import pytest
from docx import Document as open_docx
from docx.shared import Mm

from documents import services
from documents.checker import assert_nd30, check_nd30
from documents.docx_build import SHIPPED, build_template
from documents.models import DocType
from documents.rendering import SAMPLE, pdf_available, render_docx, shipped_template
from documents.tests.factories import draft, issued


def _text(docx: bytes) -> str:
    doc = open_docx(io.BytesIO(docx))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.mark.django_db
@pytest.mark.parametrize("doc_type", [t for t in SHIPPED if t])
def test_every_shipped_template_renders_in_nd30_format(world, doc_type) -> None:
    document = issued(world.council, doc_type=doc_type, recipients=[world.agency], on=datetime.date(2025, 1, 5))
    docx = services.document_render_docx(document)
    assert_nd30(docx)
    text = _text(docx)
    assert f"Số: {document.number_symbol}" in text
    assert "ngày 05 tháng 01 năm 2025" in text
    assert "- Lưu: VT." in text
    assert "NGUYỄN VIẾT THANH" not in text and "Nguyễn Viết Thanh" in text
    assert "TL. THƯỜNG TRỰC HĐND" in text and "CHÁNH VĂN PHÒNG" in text


@pytest.mark.parametrize("doc_type", list(SHIPPED))
def test_shipped_files_match_the_builder_and_conform(doc_type) -> None:
    # The committed files are those the builder writes: run `manage.py build_docx_templates` after a change.
    assert_nd30(render_docx(shipped_template(doc_type), SAMPLE))
    built = io.BytesIO()
    build_template(doc_type).save(built)
    assert _text(render_docx(built.getvalue(), SAMPLE)) == _text(render_docx(shipped_template(doc_type), SAMPLE))


@pytest.mark.django_db
@pytest.mark.parametrize("doc_type", [t for t in DocType.values if t not in SHIPPED])
def test_other_types_use_the_generic_template(world, doc_type) -> None:
    assert_nd30(services.document_render_docx(draft(world.council, doc_type=doc_type)))


@pytest.mark.django_db
def test_draft_renders_with_blank_number_and_date(world) -> None:
    docx = services.document_render_docx(draft(world.council))
    assert check_nd30(docx) == []
    assert "Số:     /TB-HĐND" in _text(docx)


@pytest.mark.django_db
def test_letter_has_subject_under_number_and_addressees(world) -> None:
    document = issued(world.council, doc_type=DocType.CONG_VAN, recipients=[world.agency])
    text = _text(services.document_render_docx(document))
    assert f"V/v {document.subject}" in text
    assert "Kính gửi: Phòng Tài chính - Kế hoạch" in text
    assert "CÔNG VĂN" not in text


@pytest.mark.django_db
def test_body_markup_becomes_headings(world) -> None:
    document = draft(world.council, body="Mở đầu.\n# 1. Đề mục\n## a) Tiểu mục\n! QUYẾT NGHỊ:\nKết thúc.")
    doc = open_docx(io.BytesIO(services.document_render_docx(document)))
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["1. Đề mục"].runs[0].bold
    assert by_text["a) Tiểu mục"].runs[0].italic
    assert by_text["QUYẾT NGHỊ:"].alignment == 1  # centred
    assert by_text["Mở đầu."].paragraph_format.first_line_indent is not None


def test_checker_finds_what_is_wrong() -> None:
    doc = open_docx()
    doc.add_paragraph("Cộng hòa xã hội chủ nghĩa Việt Nam")
    out = io.BytesIO()
    doc.save(out)
    problems = check_nd30(out.getvalue())
    joined = " ".join(problems)
    for expected in ["A4", "Lề phải", "Quốc hiệu", "Tiêu ngữ", "Số:", "Nơi nhận", "số trang", "Phông chữ"]:
        assert expected in joined, expected
    with pytest.raises(AssertionError, match="Nghị định 30"):
        assert_nd30(out.getvalue())


def test_checker_reports_margins_dates_and_page_numbers() -> None:
    doc = open_docx(io.BytesIO(render_docx(shipped_template(""), SAMPLE)))
    doc.sections[0].left_margin = Mm(20)
    doc.sections[0].different_first_page_header_footer = False
    for table in doc.tables:
        for cell in table._cells:
            for p in cell.paragraphs:
                if ", ngày" in p.text:
                    p.runs[0].text = "Đức Phổ, ngày 5 tháng 1 năm 2022"
    out = io.BytesIO()
    doc.save(out)
    problems = " ".join(check_nd30(out.getvalue()))
    assert "Lề trái phải từ 30 đến 35 mm" in problems
    assert "trang đầu khác" in problems
    assert "Ngày nhỏ hơn 10" in problems and "Tháng 1, 2" in problems


def test_checker_refuses_what_is_not_a_docx() -> None:
    assert check_nd30(b"not a docx") == ["Không đọc được tệp Word (.docx)."]


@pytest.mark.django_db
def test_pdf_beside_docx(world) -> None:
    if not pdf_available():
        pytest.skip("LibreOffice chưa được cài: không xuất PDF.")
    pdf = services.document_render_pdf(issued(world.council))
    assert pdf is not None and pdf.startswith(b"%PDF")


@pytest.mark.django_db
def test_pdf_is_none_without_libreoffice(world, monkeypatch) -> None:
    monkeypatch.setattr("documents.rendering.shutil.which", lambda name: None)
    assert services.document_render_pdf(issued(world.council)) is None
