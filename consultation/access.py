"""Who may do what with consultations; the roles get these permissions in `ConsultationConfig.ready()`.

The office runs a consultation; the standing committee and the committees read it. An agency user sees
only the consultations its body is invited to (`selectors.invited_consultations`), never the others.
"""

from registry.models import Role

VIEW = "consultation.view"  # the office's screens, read only
EDIT = "consultation.edit"  # create, add versions, publish, close, invite, moderate, answer, report

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: {VIEW, EDIT},
    Role.OFFICE_CHIEF: {VIEW, EDIT},
    Role.OFFICE_STAFF: {VIEW, EDIT},
    Role.STANDING_MEMBER: {VIEW},
    Role.COMMITTEE_MEMBER: {VIEW},
    Role.DELEGATE: set(),
    Role.AGENCY_USER: set(),
}
