"""What every sessions service shares: obligation kinds, the validated save, council checks, deadlines."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models

from followup import services as followup
from followup.models import OPEN_STATES, Obligation
from hdnd import dates
from registry.calendar import DeadlineBasis, MissingSetting, compute
from registry.models import Council

SUBMISSION_DUE = "submission_due"
WRITTEN_ANSWER = "questioning_answer"
COMMITMENT = "questioning_commitment"
RESOLUTION_REPORT = "resolution_report"
VERIFICATION_DUE = "verification_report"


def council_open_on(council: Council, day: datetime.date | None = None) -> bool:
    """Whether the council still takes activity dated `day` (today by default): a ceased council takes
    none after its last day (`registry.services.council_accepts`), so its screens offer no new records."""
    return council.open_on(day or dates.today())


def _deadline_basis(
    council: Council, start: datetime.date, rule: str, field: str, before: bool = True
) -> DeadlineBasis:
    """The deadline and how it was computed (the rule's version in force on `start`), kept on the
    obligation that tracks it; a rule without a number asks the council (a Vietnamese error on `field`)."""
    try:
        return compute(council, start, rule=rule, before=before)
    except MissingSetting as exc:
        raise ValidationError({field: str(exc)}) from exc


def _deadline(council: Council, start: datetime.date, rule: str, field: str, before: bool = True) -> datetime.date:
    return _deadline_basis(council, start, rule, field, before).due


def _close_obligation(
    obligation_id: int | None,
    *,
    user: AbstractBaseUser | None,
    text: str,
    on: datetime.date,
    reply: models.Model | None = None,
) -> None:
    """Report an obligation done when the record it tracks is done, with the document that did it as the
    report's reply (nothing to do if already closed)."""
    if obligation_id is None:
        return
    obligation = Obligation.objects.filter(pk=obligation_id, state__in=OPEN_STATES).first()
    if obligation is not None:
        followup.obligation_report(obligation=obligation, user=user, text=text, done=True, on=on, reply=reply)
