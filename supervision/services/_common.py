"""What every supervision service shares: obligation kinds, the validated save, text cleaning, deadlines."""

import datetime

from django.core.exceptions import ValidationError

from hdnd.text import clean, clean_multiline
from registry.calendar import MissingSetting, deadline
from registry.models import Council
from supervision.models import (
    Round,
)

RECOMMENDATION = "supervision_recommendation"
BODY_REPORT = "supervision_body_report"
UNLAWFUL_DOCUMENT = "unlawful_document_request"
MILESTONE = "supervision_milestone"
MULTILINE = {"plan", "conclusions", "text", "notes"}


def _text(name: str, value: object) -> object:
    if isinstance(value, str):
        return clean_multiline(value) if name in MULTILINE else clean(value)
    return value


def _deadline(
    council: Council, start: datetime.date | None, rule: str, *, before: bool = False
) -> datetime.date | None:
    if start is None:
        return None
    try:
        return deadline(council, start, rule=rule, before=before)
    except MissingSetting as exc:
        raise ValidationError(str(exc)) from exc


def _lock(round: Round) -> Round:
    return Round.objects.select_for_update(of=("self",)).select_related("council", "body").get(pk=round.pk)
