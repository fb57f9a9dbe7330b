"""History rows for a record's page: who changed what and when, from django-simple-history."""

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.utils import get_m2m_reverse_field_name

from hdnd.dates import format_date


@dataclass
class Change:
    when: datetime
    who: str
    action: str
    fields: list[tuple[str, str, str]]
    # Many-to-many links this change added or removed, already worded: "Nơi nhận: thêm UBND thị xã".
    links: list[str] = dataclasses.field(default_factory=list)


ACTIONS = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}

# Words for coded values a field keeps without Django choices ("forwarded_petition", a rule's key): apps
# register a function for (model label, field name) from their ready().
VALUE_LABELS: dict[tuple[str, str], Callable[[object], str]] = {}
TOKEN = re.compile(r"\{\{\s*\w+\s*\}\}")


def register_value_label(model_label: str, field_name: str, label: Callable[[object], str]) -> None:
    VALUE_LABELS[(model_label, field_name)] = label


def _words(value: object) -> str:
    """A stored value in words: template tokens ("{{unit}}") as an ellipsis, a dict or list as its items."""
    if isinstance(value, dict):
        return f"{len(value)} mục" if value else "—"
    if isinstance(value, list | tuple):
        return ", ".join(_words(v) for v in value) or "—"
    return TOKEN.sub("…", str(value))


def _person(user: models.Model) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or str(user)


def _related_name(related: models.Model) -> str:
    """A related record in words; a content type (a generic link's kind) as its model's name, not
    Django's "app | model" pair."""
    if isinstance(related, ContentType):
        model = related.model_class()
        return capfirst(str(model._meta.verbose_name)) if model is not None else related.model
    return _person(related)


def _generic_names(records: list[models.Model]) -> dict[str, tuple[str, dict]]:
    """For each generic link of the records' model, keyed by its id column: the column's label ("mã hồ sơ
    nguồn" read as "Hồ sơ nguồn") and the linked records' names by (content type id, id); a bare number means
    nothing to a reader. One query per kind of linked record, whatever the rows."""
    if not records:
        return {}
    out = {}
    meta = records[0].instance_type._meta
    for link in (f for f in meta.private_fields if isinstance(f, GenericForeignKey)):
        ct_attname = meta.get_field(link.ct_field).attname
        pairs = {(getattr(r, ct_attname), getattr(r, link.fk_field)) for r in records} - {(None, None)}
        names: dict = {}
        for ct_id in {ct for ct, _ in pairs if ct is not None}:
            model = ContentType.objects.get_for_id(ct_id).model_class()
            ids = {pk for ct, pk in pairs if ct == ct_id and pk is not None}
            if model is not None and ids:
                for linked in model._default_manager.filter(pk__in=ids):
                    names[(ct_id, linked.pk)] = str(linked)
        label = str(meta.get_field(link.fk_field).verbose_name)
        out[link.fk_field] = (capfirst(label.removeprefix("mã ")), ct_attname, names)
    return out


def _display(record: models.Model, field: models.Field, names: dict | None = None) -> str:
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "—"
    labeller = VALUE_LABELS.get((field.model._meta.label, field.name))
    if labeller is not None:
        return labeller(value)
    if field.is_relation and names is not None:
        return names.get((field.name, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
            if timezone.is_aware(value)
            else (value.strftime("%d/%m/%Y %H:%M"))
        )
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return format_date(value)
    return _words(value)


def _related_names(records: list[models.Model], relations: list[models.Field]) -> dict:
    """The text of every related record named in `records`: one query per relation, whatever the rows."""
    names = {}
    for field in relations:
        ids = {getattr(r, field.attname) for r in records} - {None}
        if ids:
            for related in field.related_model._default_manager.filter(pk__in=ids):
                names[(field.name, related.pk)] = _related_name(related)
    return names


def _m2m_snapshots(records: list[models.Model]) -> list[tuple[str, dict[int, set[int]], dict[int, str]]]:
    """For each many-to-many field the history tracks: its label, the linked ids at every record and the
    linked records' names. Two queries per field (the snapshots, the names), whatever the rows."""
    if not records:
        return []
    history_model = type(records[0])
    history_ids = [r.history_id for r in records]
    snapshots = []
    for m2m in getattr(history_model, "_history_m2m_fields", []):
        # simple-history keeps each field's snapshot rows in a model reachable from the history model.
        snapshot_model = vars(history_model)[m2m.name].model
        target = get_m2m_reverse_field_name(m2m)
        linked: dict[int, set[int]] = {pk: set() for pk in history_ids}
        for history_id, target_id in snapshot_model.objects.filter(history_id__in=history_ids).values_list(
            "history_id", f"{target}_id"
        ):
            linked[history_id].add(target_id)
        ids = set().union(*linked.values())
        names = {r.pk: str(r) for r in m2m.related_model._default_manager.filter(pk__in=ids)} if ids else {}
        snapshots.append((capfirst(str(m2m.verbose_name)), linked, names))
    return snapshots


def _link_changes(snapshots: list, record: models.Model, previous: models.Model | None) -> list[str]:
    """The links added and removed between `previous` and `record`, worded for the history table."""
    changes = []
    for label, linked, names in snapshots:
        before = linked[previous.history_id] if previous is not None else set()
        after = linked[record.history_id]
        for verb, ids in (("thêm", after - before), ("bỏ", before - after)):
            if ids:
                listed = ", ".join(sorted(names.get(pk, f"#{pk}") for pk in ids))
                changes.append(f"{label}: {verb} {listed}")
    return changes


def history_rows(obj: models.Model, limit: int = 50) -> list[Change]:
    """The latest changes of `obj`, newest first, each with the fields and many-to-many links it changed
    (one query, plus a fixed few per related field and per tracked link)."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    # Only the fields the history keeps: a user's password hash is excluded from it, so it is never shown.
    kept = {f.name for f in obj.history.model._meta.fields}
    fields = [
        f for f in obj._meta.concrete_fields if f.name not in {"id", "name_folded"} and f.editable and f.name in kept
    ]
    names = _related_names(records, [f for f in fields if f.is_relation])
    snapshots = _m2m_snapshots(records)
    generic = _generic_names(records)

    def shown(record: models.Model, field: models.Field) -> tuple[str, str]:
        if field.name in generic:
            label, ct_attname, linked = generic[field.name]
            value = getattr(record, field.attname)
            if value is None:
                return label, "—"
            return label, linked.get((getattr(record, ct_attname), value), f"#{value}")
        return capfirst(str(field.verbose_name)), _display(record, field, names)

    rows = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changed = []
        for field in fields:
            label, new = shown(record, field)
            old = shown(previous, field)[1] if previous is not None else "—"
            if previous is None and new == "—":
                continue
            if previous is None or old != new:
                changed.append((label, old, new))
        user = record.history_user
        rows.append(
            Change(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "Hệ thống",
                action=ACTIONS.get(record.history_type, record.history_type),
                fields=changed,
                links=_link_changes(snapshots, record, previous),
            )
        )
    return rows
