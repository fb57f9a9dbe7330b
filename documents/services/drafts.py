"""Outgoing documents while they are drafts: created by workflows or the office, changed until issued."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction

from documents import sources
from documents.models import Authority, Direction, DocType, Document, Issuer
from documents.services._common import (
    DRAFT_FIELDS,
    INCOMING_FIELDS,
    _check_normative,
    _check_same_council,
    _lock,
    _refold,
    _set_recipients,
    _set_source,
    _text,
)
from documents.services.issuers import issuer_default
from hdnd import dates
from hdnd.saving import validated_save
from registry.models import Body, Council
from registry.services import council_accepts


@transaction.atomic
def document_create(
    *,
    council: Council,
    doc_type: str,
    subject: str = "",
    body: str = "",
    issuer: Issuer | None = None,
    normative: bool = False,
    place: str = "",
    issued_on: datetime.date | None = None,
    signer_authority: str = Authority.NONE,
    signer_collective: str = "",
    signer_title: str = "",
    signer_name: str = "",
    recipient_bodies: Iterable[Body] | None = None,
    recipient_lines: str = "",
    source: models.Model | None = None,
    user: AbstractBaseUser | None = None,
) -> Document:
    """Create an outgoing document as a draft (no number until it is issued).

    `source` is the record the document comes from (any model of the same council); the issuer
    defaults to the council's, the place to the council's place name.
    """
    council_accepts(council, issued_on or dates.today(), field="subject")  # a ceased council drafts nothing
    if doc_type not in DocType.values:
        raise ValidationError({"doc_type": "Loại văn bản không hợp lệ."})
    _check_normative(doc_type, normative)
    if issuer is None:
        issuer = issuer_default(council=council)
    _check_same_council(council, issuer=issuer)
    document = Document(
        council=council,
        direction=Direction.OUTGOING,
        doc_type=doc_type,
        normative=normative,
        issuer=issuer,
        issued_on=issued_on,
        created_by=user,
    )
    fields = {
        "place": place or council.document_place,
        "subject": subject,
        "body": body,
        "signer_authority": signer_authority,
        "signer_collective": signer_collective,
        "signer_title": signer_title,
        "signer_name": signer_name,
        "recipient_lines": recipient_lines,
    }
    for name, value in fields.items():
        setattr(document, name, _text(name, value))
    _set_source(document, source)
    sources.note_generation(document, source=source)
    _refold(document)
    validated_save(document)
    _set_recipients(document, recipient_bodies)
    return document


@transaction.atomic
def document_update(
    *, document: Document, recipient_bodies: Iterable[Body] | None = None, **fields: object
) -> Document:
    """Change a draft; an issued document is frozen (its text is what was sent)."""
    current = _lock(document)
    council_accepts(current.council, None, field="subject")  # a ceased council's register stays as it was
    if current.is_frozen:
        raise ValidationError(
            "Văn bản đã ban hành, không thể sửa. Nếu có sai sót, hãy thu hồi và ban hành văn bản khác."
        )
    allowed = DRAFT_FIELDS if current.is_outgoing else INCOMING_FIELDS
    unknown = set(fields).difference(allowed)
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(current, name, _text(name, value))
    if current.is_outgoing:
        _check_normative(current.doc_type, current.normative)
        _check_same_council(current.council, issuer=current.issuer)
    else:
        _check_same_council(current.council, sender_body=current.sender_body, handler_person=current.handler_person)
    sources.note_generation(current)
    _refold(current)
    validated_save(current)
    _set_recipients(current, recipient_bodies)
    return current
