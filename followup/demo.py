"""Demo obligations for the demo council: a few open, one overdue, one done (idempotent)."""

import datetime

from followup import services
from followup.kinds import TASK
from followup.models import Obligation
from registry.models import Body, Council

D = datetime.date

# (owner short name, title, source label, days from source date to deadline, days ago the source is dated)
DEMO = [
    (
        "Phòng TC-KH",
        "Báo cáo tình hình thu ngân sách 6 tháng đầu năm",
        "Thông báo kết luận phiên họp Thường trực",
        10,
        40,
    ),
    ("UBND thị xã", "Trả lời kiến nghị về sửa chữa đường liên xã Phổ Nhơn", "Kiến nghị cử tri trước kỳ họp", 30, 45),
    ("Văn phòng thị xã", "Chuẩn bị tài liệu kỳ họp chuyên đề", "Kế hoạch tổ chức kỳ họp", 20, 5),
    ("Phòng TC-KH", "Rà soát các khoản nợ đọng xây dựng cơ bản", "Kết luận giám sát chuyên đề", 15, 3),
]


def seed(council: Council) -> None:
    if Obligation.objects.filter(council=council).exists():
        return
    today = datetime.date.today()
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    created = []
    for short_name, title, source_label, days, age in DEMO:
        owner = bodies.get(short_name)
        if owner is None:
            continue
        obligation = services.obligation_create(
            council=council,
            owner=owner,
            title=title,
            kind=TASK,
            source_label=source_label,
            source_date=today - datetime.timedelta(days=age),
            days=days,
        )
        created.append(obligation)
    if created:
        # One reported done, so the office has something to accept in the demo.
        services.obligation_report(
            obligation=created[-1], user=None, text="Đã rà soát, gửi kèm danh sách các khoản nợ đọng.", done=True
        )
