"""History rows for a record's page: who changed what and when, from django-simple-history."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.text import capfirst


@dataclass
class Change:
    when: datetime
    who: str
    action: str
    fields: list[tuple[str, str, str]]


ACTIONS = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}


def _display(record: models.Model, field: models.Field, names: dict | None = None) -> str:
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "—"
    if field.is_relation and names is not None:
        return names.get((field.name, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _related_names(records: list[models.Model], relations: list[models.Field]) -> dict:
    """The text of every related record named in `records`: one query per relation, whatever the rows."""
    names = {}
    for field in relations:
        ids = {getattr(r, field.attname) for r in records} - {None}
        if ids:
            for related in field.related_model._default_manager.filter(pk__in=ids):
                names[(field.name, related.pk)] = str(related)
    return names


def history_rows(obj: models.Model, limit: int = 50) -> list[Change]:
    """The latest changes of `obj`, newest first, each with the fields it changed (one query)."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    fields = [f for f in obj._meta.concrete_fields if f.name not in {"id", "name_folded"} and f.editable]
    names = _related_names(records, [f for f in fields if f.is_relation])
    rows = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changed = []
        for field in fields:
            new = _display(record, field, names)
            old = _display(previous, field, names) if previous is not None else "—"
            if previous is None and new == "—":
                continue
            if previous is None or old != new:
                changed.append((capfirst(str(field.verbose_name)), old, new))
        user = record.history_user
        rows.append(
            Change(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "Hệ thống",
                action=ACTIONS.get(record.history_type, record.history_type),
                fields=changed,
            )
        )
    return rows
