"""What a user may do to a supervision round or a reviewed document now: the one rule the screens and the
API ask (the services refuse the same steps with a Vietnamese message)."""

from django.contrib.auth.models import AbstractBaseUser

from hdnd import dates
from registry.access import has_perm
from supervision.access import EDIT
from supervision.models import Review, Round


def _open(council) -> bool:
    """Whether the council still takes records dated today: a ceased one takes none after its last day
    (`registry.services.council_accepts`), so no button offers them."""
    return council.open_on(dates.today())


def round_allowed_actions(round: Round, user: AbstractBaseUser) -> set[str]:
    """Of "edit", "member_add", "session_add", "body_reports_request", "report_record", "consider",
    "recommendation_add", "decision_generate", "publish": the office edits a round's facts and follow-up;
    the report is recorded once the round has an end date, considered once reported; the decision setting
    up the delegation is drafted once."""
    if not has_perm(user, round.council, EDIT) or not _open(round.council):
        return set()  # a ceased council's round is read-only: every step below would be refused
    rules = {
        "edit": True,
        "member_add": True,
        "session_add": True,
        "body_reports_request": True,
        "report_record": round.ends_on is not None,
        "consider": round.report_on is not None,
        "recommendation_add": True,
        "decision_generate": round.decision_id is None,
        "publish": True,
    }
    return {action for action, allowed in rules.items() if allowed}


def review_allowed_actions(review: Review, user: AbstractBaseUser) -> set[str]:
    """Of "record": the office records the review's outcome once (a request to fix it is then followed)."""
    allowed = has_perm(user, review.council, EDIT) and review.obligation_id is None and _open(review.council)
    return {"record"} if allowed else set()
