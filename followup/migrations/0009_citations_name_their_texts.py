"""The stored bases of deadlines name the texts they cite: a citation computed before the rule versions named
them ("Luật 136/2025/QH15; Nghị định 155/2026/NĐ-CP, Điều 10") reads as the versions read now. The strings are
written here, not imported: a migration must not change when registry/rules.py does. Backwards restores them."""

from django.db import migrations

RENAMED = {
    "Luật 136/2025/QH15; Nghị định 155/2026/NĐ-CP, Điều 10": (
        "Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo 136/2025/QH15; "
        "Nghị định 155/2026/NĐ-CP về khiếu nại, Điều 10"
    ),
    "Luật Hoạt động giám sát 121/2025/QH15; Nghị quyết 114/2025/UBTVQH15": (
        "Luật Hoạt động giám sát 121/2025/QH15; "
        "Nghị quyết 114/2025/UBTVQH15 về hoạt động giám sát của Hội đồng nhân dân"
    ),
    "Nghị định 154/2026/NĐ-CP, Điều 4 khoản 3": "Nghị định 154/2026/NĐ-CP về tiếp công dân, Điều 4 khoản 3",
    "Nghị quyết liên tịch 72/2025": "Nghị quyết liên tịch 72/2025 về tiếp xúc cử tri",
    "Nghị quyết 116/2025/UBTVQH15 (chưa rõ thời hạn); quy chế làm việc của HĐND": (
        "Nghị quyết 116/2025/UBTVQH15 về tiếp công dân, xử lý đơn (chưa rõ thời hạn); Quy chế làm việc của HĐND"
    ),
}


def _rename(apps, pairs) -> None:
    Obligation = apps.get_model("followup", "Obligation")
    for old, new in pairs:
        Obligation.objects.filter(due_citation=old).update(due_citation=new)


def forwards(apps, schema_editor) -> None:
    _rename(apps, RENAMED.items())


def backwards(apps, schema_editor) -> None:
    _rename(apps, ((new, old) for old, new in RENAMED.items()))


class Migration(migrations.Migration):
    dependencies = [("followup", "0008_background_export")]

    operations = [migrations.RunPython(forwards, backwards)]
