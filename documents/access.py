"""Permissions of the document register, added to the roles of `registry.access` when the app loads."""

from registry.models import Role

VIEW = "documents.view"  # open the register (agency users: only what is addressed to their body)
VIEW_ALL = "documents.view_all"  # every document of the council, not only those addressed to one's body
VIEW_DRAFTS = "documents.view_drafts"
EDIT = "documents.edit"  # draft, register incoming documents, attach files
ISSUE = "documents.issue"  # issue, publish, withdraw
TEMPLATES = "documents.templates"  # upload the council's DOCX templates
# Issuers and numbering series: they decide every number the council issues, so only the office's
# head and the administrator change them; whoever sees the whole register can read them.
SETTINGS = "documents.settings"

_OFFICE = {VIEW, VIEW_ALL, VIEW_DRAFTS, EDIT, ISSUE, TEMPLATES}
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: _OFFICE | {SETTINGS},
    Role.OFFICE_CHIEF: _OFFICE | {SETTINGS},
    Role.OFFICE_STAFF: _OFFICE,
    Role.STANDING_MEMBER: {VIEW, VIEW_ALL},
    Role.COMMITTEE_MEMBER: {VIEW, VIEW_ALL},
    Role.DELEGATE: {VIEW, VIEW_ALL},
    Role.AGENCY_USER: {VIEW},
}
