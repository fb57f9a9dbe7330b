"""Builds the shipped DOCX templates (docxtpl placeholders) in the layout of Nghị định 30/2020/NĐ-CP.

Run `manage.py build_docx_templates` after changing this file and commit the files it writes under
documents/docx_templates/. The office can then download a template, change it in Word and upload it
back; the placeholders it must keep are listed in `documents.rendering.PLACEHOLDER_HELP`.
"""

from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from documents.metrics import CELL_MARGIN_PT, widest_line_pt

FONT = "Times New Roman"
TEMPLATE_DIR = Path(__file__).parent / "docx_templates"
# Text width on A4 with the margins below: 210 - 30 - 15 = 165 mm.
LEFT_COLUMN, RIGHT_COLUMN = Cm(6.3), Cm(10.2)
RULE_RATIO, RULE_SIZE = 0.4, 4
# The rule's length in the shipped files; the renderer fits it to each document's issuer.
SAMPLE_ISSUER = "HỘI ĐỒNG NHÂN DÂN THỊ XÃ ĐỨC PHỔ"

# (file name, kind of layout)
SHIPPED: dict[str, str] = {
    "": "chung.docx",
    "thong_bao": "thong_bao.docx",
    "nghi_quyet": "nghi_quyet.docx",
    "cong_van": "cong_van.docx",
    "bao_cao": "bao_cao.docx",
    "giay_moi": "giay_moi.docx",
}


def set_run_font(
    run: object, *, size: float, bold: bool = False, italic: bool = False, underline: bool = False
) -> None:
    """Times New Roman on every script slot: Word picks the slot by character, not by language."""
    font = run.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.underline = underline
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)


def _default_fonts(doc: DocxDocument) -> None:
    """Times New Roman as the document default, replacing the theme fonts that would override it."""
    styles = doc.styles.element
    r_fonts = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    for attr in list(r_fonts.attrib):
        del r_fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def _para(
    container: object,
    text: str = "",
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Paragraph:
    """A paragraph with one run (a placeholder must sit in one run for docxtpl)."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        set_run_font(paragraph.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _no_borders(table: object) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _two_columns(doc: DocxDocument, rows: int) -> list[tuple[_Cell, _Cell]]:
    table = doc.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    out = []
    # LibreOffice lays a table out by its grid, Word by the cells' widths: set both, or the grid's equal
    # halves make the national title wrap onto two lines.
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), (LEFT_COLUMN, RIGHT_COLUMN), strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = LEFT_COLUMN, RIGHT_COLUMN
        out.append((row.cells[0], row.cells[1]))
    return out


_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def rule_indents(column: Length, text: str, size: float) -> tuple[int, int]:
    """Left and right indents (twips) that centre a rule 2/5 as long as the text's longest line in the column.

    Nghị định 30/2020/NĐ-CP, Phụ lục I: under the issuing body's name, a solid rule from 1/3 to 1/2 of the
    line's length, centred on it.
    """
    available = column.pt - 2 * CELL_MARGIN_PT
    rule = RULE_RATIO * widest_line_pt(text, size, available)
    side = max((available - rule) / 2, 0)
    return int(side * 20), int(side * 20)


def add_rule(container: object, *, indents: tuple[int, int]) -> Paragraph:
    """An empty paragraph whose bottom border is the short rule; its indents set the rule's length."""
    paragraph = _para(container, "", size=RULE_SIZE)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    # Schema order: the border comes before shading, tabs, spacing, indents and alignment.
    p_pr.insert_element_before(borders, *_AFTER_BORDER)
    set_rule_indents(paragraph, indents)
    # The paragraph mark sets the empty line's height: small, so the rule sits just under the name.
    set_run_font_mark(paragraph, RULE_SIZE)
    paragraph.paragraph_format.line_spacing = Pt(RULE_SIZE)
    return paragraph


def set_rule_indents(paragraph: Paragraph, indents: tuple[int, int]) -> None:
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Twips(indents[0]), Twips(indents[1])


def set_run_font_mark(paragraph: Paragraph, size: float) -> None:
    """The size of the paragraph mark (the height of an empty paragraph)."""
    r_pr = OxmlElement("w:rPr")
    size_el = OxmlElement("w:sz")
    size_el.set(qn("w:val"), str(int(size * 2)))
    r_pr.append(size_el)
    paragraph._p.get_or_add_pPr().insert_element_before(r_pr, "w:sectPr", "w:pPrChange")


def _page_number_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word shows the page's number (the first page's header has none)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = paragraph.add_run("2")
    set_run_font(run, size=13)
    run._element.getparent().remove(run._element)
    field.append(run._element)
    paragraph._p.append(field)


def _section(doc: DocxDocument) -> None:
    # Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 portrait; top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    # Page numbers from page 2: the first page has its own, empty header.
    section.different_first_page_header_footer = True
    _para(section.first_page_header, "", first=True)
    _page_number_field(_para(section.header, "", first=True))


def _header(doc: DocxDocument, *, letter: bool) -> None:
    (left, right), (number_cell, date_cell) = _two_columns(doc, 2)
    _para(left, "{%p if parent_name %}", first=True)
    _para(left, "{{ parent_name }}", size=13)
    _para(left, "{%p endif %}")
    _para(left, "{{ issuer_name }}", size=13, bold=True)
    add_rule(left, indents=rule_indents(LEFT_COLUMN, SAMPLE_ISSUER, 13))
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, first=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True)
    _para(number_cell, "Số: {{ number_symbol }}", size=13, first=True).paragraph_format.space_before = Pt(6)
    if letter:
        # A letter's subject line sits under its number (Phụ lục I, mục 5b).
        _para(number_cell, "V/v {{ subject }}", size=12)
    _para(date_cell, "{{ place_date }}", size=13, italic=True, first=True).paragraph_format.space_before = Pt(6)


def _title(doc: DocxDocument, *, resolution: bool) -> None:
    _para(doc, "")
    _para(doc, "{{ type_name }}", size=14, bold=True).paragraph_format.space_before = Pt(12)
    _para(doc, "{{ subject }}", size=14, bold=True)
    if resolution:
        # The enacting body, as in every council resolution: "HỘI ĐỒNG NHÂN DÂN THỊ XÃ ĐỨC PHỔ".
        _para(doc, "")
        _para(doc, "{{ issuer_name }}", size=14, bold=True)
    _para(doc, "")


def _body(doc: DocxDocument) -> None:
    """One paragraph variant per kind of line, so the office can restyle each kind in Word."""
    _para(doc, "{%p for para in paragraphs %}")
    variants = [
        ("heading", True, False, False),
        ("subheading", True, True, False),
        ("center", True, False, True),
        ("text", False, False, False),
    ]
    for index, (kind, bold, italic, centered) in enumerate(variants):
        keyword = "if" if index == 0 else "elif"
        _para(doc, f'{{%p {keyword} para.kind == "{kind}" %}}' if kind != "text" else "{%p else %}")
        align = WD_ALIGN_PARAGRAPH.CENTER if centered else WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph = _para(doc, "{{ para.text }}", size=14, bold=bold, italic=italic, align=align)
        fmt = paragraph.paragraph_format
        fmt.space_after, fmt.line_spacing = Pt(6), 1.1
        if not centered:
            fmt.first_line_indent = Cm(1)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")


def _closing(doc: DocxDocument) -> None:
    _para(doc, "")
    ((left, right),) = _two_columns(doc, 1)
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    _para(left, "{%p for line in recipients %}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "{{ line }}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(left, "{%p endfor %}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(right, "{%p if signer_authority_line %}", first=True)
    _para(right, "{{ signer_authority_line }}", size=13, bold=True)
    _para(right, "{%p endif %}")
    _para(right, "{{ signer_title }}", size=13, bold=True)
    for _ in range(4):  # space for the signature and the seal
        _para(right, "")
    _para(right, "{{ signer_name }}", size=14, bold=True)


def build_template(doc_type: str) -> DocxDocument:
    """The template of a type ('' = the generic one every type can use)."""
    doc = new_docx()
    _default_fonts(doc)
    _section(doc)
    letter = doc_type == "cong_van"
    _header(doc, letter=letter)
    if letter:
        _para(doc, "")
        _para(doc, "Kính gửi: {{ addressees }}", size=14)
        _para(doc, "")
    else:
        _title(doc, resolution=doc_type == "nghi_quyet")
    _body(doc)
    _closing(doc)
    # python-docx starts with an empty paragraph before the first table; drop it.
    first = doc.paragraphs[0]
    if not first.text and first._p.getprevious() is None:
        first._p.getparent().remove(first._p)
    return doc


def build_all(directory: Path = TEMPLATE_DIR) -> list[Path]:
    """Write every shipped template; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for doc_type, filename in SHIPPED.items():
        path = directory / filename
        build_template(doc_type).save(path)
        written.append(path)
    return written
