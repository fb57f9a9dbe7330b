"""The sitting days in a browser: the attendance grid, a speech, the minutes, the public page of documents."""

import datetime

import pytest

from conftest import ARTIFACTS, login
from plenary import services
from plenary.models import Attendance, Presence
from plenary.tests.factories import make_delegates, make_session, set_due_days


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_records_a_sitting_day_and_the_minutes(world, browser, live_server) -> None:
    set_due_days(world.council, 15)
    delegates = make_delegates(world.term, 4)
    session = make_session(world.council, world.term)
    services.session_document_add(session=session, title="Báo cáo tình hình kinh tế - xã hội năm 2024", public=True)
    services.session_document_add(session=session, title="Tài liệu nội bộ")
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    login(page, live_server, "office")
    page.goto(f"{live_server.url}/ky-hop/{session.pk}/")
    page.click("a[href$='/diem-danh/']")
    absent = delegates[2]
    page.check(f"input[name=p{absent.pk}][value=vang_co_ly_do]")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Vui lòng ghi lý do vắng của")
    page.fill(f"input[name=r{absent.pk}]", "Đi công tác")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã lưu điểm danh ngày 18/12/2024")
    page.screenshot(path=str(ARTIFACTS / "plenary-attendance.png"), full_page=True)
    assert Attendance.objects.filter(presence=Presence.PRESENT).count() == 3

    page.goto(f"{live_server.url}/ky-hop/{session.pk}/phat-bieu/them/")
    page.select_option("select[name=delegate]", str(delegates[0].pk))
    page.fill("input[name=spoken_on]", "2024-12-18")
    page.fill("textarea[name=summary]", "Đề nghị làm rõ nguồn vốn đối ứng.")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã ghi phát biểu")

    page.click("a[href$='/bien-ban/']")
    page.fill("input[name=signer_name]", "Nguyễn Xuân Văn")
    page.fill("input[name=issued_on]", "2024-12-19")
    page.check("input[name=issue]")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=01/BB-HĐND")
    assert "có mặt 3/4 đại biểu" in page.content()
    page.screenshot(path=str(ARTIFACTS / "plenary-minutes.png"), full_page=True)

    public = browser.new_page()
    public.goto(f"{live_server.url}/ky-hop/cong-khai/{world.council.pk}/{session.pk}/")
    text = public.inner_text("main")
    assert "Báo cáo tình hình kinh tế - xã hội năm 2024" in text and "Tài liệu nội bộ" not in text
    public.screenshot(path=str(ARTIFACTS / "plenary-public-documents.png"), full_page=True)
    assert datetime.date(2024, 12, 18) == session.opens_on
