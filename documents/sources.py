"""The kinds of records documents come from. Workflow apps register theirs; documents imports none of them.

register_source_kind(Meeting, label="Phiên họp Thường trực", url=lambda m: reverse(..., args=[m.pk]))
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model

from documents.models import Document


@dataclass(frozen=True)
class SourceKind:
    label: str
    url: Callable[[Model], str] | None
    # Called inside the issuing transaction with (source record, document, user): a workflow reacts to its
    # document being issued from any screen (a notice's tasks become obligations, for example).
    on_issue: Callable[[Model, Document, object], None] | None = None


SOURCE_KINDS: dict[str, SourceKind] = {}


def _key(model: type[Model]) -> str:
    return model._meta.label_lower


def register_source_kind(
    model: type[Model],
    *,
    label: str,
    url: Callable[[Model], str] | None = None,
    on_issue: Callable[[Model, Document, object], None] | None = None,
) -> None:
    """Name a model as a source of documents, with the label and page shown on a document's page, and
    optionally what to do when one of its documents is issued."""
    SOURCE_KINDS[_key(model)] = SourceKind(label, url, on_issue)


def document_issued(document: Document, user: object) -> None:
    """Tell the document's source that it was issued (no-op for a source without `on_issue`)."""
    if document.source_type_id is None:
        return
    model = document.source_type.model_class()
    kind = SOURCE_KINDS.get(_key(model)) if model is not None else None
    if kind is not None and kind.on_issue is not None:
        record = document.source
        if record is not None:
            kind.on_issue(record, document, user)


def source_info(document: Document) -> tuple[str, str, str | None] | None:
    """(kind label, record text, url) of a document's source, or None when it has none."""
    if document.source_type_id is None:
        return None
    model = document.source_type.model_class()
    record = document.source
    if model is None or record is None:
        return ("Hồ sơ đã xóa", "", None)
    kind = SOURCE_KINDS.get(_key(model))
    label = kind.label if kind else str(model._meta.verbose_name).capitalize()
    url = kind.url(record) if kind and kind.url else None
    return (label, str(record), url)
