"""The one validated save every service uses: full_clean, the acting user in history, a duplicate as a refusal."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models

DUPLICATE = "Dữ liệu trùng với một bản ghi đã có."


def as_user(obj: models.Model, user: AbstractBaseUser | None) -> None:
    """Name the acting user in the record's next history row. simple_history takes the request's user from
    its middleware; outside a request (commands, workflow services, the API) the user is given here."""
    if user is not None:
        obj._history_user = user


def validated_save[M: models.Model](
    obj: M, user: AbstractBaseUser | None = None, *, update_fields: list[str] | None = None
) -> M:
    """full_clean (constraints give their Vietnamese messages), then save with the acting user in history.

    A concurrent duplicate that passed full_clean (an IntegrityError) is refused like a validation error,
    so views and routes answer it with a message instead of a 500.
    """
    obj.full_clean()
    as_user(obj, user)
    try:
        obj.save(update_fields=update_fields)
    except IntegrityError as exc:
        raise ValidationError(DUPLICATE) from exc
    return obj
