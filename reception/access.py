"""Who may do what with citizens' letters; the roles get these permissions in `ReceptionConfig.ready()`.

Identities are the most protected data of the product. The senders of a letter are shown to the office
(`PERSONAL`) unless one of the letter's contents is a denunciation whose author asked for protection
(Luật Tố cáo 25/2018, Điều 9 và 47): then only the users granted that case see them — not the office as a
whole, not an administrator by role alone — and every read is logged.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from registry.models import Role

VIEW = "reception.view"  # the register of letters and receptions, identities masked
EDIT = "reception.edit"  # receive, split, classify, forward, record receptions
PERSONAL = "reception.personal"  # see the senders of letters that are not protected
GRANT = "reception.grant"  # let a named user see a protected denouncer's identity
# The menu entry: the office and the standing committee work here daily; a delegate's top bar has no room
# for it at a desk's width, and a delegate reaches the schedule and their letters from their home page.
MENU = "reception.menu"

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: {VIEW, EDIT, PERSONAL, GRANT, MENU},
    Role.OFFICE_CHIEF: {VIEW, EDIT, PERSONAL, GRANT, MENU},
    Role.OFFICE_STAFF: {VIEW, EDIT, PERSONAL, MENU},
    Role.STANDING_MEMBER: {VIEW, MENU},
    Role.COMMITTEE_MEMBER: {VIEW, MENU},
    Role.DELEGATE: {VIEW},
    Role.AGENCY_USER: set(),
}

PROTECTED_TEXT = "Thông tin người tố cáo được giữ bí mật"
MASKED_TEXT = "Đã ẩn thông tin cá nhân"


def identity_visible(user: AbstractBaseUser | AnonymousUser, letter: object, *, granted: set[int]) -> bool:
    """Whether `user` may read the letter's senders. `granted` holds the ids of the protected cases the user
    was granted (one query for a page: `selectors.granted_cases`). The letter's cases must be loaded."""
    from registry.access import has_perm

    protected = [case.pk for case in letter.cases.all() if case.protected]
    if protected:
        return any(pk in granted for pk in protected)
    return has_perm(user, letter.council, PERSONAL)
