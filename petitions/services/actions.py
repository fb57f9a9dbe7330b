"""What a user may do to a petition now: the one rule the screens and the API ask."""

from django.contrib.auth.models import AbstractBaseUser

from followup.models import State as ObligationState
from hdnd import dates
from petitions.access import EDIT
from petitions.models import ANSWER_STATES, Petition, PetitionState
from registry.access import agency_bodies, has_perm


def answer_accepted(petition: Petition) -> bool:
    """The office accepted the agency's answer (its obligation is closed): the answer is final."""
    return petition.obligation_id is not None and petition.obligation.state == ObligationState.ACCEPTED


def allowed_actions(petition: Petition, user: AbstractBaseUser) -> set[str]:
    """Of "edit", "split", "answer", "accept": what the services would accept from `user` now.

    Edited and split only while received (not yet forwarded); answered by the office or the agency it was
    forwarded to until the office accepts; accepted by the office once the agency reported it done.
    """
    council = petition.council
    office = has_perm(user, council, EDIT)
    state = petition.state
    actions = set()
    # A ceased council takes no answer or acceptance dated after its last day (`council_accepts`).
    is_open = council.open_on(dates.today())
    if office and is_open and petition.is_received:
        actions.add("edit")
        if petition.is_aggregate:
            actions.add("split")
    answerable = state in (PetitionState.FORWARDED, *ANSWER_STATES) and not answer_accepted(petition)
    if answerable and is_open and (office or petition.body_id in agency_bodies(user, council)):
        actions.add("answer")
    if (
        office
        and is_open
        and petition.obligation_id is not None
        and petition.obligation.state == ObligationState.REPORTED_DONE
    ):
        actions.add("accept")
    return actions
