"""A council programme's results report becomes an obligation of its body, like its draft and adoption
(issue 15): `give_results_obligations` turns each stored results session of a council programme ("hdnd")
into a "supervision_programme_milestone" obligation due on that day, closed (accepted) when the programme
recorded the results reported. Its basis is kept where the old law computed it (Luật 87/2015/QH13, Điều 58:
at the mid-year session of the year after; a session before 01/03/2026, no council setting of the rule),
so "Vì sao hạn này" explains it; a later session keeps its day as given (Luật 121/2025/QH15 gives no number
known). Going back removes those obligations: the programme still holds the session and the reported day.
"""

import datetime

from django.db import migrations, models
from django.utils import timezone

NEW_LAW = datetime.date(2026, 3, 1)
RULE = "supervision_programme_results_at_session"
CITATION = "Luật Hoạt động giám sát 87/2015/QH13, Điều 58"
LABEL = "Báo cáo kết quả thực hiện chương trình"
START_EVENT = "Ngày khai mạc kỳ họp giữa năm của năm sau năm giám sát"
KIND = "supervision_programme_milestone"


def give_results_obligations(apps, schema_editor) -> None:
    from hdnd.text import fold

    Programme = apps.get_model("supervision", "Programme")
    Link = apps.get_model("supervision", "ProgrammeMilestone")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    LegalSetting = apps.get_model("registry", "LegalSetting")
    ContentType = apps.get_model("contenttypes", "ContentType")
    source_type, _ = ContentType.objects.get_or_create(app_label="supervision", model="programme")
    set_by_council = set(LegalSetting.objects.filter(key=RULE).values_list("council_id", flat=True))
    programmes = Programme.objects.filter(kind="hdnd", results_session_on__isnull=False).order_by("pk")
    for programme in programmes.exclude(pk__in=Link.objects.filter(key="results").values("programme_id")):
        due, done = programme.results_session_on, programme.results_reported_on
        title = f"{LABEL}: {programme.title}"[:500]
        obligation = Obligation(
            council_id=programme.council_id,
            owner_id=programme.body_id,
            title=title,
            title_folded=fold(title),
            kind=KIND,
            source_type=source_type,
            source_id=programme.pk,
            source_label=programme.title[:300],
            source_date=due,
            due_on=due,
            state="hoan_thanh" if done else "da_giao",
            reported_on=done,
            closed_at=timezone.now() if done else None,
        )
        if due < NEW_LAW and programme.council_id not in set_by_council:
            obligation.due_rule, obligation.due_value, obligation.due_before = RULE, 0, False
            obligation.due_citation, obligation.due_start_event = CITATION, START_EVENT
            obligation.due_version_to = NEW_LAW - datetime.timedelta(days=1)
            obligation.due_start, obligation.due_unit = due, "ngay"
        obligation.save()
        Update.objects.create(obligation=obligation, action="giao", from_state="", to_state="da_giao")
        if done:
            Update.objects.create(
                obligation=obligation,
                action="chap_nhan",
                from_state="da_giao",
                to_state="hoan_thanh",
                text="Chuyển từ ngày đã ghi tại chương trình giám sát.",
            )
        Link.objects.create(programme=programme, key="results", obligation=obligation)


def remove_results_obligations(apps, schema_editor) -> None:
    """Delete the results obligations and what hangs on them, children first, by plain DELETEs (no other row
    points to these obligations: only the programme's link does)."""
    Link = apps.get_model("supervision", "ProgrammeMilestone")
    links = Link.objects.filter(key="results")
    ids = list(links.values_list("obligation_id", flat=True))
    links._raw_delete(schema_editor.connection.alias)
    alias = schema_editor.connection.alias

    def model(name):
        return apps.get_model("followup", name)

    reminders = list(model("Reminder").objects.filter(obligation_id__in=ids).values_list("pk", flat=True))
    updates = list(model("ObligationUpdate").objects.filter(obligation_id__in=ids).values_list("pk", flat=True))
    model("Notification").objects.filter(reminder_id__in=reminders)._raw_delete(alias)
    model("Reminder").objects.filter(pk__in=reminders)._raw_delete(alias)
    model("ObligationFile").objects.filter(update_id__in=updates)._raw_delete(alias)
    model("ObligationUpdate").objects.filter(pk__in=updates)._raw_delete(alias)
    model("Obligation").objects.filter(pk__in=ids)._raw_delete(alias)


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


CHOICES = [
    ("draft", "Gửi dự kiến chương trình đến đại biểu"),
    ("adopt", "Thông qua chương trình"),
    ("results", "Báo cáo kết quả thực hiện chương trình"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0007_programme_milestones_on_obligation"),
        ("followup", "0005_notification_url"),
        ("registry", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalprogrammemilestone",
            name="key",
            field=models.CharField(choices=CHOICES, max_length=10, verbose_name="mốc"),
        ),
        migrations.AlterField(
            model_name="programmemilestone",
            name="key",
            field=models.CharField(choices=CHOICES, max_length=10, verbose_name="mốc"),
        ),
        migrations.RunPython(give_results_obligations, remove_results_obligations),
        migrations.RunPython(constraints_now, constraints_now),
    ]
