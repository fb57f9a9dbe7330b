from registry.models import Role

VIEW = "reports.view"
EDIT = "reports.edit"
RATE = "reports.rate"

PERMISSIONS = {
    Role.ADMIN: {VIEW, EDIT, RATE},
    Role.OFFICE_CHIEF: {VIEW, EDIT, RATE},
    Role.OFFICE_STAFF: {VIEW, EDIT},
    Role.STANDING_MEMBER: {VIEW, RATE},
    Role.COMMITTEE_MEMBER: {VIEW},
    Role.DELEGATE: {VIEW},
}
