"""Demo: the delegate groups' reports on their 2024 voter contacts, two of them sent late (seed 000:
"có Tổ đại biểu có lúc gửi báo cáo còn chậm"). Idempotent."""

import datetime

from followup import services as followup
from followup.models import Obligation
from registry.models import Body, BodyKind, Council
from reports.figures import GROUP_REPORT

D = datetime.date
# (contact round, asked on, due on); the groups at these indexes answered late (days after the deadline).
ROUNDS = (("giữa năm 2024", D(2024, 6, 25), D(2024, 7, 2)), ("cuối năm 2024", D(2024, 11, 25), D(2024, 12, 2)))
LATE = {("giữa năm 2024", 1): 5, ("cuối năm 2024", 3): 3}


def seed(council: Council) -> None:
    if Obligation.objects.filter(council=council, kind=GROUP_REPORT).exists():
        return
    groups = list(Body.objects.filter(council=council, kind=BodyKind.DELEGATE_GROUP).order_by("name"))
    for label, asked, due in ROUNDS:
        for index, group in enumerate(groups):
            obligation = followup.obligation_create(
                council=council,
                owner=group,
                title=f"Báo cáo kết quả tiếp xúc cử tri {label} của {group.name}",
                kind=GROUP_REPORT,
                source_date=asked,
                source_label=f"Tiếp xúc cử tri {label}",
                due_on=due,
            )
            sent = due + datetime.timedelta(days=LATE.get((label, index), -1))
            followup.obligation_report(
                obligation=obligation, user=None, text="Tổ đã gửi báo cáo tổng hợp ý kiến cử tri.", done=True, on=sent
            )
            followup.obligation_accept(obligation=obligation, user=None)
