"""What every supervision service shares: obligation kinds, the validated save, text cleaning, deadlines."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models

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


def _save(obj: models.Model, user: AbstractBaseUser | None = None) -> models.Model:
    """full_clean (constraints give their Vietnamese messages), then save with the acting user in history."""
    obj.full_clean()
    if user is not None:
        obj._history_user = user
    try:
        obj.save()
    except IntegrityError as exc:  # a concurrent duplicate that passed full_clean
        raise ValidationError("Dữ liệu trùng với một bản ghi đã có.") from exc
    return obj


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


def _same_council(council: Council, **related: object) -> None:
    errors = {}
    for name, obj in related.items():
        if obj is not None and obj.council_id != council.pk:
            errors[name] = "Phải thuộc cùng Hội đồng."
    if errors:
        raise ValidationError(errors)


def _lock(round: Round) -> Round:
    return Round.objects.select_for_update(of=("self",)).select_related("council", "body").get(pk=round.pk)
