"""Template filters of the documents engine, for the screens of the records documents come from."""

from django import template

from documents.models import Document
from documents.sources import draft_is_stale

register = template.Library()


@register.filter
def stale_draft(document: Document | None) -> bool:
    """True when `document` is a draft whose source's records changed after it was generated."""
    return document is not None and draft_is_stale(document)
