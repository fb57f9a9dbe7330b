"""A written-opinion request's deadline moves to its obligation (issue 13): `OpinionRequest.due_on` goes.

The obligation already carries the deadline and is where the follow-up screens extend it; the request's
own copy went stale on the first extension. `give_obligations` runs first: a request stored without an
obligation (none should exist: the service always makes one) gets one due on its stored day, so no
deadline is lost. Going back copies each obligation's deadline onto its request.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def give_obligations(apps, schema_editor) -> None:
    OpinionRequest = apps.get_model("standing", "OpinionRequest")
    Obligation = apps.get_model("followup", "Obligation")
    Body = apps.get_model("registry", "Body")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="standing", model="opinionrequest")
    for request in OpinionRequest.objects.filter(obligation__isnull=True):
        owner = Body.objects.filter(council_id=request.council_id, kind="thuong_truc").order_by("pk").first()
        if owner is None:
            raise RuntimeError(f"Hội đồng #{request.council_id} chưa có Thường trực HĐND: không chuyển được hạn.")
        request.obligation = Obligation.objects.create(
            council_id=request.council_id,
            owner=owner,
            title=f"Cho ý kiến bằng văn bản: {request.subject}"[:500],
            title_folded=request.subject_folded,
            kind="written_opinion_request",
            source_type=kind,
            source_id=request.pk,
            source_label=request.subject[:300],
            source_date=request.received_on,
            due_on=request.due_on,
        )
        request.save(update_fields=["obligation"])


def restore_due_on(apps, schema_editor) -> None:
    OpinionRequest = apps.get_model("standing", "OpinionRequest")
    Obligation = apps.get_model("followup", "Obligation")
    OpinionRequest.objects.filter(obligation__isnull=False).update(
        due_on=Subquery(Obligation.objects.filter(pk=OuterRef("obligation_id")).values("due_on")[:1])
    )
    OpinionRequest.objects.filter(obligation__isnull=True).update(due_on=F("received_on"))
    # History rows get the request's deadline as it is now (the old rows kept none once the field went).
    History = apps.get_model("standing", "HistoricalOpinionRequest")
    History.objects.filter(due_on__isnull=True).update(
        due_on=Subquery(OpinionRequest.objects.filter(pk=OuterRef("id")).values("due_on")[:1])
    )
    History.objects.filter(due_on__isnull=True).update(due_on=F("received_on"))


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("standing", "0007_merge_20261202_1953"),
        ("followup", "0003_bounded_text"),
        ("registry", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(give_obligations, migrations.RunPython.noop),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RemoveConstraint(model_name="opinionrequest", name="opinion_due_after_received"),
        # Nullable first, so that going back re-adds a column the rows can leave empty until it is filled.
        migrations.AlterField(
            model_name="opinionrequest", name="due_on", field=models.DateField("hạn trả lời", null=True)
        ),
        migrations.AlterField(
            model_name="historicalopinionrequest", name="due_on", field=models.DateField("hạn trả lời", null=True)
        ),
        migrations.RunPython(migrations.RunPython.noop, restore_due_on),
        migrations.RemoveField(model_name="historicalopinionrequest", name="due_on"),
        migrations.RemoveField(model_name="opinionrequest", name="due_on"),
    ]
