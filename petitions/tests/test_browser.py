"""The main flow in a real browser: the office imports a round from Excel, merges two duplicates, forwards
them to an agency; the agency answers; the public page shows the answer without the petitioner."""

import pytest

from conftest import ARTIFACTS, login, logout
from petitions.models import Petition, PetitionState
from petitions.tests.test_import import xlsx


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_import_merge_forward_answer_publish(browser, live_server, town) -> None:
    rows = [
        [
            1,
            "Đề nghị sớm chi trả tiền bồi thường giải phóng mặt bằng dự án đường ven biển",
            "Phổ An",
            "Giao thông",
            "Thị xã",
            "Phòng TC-KH",
            3,
            "Trần Thị Bí Mật",
            "Thôn An Ba",
            "0905111222",
        ],
        [
            2,
            "Cử tri đề nghị sớm chi trả tiền bồi thường giải phóng mặt bằng dự án đường ven biển",
            "Phổ Châu",
            "Giao thông",
            "Thị xã",
            "Phòng TC-KH",
            2,
            "",
            "",
            "",
        ],
        [
            3,
            "Đề nghị tỉnh sửa chữa Quốc lộ 1 đoạn qua phường Phổ Quang",
            "Phổ Quang",
            "Giao thông",
            "Tỉnh",
            "",
            1,
            "",
            "",
            "",
        ],
    ]
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    base = live_server.url
    try:
        login(page, live_server, "office")
        page.goto(f"{base}/kien-nghi/dot/{town.round.pk}/")
        page.click("text=Nhập từ tệp (Excel, CSV)")
        page.set_input_files(
            "input[name=file]",
            files=[{"name": "kien-nghi.xlsx", "mimeType": "application/octet-stream", "buffer": xlsx(rows)}],
        )
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Xem trước: 3 kiến nghị mới")
        page.screenshot(path=str(ARTIFACTS / "import-preview.png"), full_page=True)
        page.click("text=Lưu 3 kiến nghị")
        page.wait_for_selector("text=Đã nhập 3 kiến nghị.")

        page.click("text=Kiến nghị trùng lặp")
        page.click("text=Gộp các kiến nghị đã chọn")
        page.wait_for_selector("text=Cử tri các xã Phổ An, Phổ Châu kiến nghị:")
        assert page.is_visible("text=Nguồn kiến nghị (đã gộp)")

        page.goto(f"{base}/kien-nghi/dot/{town.round.pk}/chuyen/")
        page.select_option("select[name=body]", str(town.world.agency.pk))
        page.fill("input[name=signer_title]", "Phó Chủ tịch")
        page.fill("input[name=signer_name]", "Nguyễn Thị Kiều")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã chuyển kiến nghị bằng công văn số")
        logout(page)
        page.wait_for_url(f"{base}/dang-nhap/")

        login(page, live_server, "agency")
        page.goto(f"{base}/kien-nghi/danh-sach/")
        page.click("text=Cử tri các xã Phổ An, Phổ Châu kiến nghị")
        assert not page.is_visible("text=Trần Thị Bí Mật")
        page.select_option("select[name=state]", PetitionState.ANSWERED)
        page.fill("textarea[name=text]", "UBND thị xã đã bố trí 2 tỷ đồng, chi trả xong trong tháng 8/2024.")
        page.click("text=Gửi trả lời")
        page.wait_for_selector("text=Đã gửi trả lời kiến nghị.")
        logout(page)
        page.wait_for_url(f"{base}/dang-nhap/")

        login(page, live_server, "office")
        page.goto(f"{base}/kien-nghi/dot/{town.round.pk}/")
        page.click("main button:has-text('Công khai')")
        page.wait_for_selector("text=Đã công khai đợt.")
        logout(page)
        page.wait_for_url(f"{base}/dang-nhap/")

        page.goto(f"{base}/kien-nghi/cong-khai/dot/{town.round.pk}/?q=boi+thuong+giai+phong")
        page.wait_for_selector("text=UBND thị xã đã bố trí 2 tỷ đồng")
        content = page.content()
        assert "Cử tri các xã Phổ An, Phổ Châu kiến nghị" in content
        assert "Trần Thị Bí Mật" not in content and "0905111222" not in content
        page.screenshot(path=str(ARTIFACTS / "petitions-public-answer.png"), full_page=True)
    finally:
        page.close()
    aggregate = Petition.objects.get(is_aggregate=True)
    assert aggregate.state == PetitionState.ANSWERED and aggregate.origins.count() == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_agency_answers_on_its_task_page_office_accepts_report_figure_changes(browser, live_server, town) -> None:
    """Issue 13: the agency's report on /theo-doi/ reaches the petition; the office accepts it there and
    the annual report's figure of accepted answers moves from 00 to 01."""
    from petitions.tests.conftest import make_petition
    from petitions.tests.test_answers_merge import forward

    petition = make_petition(town, "Đề nghị lắp đèn chiếu sáng tuyến đường thôn Trung An", body=town.world.agency)
    forward(town, body=town.world.agency)
    petition = Petition.objects.select_related("obligation").get(pk=petition.pk)
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    base = live_server.url
    figure = f"{base}/bao-cao/kiem-diem/2024/so-lieu/petitions_accepted/"
    try:
        login(page, live_server, "office")
        page.goto(figure)
        page.wait_for_selector("h1:text-matches('chấp nhận năm 2024: 0$')")  # zero is "0", never "00"
        logout(page)
        page.wait_for_url(f"{base}/dang-nhap/")

        login(page, live_server, "agency")
        page.goto(f"{base}/theo-doi/{petition.obligation_id}/")
        page.fill("#bao-cao textarea[name=text]", "Đã lắp 20 bộ đèn chiếu sáng, hoàn thành tháng 9/2024.")
        page.fill("#bao-cao input[name=reply_label]", "Công văn số 45/UBND-KT")
        page.set_input_files(
            "#bao-cao input[name=files]",
            files=[{"name": "cv-45.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 tra loi"}],
        )
        page.click("#bao-cao button[type=submit]")
        page.wait_for_selector("text=Đã gửi báo cáo.")
        logout(page)
        page.wait_for_url(f"{base}/dang-nhap/")

        login(page, live_server, "office")
        page.goto(f"{base}/kien-nghi/{petition.pk}/")
        page.wait_for_selector("dd:has-text('Đã trả lời')")
        assert page.is_visible("text=Đã lắp 20 bộ đèn chiếu sáng") and page.is_visible("text=cv-45.pdf")
        page.click("text=Chấp nhận kết quả trả lời")
        page.wait_for_selector("text=Đã chấp nhận kết quả trả lời.")
        assert page.is_visible("text=Văn phòng đã chấp nhận kết quả")
        page.screenshot(path=str(ARTIFACTS / "petitions-answer-from-task-page.png"), full_page=True)
        page.goto(figure)
        page.wait_for_selector("h1:text-matches('chấp nhận năm 2024: 1$')")  # a screen writes "1", never "01"
    finally:
        page.close()
