"""What a user may do to a submission now: the one rule the screens and the API ask."""

from django.contrib.auth.models import AbstractBaseUser

from documents.models import State as DocumentState
from followup.models import OPEN_STATES
from followup.models import State as ObligationState
from plenary.access import ASSIGN, EDIT, VERIFY, VOTE
from plenary.models import Submission, SubmissionState
from plenary.services._common import council_open_on
from registry.access import has_perm


def submission_allowed_actions(submission: Submission, user: AbstractBaseUser) -> set[str]:
    """Of "receive", "return", "resubmit", "assign", "verify", "explain", "vote", "issue", "publish".

    Load the submission with its verification, vote and resolution (document) as `selectors.submission_get`
    does: this reads no more rows. A council that ceased is offered nothing: it takes no activity dated
    after its last day, and a step recorded now is dated today.
    """
    council = submission.session.council
    if not council_open_on(council):
        return set()
    edit, vote_perm = has_perm(user, council, EDIT), has_perm(user, council, VOTE)
    verification = getattr(submission, "verification", None)
    vote = getattr(submission, "vote", None)
    resolution = getattr(submission, "resolution", None)
    state = submission.state
    rules = {
        "receive": edit and state == SubmissionState.EXPECTED,
        # An arrival the office already accepted on the follow-up screens is final.
        "return": edit
        and state == SubmissionState.RECEIVED
        and submission.obligation_state == ObligationState.REPORTED_DONE,
        "resubmit": edit and state == SubmissionState.RETURNED,
        "assign": has_perm(user, council, ASSIGN) and verification is None,
        # Owed while the committee's obligation is open (assigned, in progress, or its report sent back).
        "verify": has_perm(user, council, VERIFY)
        and verification is not None
        and verification.obligation.state in OPEN_STATES,
        "explain": edit and verification is not None and verification.reported_on is not None,
        "vote": vote_perm and submission.has_draft and vote is None,
        "issue": vote_perm and vote is not None and vote.passed and resolution is None,
        "publish": vote_perm and resolution is not None and resolution.document.state == DocumentState.ISSUED,
    }
    return {action for action, allowed in rules.items() if allowed}
