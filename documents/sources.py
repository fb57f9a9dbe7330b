"""The kinds of records documents come from. Workflow apps register theirs; documents imports none of them.

register_source_kind(Meeting, label="Phiên họp Thường trực", url=lambda m: reverse(..., args=[m.pk]), perms=(VIEW,))
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from documents.models import Document, State
from hdnd.text import clean_multiline
from registry.access import has_perm


@dataclass(frozen=True)
class SourceKind:
    label: str
    url: Callable[[Model], str] | None
    # Called inside the issuing transaction with (source record, document, user): a workflow reacts to its
    # document being issued from any screen (a notice's tasks become obligations, for example).
    on_issue: Callable[[Model, Document, object], None] | None = None
    # The body the source's records give this document now (what its "generate" service would write),
    # or None for a document the source does not generate; it writes nothing.
    compose: Callable[[Model, Document], str | None] | None = None
    # Who may open `url`, as its view decides: one of the permissions its view requires (none: whoever
    # sees the document), and for a view whose selector narrows the records by user, that selector's scope
    # `(user=, council=) -> QuerySet` of the model (the record must be in it).
    perms: tuple[str, ...] = ()
    scope: Callable[..., QuerySet] | None = None


SOURCE_KINDS: dict[str, SourceKind] = {}


def _key(model: type[Model]) -> str:
    return model._meta.label_lower


def register_source_kind(
    model: type[Model],
    *,
    label: str,
    url: Callable[[Model], str] | None = None,
    on_issue: Callable[[Model, Document, object], None] | None = None,
    compose: Callable[[Model, Document], str | None] | None = None,
    perms: tuple[str, ...] = (),
    scope: Callable[..., QuerySet] | None = None,
) -> None:
    """Name a model as a source of documents, with the label and page shown on a document's page, and
    optionally what to do when one of its documents is issued and how its records word a document's body
    (`compose`: then a draft whose records changed after it was generated is marked, see `draft_is_stale`).
    `perms` and `scope` are the check of the page's view (see SourceKind): the page is linked only for a
    user it would open for."""
    SOURCE_KINDS[_key(model)] = SourceKind(label, url, on_issue, compose, tuple(perms), scope)


def document_issued(document: Document, user: object) -> None:
    """Tell the document's source that it was issued (no-op for a source without `on_issue`)."""
    kind = _kind(document)
    if kind is not None and kind.on_issue is not None:
        record = document.source
        if record is not None:
            kind.on_issue(record, document, user)


def source_info(document: Document, *, user: Any, council: Any) -> tuple[str, str, str | None] | None:
    """(kind label, record text, url) of a document's source, or None when it has none. The url is None
    unless the source's page opens for `user` in `council` (its kind's `perms` and `scope`, the check its
    view makes), so a document's page never links to a 403 or a 404. The source's read and at most one
    query of its scope."""
    if document.source_type_id is None:
        return None
    model = document.source_type.model_class()
    record = document.source
    if model is None or record is None:
        return ("Hồ sơ đã xóa", "", None)
    kind = SOURCE_KINDS.get(_key(model))
    label = kind.label if kind else str(model._meta.verbose_name).capitalize()
    url = kind.url(record) if kind and kind.url and _may_open(kind, record, user, council) else None
    return (label, str(record), url)


def _may_open(kind: SourceKind, record: Model, user: Any, council: Any) -> bool:
    if kind.perms and not any(has_perm(user, council, perm) for perm in kind.perms):
        return False
    return kind.scope is None or kind.scope(user=user, council=council).filter(pk=record.pk).exists()


def _kind(document: Document) -> SourceKind | None:
    if document.source_type_id is None:
        return None
    model = document.source_type.model_class()
    return SOURCE_KINDS.get(_key(model)) if model is not None else None


def _digest(text: str) -> str:
    return hashlib.sha256(clean_multiline(text).encode()).hexdigest()


def _composed(document: Document, source: Model | None) -> str | None:
    kind = _kind(document)
    if kind is None or kind.compose is None:
        return None
    record = source if source is not None else document.source
    return kind.compose(record, document) if record is not None else None


def note_generation(document: Document, *, source: Model | None = None) -> None:
    """Before a draft is saved: when its body is what its source's records give now, the draft is being
    (re)generated from them, and the digest of that text is kept on it. An office's own edit of the text
    keeps the digest of the last generation, so it is never mistaken for a change of the records."""
    composed = _composed(document, source)
    if composed is not None and clean_multiline(composed) == document.body:
        document.generated_digest = _digest(composed)


def draft_is_stale(document: Document) -> bool:
    """True for a draft generated from its source's records when those records now give another text:
    the draft should be generated again before it is issued. False once it is (or for any other document)."""
    if document.state != State.DRAFT or not document.generated_digest:
        return False
    composed = _composed(document, None)
    return composed is not None and _digest(composed) != document.generated_digest
