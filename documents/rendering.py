"""DOCX (docxtpl) and PDF (LibreOffice, when installed) output of documents."""

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as open_docx
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from documents.docx_build import SHIPPED, TEMPLATE_DIR
from documents.finishing import NOTE_MARK as NOTE_SPLIT
from documents.finishing import finish, note_mark
from documents.models import DocType

# What a template may use; shown on the templates page so the office keeps them when editing in Word.
PLACEHOLDER_HELP: list[tuple[str, str]] = [
    ("{{ parent_name }}", "Tên cơ quan chủ quản (in hoa), có thể trống"),
    ("{{ issuer_name }}", "Tên cơ quan ban hành (in hoa)"),
    ("{{ number_symbol }}", "Số, ký hiệu, ví dụ 03/TB-HĐND"),
    ("{{ place_date }}", "Địa danh và ngày, ví dụ Đức Phổ, ngày 12 tháng 01 năm 2022"),
    ("{{ type_name }}", "Tên loại văn bản (in hoa), ví dụ THÔNG BÁO"),
    ("{{ subject }}", "Trích yếu nội dung"),
    ("{{ addressees }}", "Kính gửi (công văn)"),
    (
        "{%p for para in paragraphs %} … {{ para.text }} … {%p endfor %}",
        "Các đoạn nội dung (para.kind: heading, subheading, center, text)",
    ),
    ("{%p for line in recipients %} … {{ line }} … {%p endfor %}", "Các dòng Nơi nhận, kết thúc bằng Lưu: VT."),
    ("{{ signer_authority_line }}", "Quyền hạn ký, ví dụ TL. THƯỜNG TRỰC HĐND"),
    ("{{ signer_title }}", "Chức vụ người ký (in hoa)"),
    ("{{ signer_name }}", "Họ và tên người ký"),
]
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}")
# Users' text is data: its braces and percent signs travel through the rendering as private-use
# characters, so a subject with "{{" is never read as a placeholder, then are put back in the file.
_DATA_MARKS = str.maketrans({"{": "\ue000", "}": "\ue001", "%": "\ue002"})
_DATA_UNMARK = {"\ue000": "{", "\ue001": "}", "\ue002": "%"}
# The only filters a document template needs; anything else (attr, map, format...) is refused.
_ALLOWED_FILTERS = ("upper", "lower", "title", "capitalize", "trim", "default", "length", "join", "first", "last")
_MAX_SEQUENCE = 100_000


class _DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's sandbox with no globals, a short list of filters and bounded arithmetic.

    Templates are uploaded by office staff: nothing they write may reach Python objects outside the
    document's context (``cycler.__init__.__globals__`` and the like raise SecurityError), and
    ``"x" * 10**9`` or ``9**9**9`` cannot exhaust the server.
    """

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True)
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in _ALLOWED_FILTERS}

    def call_binop(self, context: object, operator: str, left: object, right: object) -> object:
        if operator == "**":
            raise SecurityError("phép lũy thừa không được dùng trong mẫu")
        if isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple)):
            count = right if isinstance(right, int) else left
            if not isinstance(count, int) or count > _MAX_SEQUENCE:
                raise SecurityError("phép nhân chuỗi quá lớn")
        return super().call_binop(context, operator, left, right)


class RenderError(Exception):
    """A template that cannot produce a document; the message is Vietnamese and says why."""


@dataclass
class DocxData:
    """Everything a template shows, already in the document's words (upper case where ND30 wants it)."""

    parent_name: str
    issuer_name: str
    number_symbol: str
    place_date: str
    type_name: str
    subject: str
    body: str
    recipients: list[str]
    signer_authority_line: str
    signer_title: str
    signer_name: str
    addressees: str = ""
    extra: dict = field(default_factory=dict)


SAMPLE = DocxData(
    parent_name="",
    issuer_name="HỘI ĐỒNG NHÂN DÂN THỊ XÃ ĐỨC PHỔ",
    number_symbol="03/TB-HĐND",
    place_date="Đức Phổ, ngày 12 tháng 01 năm 2022",
    type_name="THÔNG BÁO",
    subject="Kết luận của Thường trực HĐND thị xã tại phiên họp ngày 12/01/2022",
    body="Ngày 12/01/2022, Thường trực HĐND thị xã tổ chức phiên họp.\n"
    "# 1. Đánh giá công tác chuẩn bị kỳ họp\n## a) Kết quả đạt được\n- Kỳ họp được thực hiện nghiêm túc.\n"
    "! QUYẾT NGHỊ:\nVăn phòng thông báo đến các cơ quan, đơn vị liên quan biết, thực hiện./.",
    recipients=["- TT Thị ủy;", "- UBND thị xã;", "- Lưu: VT."],
    signer_authority_line="TL. THƯỜNG TRỰC HĐND",
    signer_title="CHÁNH VĂN PHÒNG",
    signer_name="Nguyễn Viết Thanh",
    addressees="Ủy ban nhân dân thị xã",
)


def shipped_template(doc_type: str) -> bytes:
    """The template shipped for a type, else the generic one."""
    filename = SHIPPED.get(doc_type) or SHIPPED[""]
    return (TEMPLATE_DIR / filename).read_bytes()


# "[^1]" in a line refers to the note defined on its own line as "[^1]: text" (Markdown's footnotes).
_NOTE_REF = re.compile(r"\[\^([\w-]+)\]")
_NOTE_DEF = re.compile(r"^\[\^([\w-]+)\]:\s*(.*)$")
# "1. 1. Đánh giá": a number typed by the user after the one the composition already gives.
_DOUBLED_NUMBER = re.compile(r"^((?:[IVXLC]+|\d+|[a-zđ])[.)])\s+\1\s+", re.IGNORECASE)


@dataclass
class Body:
    paragraphs: list[dict[str, str]]
    notes: list[str]


def parse_body(text: str) -> Body:
    """The body's lines as paragraphs and its footnotes, in the order they are first referred to.

    '# ', '## ', '! ' mark a heading, a sub-heading, a centred line; "[^x]" places the footnote defined
    by a line "[^x]: text" (a reference with no definition stays as typed; a definition never referred
    to is dropped); a number typed twice ("1. 1. …") is printed once.
    """
    lines = [raw.strip() for raw in text.splitlines()]
    definitions = {}
    for line in lines:
        match = _NOTE_DEF.match(line)
        if match:
            definitions[match.group(1)] = match.group(2).strip()
    numbers: dict[str, int] = {}
    notes: list[str] = []

    def reference(match: re.Match) -> str:
        label = match.group(1)
        if label not in definitions or not definitions[label]:
            return match.group(0)
        if label not in numbers:
            notes.append(definitions[label])
            numbers[label] = len(notes)
        return note_mark(numbers[label])

    out = []
    for line in lines:
        if not line or _NOTE_DEF.match(line):
            continue
        kind = "text"
        for prefix, name in (("## ", "subheading"), ("# ", "heading"), ("! ", "center")):
            if line.startswith(prefix):
                line, kind = line[len(prefix) :].strip(), name
                break
        line = _DOUBLED_NUMBER.sub(r"\1 ", line)
        out.append({"kind": kind, "text": _NOTE_REF.sub(reference, line)})
    return Body(out, notes)


def preview(data: DocxData) -> dict:
    """The document's words for the screen preview (documents/_preview.html): each paragraph as pieces of
    text and footnote numbers, the notes, and the header, title, recipients and signature as in the DOCX."""
    return {"data": data, **body_preview(data.body)}


def body_preview(text: str) -> dict:
    """A body's paragraphs as pieces of text and footnote numbers, and its numbered notes, for the screen
    (documents/_paragraphs.html, _notes.html): headings as headings, not as "# " typed."""
    body = parse_body(text)
    paragraphs = []
    for paragraph in body.paragraphs:
        pieces = NOTE_SPLIT.split(paragraph["text"])
        parts = [(piece, None) if i % 2 == 0 else ("", int(piece)) for i, piece in enumerate(pieces) if piece]
        paragraphs.append({"kind": paragraph["kind"], "parts": parts})
    return {"paragraphs": paragraphs, "notes": list(enumerate(body.notes, start=1))}


def body_paragraphs(text: str) -> list[dict[str, str]]:
    """The body's paragraphs (see `parse_body`)."""
    return parse_body(text).paragraphs


def _leftovers(docx_bytes: bytes) -> list[str]:
    """Placeholder marks still in the text of the document, its headers and footers."""
    doc = open_docx(io.BytesIO(docx_bytes))
    texts = [p.text for p in _all_paragraphs(doc)]
    return sorted({m for t in texts for m in _LEFTOVER.findall(t)})


def _all_paragraphs(doc: object) -> list:
    out = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(cell.paragraphs)
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            out.extend(part.paragraphs)
    return out


def render_docx(template: bytes, data: DocxData, *, draft: bool = False) -> bytes:
    """Fill a template; RenderError (Vietnamese) when it is not a DOCX, fails, or leaves placeholders.

    Footnotes of the body become Word footnotes; `draft` marks the file "DỰ THẢO" (a preview).
    """
    body = parse_body(data.body)
    if not zipfile.is_zipfile(io.BytesIO(template)):
        raise RenderError("Tệp không phải là tệp Word (.docx) hợp lệ.")
    try:
        tpl = DocxTemplate(io.BytesIO(template))
        context = _as_data(
            {
                "parent_name": data.parent_name,
                "issuer_name": data.issuer_name,
                "number_symbol": data.number_symbol,
                "place_date": data.place_date,
                "type_name": data.type_name,
                "subject": data.subject,
                "addressees": data.addressees,
                "recipients": data.recipients,
                "signer_authority_line": data.signer_authority_line,
                "signer_title": data.signer_title,
                "signer_name": data.signer_name,
                "extra": data.extra,
                "paragraphs": body.paragraphs,
            }
        )
        # Unknown names are errors, not blanks: a misspelt placeholder must not pass silently.
        tpl.render(context, jinja_env=_DocumentEnvironment(), autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
    except SecurityError as exc:
        raise RenderError(
            "Mẫu bị từ chối: phần giữ chỗ chỉ được dùng các biến của văn bản, "
            f"không được truy cập thuộc tính hay hàm khác ({exc})."
        ) from exc
    except UndefinedError as exc:
        raise RenderError(f"Mẫu dùng biến không có: {exc.message}.") from exc
    except TemplateError as exc:
        raise RenderError(f"Mẫu có lỗi cú pháp ở phần giữ chỗ: {exc.message or exc}.") from exc
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise RenderError("Tệp không phải là tệp Word (.docx) hợp lệ.") from exc
    result = out.getvalue()
    leftovers = _leftovers(result)
    if leftovers:
        raise RenderError(
            "Sau khi điền dữ liệu, mẫu vẫn còn phần giữ chỗ chưa thay thế ("
            + ", ".join(leftovers)
            + "); có thể Word đã tách một phần giữ chỗ, hãy gõ lại nguyên phần đó."
        )
    return _unmark(finish(result, issuer_name=data.issuer_name, notes=body.notes, draft=draft))


def _as_data(value: object) -> object:
    """The context with every string's template marks swapped for private-use characters."""
    if isinstance(value, str):
        return value.translate(_DATA_MARKS)
    if isinstance(value, dict):
        return {key: _as_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_data(item) for item in value]
    return value


def _unmark(docx_bytes: bytes) -> bytes:
    """The rendered file with users' braces and percent signs put back in every XML part."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xml") and b"\xee\x80" in content:
                text = content.decode("utf-8")
                for mark, char in _DATA_UNMARK.items():
                    text = text.replace(mark, char)
                content = text.encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def pdf_available() -> bool:
    return _soffice() is not None


def _soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def render_pdf(docx_bytes: bytes) -> bytes | None:
    """The PDF of a DOCX through LibreOffice; None when LibreOffice is not installed or fails."""
    binary = _soffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "van-ban.docx"
        source.write_bytes(docx_bytes)
        # A private profile: parallel conversions with a shared one block each other.
        profile = Path(tmp) / "profile"
        command = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": tmp})
        except (subprocess.SubprocessError, OSError):
            return None
        target = source.with_suffix(".pdf")
        return target.read_bytes() if target.exists() else None


def type_label(doc_type: str) -> str:
    return DocType(doc_type).label if doc_type else "Mẫu chung"
