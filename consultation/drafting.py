"""A draft's text: read from a pasted text or a DOCX, split into its articles, and compared between versions.

Vietnamese legal drafts number their articles "Điều 1.", "Điều 2:" at the start of a line (Nghị định
30/2020/NĐ-CP; the drafting rules of Luật 64/2025/QH15); the text before the first article (the title, the
legal bases) is kept as article 0. The comparison is article by article with difflib, word by word, so a
reader sees which articles changed and what was inserted or deleted.
"""

import difflib
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from hdnd.text import clean_multiline

ARTICLE = re.compile(r"^\s*Điều\s+(\d{1,3})\s*[.:\-–]?\s*(.*)$")
MAX_DOCX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class ArticleText:
    number: int
    heading: str
    text: str


def split_articles(text: str) -> list[ArticleText]:
    """The draft's articles in order; the preamble (if any) as article 0. Refused: no article at all, or an
    article number repeated (a typing mistake the reader of the diff would otherwise inherit)."""
    text = clean_multiline(text)
    if not text:
        raise ValidationError({"text": "Vui lòng nhập toàn văn dự thảo."})
    out: list[list] = []
    preamble: list[str] = []
    for line in text.splitlines():
        match = ARTICLE.match(line)
        if match:
            number, rest = int(match.group(1)), match.group(2).strip()
            heading = f"Điều {number}. {rest}".strip() if rest else f"Điều {number}"
            out.append([number, heading[:500], []])
        elif out:
            out[-1][2].append(line)
        else:
            preamble.append(line)
    if not out:
        raise ValidationError(
            {"text": "Không tìm thấy điều nào trong dự thảo: mỗi điều bắt đầu một dòng bằng “Điều 1.”, “Điều 2.”…"}
        )
    numbers = [n for n, _, _ in out]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise ValidationError({"text": f"Số điều bị lặp: Điều {', '.join(map(str, repeated))}."})
    if 0 in numbers:
        raise ValidationError({"text": "Điều được đánh số từ 1."})
    articles = [ArticleText(n, h, "\n".join(lines).strip()) for n, h, lines in out]
    intro = "\n".join(preamble).strip()
    if intro:
        articles.insert(0, ArticleText(0, "Phần mở đầu", intro))
    return articles


def docx_text(content: bytes) -> str:
    """The paragraphs of a DOCX file, one per line (tables' cells too, in order). A file that is not a
    Word document is refused with a Vietnamese message."""
    from docx import Document

    if len(content) > MAX_DOCX_BYTES:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 10 MB)."})
    try:
        document = Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError({"file": "Tệp không phải văn bản Word (.docx) đọc được."}) from exc
    except Exception as exc:  # python-docx raises its own and lxml's errors on a damaged package
        raise ValidationError({"file": "Tệp Word bị hỏng, không đọc được."}) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "ins", "del"
    text: str


CHANGE_LABELS = {"added": "Điều mới", "removed": "Đã bỏ", "changed": "Có sửa đổi", "same": "Không thay đổi"}


@dataclass(frozen=True)
class ArticleDiff:
    number: int
    heading: str
    change: str  # "added", "removed", "changed", "same"
    pieces: list[Piece]

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]


def _words(old: str, new: str) -> list[Piece]:
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("ins", "".join(b[j1:j2])))
    return pieces


def compare(old: list[object], new: list[object]) -> list[ArticleDiff]:
    """Article-level differences between two versions (objects with number, heading, text), in the new
    version's order, with the removed articles where they stood."""
    before = {a.number: a for a in old}
    after = {a.number: a for a in new}
    order = [a.number for a in new] + [n for n in before if n not in after]
    out = []
    for number in sorted(order, key=lambda n: (n not in after, n)):
        was, now = before.get(number), after.get(number)
        if was is None:
            out.append(ArticleDiff(number, now.heading, "added", [Piece("ins", f"{now.heading}\n{now.text}")]))
        elif now is None:
            out.append(ArticleDiff(number, was.heading, "removed", [Piece("del", f"{was.heading}\n{was.text}")]))
        else:
            old_text, new_text = f"{was.heading}\n{was.text}", f"{now.heading}\n{now.text}"
            change = "same" if old_text == new_text else "changed"
            out.append(ArticleDiff(number, now.heading, change, _words(old_text, new_text)))
    return out
