"""The issue's flow in a real browser: a letter received at a reception, classified, forwarded, answered by
the agency, the citizen told, and the figure in the statistics opening that letter."""

import pytest
from django.utils import timezone

from conftest import ARTIFACTS, login, logout
from reception.models import Case, Letter, ReceptionSession

SHOTS = ARTIFACTS / "reception"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reception_letter_to_the_figure_in_the_statistics(browser, live_server, world) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    today = f"{timezone.localdate():%d/%m/%Y}"
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        login(page, live_server, "office")
        page.goto(f"{live_server.url}/don-thu/tiep-cong-dan/moi/")
        page.fill("input[name=held_on]", today)
        page.fill("textarea[name=content]", "Công dân trình bày việc bồi thường khi thu hồi đất làm đường.")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã ghi sổ buổi tiếp công dân.")
        session = ReceptionSession.objects.get()

        page.goto(f"{live_server.url}/don-thu/moi/")
        page.fill("input[name=received_on]", today)
        page.select_option("select[name=reception]", str(session.pk))
        page.fill("input[name=sender_name]", "Đặng Văn Dân")
        page.fill("input[name=sender_address]", "Thôn 2, xã Phổ An")
        page.select_option("select[name=category_1]", "khieu_nai")
        page.select_option("select[name=field_1]", "hc_dat_dai")
        page.fill("textarea[name=summary_1]", "Khiếu nại mức bồi thường khi thu hồi đất làm đường ven biển.")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã vào sổ đơn thư.")
        letter = Letter.objects.get()
        case = Case.objects.get(letter=letter)
        assert letter.reception_id == session.pk

        page.click("text=Phân loại, xác định điều kiện xử lý")
        classify = f"form[action$='/noi-dung/{case.pk}/phan-loai/']"
        page.select_option(f"{classify} select[name=eligible]", "1")
        page.select_option(f"{classify} select[name=competent_body]", str(world.agency.pk))
        page.click(f"{classify} button[type=submit]")
        page.wait_for_selector("text=Đã phân loại.")

        page.click("text=Chuyển đơn đến cơ quan có thẩm quyền")
        forward = f"form[action$='/noi-dung/{case.pk}/chuyen/']"
        page.select_option(f"{forward} select[name=body]", str(world.agency.pk))
        page.fill(f"{forward} input[name=issued_on]", today)
        page.fill(f"{forward} input[name=signer_title]", "Phó Chủ tịch")
        page.fill(f"{forward} input[name=signer_name]", "Trần Văn B")
        page.click(f"{forward} button[type=submit]")
        page.wait_for_selector("text=Đã ban hành phiếu chuyển đơn và giao theo dõi kết quả.")
        case.refresh_from_db()
        assert case.obligation is not None and case.forward_document.number_symbol
        logout(page)

        login(page, live_server, "agency")
        page.goto(f"{live_server.url}/theo-doi/{case.obligation_id}/")
        page.fill(
            "#bao-cao textarea[name=text]", "Đã giải quyết: điều chỉnh mức bồi thường theo Quyết định 12/QĐ-UBND."
        )
        page.click("#bao-cao button[type=submit]")
        page.wait_for_selector("text=Đã gửi báo cáo")
        logout(page)

        login(page, live_server, "office")
        page.goto(f"{live_server.url}/don-thu/{letter.pk}/")
        assert page.is_visible("text=điều chỉnh mức bồi thường theo Quyết định 12/QĐ-UBND")
        told = f"form[action$='/noi-dung/{case.pk}/thong-bao/']"
        page.fill(f"{told} input[name=on]", today)
        page.click(f"{told} button[type=submit]")
        page.wait_for_selector("text=Đã thông báo cho công dân")
        page.screenshot(path=str(SHOTS / "letter-answered.png"), full_page=True)

        page.goto(f"{live_server.url}/don-thu/thong-ke/")
        page.click("text=1 báo cáo đúng hạn")
        page.wait_for_url("**answered=dung_han**")
        assert page.is_visible(f"a:text-is('{letter.code}')")
        page.screenshot(path=str(SHOTS / "statistics-drill-down.png"), full_page=True)
        page.goto(f"{live_server.url}/don-thu/thong-ke/")
        page.screenshot(path=str(SHOTS / "statistics.png"), full_page=True)
        page.goto(f"{live_server.url}/don-thu/")  # the filters in a grid at a desk's width, as other lists
        assert page.locator("form.filters .grid").count() == 2
        page.screenshot(path=str(SHOTS / "letter-list-desk.png"), full_page=True)
    finally:
        page.close()
    case.refresh_from_db()
    assert case.citizen_told_on == timezone.localdate() and case.obligation.reported_on is not None
