"""The issue's main flow in a real browser: the office records a meeting with two tasks, generates and issues
the notice, downloads the DOCX, and finds the two tasks on the follow-up screen."""

import io
from pathlib import Path

import pytest
from docx import Document as open_docx

from conftest import ARTIFACTS, login
from documents.checker import assert_nd30
from followup.models import Obligation


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_records_meeting_issues_notice_and_follows_tasks(browser, live_server, town) -> None:
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    try:
        login(page, live_server, "office")
        page.goto(f"{live_server.url}/thuong-truc/")
        page.locator("main a", has_text="Ghi phiên họp").first.click()
        page.fill("input[name=held_on]", "2022-01-12")
        page.fill("input[name=place]", "Phòng họp số 1 Thị ủy Đức Phổ")
        page.fill("textarea[name=purpose]", "cho ý kiến thống nhất về Kế hoạch công tác năm 2022")
        page.select_option("select[name=chair]", str(town.kien_chair.pk))
        page.fill("textarea[name=heard]", "đồng chí Phó Chủ tịch HĐND thị xã báo cáo Kế hoạch công tác năm 2022")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã ghi phiên họp.")

        page.locator("main a", has_text="Thêm thành phần").first.click()
        page.select_option("select[name=person]", label="Nguyễn Thị Kiều")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã thêm thành phần dự họp.")

        page.locator("main a", has_text="Thêm mục kết luận").first.click()
        page.fill("input[name=title]", "Một số nhiệm vụ trong năm 2022")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã thêm mục kết luận.")
        tasks = [
            ("Giao Văn phòng thị xã hoàn chỉnh dự thảo Kế hoạch công tác năm 2022.", "Văn phòng HĐND và UBND thị xã"),
            (
                "UBND thị xã chỉ đạo các cơ quan gửi dự thảo Nghị quyết đúng thời gian.",
                "Ủy ban nhân dân thị xã Đức Phổ",
            ),
        ]
        for text, body in tasks:
            page.locator("main a", has_text="Thêm đoạn kết luận").first.click()
            page.fill("textarea[name=text]", text)
            page.check("input[name=assigns]")
            page.select_option("select[name=bodies]", label=body)
            page.click("main button[type=submit]")
            page.wait_for_selector("text=Đã thêm đoạn kết luận.")

        page.click("#tao-thong-bao")
        page.wait_for_selector("text=Đã tạo dự thảo thông báo kết luận từ hồ sơ phiên họp.")
        page.fill("#ban-hanh input[name=issued_on]", "2022-01-13")
        page.click("#ban-hanh button[type=submit]")
        page.wait_for_selector("text=Đã ban hành thông báo kết luận")
        page.screenshot(path=str(ARTIFACTS / "standing-meeting-issued.png"), full_page=True)

        with page.expect_download() as download_info:
            page.locator("main a", has_text="Tải về (.docx)").first.click()
        content = Path(download_info.value.path()).read_bytes()
        assert_nd30(content)
        texts = [p.text for p in open_docx(io.BytesIO(content)).paragraphs]
        assert "Kết luận của Thường trực HĐND thị xã tại phiên họp ngày 12/01/2022" in texts
        assert f"- {tasks[0][0]}" in texts

        page.goto(f"{live_server.url}/theo-doi/")
        for text, _ in tasks:
            assert page.locator("td a", has_text=text).is_visible()
        page.screenshot(path=str(ARTIFACTS / "standing-tasks-followup.png"), full_page=True)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "standing-failure.png"), full_page=True)
        raise
    finally:
        page.close()
    assert Obligation.objects.filter(kind="conclusion_task").count() == 2
