"""What a user may do to a document now: the one place screens and the API ask."""

from django.contrib.auth.models import AbstractBaseUser

from documents.access import EDIT, ISSUE
from documents.models import Document, State
from hdnd import dates
from registry.access import has_perm


def allowed_actions(document: Document, user: AbstractBaseUser) -> set[str]:
    """What `user` may do to `document` now ("edit", "attach", "issue", "publish", "withdraw"): the one
    place the screens and the API ask, so the buttons shown are the steps the services accept."""
    council = document.council
    actions = set()
    if not council.open_on(dates.today()):
        return actions  # a ceased council's register is read-only: every step would be refused
    if has_perm(user, council, EDIT):
        actions.add("attach")
        if not document.is_frozen:
            actions.add("edit")
    if document.is_outgoing and has_perm(user, council, ISSUE):
        if document.state == State.DRAFT:
            actions.add("issue")
        if document.state == State.ISSUED:
            actions.add("publish")
        if document.state in (State.ISSUED, State.PUBLISHED):
            actions.add("withdraw")
    return actions
