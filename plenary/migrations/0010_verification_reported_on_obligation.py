"""A verification reads whether and when its committee reported from its obligation (issue 13):
`Verification.reported_on` goes, `Verification.report_text` comes.

The stored day was a second copy of the obligation's: a report on the committee's follow-up task never
reached it, and a return on the follow-up screens left it saying "reported". The obligation already
holds every day this column held (the verification report reports it done on that day, and 0009 gave
older verifications an obligation reported done on theirs); where the two differ, the office has since
returned the report or the committee reported first on its task, and the obligation's day is the one
that stands (the report document keeps its own date of issue). Going back copies each obligation's day
onto its verification.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def restore_reported_on(apps, schema_editor) -> None:
    Verification = apps.get_model("plenary", "Verification")
    Obligation = apps.get_model("followup", "Obligation")
    Verification.objects.update(
        reported_on=Subquery(Obligation.objects.filter(pk=OuterRef("obligation_id")).values("reported_on")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plenary", "0009_verification_due_on_obligation"),
        ("followup", "0005_notification_url"),
    ]

    operations = [
        migrations.AddField(
            model_name="verification",
            name="report_text",
            field=models.TextField(blank=True, max_length=50000, verbose_name="nội dung báo cáo thẩm tra"),
        ),
        migrations.AddField(
            model_name="historicalverification",
            name="report_text",
            field=models.TextField(blank=True, max_length=50000, verbose_name="nội dung báo cáo thẩm tra"),
        ),
        migrations.RunPython(migrations.RunPython.noop, restore_reported_on),
        migrations.RemoveField(model_name="historicalverification", name="reported_on"),
        migrations.RemoveField(model_name="verification", name="reported_on"),
    ]
