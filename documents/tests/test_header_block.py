"""The ND30 header block of every type, read back from the rendered DOCX: what the checker measures and
what it refuses (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""

import io

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Cm, Twips

from documents import services
from documents.checker import MOTTO, NATIONAL_TITLE, check_nd30
from documents.docx_build import LEFT_COLUMN
from documents.finishing import cell_width, rule_after
from documents.metrics import CELL_MARGIN_PT, widest_line_pt
from documents.models import DocType
from documents.tests.factories import draft, issued


def _bytes(doc: object) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _header(doc: object) -> tuple[list, list]:
    row = doc.tables[0].rows[0]
    return [p for p in row.cells[0].paragraphs], [p for p in row.cells[1].paragraphs]


def _rule_length_cm(rule: object, paragraph: object) -> float:
    ind = rule.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    left = Twips(int(ind.get(qn("w:left")))).pt
    right = Twips(int(ind.get(qn("w:right")))).pt
    return (cell_width(paragraph._p).pt - 2 * CELL_MARGIN_PT - left - right) / 72 * 2.54


@pytest.mark.django_db
@pytest.mark.parametrize("doc_type", DocType.values)
@pytest.mark.parametrize("with_parent", [False, True])
def test_header_block_of_every_type_read_back(world, doc_type, with_parent) -> None:
    issuer = None
    if with_parent:
        issuer = services.issuer_create(
            council=world.council,
            name="Ban Kinh tế - Xã hội",
            symbol="KTXH",
            parent_name=f"Hội đồng nhân dân {world.council.unit_label}",
        )
    document = issued(world.council, doc_type=doc_type, issuer=issuer, recipients=[world.agency])
    docx = services.document_render_docx(document)
    assert check_nd30(docx) == []
    doc = open_docx(io.BytesIO(docx))
    left, right = _header(doc)
    texts = [p.text for p in left if p.text.strip()]
    issuer_name = (issuer or document.issuer).name.upper()
    if with_parent:
        # The parent above, not bold; the issuing body under it, bold.
        assert texts[:2] == [f"HỘI ĐỒNG NHÂN DÂN {world.council.unit_label.upper()}", issuer_name]
        assert not any(r.font.bold for r in left[[p.text for p in left].index(texts[0])].runs)
    else:
        assert texts[0] == issuer_name
    issuer_p = next(p for p in left if p.text == issuer_name)
    assert all(r.font.bold and r.font.size.pt == 13 for r in issuer_p.runs)
    rule = rule_after(issuer_p)
    assert rule is not None
    line_cm = widest_line_pt(issuer_name, 13, LEFT_COLUMN.pt - 2 * CELL_MARGIN_PT) / 72 * 2.54
    assert line_cm / 3 <= _rule_length_cm(rule, issuer_p) <= line_cm / 2
    right_texts = [p.text for p in right if p.text.strip()]
    assert right_texts[:2] == [NATIONAL_TITLE, MOTTO]
    motto = next(p for p in right if p.text == MOTTO)
    assert all(r.font.underline for r in motto.runs)
    grid = [int(c.get(qn("w:w"))) for c in doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) <= Cm(16.5).twips + 1  # the text width, 165 mm
    number, date = doc.tables[0].rows[1].cells
    assert number.paragraphs[0].text == f"Số: {document.number_symbol}"
    assert {r.font.size.pt for r in number.paragraphs[0].runs} == {13}
    assert date.paragraphs[0].runs[0].font.italic


@pytest.mark.django_db
def test_the_rule_follows_the_issuers_name(world) -> None:
    short = services.issuer_create(council=world.council, name="Ban Pháp chế", symbol="PC")
    lengths = []
    for issuer in (short, None):
        docx = services.document_render_docx(draft(world.council, issuer=issuer))
        doc = open_docx(io.BytesIO(docx))
        left, _ = _header(doc)
        name = (issuer.name if issuer else services.issuer_default(council=world.council).name).upper()
        p = next(p for p in left if p.text == name)
        lengths.append(_rule_length_cm(rule_after(p), p))
    assert lengths[0] < lengths[1]


def _edited(docx: bytes, change: object) -> list[str]:
    doc = open_docx(io.BytesIO(docx))
    change(doc)
    return check_nd30(_bytes(doc))


@pytest.mark.django_db
def test_checker_refuses_a_header_out_of_nd30(world) -> None:
    docx = services.document_render_docx(issued(world.council))

    def no_rule(doc: object) -> None:
        left, _ = _header(doc)
        p = next(p for p in left if p.text.isupper() and p.runs and p.runs[0].font.bold)
        rule = rule_after(p)
        rule.getparent().remove(rule)

    assert any("đường kẻ ngang dưới tên cơ quan ban hành" in p for p in _edited(docx, no_rule))

    def long_rule(doc: object) -> None:
        left, _ = _header(doc)
        p = next(p for p in left if p.text.isupper() and p.runs and p.runs[0].font.bold)
        ind = rule_after(p).find(f"{qn('w:pPr')}/{qn('w:ind')}")
        ind.set(qn("w:left"), "0")
        ind.set(qn("w:right"), "0")

    assert any("phải từ 1/3 đến 1/2 dòng chữ" in p for p in _edited(docx, long_rule))

    def motto_plain(doc: object) -> None:
        _, right = _header(doc)
        for run in next(p for p in right if p.text == MOTTO).runs:
            run.font.underline = False

    assert any("dưới Tiêu ngữ" in p for p in _edited(docx, motto_plain))

    def issuer_small(doc: object) -> None:
        left, _ = _header(doc)
        for run in next(p for p in left if p.text.isupper()).runs:
            run.font.size = Cm(0.3)

    assert any("Tên cơ quan ban hành phải cỡ chữ 12-13" in p for p in _edited(docx, issuer_small))

    def swapped(doc: object) -> None:
        cells = doc.tables[0].rows[0]._tr.findall(qn("w:tc"))
        cells[0].addprevious(cells[1])

    problems = _edited(docx, swapped)
    assert any("Quốc hiệu bên phải" in p or "cột trái" in p for p in problems)

    def title_small(doc: object) -> None:
        p = next(p for p in doc.paragraphs if p.text == "THÔNG BÁO")
        p.runs[0].font.size = Cm(0.4)

    assert any("Tên loại văn bản “THÔNG BÁO”" in p for p in _edited(docx, title_small))

    def date_left(doc: object) -> None:
        number, date = doc.tables[0].rows[1].cells
        number._tc.addprevious(date._tc)

    problems = _edited(docx, date_left)
    assert any("Số, ký hiệu phải đặt ở cột trái" in p for p in problems)
    assert any("Địa danh và ngày tháng phải đặt ở cột phải" in p for p in problems)
