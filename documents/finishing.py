"""What docxtpl cannot do, done on the rendered file: Word footnotes, the issuer's rule fitted to its name,
a draft's "DỰ THẢO" mark.

python-docx has no footnote API: the footnotes part (/word/footnotes.xml) is written here, with the two
separators Word and LibreOffice expect, and each reference mark in the text becomes a
`w:footnoteReference` run. A council template saved by Word may already have the part (with its
separators only); the notes are then added to it.
"""

import copy
import io
import re

from docx import Document as open_docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from documents.docx_build import FONT, RULE_RATIO, set_rule_indents, set_run_font
from documents.metrics import CELL_MARGIN_PT, widest_line_pt

# A footnote reference inside a paragraph's text, as `body_paragraphs` leaves it for this module.
NOTE_OPEN, NOTE_CLOSE = "\ue010", "\ue011"
NOTE_MARK = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")
NOTE_SIZE = 12
DRAFT_MARK = "DỰ THẢO"


def note_mark(number: int) -> str:
    return f"{NOTE_OPEN}{number}{NOTE_CLOSE}"


def finish(docx_bytes: bytes, *, issuer_name: str, notes: list[str], draft: bool = False) -> bytes:
    """The rendered file with its footnotes, the issuer's rule fitted, and the draft mark when asked."""
    doc = open_docx(io.BytesIO(docx_bytes))
    _fit_issuer_rule(doc, issuer_name)
    _footnotes(doc, notes)
    if draft:
        _draft_mark(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# The issuer's rule -----------------------------------------------------------------------------


def _has_bottom_border(p: object) -> bool:
    bottom = p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    return bottom is not None and bottom.get(qn("w:val")) not in (None, "nil", "none")


def cell_width(p: object) -> Length | None:
    """The narrowest width a paragraph's table cell gets: its grid column (LibreOffice) or tcW (Word)."""
    tc = p.getparent()
    if tc is None or tc.tag != qn("w:tc"):
        return None
    tr = tc.getparent()
    index = list(tr.findall(qn("w:tc"))).index(tc)
    widths = []
    grid = tr.getparent().find(qn("w:tblGrid"))
    cols = grid.findall(qn("w:gridCol")) if grid is not None else []
    if index < len(cols) and cols[index].get(qn("w:w")):
        widths.append(int(cols[index].get(qn("w:w"))))
    tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if tcw is not None and tcw.get(qn("w:type")) in (None, "dxa") and tcw.get(qn("w:w")):
        widths.append(int(tcw.get(qn("w:w"))))
    return Length(min(widths) * 635) if widths else None


def rule_after(paragraph: Paragraph) -> object | None:
    """The empty bordered paragraph right under `paragraph` (the short rule), if there is one."""
    following = paragraph._p.getnext()
    if following is None or following.tag != qn("w:p"):
        return None
    if "".join(t.text or "" for t in following.iter(qn("w:t"))).strip():
        return None
    return following if _has_bottom_border(following) else None


def _fit_issuer_rule(doc: object, issuer_name: str) -> None:
    if not issuer_name or not doc.tables:
        return
    for cell in doc.tables[0].rows[0].cells:
        for paragraph in cell.paragraphs:
            if paragraph.text.strip() != issuer_name:
                continue
            rule = rule_after(paragraph)
            width = cell_width(paragraph._p)
            if rule is None or width is None:
                return
            sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None]
            available = width.pt - 2 * CELL_MARGIN_PT
            length = RULE_RATIO * widest_line_pt(issuer_name, max(sizes or [13.0]), available)
            side = int(max((available - length) / 2, 0) * 20)
            set_rule_indents(Paragraph(rule, paragraph._parent), (side, side))
            return


# Footnotes -------------------------------------------------------------------------------------

_SEPARATORS = (
    '<w:footnote {ns} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
    '<w:footnote {ns} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
)


def _footnotes_root(doc: object) -> tuple[object, Part]:
    """The footnotes part's XML root (created with its separators when the file has none) and the part."""
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            return parse_xml(part.blob), part
    root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}></w:footnotes>")
    for xml in _SEPARATORS:
        root.append(parse_xml(xml.format(ns=nsdecls("w"))))
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    return root, part


def _note_element(note_id: int, text: str) -> object:
    footnote = OxmlElement("w:footnote")
    footnote.set(qn("w:id"), str(note_id))
    p = OxmlElement("w:p")
    footnote.append(p)
    paragraph = Paragraph(p, None)
    paragraph.alignment = 3  # justified
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    ref = paragraph.add_run()
    set_run_font(ref, size=NOTE_SIZE)
    ref.font.superscript = True
    ref._r.append(OxmlElement("w:footnoteRef"))
    set_run_font(paragraph.add_run(f" {text}"), size=NOTE_SIZE)
    return footnote


def _reference_run(template_run: object, note_id: int) -> object:
    run = copy.deepcopy(template_run)
    for child in list(run):
        if child.tag != qn("w:rPr"):
            run.remove(child)
    wrapped = Run(run, None)
    wrapped.font.superscript = True
    wrapped.font.name = FONT
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(note_id))
    run.append(reference)
    return run


def _text_run(template_run: object, text: str) -> object:
    run = copy.deepcopy(template_run)
    for child in list(run):
        if child.tag != qn("w:rPr"):
            run.remove(child)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def _footnotes(doc: object, notes: list[str]) -> None:
    """Each mark of note n in the body becomes a reference to a Word footnote holding notes[n - 1]."""
    body = doc.element.body
    marked = [t for t in body.iter(qn("w:t")) if t.text and NOTE_OPEN in t.text]
    if not marked:
        return
    root, part = _footnotes_root(doc)
    existing = [int(f.get(qn("w:id"))) for f in root.findall(qn("w:footnote"))]
    first_id = max([0, *existing]) + 1
    placed: dict[int, int] = {}
    for t in marked:
        run = t.getparent()
        pieces = NOTE_MARK.split(t.text)
        new_runs = []
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                if piece:
                    new_runs.append(_text_run(run, piece))
                continue
            number = int(piece)
            if not 1 <= number <= len(notes):
                continue
            note_id = placed.get(number)
            if note_id is None:
                note_id = placed[number] = first_id + len(placed)
                root.append(_note_element(note_id, notes[number - 1]))
            new_runs.append(_reference_run(run, note_id))
        # The run may hold more than the text (a tab, a break): keep those, the marked text replaced.
        anchor = run
        for new in new_runs:
            anchor.addnext(new)
            anchor = new
        t.getparent().remove(t)
        if not any(child.tag != qn("w:rPr") for child in run):
            run.getparent().remove(run)
    if isinstance(part, XmlPart):
        part._element = root
    else:
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# Draft mark ------------------------------------------------------------------------------------


def _draft_mark(doc: object) -> None:
    """ "DỰ THẢO" in a box above the header, as offices mark a draft sent for comments."""
    first = doc.element.body[0]
    p = OxmlElement("w:p")
    first.addprevious(p)
    paragraph = Paragraph(p, doc._body)
    paragraph.alignment = 2  # right
    run = paragraph.add_run(DRAFT_MARK)
    set_run_font(run, size=13, bold=True)
    border = OxmlElement("w:bdr")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        border.set(qn(attr), value)
    run._r.get_or_add_rPr().append(border)
