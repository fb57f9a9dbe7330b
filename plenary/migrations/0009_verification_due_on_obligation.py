"""A verification's deadline moves to an obligation of the verifying committee (issue 13, issue 15):
`Verification.due_on` goes, `Verification.obligation` comes.

The stored day had no legal basis, no "Vì sao hạn này" and no way to be extended or recomputed. Each
existing verification gets an obligation ("verification_report") of its committee, due on its stored
day (kept as given: the rule's version and citation are only known for deadlines computed from now on),
reported done on the day of its report when it has one. Going back copies each obligation's deadline
onto its verification; the obligations stay in the follow-up register, and coming forward again links
each verification to its committee's obligation of the same submission, which holds the day.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def give_obligations(apps, schema_editor) -> None:
    Verification = apps.get_model("plenary", "Verification")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="plenary", model="submission")
    for verification in Verification.objects.filter(obligation__isnull=True).select_related("submission__session"):
        submission = verification.submission
        session = submission.session
        # Back and forth again: the committee's obligation already exists and holds the day.
        kept = Obligation.objects.filter(
            kind="verification_report",
            source_type=kind,
            source_id=submission.pk,
            owner_id=verification.committee_id,
        ).first()
        if kept is not None:
            verification.obligation = kept
            verification.save(update_fields=["obligation"])
            continue
        title = f"Báo cáo thẩm tra Kỳ họp thứ {session.number}: {submission.title}"[:500]
        obligation = Obligation.objects.create(
            council_id=session.council_id,
            owner_id=verification.committee_id,
            title=title,
            title_folded=title.lower(),
            kind="verification_report",
            source_type=kind,
            source_id=submission.pk,
            source_label=f"Kỳ họp thứ {session.number} — thẩm tra hồ sơ trình",
            source_date=min(verification.assigned_on, verification.due_on),
            due_on=verification.due_on,
        )
        Update.objects.create(obligation=obligation, action="giao", from_state="", to_state="da_giao")
        if verification.reported_on is not None:
            Update.objects.create(
                obligation=obligation,
                action="bao_cao_hoan_thanh",
                from_state="da_giao",
                to_state="da_bao_cao",
                text="Đã ban hành báo cáo thẩm tra.",
            )
            obligation.state, obligation.reported_on = "da_bao_cao", verification.reported_on
            obligation.save(update_fields=["state", "reported_on"])
        verification.obligation = obligation
        verification.save(update_fields=["obligation"])


def restore_due_on(apps, schema_editor) -> None:
    Verification = apps.get_model("plenary", "Verification")
    Obligation = apps.get_model("followup", "Obligation")
    Verification.objects.filter(obligation__isnull=False).update(
        due_on=Subquery(Obligation.objects.filter(pk=OuterRef("obligation_id")).values("due_on")[:1])
    )
    # History rows get the verification's deadline as it is now (the old rows kept none once the field went).
    History = apps.get_model("plenary", "HistoricalVerification")
    History.objects.filter(due_on__isnull=True).update(
        due_on=Subquery(Verification.objects.filter(pk=OuterRef("id")).values("due_on")[:1])
    )
    History.objects.filter(due_on__isnull=True).update(due_on=models.F("assigned_on"))


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _obligation(null: bool) -> models.OneToOneField:
    return models.OneToOneField(
        "followup.Obligation",
        verbose_name="việc theo dõi",
        null=null,
        editable=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plenary", "0008_question_answer_on_obligation"),
        ("followup", "0005_notification_url"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(model_name="verification", name="obligation", field=_obligation(null=True)),
        migrations.AddField(
            model_name="historicalverification",
            name="obligation",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="followup.obligation",
                verbose_name="việc theo dõi",
            ),
        ),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(give_obligations, migrations.RunPython.noop),
        migrations.RunPython(constraints_now, constraints_now),
        # Nullable first, so that going back re-adds a column the rows can leave empty until it is filled.
        migrations.AlterField(
            model_name="verification", name="due_on", field=models.DateField("hạn báo cáo thẩm tra", null=True)
        ),
        migrations.AlterField(
            model_name="historicalverification",
            name="due_on",
            field=models.DateField("hạn báo cáo thẩm tra", null=True),
        ),
        migrations.RunPython(migrations.RunPython.noop, restore_due_on),
        migrations.RemoveField(model_name="historicalverification", name="due_on"),
        migrations.RemoveField(model_name="verification", name="due_on"),
        migrations.AlterField(model_name="verification", name="obligation", field=_obligation(null=False)),
    ]
