"""The ND30 checker reads the rendered layout: the national title must fit one line of its column."""

import io

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from documents.checker import NATIONAL_TITLE, check_nd30, text_width_pt
from documents.docx_build import RIGHT_COLUMN, SHIPPED, TEMPLATE_DIR


def _bytes(doc: object) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _layout_problems(problems: list[str]) -> list[str]:
    return [p for p in problems if p.startswith("Quốc hiệu không vừa")]


def test_title_width_is_conservative_and_fits_the_right_column() -> None:
    # About 8.8 cm at 12 pt bold; the right column leaves 10.2 - 0.38 cm for text.
    width_cm = text_width_pt(NATIONAL_TITLE, 12) / 72 * 2.54
    assert 8.5 < width_cm < (RIGHT_COLUMN.cm - 0.38)


@pytest.mark.parametrize("filename", sorted(set(SHIPPED.values())))
def test_shipped_templates_grid_matches_cells_and_title_fits(filename: str) -> None:
    doc = open_docx(TEMPLATE_DIR / filename)
    header = doc.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in header._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [int(c.width.twips) for c in header.rows[0].cells]
    assert _layout_problems(check_nd30(_bytes(doc))) == []


def test_checker_flags_a_grid_of_equal_halves_as_libreoffice_would_wrap_the_title() -> None:
    doc = open_docx(TEMPLATE_DIR / "thong_bao.docx")
    for col in doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol")):
        col.set(qn("w:w"), "4678")  # python-docx's default: 165 mm split in two
    problems = _layout_problems(check_nd30(_bytes(doc)))
    assert len(problems) == 1
    assert "cỡ 12" in problems[0]
