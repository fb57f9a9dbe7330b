"""Who may see and act on obligations; the roles get these permissions in `FollowupConfig.ready()`."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from followup.models import Obligation
from registry.access import agency_bodies, has_perm
from registry.models import Council, Role

VIEW_OWN = "followup.view_own"  # every role: the obligations the user may see (an agency user: its own)
VIEW = "followup.view"  # every obligation of the council
MANAGE = "followup.manage"  # assign, accept, return, cancel, and report on an owner's behalf
ANSWER = "followup.answer"  # an agency user reports on its own body's obligations

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: {VIEW_OWN, VIEW, MANAGE},
    Role.OFFICE_CHIEF: {VIEW_OWN, VIEW, MANAGE},
    Role.OFFICE_STAFF: {VIEW_OWN, VIEW, MANAGE},
    Role.STANDING_MEMBER: {VIEW_OWN, VIEW},
    Role.COMMITTEE_MEMBER: {VIEW_OWN, VIEW},
    Role.DELEGATE: {VIEW_OWN, VIEW},
    Role.AGENCY_USER: {VIEW_OWN, ANSWER},
}


def can_manage(user: AbstractBaseUser | AnonymousUser, council: Council) -> bool:
    return has_perm(user, council, MANAGE)


def can_report(user: AbstractBaseUser | AnonymousUser, council: Council, obligation: Obligation) -> bool:
    """The office may record a report on the owner's behalf; an agency user only for its own body."""
    if has_perm(user, council, MANAGE):
        return True
    return has_perm(user, council, ANSWER) and obligation.owner_id in agency_bodies(user, council)
