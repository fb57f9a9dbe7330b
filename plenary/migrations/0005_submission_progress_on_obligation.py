"""A submission's progress moves to its obligation (issue 13): `Submission.state` goes.

`move_progress` runs first and brings each obligation in step with the state the submission stored:
received → reported done on the day the file arrived (if still open); returned → returned (if reported
done), each step written in the obligation's timeline. A submission stored without an obligation gets
one. Going back copies the state each obligation now says onto its submission.
"""

from django.db import migrations
from django.utils import timezone

OPEN = ("da_giao", "dang_thuc_hien", "tra_lai")


def _step(Update, ob, action: str, to_state: str, text: str) -> None:
    Update.objects.create(obligation=ob, action=action, from_state=ob.state, to_state=to_state, text=text)
    ob.state = to_state


def move_progress(apps, schema_editor) -> None:
    Submission = apps.get_model("plenary", "Submission")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    source_type, _ = ContentType.objects.get_or_create(app_label="plenary", model="submission")
    for sub in Submission.objects.select_related("session"):
        ob = Obligation.objects.filter(pk=sub.obligation_id).first() if sub.obligation_id else None
        if ob is None:
            ob = Obligation.objects.create(
                council_id=sub.session.council_id,
                owner_id=sub.agency_id,
                title=f"Gửi hồ sơ trình: {sub.title}"[:500],
                title_folded=sub.title_folded,
                kind="submission_due",
                source_type=source_type,
                source_id=sub.pk,
                source_label="Hồ sơ trình kỳ họp",
                source_date=min(sub.session.created_on, sub.due_on),
                due_on=sub.due_on,
            )
            sub.obligation_id = ob.pk
            sub.save(update_fields=["obligation_id"])
        arrived = sub.resubmitted_on or sub.received_on
        if sub.state in ("da_nhan", "tra_lai") and ob.state in OPEN:
            _step(Update, ob, "bao_cao_hoan_thanh", "da_bao_cao", "Chuyển dữ liệu: Văn phòng đã nhận hồ sơ.")
            ob.reported_on = ob.reported_on or arrived or sub.returned_on or timezone.localdate()
        if sub.state == "tra_lai" and ob.state == "da_bao_cao":
            _step(Update, ob, "tra_lai", "tra_lai", f"Chuyển dữ liệu: trả lại hồ sơ. {sub.return_reason}".strip())
        ob.save(update_fields=["state", "reported_on"])


def restore_state(apps, schema_editor) -> None:
    Submission = apps.get_model("plenary", "Submission")
    Obligation = apps.get_model("followup", "Obligation")
    states = dict(Obligation.objects.filter(kind="submission_due").values_list("pk", "state"))
    for sub in Submission.objects.all():
        ob_state = states.get(sub.obligation_id)
        state = {"da_bao_cao": "da_nhan", "hoan_thanh": "da_nhan", "tra_lai": "tra_lai"}.get(ob_state, "cho_nop")
        Submission.objects.filter(pk=sub.pk).update(state=state)


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("plenary", "0004_merge_0003_bounded_text_0003_history_document_open"),
        ("followup", "0003_bounded_text"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(move_progress, restore_state),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RemoveField(model_name="historicalsubmission", name="state"),
        migrations.RemoveField(model_name="submission", name="state"),
    ]
