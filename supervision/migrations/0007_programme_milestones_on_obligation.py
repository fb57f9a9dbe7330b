"""A programme's draft and adoption deadlines move to obligations of its body (issue 15): `Programme.draft_due_on`
and `adopt_due_on` go; the proposals' day keeps its column and gains its basis (`proposals_basis`).

`give_obligations` turns each stored due date into a "supervision_programme_milestone" obligation of the
programme's body, due on its stored day, closed (accepted) when the programme recorded the draft sent or the
adoption; the deadline's basis is kept where the old law computed it (session before 01/03/2026, no council
setting of the rule), so "Vì sao hạn này" explains it. A proposals' day before 01/03/2026 gets the basis of
Luật 87/2015/QH13, Điều 58; a later one (fixed at 01/03 by the old code, with no number in Luật 121/2025/QH15)
is kept and its basis says so. Going back copies each current obligation's due date (none when cancelled)
onto its programme and gives a council programme its old fixed 01/03 when it has no proposals' day.
"""

import datetime

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


NEW_LAW = datetime.date(2026, 3, 1)
OLD_LAW_TO = "2026-02-28"
OLD_CITATION = "Luật Hoạt động giám sát 87/2015/QH13, Điều 58"
# key -> (due field, done field, label, {programme kind: (rule, days, before, citation, start event)})
FIELDS = {
    "draft": (
        "draft_due_on",
        "draft_sent_on",
        "Gửi dự kiến chương trình đến đại biểu",
        {
            "hdnd": (
                "supervision_programme_draft_before_session",
                10,
                True,
                OLD_CITATION,
                "Ngày khai mạc kỳ họp giữa năm của năm trước",
            )
        },
    ),
    "adopt": (
        "adopt_due_on",
        "adopted_on",
        "Thông qua chương trình",
        {
            "hdnd": (
                "supervision_programme_adopt_at_session",
                0,
                False,
                OLD_CITATION,
                "Ngày khai mạc kỳ họp giữa năm của năm trước",
            ),
            "thuong_truc": (
                "standing_programme_after_year_end_session",
                15,
                False,
                "Luật Hoạt động giám sát 87/2015/QH13, Điều 67",
                "Ngày bế mạc kỳ họp cuối năm của năm trước",
            ),
        },
    ),
}
PROPOSALS_LABEL = "Hạn gửi đề xuất chương trình giám sát năm sau (ngày trong năm)"


def _proposals_basis(programme) -> dict:
    due = programme.proposals_due_on
    basis = {
        "rule": "supervision_proposals_by",
        "label": PROPOSALS_LABEL,
        "year": programme.year - 1,
        "missing": False,
        "value": due.month * 100 + due.day,
        "value_label": f"{due.day:02d}/{due.month:02d}",
        "unit": "ngay_trong_nam",
        "valid_from": None,
        "setting_decision": "",
        "from_setting": False,
        "due": due.isoformat(),
    }
    if due < NEW_LAW:
        basis.update(citation=OLD_CITATION, valid_to=OLD_LAW_TO)
    else:
        basis.update(
            citation="Ngày đã lưu theo cách tính trước đây (cố định 01/03); Luật Hoạt động giám sát 121/2025/QH15 "
            "chưa có ngày này: sửa chương trình để tính lại theo thiết lập của Hội đồng",
            valid_from=NEW_LAW.isoformat(),
            valid_to=None,
            kept=True,
        )
    return basis


def give_obligations(apps, schema_editor) -> None:
    from hdnd.text import fold

    Programme = apps.get_model("supervision", "Programme")
    Link = apps.get_model("supervision", "ProgrammeMilestone")
    Obligation = apps.get_model("followup", "Obligation")
    Update = apps.get_model("followup", "ObligationUpdate")
    LegalSetting = apps.get_model("registry", "LegalSetting")
    ContentType = apps.get_model("contenttypes", "ContentType")
    source_type, _ = ContentType.objects.get_or_create(app_label="supervision", model="programme")
    set_by_council = set(LegalSetting.objects.values_list("council_id", "key"))
    for programme in Programme.objects.order_by("pk"):
        if programme.proposals_due_on is not None and not programme.proposals_basis:
            programme.proposals_basis = _proposals_basis(programme)
            programme.save(update_fields=["proposals_basis"])
        for key, (due_field, done_field, label, rules) in FIELDS.items():
            due = getattr(programme, due_field)
            if due is None or Link.objects.filter(programme=programme, key=key).exists():
                continue
            done = getattr(programme, done_field)
            start = programme.session_on or due
            title = f"{label}: {programme.title}"[:500]
            # Migrated back and forth: the obligation made the first time is still there; link it again.
            earlier = (
                Obligation.objects.filter(
                    kind="supervision_programme_milestone",
                    source_type=source_type,
                    source_id=programme.pk,
                    title__startswith=f"{label}:",
                )
                .order_by("-pk")
                .first()
            )
            if earlier is not None:
                Link.objects.create(programme=programme, key=key, obligation=earlier)
                continue
            obligation = Obligation(
                council_id=programme.council_id,
                owner_id=programme.body_id,
                title=title,
                title_folded=fold(title),
                kind="supervision_programme_milestone",
                source_type=source_type,
                source_id=programme.pk,
                source_label=programme.title[:300],
                source_date=min(start, due),
                due_on=due,
                state="hoan_thanh" if done else "da_giao",
                reported_on=done,
                closed_at=timezone.now() if done else None,
            )
            rule = rules.get(programme.kind)
            if (
                rule is not None
                and programme.session_on is not None
                and programme.session_on < NEW_LAW
                and (programme.council_id, rule[0]) not in set_by_council
            ):
                obligation.due_rule, obligation.due_value, obligation.due_before = rule[0], rule[1], rule[2]
                obligation.due_citation, obligation.due_start_event = rule[3], rule[4]
                obligation.due_version_to = datetime.date.fromisoformat(OLD_LAW_TO)
                obligation.due_start, obligation.due_unit = programme.session_on, "ngay"
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
            Link.objects.create(programme=programme, key=key, obligation=obligation)


def restore_due_dates(apps, schema_editor) -> None:
    Programme = apps.get_model("supervision", "Programme")
    Link = apps.get_model("supervision", "ProgrammeMilestone")
    for programme in Programme.objects.order_by("pk"):
        current = {}
        for link in Link.objects.filter(programme=programme).select_related("obligation").order_by("pk"):
            current[link.key] = link.obligation
        for key, (due_field, _, _, _) in FIELDS.items():
            obligation = current.get(key)
            due = obligation.due_on if obligation is not None and obligation.state != "da_huy" else None
            setattr(programme, due_field, due)
        if programme.kind == "hdnd" and programme.proposals_due_on is None:
            programme.proposals_due_on = datetime.date(programme.year - 1, 3, 1)
        programme.save(update_fields=["draft_due_on", "adopt_due_on", "proposals_due_on"])


def constraints_now(apps, schema_editor) -> None:
    """PostgreSQL refuses ALTER TABLE with pending deferred-constraint events from the rows just written."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0005_notification_url"),
        ("supervision", "0006_round_milestones_on_obligation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("registry", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalprogramme",
            name="proposals_basis",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="căn cứ hạn gửi đề xuất"),
        ),
        migrations.AddField(
            model_name="programme",
            name="proposals_basis",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="căn cứ hạn gửi đề xuất"),
        ),
        migrations.CreateModel(
            name="HistoricalProgrammeMilestone",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "key",
                    models.CharField(
                        choices=[
                            ("draft", "Gửi dự kiến chương trình đến đại biểu"),
                            ("adopt", "Thông qua chương trình"),
                        ],
                        max_length=10,
                        verbose_name="mốc",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "obligation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="followup.obligation",
                        verbose_name="theo dõi",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="supervision.programme",
                        verbose_name="chương trình",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical mốc thời hạn của chương trình giám sát",
                "verbose_name_plural": "historical mốc thời hạn của chương trình giám sát",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ProgrammeMilestone",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "key",
                    models.CharField(
                        choices=[
                            ("draft", "Gửi dự kiến chương trình đến đại biểu"),
                            ("adopt", "Thông qua chương trình"),
                        ],
                        max_length=10,
                        verbose_name="mốc",
                    ),
                ),
                (
                    "obligation",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="followup.obligation",
                        verbose_name="theo dõi",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="milestone_obligations",
                        to="supervision.programme",
                        verbose_name="chương trình",
                    ),
                ),
            ],
            options={
                "verbose_name": "mốc thời hạn của chương trình giám sát",
                "verbose_name_plural": "mốc thời hạn của chương trình giám sát",
                "ordering": ["programme", "key", "pk"],
            },
        ),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RunPython(give_obligations, restore_due_dates),
        migrations.RunPython(constraints_now, constraints_now),
        migrations.RemoveField(
            model_name="historicalprogramme",
            name="adopt_due_on",
        ),
        migrations.RemoveField(
            model_name="historicalprogramme",
            name="draft_due_on",
        ),
        migrations.RemoveField(
            model_name="programme",
            name="adopt_due_on",
        ),
        migrations.RemoveField(
            model_name="programme",
            name="draft_due_on",
        ),
    ]
