"""`hdnd.constraints.CheckConstraint` answers as the database does, for every check constraint of the project.

For each constraint, records are made with its fields set to values around each other (equal, below, above,
empty, NULL, each choice and one outside them); Python's answer (`evaluate`) is compared with Django's query
(`Q.check`, the database's), and `validate` refuses exactly when the database would.
"""

import datetime
import itertools
import random

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import BooleanField, F, Q
from django.db.models.functions import Coalesce

from hdnd.constraints import CheckConstraint, Unsupported, evaluate

DAY = datetime.date(2026, 3, 1)


def _names(condition: Q) -> set[str]:
    found = set()
    for child in condition.children:
        if isinstance(child, Q):
            found |= _names(child)
        else:
            key, value = child
            found.add(key.split("__")[0])
            if isinstance(value, F):
                found.add(value.name)
    return found


def _candidates(field: models.Field) -> list[object]:
    values: list[object]
    if field.choices:
        values = [value for value, _label in field.flatchoices] + ["", "khong-co"]
    elif isinstance(field, models.BooleanField):
        values = [True, False]
    elif isinstance(field, models.DateTimeField):
        moment = datetime.datetime(2026, 3, 1, 8, tzinfo=datetime.UTC)
        values = [moment, moment - datetime.timedelta(days=1), moment + datetime.timedelta(days=1)]
    elif isinstance(field, models.DateField):
        values = [DAY, DAY - datetime.timedelta(days=1), DAY + datetime.timedelta(days=1)]
    elif isinstance(field, models.ForeignKey):
        values = [1, 2]
    elif isinstance(field, models.IntegerField):
        values = [0, 1, 2, 5, 28, 29, 30, 31, 70, 71, 1999, 2000, 2100, 2101]
    elif isinstance(field, models.CharField | models.TextField):
        values = ["", "có nội dung", "dong_y", "co_quan", "cong_chung", "tu_choi", "du_thao", "den", "di"]
    else:
        raise AssertionError(f"no candidates for {field!r}")
    return [*values, None] if field.null else values


def _constraints() -> list[tuple[type[models.Model], CheckConstraint]]:
    found = []
    for model in apps.get_models():
        if "site-packages" in apps.get_app_config(model._meta.app_label).path:
            continue  # a library's own (django-tasks-db's) keep Django's class
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                assert isinstance(constraint, CheckConstraint), f"{model.__name__}.{constraint.name}: use hdnd's"
                found.append((model, constraint))
    return found


CONSTRAINTS = _constraints()


def test_every_check_constraint_of_the_project_is_hdnds() -> None:
    assert len(CONSTRAINTS) >= 40


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "constraint"), CONSTRAINTS, ids=[f"{m.__name__}.{c.name}" for m, c in CONSTRAINTS])
def test_python_answers_as_the_database_does(model: type[models.Model], constraint: CheckConstraint) -> None:
    fields = {name: model._meta.get_field(name) for name in sorted(_names(constraint.condition))}
    combos = list(itertools.product(*(_candidates(field) for field in fields.values())))
    random.Random(constraint.name).shuffle(combos)
    supported, refused = 0, 0
    for combo in combos[:400]:
        instance = model()
        for field, value in zip(fields.values(), combo, strict=True):
            setattr(instance, field.attname, value)
        try:
            python = evaluate(constraint.condition, instance)
        except Unsupported:
            continue
        supported += 1
        against = instance._get_field_expression_map(meta=model._meta)
        database = Q(Coalesce(constraint.condition, True, output_field=BooleanField())).check(
            against, using=connection.alias
        )
        assert (python is not False) == database, (constraint.name, dict(zip(fields, combo, strict=True)), python)
        try:
            constraint.validate(model, instance)
        except ValidationError:
            refused += 1
            assert python is False
        else:
            assert python is not False
    assert supported, f"{constraint.name}: every record went to the database"
    assert 0 < refused < supported or len(combos) < 3, (constraint.name, refused, supported)


def test_an_excluded_field_skips_the_check_as_django_does() -> None:
    model, constraint = next((m, c) for m, c in CONSTRAINTS if c.name == "reception_letter_people_positive")
    instance = model(people=0)
    with pytest.raises(ValidationError):
        constraint.validate(model, instance)
    constraint.validate(model, instance, exclude={"people"})


def test_anything_else_goes_to_the_database() -> None:
    model, _constraint = next((m, c) for m, c in CONSTRAINTS if c.name == "reception_letter_people_positive")
    with pytest.raises(Unsupported):
        evaluate(Q(people__contains="1"), model(people=1))
    with pytest.raises(Unsupported):
        evaluate(Q(nothing_such=1), model(people=1))
