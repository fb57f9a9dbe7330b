"""Office staff adds a delegate to a delegate group in Chromium and sees it in the list and in its history."""

import pytest

from conftest import ARTIFACTS, login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_adds_delegate_to_group(world, browser, live_server) -> None:
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    login(page, live_server, "office")
    page.click("nav summary:has-text('Danh mục')")
    page.click("nav a:has-text('Đại biểu')")
    page.click("text=Thêm đại biểu")
    page.fill("input[name=full_name]", "Huỳnh Văn Mới")
    page.select_option("select[name=gender]", "nam")
    page.select_option("select[name=term]", str(world.term.pk))
    page.select_option("select[name=group]", str(world.group.pk))
    page.fill("input[name=elected_on]", "2021-05-23")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Đại biểu Huỳnh Văn Mới')")
    assert "Tổ đại biểu số 1" in page.content()
    # The change is in the record's history, with who made it.
    history = page.locator("section:has(h2:text('Lịch sử thay đổi'))").first
    assert "Tạo mới" in history.inner_text()
    assert "office" in history.inner_text() or "Người dùng" in history.inner_text()
    page.goto(f"{live_server.url}/dang-ky/dai-bieu/?q=huynh van moi")
    assert page.locator("td a:has-text('Huỳnh Văn Mới')").count() == 1
    page.screenshot(path=str(ARTIFACTS / "registry-delegate-added.png"), full_page=True)
    page.close()
