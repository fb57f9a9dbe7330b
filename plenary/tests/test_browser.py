"""The main flow in a browser: thematic session, late submission, verification, a vote that passes, the resolution."""

import pytest

from conftest import ARTIFACTS, login
from plenary.tests.factories import committee, make_delegates, set_due_days


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_prepares_a_thematic_session(world, browser, live_server) -> None:
    set_due_days(world.council, 15)
    make_delegates(world.term, 5)
    ban = committee(world.council)
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    login(page, live_server, "office")
    page.goto(f"{live_server.url}/ky-hop/them/")
    page.select_option("select[name=term]", str(world.term.pk))
    page.fill("input[name=number]", "21")
    page.select_option("select[name=kind]", "chuyen_de")
    page.select_option("select[name=requested_by]", "thuong_truc")
    page.fill("input[name=created_on]", "2024-11-01")
    page.fill("input[name=opens_on]", "2024-12-18")
    page.fill("input[name=closes_on]", "2024-12-19")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Kỳ họp thứ 21 — Chuyên đề")

    page.click("text=Thêm hồ sơ trình")
    page.fill("input[name=title]", "Tờ trình điều chỉnh kế hoạch đầu tư công năm 2024")
    page.select_option("select[name=agency]", str(world.agency.pk))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Hạn gửi hồ sơ")
    assert "03/12/2024" in page.content()

    page.click("a[href$='/tiep-nhan/']")
    page.fill("input[name=received_on]", "2024-12-06")
    page.check("input[value=to_trinh]")
    page.check("input[value=du_thao]")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=3 ngày")

    page.click("a[href$='/phan-cong-tham-tra/']")
    page.select_option("select[name=committee]", str(ban.pk))
    page.fill("input[name=assigned_on]", "2024-12-06")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Hạn báo cáo thẩm tra")

    page.click("a[href$='/bieu-quyet/']")
    page.fill("input[name=voted_on]", "2024-12-18")
    page.fill("input[name=yes]", "4")
    page.fill("input[name=no]", "1")
    page.fill("input[name=abstain]", "0")
    page.click("main button[type=submit]")
    page.wait_for_selector("#ket-qua")
    assert "Thông qua" in page.inner_text("#ket-qua")

    page.click("a[href$='/nghi-quyet/']")
    page.fill("textarea[name=text]", "Điều 1. Thông qua điều chỉnh kế hoạch đầu tư công năm 2024.")
    page.fill("input[name=issued_on]", "2024-12-19")
    page.fill("input[name=signer_name]", "Nguyễn Xuân Văn")
    page.click("main button[type=submit]")
    page.wait_for_selector("#nghi-quyet")
    assert "01/NQ-HĐND" in page.inner_text("#nghi-quyet")
    page.screenshot(path=str(ARTIFACTS / "plenary-resolution.png"), full_page=True)
    page.goto(f"{live_server.url}/ky-hop/bao-cao-chuan-bi-cham/?nam=2024")
    assert "chỉ còn nội dung tại kỳ họp thứ 21 chuẩn bị chậm" in page.inner_text("#nhan-xet")
    page.screenshot(path=str(ARTIFACTS / "plenary-lateness.png"), full_page=True)
