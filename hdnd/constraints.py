"""Django's CheckConstraint, validated in Python when its condition allows it.

`full_clean` validates a CheckConstraint by asking the database: Django builds a query that annotates every
field of the record as a literal and selects its condition (`Q.check`), a query per constraint per save.
The conditions of hdnd's constraints are all plain comparisons of the record's own fields (`=`, `IN`,
`IS NULL`, `<`, `<=`, `>`, `>=`, against a value or another field, joined by AND, OR and NOT), which Python
evaluates as SQL would, with SQL's three-valued logic: a comparison with NULL is unknown, and a constraint
holds unless its condition is false (Django's `Coalesce(condition, True)`). A condition with anything else
(a lookup not listed, an expression, a related field's path) goes to the database as before.

The database still enforces every constraint; this only spares the queries of validation. Migrations see
Django's own class (`deconstruct` names it), so none changes. `hdnd/tests/test_constraints.py` checks the
Python answer against the database's for every constraint of the project on generated records.
"""

import operator
from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import F, Q

_COMPARE: dict[str, Callable[[object, object], bool]] = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


class Unsupported(Exception):
    """The condition holds something the Python evaluation does not know: the database decides."""


def _field_value(instance: models.Model, name: str) -> tuple[models.Field, object]:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist as exc:
        raise Unsupported(name) from exc
    if not field.concrete or field.many_to_many:
        raise Unsupported(name)
    return field, getattr(instance, field.attname)


def _lookup(instance: models.Model, key: str, value: object, exclude: set[str]) -> bool | None:
    name, _, lookup = key.partition("__")
    lookup = lookup or "exact"
    field, current = _field_value(instance, name)
    if field.name in exclude:
        raise _Excluded
    if isinstance(value, F):
        other, value = _field_value(instance, value.name)
        if other.name in exclude:
            raise _Excluded
    elif hasattr(value, "resolve_expression"):
        raise Unsupported(key)
    if lookup == "isnull":
        if not isinstance(value, bool):
            raise Unsupported(key)
        return (current is None) == value
    if lookup == "exact" and value is None:
        return current is None  # Django writes `field=None` as IS NULL
    if current is None or value is None:
        return None
    if lookup == "in":
        if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
            raise Unsupported(key)
        choices = list(value)
        if current in choices:
            return True
        return None if None in choices else False
    compare = _COMPARE.get(lookup)
    if compare is None:
        raise Unsupported(key)
    try:
        return compare(current, value)
    except TypeError as exc:
        raise Unsupported(key) from exc


class _Excluded(Exception):
    """A field the condition reads is excluded from validation (it failed its own): Django skips the check."""


def evaluate(condition: Q, instance: models.Model, exclude: set[str] = frozenset()) -> bool | None:
    """The condition on the record, in SQL's three-valued logic: True, False or None (unknown)."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(evaluate(child, instance, exclude))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_lookup(instance, child[0], child[1], exclude))
        else:
            raise Unsupported(repr(child))
    if condition.connector == Q.AND:
        result = False if False in results else (None if None in results else True)
    elif condition.connector == Q.OR:
        result = True if True in results else (None if None in results else False)
    else:
        raise Unsupported(condition.connector)
    if condition.negated:
        return None if result is None else not result
    return result


class CheckConstraint(models.CheckConstraint):
    """A CheckConstraint whose validation is evaluated in Python when its condition is plain (see above)."""

    def validate(
        self, model: type[models.Model], instance: models.Model, exclude=None, using: str = DEFAULT_DB_ALIAS
    ) -> None:
        condition = self.condition if isinstance(self.condition, Q) else None
        if condition is None:
            return super().validate(model, instance, exclude=exclude, using=using)
        try:
            result = evaluate(condition, instance, set(exclude or ()))
        except _Excluded:
            return None
        except Unsupported:
            return super().validate(model, instance, exclude=exclude, using=using)
        if result is False:
            raise ValidationError(self.get_violation_error_message(), code=self.violation_error_code)
        return None

    def deconstruct(self) -> tuple[str, tuple, dict]:
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs
