"""A questioning commitment's deadline moves to its obligation (issue 13): `Commitment.due_on` goes.

The obligation already carries the deadline (and its basis) and is where the follow-up screens extend
or recompute it; the commitment's own copy went stale on the first extension. `give_obligations` runs
first: a commitment stored without an obligation (none should exist: the service always makes one) gets
one due on its stored day, so no deadline is lost. Going back copies each obligation's deadline onto its
commitment.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def give_obligations(apps, schema_editor) -> None:
    Commitment = apps.get_model("plenary", "Commitment")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="plenary", model="commitment")
    for commitment in Commitment.objects.filter(obligation_id__isnull=True).select_related("question__session"):
        question = commitment.question
        title = f"Báo cáo thực hiện lời hứa sau chất vấn: {commitment.content}"[:500]
        since = question.answered_on or question.asked_on
        obligation = Obligation.objects.create(
            council_id=question.session.council_id,
            owner_id=question.addressee_body_id,
            owner_person_id=question.addressee_id,
            title=title,
            title_folded=title.lower(),
            kind="questioning_commitment",
            source_type=kind,
            source_id=commitment.pk,
            source_label=commitment.content[:300],
            source_date=min(since, commitment.due_on),
            due_on=commitment.due_on,
        )
        Update.objects.create(obligation=obligation, action="giao", from_state="", to_state="da_giao")
        commitment.obligation_id = obligation.pk
        commitment.save(update_fields=["obligation_id"])


def restore_due_on(apps, schema_editor) -> None:
    Commitment = apps.get_model("plenary", "Commitment")
    Obligation = apps.get_model("followup", "Obligation")
    Commitment.objects.filter(obligation_id__isnull=False).update(
        due_on=Subquery(Obligation.objects.filter(pk=OuterRef("obligation_id")).values("due_on")[:1])
    )
    # History rows get the commitment's deadline as it is now (the old rows kept none once the field went).
    History = apps.get_model("plenary", "HistoricalCommitment")
    History.objects.filter(due_on__isnull=True).update(
        due_on=Subquery(Commitment.objects.filter(pk=OuterRef("id")).values("due_on")[:1])
    )
    Session = apps.get_model("plenary", "Session")
    History.objects.filter(due_on__isnull=True).update(
        due_on=Subquery(Session.objects.filter(pk=OuterRef("next_session_id")).values("opens_on")[:1])
    )


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("plenary", "0005_submission_progress_on_obligation"),
        ("followup", "0004_deadline_basis"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(give_obligations, migrations.RunPython.noop),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.AlterModelOptions(
            name="commitment",
            options={"ordering": ["pk"], "verbose_name": "lời hứa sau chất vấn", "verbose_name_plural": "lời hứa sau chất vấn"},
        ),
        # Nullable first, so that going back re-adds a column the rows can leave empty until it is filled.
        migrations.AlterField(model_name="commitment", name="due_on", field=models.DateField("hạn báo cáo", null=True)),
        migrations.AlterField(
            model_name="historicalcommitment", name="due_on", field=models.DateField("hạn báo cáo", null=True)
        ),
        migrations.RunPython(migrations.RunPython.noop, restore_due_on),
        migrations.RemoveField(model_name="historicalcommitment", name="due_on"),
        migrations.RemoveField(model_name="commitment", name="due_on"),
    ]
