"""The words a document shows, built from its record; nothing here writes.

recipient_list(document) -> the "Nơi nhận" lines; docx_data(document) -> what a template fills in."""

from documents import numbering
from documents.models import Document
from documents.recipients import grouped_names
from documents.rendering import DocxData
from hdnd import dates
from hdnd.text import clean
from registry.models import Body

ARCHIVE_LINE = "- Lưu: VT."


def recipient_list(document: Document, *, bodies: list[Body] | None = None) -> list[str]:
    """The "Nơi nhận" lines: registry bodies, then free lines, always ending with "- Lưu: VT."."""
    if bodies is None:
        bodies = list(document.recipient_bodies.all())
    names = grouped_names(document.council, bodies)
    archive = ARCHIVE_LINE
    for line in document.recipient_lines.splitlines():
        line = clean(line).lstrip("-–• ").rstrip(";.,").strip()
        if not line:
            continue
        if line.lower().startswith("lưu"):
            archive = f"- {line}."  # the office's own archive line ("Lưu: VT, VP.")
            continue
        names.append(line)
    return [f"- {name};" for name in names] + [archive]


def _upper(text: str) -> str:
    return clean(text).upper()


def docx_data(document: Document, *, bodies: list[Body] | None = None) -> DocxData:
    """The words a template shows for a document, as ND30 wants them (capitals, dates, number).

    `bodies` stands for the recipient bodies of a document not saved (a preview)."""
    issuer = document.issuer
    if document.number is not None and document.number_symbol:
        number_symbol = document.number_symbol
    else:
        rule = numbering.series_rule(document.council, document.doc_type, document.normative)
        year = (document.issued_on or dates.today()).year
        number_symbol = numbering.format_number_symbol(
            pattern=rule.pattern, number=None, year=year, doc_type=document.doc_type, issuer=issuer
        )
    authority = ""
    if document.signer_authority:
        authority = f"{document.signer_authority} {_upper(document.signer_collective)}".strip()
    if bodies is None:
        bodies = list(document.recipient_bodies.all())
    names = [b.name for b in bodies]
    return DocxData(
        parent_name=_upper(issuer.parent_name) if issuer else "",
        issuer_name=_upper(issuer.name) if issuer else "",
        number_symbol=number_symbol,
        place_date=numbering.nd30_date(document.place or document.council.document_place, document.issued_on),
        type_name=_upper(document.get_doc_type_display()),
        subject=document.subject,
        body=document.body,
        recipients=recipient_list(document, bodies=bodies),
        signer_authority_line=authority,
        signer_title=_upper(document.signer_title),
        signer_name=document.signer_name,
        addressees="; ".join(names) if names else "",
    )
