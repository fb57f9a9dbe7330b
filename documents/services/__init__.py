"""Every write of the document register. Workflow apps create and issue their documents through these.

document_create(*, council, doc_type, subject, body, ..., source=None, user=None) -> Document
document_update(*, document, **fields) -> Document           # drafts only
document_issue(*, document, user, issued_on=None) -> Document
document_publish(*, document, user) -> Document
document_withdraw(*, document, user, reason, on=None) -> Document
incoming_create(*, council, doc_type, subject, received_on, ...) -> Document
document_render_docx(document) -> bytes;  document_render_pdf(document) -> bytes | None

Modules, one per aggregate: issuers, series (numbering series), drafts (outgoing documents before issue),
issuing (issue, publish, withdraw), incoming, attachments, templates (the councils' DOCX templates),
rendering (DOCX, PDF, previews) and actions (what a user may do now); _common holds the shared cleaning,
checks and lock. The words a document shows are in documents.wording. Import the package:
`from documents import services; services.document_create(...)`.
"""

from documents.rendering import shipped_template
from documents.services._common import DRAFT_FIELDS, INCOMING_FIELDS
from documents.services.actions import allowed_actions
from documents.services.attachments import MAX_ATTACHMENT_BYTES, attachment_add
from documents.services.drafts import document_create, document_update
from documents.services.incoming import incoming_create
from documents.services.issuers import ISSUER_FIELDS, issuer_create, issuer_default, issuer_update
from documents.services.issuing import document_issue, document_publish, document_withdraw, issue_missing
from documents.services.rendering import (
    document_preview_docx,
    document_render_docx,
    document_render_pdf,
    unsaved_preview,
)
from documents.services.series import series_reset, series_set
from documents.services.templates import (
    MAX_TEMPLATE_BYTES,
    template_for,
    template_reset,
    template_upload,
    template_validate,
)

__all__ = [
    "DRAFT_FIELDS",
    "INCOMING_FIELDS",
    "ISSUER_FIELDS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_TEMPLATE_BYTES",
    "allowed_actions",
    "attachment_add",
    "document_create",
    "document_issue",
    "document_preview_docx",
    "document_publish",
    "document_render_docx",
    "document_render_pdf",
    "document_update",
    "document_withdraw",
    "incoming_create",
    "issue_missing",
    "issuer_create",
    "issuer_default",
    "issuer_update",
    "series_reset",
    "series_set",
    "shipped_template",
    "template_for",
    "template_reset",
    "template_upload",
    "template_validate",
    "unsaved_preview",
]
