"""Template filters and tags of the documents engine, for the screens of the records documents come from."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from documents.models import Document
from documents.selectors import openable_ids
from documents.sources import draft_is_stale

register = template.Library()


@register.filter
def stale_draft(document: Document | None) -> bool:
    """True when `document` is a draft whose source's records changed after it was generated."""
    return document is not None and draft_is_stale(document)


@register.simple_tag(takes_context=True)
def document_link(
    context: template.Context, document: Document | None, text: str = "", openable: set[int] | None = None
) -> SafeString:
    """`text` (the document's title by default) linked to the document's page when the page's user may open
    it, the same words without a link otherwise: an agency user opens only what is addressed to its body,
    a reader no drafts, so no link on a record's page answers 403 or 404. One query per document shown,
    none when the page passes `openable`, the pks its view read at once (`selectors.openable_ids`)."""
    if document is None:
        return SafeString("")
    label = text or str(document)
    request = context.get("request")
    user, council = getattr(request, "user", None), getattr(request, "council", None)
    if openable is None:
        openable = openable_ids(user=user, council=council, documents=[document]) if council is not None else set()
    if document.pk not in openable:
        return conditional_escape(label)
    return format_html('<a href="{}">{}</a>', reverse("documents:document_detail", args=[document.pk]), label)
