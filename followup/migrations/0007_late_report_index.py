"""The late reports of a council in their order (most days late first), for the overdue list's
`followup.selectors.OverdueInOrder`: that part of a page becomes an index walk rather than a sort of the
council's reports waiting for acceptance.

PostgreSQL only, like the trigram indexes (`hdnd.trigram`): on SQLite the date difference is one of Django's
own SQL functions, which an index must not depend on (a database opened without Django could not use it),
and the overdue list there keeps its plain path. The index is therefore not declared on the model."""

from django.db import migrations, models
from django.db.models import F, Q


def _index() -> models.Index:
    return models.Index(
        F("council"),
        (F("reported_on") - F("due_on")).desc(),
        F("due_on"),
        F("id"),
        condition=Q(state="da_bao_cao", reported_on__gt=F("due_on")),
        name="obligation_late_report",
    )


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("followup", "Obligation"), _index())


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("followup", "Obligation"), _index())


class Migration(migrations.Migration):
    dependencies = [("followup", "0006_obligation_bring_forward")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
