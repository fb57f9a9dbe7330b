"""A round's milestone due dates move to their obligations (issue 13): `Round.*_due_on` go.

Milestones still pending were already followed as obligations, and an extension on the follow-up screens
moved only the obligation. `give_obligations` runs first: a milestone with a stored due date and no
obligation (one recorded done when the round was written) gets one, due on its stored day and closed
(accepted) on the day the round recorded, so no due date is lost. Going back copies each milestone's
current obligation's due date (none when it was cancelled) onto its round.
"""

from django.db import migrations, models
from django.utils import timezone

FIELDS = {
    "content": ("content_due_on", "content_sent_on", "set_up_on"),
    "schedule": ("schedule_due_on", "schedule_sent_on", "set_up_on"),
    "report": ("report_due_on", "report_on", "ends_on"),
    "consider": ("consider_due_on", "considered_on", "report_on"),
}
LABELS = {
    "content": "Gửi nội dung, đề cương báo cáo cho đối tượng giám sát",
    "schedule": "Gửi kế hoạch, thành phần đoàn",
    "report": "Báo cáo kết quả giám sát",
    "consider": "Thường trực HĐND xem xét báo cáo",
}


def _subject(round) -> str:
    return f"{'Khảo sát' if round.kind == 'khao_sat' else 'Giám sát'} về {round.subject}"


def give_obligations(apps, schema_editor) -> None:
    Round = apps.get_model("supervision", "Round")
    Link = apps.get_model("supervision", "MilestoneObligation")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    Body = apps.get_model("registry", "Body")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="supervision", model="round")
    followed = set(Link.objects.values_list("round_id", "key"))
    for round in Round.objects.select_related("body").order_by("pk"):
        for key, (due_field, done_field, start_field) in FIELDS.items():
            due = getattr(round, due_field)
            if due is None or (round.pk, key) in followed:
                continue
            owner = round.body
            if key == "consider":
                owner = Body.objects.filter(council_id=round.council_id, kind="thuong_truc").order_by("pk").first()
                owner = owner or round.body
            done = getattr(round, done_field)
            start = getattr(round, start_field) or due
            title = f"{LABELS[key]}: {_subject(round)}"[:500]
            obligation = Obligation.objects.create(
                council_id=round.council_id,
                owner=owner,
                title=title,
                title_folded=title.lower(),
                kind="supervision_milestone",
                source_type=kind,
                source_id=round.pk,
                source_label=_subject(round)[:300],
                source_date=min(start, due),
                due_on=due,
                state="hoan_thanh" if done else "da_giao",
                reported_on=done,
                closed_at=timezone.now() if done else None,
            )
            Update.objects.create(obligation=obligation, action="giao", from_state="", to_state="da_giao")
            if done:
                Update.objects.create(
                    obligation=obligation,
                    action="chap_nhan",
                    from_state="da_giao",
                    to_state="hoan_thanh",
                    text="Chuyển từ ngày đã ghi tại đợt giám sát.",
                )
            Link.objects.create(round=round, key=key, obligation=obligation)


def restore_due_dates(apps, schema_editor) -> None:
    Round = apps.get_model("supervision", "Round")
    Link = apps.get_model("supervision", "MilestoneObligation")
    for round in Round.objects.order_by("pk"):
        current = {}
        for link in Link.objects.filter(round=round).select_related("obligation").order_by("pk"):
            current[link.key] = link.obligation
        for key, (due_field, _, _) in FIELDS.items():
            obligation = current.get(key)
            due = obligation.due_on if obligation is not None and obligation.state != "da_huy" else None
            setattr(round, due_field, due)
        round.save(update_fields=[f[0] for f in FIELDS.values()])


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0005_merge_0004_bounded_text_0004_history_m2m"),
        ("followup", "0004_deadline_basis"),
        ("registry", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(give_obligations, restore_due_dates),
        migrations.RunPython(constraints_now, constraints_now),
        *[
            migrations.RemoveField(model_name=model, name=name)
            for model in ("historicalround", "round")
            for name, _, _ in FIELDS.values()
        ],
    ]
