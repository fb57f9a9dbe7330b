"""A ceased council is read-only for history (DOMAIN.md, "The law changes"): the one guard every screen's
write passes, beside the services' own `registry.services.council_accepts` (which the API meets).

Once a council's last day has passed, a request that would change one of its records is refused with the
Vietnamese words of `council_accepts`, whatever view it reaches: every write of a screen goes through
`hdnd.views.run_form` (the refusal on the form) or `run_action` (flashed), and both ask `refusal_of(request)`
for the chosen council before their action, even where the service itself forgot to ask (a new user's
tryout saved a ceased town's session edit so). What stays open on a ceased council is what
is not its record: the council itself (its ceasing date and successors are set there), users and their
roles, a user's own account and second factor, notifications, exports (a read written to a file) and a
protected denouncer's identity grants (reception).

New screens need nothing here: a new form or button is guarded because it goes through run_form or
run_action. The list of open steps is the only thing to keep.
"""

import re

from django.core.exceptions import ValidationError
from django.http import HttpRequest

# The URL names (screens and API alike, namespace aside) of the steps a ceased council still takes.
OPEN_STEP = re.compile(
    r"^(login|logout|password_change\w*|council_(switch|edit|update|activate|create|list|detail|units)"
    r"|user_grant|role_revoke|grant_(create|delete|list|revoke)|lockout_release|account|otp_\w+|passkey_\w+"
    r"|token_\w+|notification_\w+|\w*export\w*|case_grant|letter_grant(_revoke)?)$"
)


def council_refusal(council: object) -> ValidationError | None:
    """The refusal `registry.services.council_accepts` gives a new record of `council` today, or None."""
    from registry.services import council_accepts  # the registry is above this plumbing

    try:
        council_accepts(council, None)
    except ValidationError as exc:
        return exc
    return None


def refusal_of(request: HttpRequest) -> ValidationError | None:
    """The refusal of a screen's write on the chosen council (`request.council`) once it has ceased, or None
    (a live council, no council, or a step that is not the council's record: OPEN_STEP). run_form and
    run_action ask it before their action, so a form or a button of a ceased council writes nothing."""
    council = getattr(request, "council", None)
    match = request.resolver_match
    if council is None or council.last_day is None or (match and OPEN_STEP.match(match.url_name or "")):
        return None
    return council_refusal(council)
