"""What every supervision service shares: obligation kinds, the validated save, text cleaning, deadlines."""

from hdnd.text import clean, clean_multiline
from supervision.models import (
    Round,
)

RECOMMENDATION = "supervision_recommendation"
BODY_REPORT = "supervision_body_report"
UNLAWFUL_DOCUMENT = "unlawful_document_request"
MILESTONE = "supervision_milestone"
PROGRAMME_MILESTONE = "supervision_programme_milestone"
MULTILINE = {"plan", "conclusions", "text", "notes"}


def _text(name: str, value: object) -> object:
    if isinstance(value, str):
        return clean_multiline(value) if name in MULTILINE else clean(value)
    return value


def _lock(round: Round) -> Round:
    return Round.objects.select_for_update(of=("self",)).select_related("council", "body").get(pk=round.pk)
