"""A submission's deadline moves to its obligation (issue 13, issue 15 item 2): `Submission.due_on` goes.

The obligation ("submission_due") already carries the deadline and its basis and is where the follow-up
screens extend or recompute it; the submission's own copy went stale on the first extension or
recomputation. `give_obligations` runs first: a submission stored without an obligation (none should
exist: the service and migration 0005 always make one) gets one due on its stored day, so no deadline is
lost. Going back copies each obligation's deadline onto its submission.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def give_obligations(apps, schema_editor) -> None:
    Submission = apps.get_model("plenary", "Submission")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="plenary", model="submission")
    for sub in Submission.objects.filter(obligation_id__isnull=True).select_related("session"):
        title = f"Gửi hồ sơ trình: {sub.title}"[:500]
        obligation = Obligation.objects.create(
            council_id=sub.session.council_id,
            owner_id=sub.agency_id,
            title=title,
            title_folded=sub.title_folded,
            kind="submission_due",
            source_type=kind,
            source_id=sub.pk,
            source_label="Hồ sơ trình kỳ họp",
            source_date=min(sub.session.created_on, sub.due_on),
            due_on=sub.due_on,
        )
        Update.objects.create(obligation=obligation, action="giao", from_state="", to_state="da_giao")
        sub.obligation_id = obligation.pk
        sub.save(update_fields=["obligation_id"])


def restore_due_on(apps, schema_editor) -> None:
    Submission = apps.get_model("plenary", "Submission")
    Obligation = apps.get_model("followup", "Obligation")
    Submission.objects.filter(obligation_id__isnull=False).update(
        due_on=Subquery(Obligation.objects.filter(pk=OuterRef("obligation_id")).values("due_on")[:1])
    )
    # History rows get the submission's deadline as it is now (the old rows kept none once the field went).
    History = apps.get_model("plenary", "HistoricalSubmission")
    History.objects.filter(due_on__isnull=True).update(
        due_on=Subquery(Submission.objects.filter(pk=OuterRef("id")).values("due_on")[:1])
    )
    Session = apps.get_model("plenary", "Session")
    History.objects.filter(due_on__isnull=True).update(
        due_on=Subquery(Session.objects.filter(pk=OuterRef("session_id")).values("opens_on")[:1])
    )


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("plenary", "0006_commitment_due_on_obligation"),
        ("followup", "0004_deadline_basis"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(give_obligations, migrations.RunPython.noop),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.AlterModelOptions(
            name="submission",
            options={"ordering": ["session", "pk"], "verbose_name": "hồ sơ trình", "verbose_name_plural": "hồ sơ trình"},
        ),
        # Nullable first, so that going back re-adds a column the rows can leave empty until it is filled.
        migrations.AlterField(model_name="submission", name="due_on", field=models.DateField("hạn gửi hồ sơ", null=True)),
        migrations.AlterField(
            model_name="historicalsubmission", name="due_on", field=models.DateField("hạn gửi hồ sơ", null=True)
        ),
        migrations.RunPython(migrations.RunPython.noop, restore_due_on),
        migrations.RemoveField(model_name="historicalsubmission", name="due_on"),
        migrations.RemoveField(model_name="submission", name="due_on"),
    ]
