"""Permissions of the standing committee's work, added to the roles of `registry.access` when the app loads."""

from registry.models import Role

VIEW = "standing.view"  # meetings, notices, written opinions, the year's counts
EDIT = "standing.edit"  # record meetings and requests, generate and issue their documents
OPINE = "standing.opine"  # record a member's written opinion

_OFFICE = {VIEW, EDIT, OPINE}
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: _OFFICE,
    Role.OFFICE_CHIEF: _OFFICE,
    Role.OFFICE_STAFF: _OFFICE,
    Role.STANDING_MEMBER: {VIEW, OPINE},
    Role.COMMITTEE_MEMBER: {VIEW},
    Role.DELEGATE: {VIEW},
    Role.AGENCY_USER: set(),
}
