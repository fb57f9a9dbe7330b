"""One-shot writes: a key per rendered form, used at most once (double clicks, two tabs, retries)."""

import secrets
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hdnd.models import UsedSubmissionKey

ALREADY_DONE = "Yêu cầu này đã được thực hiện (có thể do bấm hai lần); không thực hiện lại."


def new_key() -> str:
    """A fresh unguessable key to put in a form that must be submitted once."""
    return secrets.token_urlsafe(24)


def run_once[T](key: str, work: Callable[[], T]) -> T:
    """Run `work` in one transaction with `key` recorded as used; refused if the key was used already.

    The key's row is inserted first: a concurrent submission of the same key waits on the unique index
    (PostgreSQL) or on the write lock (SQLite, IMMEDIATE transactions) and then fails, so the work runs
    once. If `work` fails, the transaction rolls back and the key becomes usable again.
    """
    if not key:
        raise ValidationError(ALREADY_DONE)
    with transaction.atomic():
        try:
            with transaction.atomic():
                UsedSubmissionKey.objects.create(key=key)
        except IntegrityError as exc:
            raise ValidationError(ALREADY_DONE) from exc
        return work()
