"""The main flow in a real browser: the agency reports done with a reply, the office accepts."""

import datetime

import pytest

from conftest import ARTIFACTS, login, logout
from followup.models import State
from followup.tests.factories import make_obligation
from hdnd import dates


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_agency_reports_done_office_accepts(browser, live_server, world) -> None:
    today = dates.today()
    obligation = make_obligation(
        council=world.council,
        owner=world.agency,
        title="Báo cáo tiến độ giải ngân vốn đầu tư công",
        source_date=today,
        due_on=today + datetime.timedelta(days=10),
    )
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    try:
        login(page, live_server, "agency")
        page.goto(f"{live_server.url}/theo-doi/")
        page.click("text=Báo cáo tiến độ giải ngân vốn đầu tư công")
        page.check("#bao-cao input[name=kind][value=hoan_thanh]")
        page.fill("#bao-cao textarea[name=text]", "Đã giải ngân 85% kế hoạch vốn, gửi kèm Công văn 45/TCKH.")
        page.fill("#bao-cao input[name=reply_label]", "Công văn số 45/TCKH ngày hôm nay")
        page.click("#bao-cao button[type=submit]")
        page.wait_for_selector("text=Đã gửi báo cáo.")
        assert page.is_visible("text=Đã báo cáo hoàn thành")
        logout(page)
        page.wait_for_url(f"{live_server.url}/dang-nhap/")

        login(page, live_server, "office")
        page.goto(f"{live_server.url}/theo-doi/{obligation.pk}/")
        assert page.is_visible("text=Đã giải ngân 85% kế hoạch vốn")
        page.fill("#chap-nhan textarea[name=text]", "Đạt yêu cầu.")
        page.click("#chap-nhan button[type=submit]")
        page.wait_for_selector("text=Đã chấp nhận kết quả; việc đã hoàn thành.")
        assert page.locator(".badge.ok", has_text="Đã hoàn thành").is_visible()
        page.screenshot(path=str(ARTIFACTS / "followup-accepted.png"), full_page=True)
    finally:
        page.close()
    obligation.refresh_from_db()
    assert obligation.state == State.ACCEPTED
