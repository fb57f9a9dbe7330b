"""Reads a DOCX back and lists what breaks the format of Nghị định 30/2020/NĐ-CP (Phụ lục I).

Public API, for the tests of every app that issues documents:

    check_nd30(docx_bytes) -> list[str]   # Vietnamese problems, empty when the document conforms
    assert_nd30(docx_bytes) -> None        # AssertionError listing the problems
"""

import io
import re

__all__ = ["assert_nd30", "check_nd30", "text_width_pt"]

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

from documents.finishing import cell_width, rule_after
from documents.metrics import CELL_MARGIN_PT, text_width_pt, widest_line_pt

FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# "Số: 05/2025/NQ-HĐND", "Số: 15/HĐND-VP", a draft "Số:     /TB-HĐND".
NUMBER_LINE = re.compile(r"^Số:\s*(\d{2,})?\s*/(\d{4}/)?[^\s/]+$")
# "Đức Phổ, ngày 05 tháng 01 năm 2022"; a draft may leave the day and month blank.
DATE_LINE = re.compile(r"^\S[^,]*, ngày\s+(?P<d>\d{1,2})?\s*tháng\s+(?P<m>\d{1,2})?\s*năm \d{4}$")
A4_MM = (210, 297)
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MARGIN_LABELS = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def _mm(length: Length | None) -> float:
    return (length or 0) / 36000


class _Styles:
    """Effective bold/italic/size/font of runs, following run → paragraph style → defaults."""

    def __init__(self, doc: object) -> None:
        self.doc = doc
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}") if defaults is not None else None
        self.default_font = fonts.get(qn("w:ascii")) if fonts is not None else None
        self.theme_font = fonts is not None and fonts.get(qn("w:asciiTheme")) is not None
        size = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}") if defaults is not None else None
        self.default_size = int(size.get(qn("w:val"))) / 2 if size is not None else 10.0

    def _style_attr(self, paragraph: Paragraph, name: str) -> object:
        style = paragraph.style
        while style is not None:
            value = getattr(style.font, name)
            if value is not None:
                return value
            style = style.base_style
        return None

    def attr(self, run: object, paragraph: Paragraph, name: str) -> object:
        value = getattr(run.font, name)
        if value is None:
            value = self._style_attr(paragraph, name)
        return value

    def font(self, run: object, paragraph: Paragraph) -> str | None:
        value = self.attr(run, paragraph, "name")
        if value is None and not self.theme_font:
            value = self.default_font
        return value

    def size(self, run: object, paragraph: Paragraph) -> float:
        value = self.attr(run, paragraph, "size")
        return value.pt if value is not None else self.default_size


def _paragraphs(doc: object) -> list[Paragraph]:
    out = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(cell.paragraphs)
                for inner in cell.tables:
                    for inner_row in inner.rows:
                        for inner_cell in inner_row.cells:
                            out.extend(inner_cell.paragraphs)
    return out


def _runs(paragraph: Paragraph) -> list:
    return [r for r in paragraph.runs if r.text.strip()]


def _all(styles: _Styles, paragraph: Paragraph, name: str) -> bool:
    runs = _runs(paragraph)
    return bool(runs) and all(styles.attr(r, paragraph, name) for r in runs)


def _sizes(styles: _Styles, paragraph: Paragraph) -> set[float]:
    return {styles.size(r, paragraph) for r in _runs(paragraph)}


def _find(paragraphs: list[Paragraph], predicate: object) -> Paragraph | None:
    return next((p for p in paragraphs if predicate(p.text.strip())), None)


def _has_page_field(part: object) -> bool:
    element = part._element
    for simple in element.iter(qn("w:fldSimple")):
        if "PAGE" in (simple.get(qn("w:instr")) or "").upper().split():
            return True
    return any("PAGE" in (t.text or "").upper().split() for t in element.iter(qn("w:instrText")))


def _check_page(doc: object, problems: list[str]) -> None:
    for index, section in enumerate(doc.sections, start=1):
        where = f" (phần {index})" if len(doc.sections) > 1 else ""
        width, height = _mm(section.page_width), _mm(section.page_height)
        if abs(width - A4_MM[0]) > 1 or abs(height - A4_MM[1]) > 1:
            problems.append(f"Khổ giấy phải là A4 dọc (210 × 297 mm), đang là {width:.0f} × {height:.0f} mm{where}.")
        for side, (low, high) in MARGINS_MM.items():
            value = _mm(getattr(section, f"{side}_margin"))
            if not low - 0.5 <= value <= high + 0.5:
                problems.append(f"Lề {MARGIN_LABELS[side]} phải từ {low} đến {high} mm, đang là {value:.1f} mm{where}.")
    section = doc.sections[0]
    if not section.different_first_page_header_footer:
        problems.append("Phải đặt “trang đầu khác” để trang 1 không đánh số trang.")
    if not _has_page_field(section.header):
        problems.append("Thiếu trường số trang (PAGE) ở đầu trang từ trang thứ hai.")
    if section.different_first_page_header_footer and _has_page_field(section.first_page_header):
        problems.append("Trang đầu không được đánh số trang.")


def _check_fonts(doc: object, styles: _Styles, paragraphs: list[Paragraph], problems: list[str]) -> None:
    wrong = set()
    for paragraph in paragraphs:
        for run in _runs(paragraph):
            name = styles.font(run, paragraph)
            if name != FONT:
                wrong.add(name or "phông chủ đề (theme)")
    if wrong:
        problems.append(f"Phông chữ phải là {FONT}; đang có: {', '.join(sorted(wrong))}.")


def _check_header(styles: _Styles, paragraphs: list[Paragraph], problems: list[str]) -> None:
    title = _find(paragraphs, lambda t: t == NATIONAL_TITLE)
    if title is None:
        problems.append(f"Thiếu Quốc hiệu “{NATIONAL_TITLE}” (chữ in hoa).")
    else:
        if not _all(styles, title, "bold"):
            problems.append("Quốc hiệu phải in đậm.")
        if not _sizes(styles, title) <= {12.0, 12.5, 13.0}:
            problems.append("Quốc hiệu phải cỡ chữ 12-13.")
    motto = _find(paragraphs, lambda t: t == MOTTO)
    if motto is None:
        problems.append(f"Thiếu Tiêu ngữ “{MOTTO}”.")
    else:
        if not _all(styles, motto, "bold"):
            problems.append("Tiêu ngữ phải in đậm.")
        if not _sizes(styles, motto) <= {13.0, 13.5, 14.0}:
            problems.append("Tiêu ngữ phải cỡ chữ 13-14.")
    number = _find(paragraphs, lambda t: t.startswith("Số:") or t.startswith("Số "))
    if number is None:
        problems.append("Thiếu dòng số, ký hiệu văn bản (“Số: …”).")
    elif not NUMBER_LINE.match(number.text.strip()):
        problems.append(f"Số, ký hiệu không đúng mẫu (ví dụ “Số: 03/TB-HĐND”): “{number.text.strip()}”.")
    date = _find(paragraphs, lambda t: ", ngày" in t and "năm" in t)
    if date is None:
        problems.append("Thiếu dòng địa danh và ngày tháng (“Đức Phổ, ngày 12 tháng 01 năm 2022”).")
    else:
        text = date.text.strip()
        match = DATE_LINE.match(text)
        if match is None:
            problems.append(f"Địa danh và ngày tháng không đúng mẫu: “{text}”.")
        else:
            day, month = match.group("d"), match.group("m")
            if day and int(day) < 10 and len(day) != 2:
                problems.append(f"Ngày nhỏ hơn 10 phải có số 0 ở trước: “{text}”.")
            if month and int(month) <= 2 and len(month) != 2:
                problems.append(f"Tháng 1, 2 phải có số 0 ở trước: “{text}”.")
            if month and int(month) > 2 and month.startswith("0"):
                problems.append(f"Tháng từ 3 trở đi không ghi số 0 ở trước: “{text}”.")
        if not _all(styles, date, "italic"):
            problems.append("Địa danh và ngày tháng phải in nghiêng.")


def _check_closing(doc: object, styles: _Styles, problems: list[str]) -> None:
    for table in doc.tables:
        for row in table.rows:
            cells = row.cells
            for i, cell in enumerate(cells):
                label = next((p for p in cell.paragraphs if p.text.strip() == "Nơi nhận:"), None)
                if label is None:
                    continue
                if not (_all(styles, label, "bold") and _all(styles, label, "italic")):
                    problems.append("“Nơi nhận:” phải in đậm, nghiêng.")
                if _sizes(styles, label) != {12.0}:
                    problems.append("“Nơi nhận:” phải cỡ chữ 12.")
                lines = [p for p in cell.paragraphs if p.text.strip() and p._p is not label._p]
                if any(_sizes(styles, p) != {11.0} for p in lines):
                    problems.append("Danh sách nơi nhận phải cỡ chữ 11.")
                if not lines or not lines[-1].text.strip().startswith("- Lưu"):
                    problems.append("Nơi nhận phải kết thúc bằng “- Lưu: VT.”.")
                signature = [c for j, c in enumerate(cells) if j != i and c._tc is not cell._tc]
                bold_lines = [p for c in signature for p in c.paragraphs if p.text.strip() and _all(styles, p, "bold")]
                # Authority or title in capitals, then the signer's name, which is not in capitals.
                if len(bold_lines) < 2 or bold_lines[-1].text.strip().isupper():
                    problems.append(
                        "Thiếu khối chữ ký bên phải nơi nhận (quyền hạn, chức vụ in hoa và họ tên người ký, in đậm)."
                    )
                return
    problems.append("Thiếu khối “Nơi nhận:” đặt cạnh chữ ký (bảng hai cột ở cuối văn bản).")


def _ink(paragraph: Paragraph) -> str:
    return paragraph.text.strip()


def _text_width_available(doc: object) -> float:
    section = doc.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / 12700


def _rule_length_pt(rule: object, column_pt: float) -> float:
    fmt = Paragraph(rule, None).paragraph_format
    left = fmt.left_indent.pt if fmt.left_indent is not None else 0.0
    right = fmt.right_indent.pt if fmt.right_indent is not None else 0.0
    return column_pt - 2 * CELL_MARGIN_PT - left - right


def _check_layout(doc: object, styles: _Styles, paragraphs: list[Paragraph], problems: list[str]) -> None:
    """The header block as Phụ lục I lays it out, read from the rendered file: the two columns within the
    text width, the national title on one line of its column, the motto under it with its rule, the
    issuer under its parent with its short rule, the number under the issuer, the date under the motto."""
    title = _find(paragraphs, lambda t: t == NATIONAL_TITLE)
    if title is None:
        return
    width = cell_width(title._p)
    if width is None:
        problems.append("Quốc hiệu phải nằm ở cột phải của bảng đầu văn bản (ô số 1, Phụ lục I).")
        return
    available_pt = width.pt - 2 * CELL_MARGIN_PT
    size = max(_sizes(styles, title) or {13.0})
    needed = text_width_pt(NATIONAL_TITLE, size)
    if needed > available_pt:
        problems.append(
            f"Quốc hiệu không vừa một dòng: cần {needed / 72 * 2.54:.1f} cm ở cỡ {size:g}, "
            f"cột chỉ rộng {available_pt / 72 * 2.54:.1f} cm."
        )
    tc = title._p.getparent()
    tr = tc.getparent()
    tbl = tr.getparent()
    grid = tbl.find(qn("w:tblGrid"))
    cols = [int(c.get(qn("w:w")) or 0) for c in grid.findall(qn("w:gridCol"))] if grid is not None else []
    if cols and sum(cols) / 20 > _text_width_available(doc) + 3:
        problems.append(
            f"Bảng đầu văn bản rộng {sum(cols) / 20 / 72 * 2.54:.1f} cm, vượt khổ chữ "
            f"{_text_width_available(doc) / 72 * 2.54:.1f} cm."
        )
    right = [Paragraph(p, None) for p in tc.findall(qn("w:p"))]
    right = [p for p in right if _ink(p) or rule_after_any(p)]
    _check_motto(styles, right, problems)
    cells = tr.findall(qn("w:tc"))
    if len(cells) != 2 or cells[1] is not tc:
        problems.append("Đầu văn bản phải có hai cột: cơ quan ban hành bên trái, Quốc hiệu bên phải.")
        return
    _check_issuer(styles, cells[0], problems)
    _check_number_and_date(styles, tbl, problems)


def rule_after_any(paragraph: Paragraph) -> bool:
    return paragraph._p is not None and rule_after(paragraph) is not None


def _check_motto(styles: _Styles, right: list[Paragraph], problems: list[str]) -> None:
    texts = [_ink(p) for p in right]
    if MOTTO not in texts:
        return
    index = texts.index(MOTTO)
    if index == 0 or texts[index - 1] != NATIONAL_TITLE:
        problems.append("Tiêu ngữ phải đặt ngay dưới Quốc hiệu.")
    motto = right[index]
    underlined = all(r.font.underline for r in _runs(motto))
    rule = rule_after(motto)
    if not underlined and rule is None:
        problems.append("Thiếu đường kẻ ngang dưới Tiêu ngữ (nét liền, dài bằng dòng chữ).")
    elif rule is not None and not underlined:
        width = cell_width(motto._p)
        length = _rule_length_pt(rule, width.pt) if width is not None else 0
        needed = text_width_pt(MOTTO, max(_sizes(styles, motto) or {13.0}))
        if not 0.8 * needed <= length <= 1.1 * needed:
            problems.append("Đường kẻ dưới Tiêu ngữ phải dài bằng dòng chữ.")


def _check_issuer(styles: _Styles, tc: object, problems: list[str]) -> None:
    lines = [Paragraph(p, None) for p in tc.findall(qn("w:p"))]
    lines = [p for p in lines if _ink(p)]
    issuer = next((p for p in lines if _all(styles, p, "bold")), None)
    if issuer is None:
        problems.append("Thiếu tên cơ quan ban hành (in hoa, đậm) ở cột trái đầu văn bản.")
        return
    parents = lines[: lines.index(issuer)]
    for parent in parents:
        if not _ink(parent).isupper():
            problems.append("Tên cơ quan chủ quản phải in hoa.")
        if not _sizes(styles, parent) <= {12.0, 12.5, 13.0}:
            problems.append("Tên cơ quan chủ quản phải cỡ chữ 12-13.")
    if not _ink(issuer).isupper():
        problems.append("Tên cơ quan ban hành phải in hoa.")
    size = max(_sizes(styles, issuer) or {13.0})
    if not _sizes(styles, issuer) <= {12.0, 12.5, 13.0}:
        problems.append("Tên cơ quan ban hành phải cỡ chữ 12-13.")
    after = lines[lines.index(issuer) + 1 :]
    if after and not _ink(after[0]).startswith("Số"):
        problems.append("Tên cơ quan chủ quản phải đặt trên tên cơ quan ban hành.")
    rule = rule_after(issuer)
    if rule is None:
        problems.append("Thiếu đường kẻ ngang dưới tên cơ quan ban hành (dài 1/3 đến 1/2 dòng chữ).")
        return
    width = cell_width(issuer._p)
    if width is None:
        return
    line = widest_line_pt(_ink(issuer), size, width.pt - 2 * CELL_MARGIN_PT)
    length = _rule_length_pt(rule, width.pt)
    if not line / 3 - 1 <= length <= line / 2 + 1:
        problems.append(
            f"Đường kẻ dưới tên cơ quan ban hành dài {length / 72 * 2.54:.1f} cm; phải từ 1/3 đến 1/2 dòng chữ "
            f"({line / 3 / 72 * 2.54:.1f}-{line / 2 / 72 * 2.54:.1f} cm)."
        )


def _check_number_and_date(styles: _Styles, tbl: object, problems: list[str]) -> None:
    """The number under the issuer (left column), the place and date under the motto (right column)."""
    for tr in tbl.findall(qn("w:tr")):
        for column, tc in enumerate(tr.findall(qn("w:tc"))):
            for p in tc.findall(qn("w:p")):
                paragraph = Paragraph(p, None)
                text = _ink(paragraph)
                if NUMBER_LINE.match(text):
                    if column != 0:
                        problems.append("Số, ký hiệu phải đặt ở cột trái, dưới tên cơ quan ban hành.")
                    if _sizes(styles, paragraph) != {13.0}:
                        problems.append("Số, ký hiệu phải cỡ chữ 13.")
                elif DATE_LINE.match(text):
                    if column != 1:
                        problems.append("Địa danh và ngày tháng phải đặt ở cột phải, dưới Tiêu ngữ.")
                    if not _sizes(styles, paragraph) <= {13.0, 13.5, 14.0}:
                        problems.append("Địa danh và ngày tháng phải cỡ chữ 13-14.")


def _check_title(doc: object, styles: _Styles, problems: list[str]) -> None:
    """The type's name (capitals, bold, 13-14) and the subject under it, both centred."""
    for paragraph in doc.paragraphs:
        text = _ink(paragraph)
        if not text or text == "DỰ THẢO":
            continue
        if text.startswith("Kính gửi"):
            return  # a letter: no type name, its subject is under the number
        wrong = not _all(styles, paragraph, "bold") or not _sizes(styles, paragraph) <= {13.0, 13.5, 14.0}
        if text.isupper() and wrong:
            problems.append(f"Tên loại văn bản “{text}” phải in hoa, đậm, cỡ chữ 13-14.")
        return


def check_nd30(docx_bytes: bytes) -> list[str]:
    """The ND30 format problems of a DOCX, in Vietnamese; an empty list means it conforms."""
    try:
        doc = open_docx(io.BytesIO(docx_bytes))
    except Exception:  # python-docx raises many kinds on a broken package
        return ["Không đọc được tệp Word (.docx)."]
    problems: list[str] = []
    styles = _Styles(doc)
    paragraphs = _paragraphs(doc)
    _check_page(doc, problems)
    _check_fonts(doc, styles, paragraphs, problems)
    _check_header(styles, paragraphs, problems)
    _check_layout(doc, styles, paragraphs, problems)
    _check_title(doc, styles, problems)
    _check_closing(doc, styles, problems)
    return problems


def assert_nd30(docx_bytes: bytes) -> None:
    """Fail (AssertionError) with every ND30 problem of the document."""
    problems = check_nd30(docx_bytes)
    assert not problems, "Văn bản chưa đúng thể thức Nghị định 30/2020/NĐ-CP:\n- " + "\n- ".join(problems)
