"""A document as DOCX or PDF, final or marked "DỰ THẢO"; and the preview of a document not created yet."""

from django.core.exceptions import ValidationError

from documents.models import Authority, Direction, Document, State
from documents.rendering import DocxData, RenderError, render_docx, render_pdf
from documents.services.issuers import issuer_default
from documents.services.templates import template_for
from documents.wording import docx_data
from hdnd.text import clean, clean_multiline
from registry.models import Council


def document_render_docx(document: Document) -> bytes:
    """The document as DOCX, from its type's template; a broken council template is a ValidationError."""
    try:
        return render_docx(template_for(council=document.council, doc_type=document.doc_type), docx_data(document))
    except RenderError as exc:
        raise ValidationError(f"Không tạo được tệp Word từ mẫu của Hội đồng: {exc}") from exc


def document_preview_docx(document: Document) -> bytes:
    """The document as it stands, marked "DỰ THẢO" while it is a draft (its number and date left blank)."""
    draft = document.state == State.DRAFT
    try:
        return render_docx(
            template_for(council=document.council, doc_type=document.doc_type), docx_data(document), draft=draft
        )
    except RenderError as exc:
        raise ValidationError(f"Không tạo được tệp Word từ mẫu của Hội đồng: {exc}") from exc


def unsaved_preview(
    *,
    council: Council,
    doc_type: str,
    subject: str,
    body: str,
    signer_authority: str = Authority.NONE,
    signer_collective: str = "",
    signer_title: str = "",
    signer_name: str = "",
    recipient_lines: str = "",
) -> tuple[DocxData, bytes]:
    """The words and the draft DOCX of a document a workflow has not created yet (the annual report before
    it is issued and numbered): nothing is saved, no number is taken."""
    document = Document(
        council=council,
        direction=Direction.OUTGOING,
        doc_type=doc_type,
        issuer=issuer_default(council=council),
        place=council.document_place,
        issued_on=None,
        subject=clean(subject),
        body=clean_multiline(body),
        signer_authority=signer_authority,
        signer_collective=clean(signer_collective),
        signer_title=clean(signer_title),
        signer_name=clean(signer_name),
        recipient_lines=clean_multiline(recipient_lines),
    )
    data = docx_data(document, bodies=[])
    try:
        content = render_docx(template_for(council=council, doc_type=doc_type), data, draft=True)
    except RenderError as exc:
        raise ValidationError(f"Không tạo được tệp Word từ mẫu của Hội đồng: {exc}") from exc
    return data, content


def document_render_pdf(document: Document) -> bytes | None:
    """The document as PDF through LibreOffice, or None where LibreOffice is not installed."""
    return render_pdf(document_render_docx(document))
