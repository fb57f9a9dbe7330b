"""Who may do what with petitions; the roles get these permissions in `PetitionsConfig.ready()`.

Personal data of petitioners (Nghị định 13/2023/NĐ-CP) is for the office only: others see it masked.
"""

from registry.models import Role

VIEW = "petitions.view"  # every petition of the council (no personal data)
EDIT = "petitions.edit"  # enter, import, merge, forward, accept, publish
PERSONAL = "petitions.personal"  # see petitioners' names, addresses and phones
ANSWER = "petitions.answer"  # an agency user answers the petitions addressed to its body

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: {VIEW, EDIT, PERSONAL},
    Role.OFFICE_CHIEF: {VIEW, EDIT, PERSONAL},
    Role.OFFICE_STAFF: {VIEW, EDIT, PERSONAL},
    Role.STANDING_MEMBER: {VIEW},
    Role.COMMITTEE_MEMBER: {VIEW},
    Role.DELEGATE: {VIEW},
    Role.AGENCY_USER: {ANSWER},
}


def mask_name(name: str) -> str:
    """'Nguyễn Văn An' -> 'N. V. A.': enough to tell petitioners apart, not to identify them."""
    return " ".join(f"{word[0]}." for word in name.split() if word)


def mask_phone(phone: str) -> str:
    return f"{'*' * max(len(phone) - 3, 0)}{phone[-3:]}" if phone else ""
