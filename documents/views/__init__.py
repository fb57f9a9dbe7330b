"""The document register's screens: the register, templates, issuers and numbering, the public list."""

from documents.views._common import (
    PAGE_SIZE,
)
from documents.views.numbering import (
    SERIES_NOTE,
    SYMBOL_NOTE,
    issuer_create,
    issuer_edit,
    issuer_list,
    series_edit,
    series_list,
    series_reset,
)
from documents.views.public import (
    public_docx,
    public_list,
    public_pdf,
)
from documents.views.register import (
    attachment_add,
    attachment_download,
    document_create,
    document_detail,
    document_docx,
    document_edit,
    document_issue,
    document_list,
    document_pdf,
    document_publish,
    document_withdraw,
    incoming_create,
)
from documents.views.templates import (
    TEMPLATE_TYPES,
    template_download,
    template_list,
    template_reset,
    template_upload,
)

__all__ = [
    "PAGE_SIZE",
    "SERIES_NOTE",
    "SYMBOL_NOTE",
    "TEMPLATE_TYPES",
    "attachment_add",
    "attachment_download",
    "document_create",
    "document_detail",
    "document_docx",
    "document_edit",
    "document_issue",
    "document_list",
    "document_pdf",
    "document_publish",
    "document_withdraw",
    "incoming_create",
    "issuer_create",
    "issuer_edit",
    "issuer_list",
    "public_docx",
    "public_list",
    "public_pdf",
    "series_edit",
    "series_list",
    "series_reset",
    "template_download",
    "template_list",
    "template_reset",
    "template_upload",
]
