"""What the document services share: cleaning of fields, council checks, the row lock."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from documents.models import NORMATIVE_TYPES, Document
from hdnd.text import clean, clean_multiline, fold
from registry.models import Body, Council

# Fields a draft may change, in the order the draft form shows them (`documents.forms.DocumentForm`, which
# adds the recipient bodies, a many-to-many set apart by `_set_recipients`); the rest (number, state, dates
# of publishing) belong to the actions.
DRAFT_FIELDS = (
    "doc_type",
    "normative",
    "issuer",
    "place",
    "issued_on",
    "subject",
    "body",
    "signer_authority",
    "signer_collective",
    "signer_title",
    "signer_name",
    "recipient_lines",
)
# Fields of an incoming document, in the order its form shows them (`documents.forms.IncomingForm`).
INCOMING_FIELDS = (
    "doc_type",
    "sender_body",
    "sender_name",
    "external_number",
    "external_date",
    "received_on",
    "subject",
    "body",
    "handler_user",
    "handler_person",
)
MULTILINE = {"body", "recipient_lines"}


def _text(name: str, value: object) -> object:
    if isinstance(value, str):
        return clean_multiline(value) if name in MULTILINE else clean(value)
    return value


def _refold(document: Document) -> None:
    document.subject_folded = fold(document.subject)
    document.number_folded = fold(f"{document.number_symbol} {document.external_number}")


def _check_same_council(council: Council, **related: object) -> None:
    errors = {}
    for name, obj in related.items():
        if obj is not None and getattr(obj, "council_id", council.pk) != council.pk:
            errors[name] = "Phải thuộc cùng Hội đồng."
    if errors:
        raise ValidationError(errors)


def _set_recipients(document: Document, bodies: Iterable[Body] | None) -> None:
    if bodies is None:
        return
    bodies = list(bodies)
    for body in bodies:
        if body.council_id != document.council_id:
            raise ValidationError({"recipient_bodies": "Nơi nhận phải là cơ quan của cùng Hội đồng."})
    document.recipient_bodies.set(bodies)


def _set_source(document: Document, source: models.Model | None) -> None:
    if source is None:
        return
    if source.pk is None:
        raise ValidationError({"source": "Hồ sơ nguồn chưa được lưu."})
    owner = getattr(source, "council_id", document.council_id)
    if owner != document.council_id:
        raise ValidationError({"source": "Hồ sơ nguồn phải thuộc cùng Hội đồng."})
    document.source_type = ContentType.objects.get_for_model(source)
    document.source_id = source.pk


def _check_normative(doc_type: str, normative: bool) -> None:
    if normative and doc_type not in NORMATIVE_TYPES:
        raise ValidationError({"normative": "Chỉ nghị quyết, quyết định mới có thể là văn bản quy phạm pháp luật."})


def _lock(document: Document) -> Document:
    """The document's row, locked, so two users' actions on it run one after the other."""
    return Document.objects.select_for_update(of=("self",)).select_related("issuer", "council").get(pk=document.pk)
