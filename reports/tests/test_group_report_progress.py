"""A delegate group's report is an obligation and nothing else (issue 13): whichever follow-up screen or
route moves it, as the group or the office, the delegate-activity page's counts of reports owed and sent
late say the same."""

import datetime
import re

import pytest

from followup import services as followup
from followup.models import Obligation
from hdnd import dates
from registry import services as registry
from registry.models import Role
from registry.tests.factories import DelegateFactory, UserFactory
from reports.figures import GROUP_REPORT


def counts(as_user) -> tuple[str, str]:
    """(reports owed, "N chậm" or "") on the group's row of the delegate-activity page."""
    page = as_user("office").get("/bao-cao/dai-bieu/").content.decode()
    row = next(r for r in page.split("<tr>") if "Tổ đại biểu số 1" in r)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    late = re.search(r"(\d+) chậm", cells[-1])
    return re.sub(r"<.*", "", cells[-1]).strip(), late.group(1) if late else ""


@pytest.mark.django_db
def test_every_transition_shows_on_the_delegate_activity_page(world, as_user) -> None:
    DelegateFactory(term=world.term, group=world.group)
    user = UserFactory(username="to1")
    registry.role_grant(user=user, council=world.council, role=Role.AGENCY_USER, body=world.group)
    world.users["to1"] = user
    today = dates.today()
    ob = followup.obligation_create(
        council=world.council,
        owner=world.group,
        title="Báo cáo kết quả tiếp xúc cử tri của Tổ 1",
        kind=GROUP_REPORT,
        source_date=today - datetime.timedelta(days=20),
        due_on=today - datetime.timedelta(days=1),
    )
    assert counts(as_user) == ("1", "1")  # owed and overdue

    response = as_user("office").post(
        f"/theo-doi/{ob.pk}/gia-han/",
        {"due_on": (today + datetime.timedelta(days=5)).strftime("%d/%m/%Y"), "reason": "Tổ xin thêm thời gian."},
    )
    assert response.status_code == 302
    assert counts(as_user) == ("1", "")  # no longer late

    response = as_user("to1").post(f"/theo-doi/{ob.pk}/bao-cao/", {"kind": "hoan_thanh", "text": "Đã gửi báo cáo."})
    assert response.status_code == 302
    assert counts(as_user) == ("1", "")  # sent on time

    api = f"/api/v1/councils/{world.council.pk}/obligations/{ob.pk}"
    response = as_user("office").post(f"{api}/return", {"reason": "Thiếu số liệu."}, content_type="application/json")
    assert response.status_code == 200, response.content
    response = as_user("to1").post(
        f"{api}/report", {"text": "Đã bổ sung.", "done": True, "reply_label": ""}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    response = as_user("office").post(f"/theo-doi/{ob.pk}/chap-nhan/", {"text": ""})
    assert response.status_code == 302
    assert counts(as_user) == ("1", "")

    late = followup.obligation_create(
        council=world.council,
        owner=world.group,
        title="Báo cáo giữa kỳ của Tổ 1",
        kind=GROUP_REPORT,
        source_date=today - datetime.timedelta(days=20),
        due_on=today - datetime.timedelta(days=2),
    )
    assert counts(as_user) == ("2", "1")
    response = as_user("office").post(
        f"{api.rsplit('/', 1)[0]}/{late.pk}/cancel", {"reason": "Không yêu cầu nữa."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert counts(as_user) == ("1", "")  # a cancelled report is not owed
    assert Obligation.objects.filter(kind=GROUP_REPORT).count() == 2
