"""A written answer's progress moves to its obligation (issue 13): `Question.answered_on` goes.

For a question answered in writing, whether and when the answer was given is its obligation's
("questioning_answer"): the answering body reports it on its follow-up task, the office accepts, returns,
extends or cancels it there, and the question's stored day went stale on the first such step. The day of
an answer given at the session stays the question's own, as `session_answered_on`.

Forwards, `to_obligations` first makes the obligation hold every written answer: a question in writing
without an obligation (none should exist: the service always makes one) gets one, due on the council's
default 20 days (Luật 87/2015, Điều 60, 69) after its day; one whose obligation was never reported (the
answer was written on the question alone) has it reported done on the stored day, with the answer as
the report. An obligation the office returned or cancelled keeps its word. Going back copies the day of
each written answer the obligation holds (reported done or accepted) onto its question.
"""

import datetime

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

WRITTEN_ANSWER_DAYS = 20  # registry.rules "written_answer_days", the default of Luật 87/2015, Điều 60, 69
_UNREPORTED = ("da_giao", "dang_thuc_hien")
_ANSWERED = ("da_bao_cao", "hoan_thanh")


def to_obligations(apps, schema_editor) -> None:
    Question = apps.get_model("plenary", "Question")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="plenary", model="question")
    for question in Question.objects.filter(mode="bang_van_ban").select_related("session"):
        obligation = Obligation.objects.filter(pk=question.obligation_id).first()
        if obligation is None:
            since = question.answered_on or question.asked_on
            title = f"Trả lời chất vấn bằng văn bản: {question.content}"[:500]
            obligation = Obligation.objects.create(
                council_id=question.session.council_id,
                owner_id=question.addressee_body_id,
                owner_person_id=question.addressee_id,
                title=title,
                title_folded=title.lower(),
                kind="questioning_answer",
                source_type=kind,
                source_id=question.pk,
                source_label=question.content[:300],
                source_date=since,
                due_on=since + datetime.timedelta(days=WRITTEN_ANSWER_DAYS),
            )
            Update.objects.create(obligation=obligation, action="giao", from_state="", to_state="da_giao")
            question.obligation_id = obligation.pk
        if question.answered_on is not None and obligation.state in _UNREPORTED:
            Update.objects.create(
                obligation=obligation,
                action="bao_cao_hoan_thanh",
                from_state=obligation.state,
                to_state="da_bao_cao",
                text=question.answer or "Đã trả lời chất vấn bằng văn bản.",
            )
            obligation.state, obligation.reported_on = "da_bao_cao", question.answered_on
            obligation.save(update_fields=["state", "reported_on"])
        question.answered_on = None
        question.save(update_fields=["obligation_id", "answered_on"])


def from_obligations(apps, schema_editor) -> None:
    Question = apps.get_model("plenary", "Question")
    Obligation = apps.get_model("followup", "Obligation")
    Question.objects.filter(mode="bang_van_ban", obligation_id__isnull=False).update(
        answered_on=Subquery(
            Obligation.objects.filter(pk=OuterRef("obligation_id"), state__in=_ANSWERED).values("reported_on")[:1]
        )
    )


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("plenary", "0007_submission_due_on_obligation"),
        ("followup", "0005_notification_url"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(to_obligations, from_obligations),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RenameField(model_name="question", old_name="answered_on", new_name="session_answered_on"),
        migrations.RenameField(model_name="historicalquestion", old_name="answered_on", new_name="session_answered_on"),
        migrations.AlterField(
            model_name="question",
            name="session_answered_on",
            field=models.DateField(blank=True, null=True, verbose_name="ngày trả lời tại kỳ họp"),
        ),
        migrations.AlterField(
            model_name="historicalquestion",
            name="session_answered_on",
            field=models.DateField(blank=True, null=True, verbose_name="ngày trả lời tại kỳ họp"),
        ),
    ]
