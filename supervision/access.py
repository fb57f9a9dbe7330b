"""Permissions of supervision, added to the roles of `registry.access` when the app loads."""

from registry.models import Role

VIEW = "supervision.view"  # programmes, rounds, recommendations, regular review, counts
EDIT = "supervision.edit"  # record and change them, generate their documents

_OFFICE = {VIEW, EDIT}
# Members of the standing committee and of the committees conduct rounds and record them themselves.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: _OFFICE,
    Role.OFFICE_CHIEF: _OFFICE,
    Role.OFFICE_STAFF: _OFFICE,
    Role.STANDING_MEMBER: _OFFICE,
    Role.COMMITTEE_MEMBER: _OFFICE,
    Role.DELEGATE: {VIEW},
    Role.AGENCY_USER: set(),
}
