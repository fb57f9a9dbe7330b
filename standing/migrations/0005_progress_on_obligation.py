"""Progress of written-opinion requests moves to their obligations (issue 13): `state` and `answered_on` go.

`move_progress` runs first: a request answered while its obligation was left open gets its obligation
reported done on the answer's day and accepted, so it still reads "answered" on that day.
"""

from django.db import migrations
from django.utils import timezone

OPEN = ("da_giao", "dang_thuc_hien", "tra_lai")


def move_progress(apps, schema_editor) -> None:
    """Close the obligation of every request the old `state` called answered."""
    OpinionRequest = apps.get_model("standing", "OpinionRequest")
    Update = apps.get_model("followup", "ObligationUpdate")
    for request in OpinionRequest.objects.filter(state="da_tra_loi").select_related("obligation"):
        ob = request.obligation
        if ob is None or ob.state not in (*OPEN, "da_bao_cao"):
            continue
        before = ob.state
        ob.state, ob.closed_at = "hoan_thanh", timezone.now()
        ob.reported_on = ob.reported_on or request.answered_on or timezone.localdate()
        ob.save(update_fields=["state", "reported_on", "closed_at"])
        Update.objects.create(
            obligation=ob,
            action="chap_nhan",
            from_state=before,
            to_state=ob.state,
            text="Chuyển dữ liệu: đề nghị đã có văn bản trả lời.",
            reply_type_id=None,
        )


def restore_state(apps, schema_editor) -> None:
    """Going back: the answered requests are those whose obligation was reported done or accepted."""
    OpinionRequest = apps.get_model("standing", "OpinionRequest")
    for request in OpinionRequest.objects.select_related("obligation"):
        ob = request.obligation
        if ob is not None and ob.state in ("da_bao_cao", "hoan_thanh") and request.reply_id is not None:
            request.state, request.answered_on = "da_tra_loi", ob.reported_on
            request.save(update_fields=["state", "answered_on"])



def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL checks the deferred foreign keys of the rows just written before the table is altered
    (it refuses ALTER TABLE with pending trigger events); other databases have nothing deferred."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('standing', '0004_meeting_documents'),
        ('followup', '0002_obligation_extend'),
    ]

    operations = [
        # Before and after the data step, so that both directions alter tables with no pending triggers.
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(move_progress, restore_state),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RemoveConstraint(
            model_name='opinionrequest',
            name='opinion_answered_has_reply',
        ),
        migrations.RemoveField(
            model_name='historicalopinionrequest',
            name='answered_on',
        ),
        migrations.RemoveField(
            model_name='historicalopinionrequest',
            name='state',
        ),
        migrations.RemoveField(
            model_name='opinionrequest',
            name='answered_on',
        ),
        migrations.RemoveField(
            model_name='opinionrequest',
            name='state',
        ),
    ]
