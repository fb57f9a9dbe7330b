"""Every case entered before classifications were dated gets its classification of today as in effect from
the day its letter was received (nothing better is known of when it was decided), so the statistics of
every period keep counting it; a case that already has a row is left alone (running it twice adds none)."""

from django.db import migrations
from django.db.models import Exists, OuterRef

BATCH = 2_000


def backfill(apps, schema_editor):
    Case = apps.get_model("reception", "Case")
    Classification = apps.get_model("reception", "Classification")
    missing = Case.objects.filter(~Exists(Classification.objects.filter(case_id=OuterRef("pk")))).order_by("pk")
    rows = []
    for case in missing.values(
        "pk",
        "letter__received_on",
        "category",
        "field",
        "eligible",
        "ineligible_reason",
        "handling",
        "competent_body_id",
    ).iterator(chunk_size=BATCH):
        rows.append(
            Classification(
                case_id=case["pk"],
                effective_on=case["letter__received_on"],
                category=case["category"],
                field=case["field"],
                eligible=case["eligible"],
                ineligible_reason=case["ineligible_reason"],
                handling=case["handling"],
                competent_body_id=case["competent_body_id"],
            )
        )
        if len(rows) >= BATCH:
            Classification.objects.bulk_create(rows)
            rows = []
    Classification.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("reception", "0003_classification")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False)]
