"""The demo 2024 report in Chromium: follow a figure to its six sessions, rate, issue, download the DOCX."""

import pytest

from conftest import ARTIFACTS, login
from documents.checker import assert_nd30
from registry.demo import DEMO_PASSWORD, seed


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_demo_report_from_figure_to_docx(browser, live_server) -> None:
    seed()
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    login(page, live_server, "chanhvanphong", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/bao-cao/kiem-diem/2024/")
    page.click("main button:has-text('Lập báo cáo năm 2024')")
    # The figure links to the six sessions behind it.
    page.click("#figures tr:has(td:text-is('Kỳ họp HĐND')) a")
    # A screen writes plain numbers; "06 kỳ họp" is the documents' style only.
    assert page.locator("h1").inner_text() == "Kỳ họp HĐND năm 2024: 6"
    assert page.locator("tbody tr").count() == 6
    page.go_back()
    page.click("text=Tự đánh giá, xếp loại")
    for select in page.locator("select[name^=rating_]").all():
        select.select_option("tot")
    page.select_option("select[name=classification]", "hoan_thanh_tot")
    page.click("main button[type=submit]")
    assert "Đã lưu tự đánh giá" in page.content()
    page.fill("input[name=issued_on]", "20/12/2024")
    page.click("main button:has-text('Ban hành báo cáo')")
    assert "Đã ban hành báo cáo" in page.content()
    with page.expect_download() as download:
        page.click("text=Tải DOCX")
    path = download.value.path()
    with open(path, "rb") as f:
        assert_nd30(f.read())
    page.screenshot(path=str(ARTIFACTS / "reports-annual-issued.png"), full_page=True)
    page.close()
