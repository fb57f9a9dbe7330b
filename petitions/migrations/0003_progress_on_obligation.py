"""Progress of petitions moves to their follow-up obligations (issue 13): the petition keeps its outcome.

`move_progress` runs before the duplicated columns go: a petition forwarded without an obligation gets one,
an obligation behind its petition's answer is brought to it (reported done, or in progress while being
resolved), and an answer the body reported on the follow-up screens only (the defect of issue 13) is copied
onto the petition. Nothing stored is lost: the answer date becomes the obligation's report date.
"""

import datetime

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from hdnd.text import fold

KIND = "forwarded_petition"
OPEN = ("da_giao", "dang_thuc_hien", "tra_lai")
DONE = ("da_bao_cao", "hoan_thanh")
ANSWERS = ("da_tra_loi", "da_giai_trinh")
# The deadline an old petition without an obligation is given: the council's usual setting is not read in
# a migration; 30 days is the value the demo and the templates of Nghị quyết liên tịch 72/2025 use.
FALLBACK_DAYS = 30


def _step(Update, obligation, action: str, from_state: str, text: str) -> None:
    Update.objects.create(
        obligation=obligation, action=action, from_state=from_state, to_state=obligation.state, text=text
    )


def move_progress(apps, schema_editor) -> None:
    """Make every petition's obligation hold the progress its `state` and `answered_on` said."""
    Petition = apps.get_model("petitions", "Petition")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    petition_type, _ = ContentType.objects.get_or_create(app_label="petitions", model="petition")
    document_type = ContentType.objects.filter(app_label="documents", model="document").first()
    note = "Chuyển dữ liệu: tiến độ kiến nghị nay do việc theo dõi giữ."
    for p in Petition.objects.exclude(state="tiep_nhan", obligation__isnull=True).select_related(
        "obligation", "forward_document"
    ):
        fields = []
        if p.state in ("da_tra_loi", "dang_giai_quyet", "da_giai_trinh"):
            p.outcome = p.state
            fields.append("outcome")
        ob = p.obligation
        if ob is None and p.state != "tiep_nhan" and p.body_id is not None:
            created = p.forward_document.issued_on if p.forward_document and p.forward_document.issued_on else None
            source_date = created or p.answered_on or timezone.localdate(p.created_at)
            title = f"Trả lời kiến nghị cử tri: {p.text[:400]}"
            ob = Obligation.objects.create(
                council_id=p.council_id,
                owner_id=p.body_id,
                title=title,
                title_folded=fold(title),
                kind=KIND,
                source_type=petition_type,
                source_id=p.pk,
                source_label="Kiến nghị cử tri",
                source_date=source_date,
                due_on=max(source_date + datetime.timedelta(days=FALLBACK_DAYS), p.answered_on or source_date),
            )
            _step(Update, ob, "giao", "", note)
            p.obligation = ob
            fields.append("obligation")
        if ob is None:
            if fields:
                p.save(update_fields=fields)
            continue
        if p.state in ANSWERS and ob.state in OPEN:
            before = ob.state
            ob.state, ob.reported_on = "da_bao_cao", p.answered_on or timezone.localdate()
            ob.save(update_fields=["state", "reported_on"])
            _step(Update, ob, "bao_cao_hoan_thanh", before, p.answer_text or note)
        elif p.state == "dang_giai_quyet" and ob.state == "da_giao":
            ob.state = "dang_thuc_hien"
            ob.save(update_fields=["state"])
            _step(Update, ob, "bao_cao_tien_do", "da_giao", p.answer_text or note)
        elif ob.state in DONE and p.state in ANSWERS and p.answered_on and ob.reported_on is None:
            ob.reported_on = p.answered_on
            ob.save(update_fields=["reported_on"])
        if p.state in ("da_chuyen", "tiep_nhan") and ob.state in (*DONE, "dang_thuc_hien"):
            # The body reported on the follow-up screens and the petition never heard: its report is the answer.
            report = (
                Update.objects.filter(obligation=ob, action__in=["bao_cao_hoan_thanh", "bao_cao_tien_do"])
                .order_by("-created_at", "-pk")
                .first()
            )
            if report is not None:
                p.outcome = "da_tra_loi" if ob.state in DONE else "dang_giai_quyet"
                if not p.answer_text:
                    p.answer_text, p.answer_folded = report.text, fold(report.text)
                if p.answer_document_id is None and document_type and report.reply_type_id == document_type.pk:
                    p.answer_document_id = report.reply_id
                fields += ["outcome", "answer_text", "answer_folded", "answer_document"]
        if fields:
            p.save(update_fields=sorted(set(fields)))


def restore_state(apps, schema_editor) -> None:
    """Going back: write the state and answer date the obligations hold onto the petitions again."""
    Petition = apps.get_model("petitions", "Petition")
    for p in Petition.objects.select_related("obligation"):
        ob = p.obligation
        if ob is None:
            p.state = "tiep_nhan"
        elif ob.state in DONE:
            p.state, p.answered_on = (p.outcome if p.outcome in ANSWERS else "da_tra_loi"), ob.reported_on
        elif ob.state in OPEN and p.outcome == "dang_giai_quyet":
            p.state = "dang_giai_quyet"
        else:
            p.state = "da_chuyen"
        p.save(update_fields=["state", "answered_on"])


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL checks the deferred foreign keys of the rows just written before the table is altered
    (it refuses ALTER TABLE with pending trigger events); other databases have nothing deferred."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_remove_document_document_normative_type_and_more"),
        ("followup", "0002_obligation_extend"),
        ("petitions", "0002_contact_places"),
        ("registry", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpetition",
            name="outcome",
            field=models.CharField(
                blank=True,
                choices=[
                    ("da_tra_loi", "Đã trả lời"),
                    ("dang_giai_quyet", "Đang giải quyết"),
                    ("da_giai_trinh", "Đã giải trình"),
                ],
                default="",
                max_length=16,
                verbose_name="kết quả trả lời",
            ),
        ),
        migrations.AddField(
            model_name="petition",
            name="outcome",
            field=models.CharField(
                blank=True,
                choices=[
                    ("da_tra_loi", "Đã trả lời"),
                    ("dang_giai_quyet", "Đang giải quyết"),
                    ("da_giai_trinh", "Đã giải trình"),
                ],
                default="",
                max_length=16,
                verbose_name="kết quả trả lời",
            ),
        ),
        # Before and after the data step, so that both directions alter tables with no pending triggers.
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(move_progress, restore_state),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RemoveConstraint(
            model_name="petition",
            name="petition_state_valid",
        ),
        migrations.RemoveIndex(
            model_name="petition",
            name="petition_state",
        ),
        migrations.RemoveField(
            model_name="historicalpetition",
            name="answered_on",
        ),
        migrations.RemoveField(
            model_name="historicalpetition",
            name="state",
        ),
        migrations.AddConstraint(
            model_name="petition",
            constraint=models.CheckConstraint(
                condition=models.Q(("outcome__in", ["", "da_tra_loi", "dang_giai_quyet", "da_giai_trinh"])),
                name="petition_outcome_valid",
                violation_error_message="Kết quả trả lời không hợp lệ.",
            ),
        ),
        migrations.RemoveField(
            model_name="petition",
            name="answered_on",
        ),
        migrations.RemoveField(
            model_name="petition",
            name="state",
        ),
    ]
