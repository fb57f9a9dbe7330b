"""The main flow in a real browser: a committee's round from set-up to report, two recommendations, one
reported done by its addressee and accepted by the office."""

import pytest

from conftest import ARTIFACTS, login, logout
from followup import services as followup
from followup.models import State
from supervision.models import Recommendation, Round
from supervision.tests.factories import make_setup


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_committee_round_to_report_with_recommendations(browser, live_server, world) -> None:
    setup = make_setup(world.council, world.term)
    page = browser.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks before irreversible steps
    try:
        login(page, live_server, "committee")
        page.goto(f"{live_server.url}/giam-sat/dot/them/")
        page.select_option("select[name=kind]", "giam_sat")
        page.select_option("select[name=body]", str(setup.committee.pk))
        page.fill("input[name=subject]", "công tác quản lý trật tự đô thị")
        page.select_option("select[name=supervised]", [str(setup.quang.pk), str(setup.thanh.pk)])
        page.fill("input[name=supervised_label]", "UBND các phường Phổ Quang và Phổ Thạnh")
        page.fill("input[name=set_up_on]", "2024-05-06")
        page.fill("input[name=starts_on]", "2024-06-03")
        page.fill("input[name=ends_on]", "2024-06-07")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã ghi đợt giám sát.")
        round = Round.objects.get()
        assert page.is_visible("#moc-report >> text=17/06/2024")

        page.click("text=Thêm thành viên đoàn")
        page.select_option("select[name=delegate]", str(setup.delegates[0].pk))
        page.fill("input[name=role]", "Trưởng đoàn")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã thêm thành viên đoàn.")

        page.click("text=Báo cáo kết quả")
        page.fill("input[name=report_on]", "2024-06-14")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã ghi báo cáo kết quả giám sát.")
        assert page.is_visible("#moc-consider >> text=21/06/2024")

        for body, text in ((world.agency, "Hướng dẫn các phường xử lý vi phạm."), (setup.quang, "Xử lý lấn chiếm.")):
            page.click("text=Thêm kiến nghị")
            page.select_option("select[name=body]", str(body.pk))
            page.fill("textarea[name=text]", text)
            page.fill("input[name=due_on]", "2024-09-30")
            page.click("main button[type=submit]")
            page.wait_for_selector("text=Đã ghi kiến nghị")
        assert Recommendation.objects.filter(round=round).count() == 2

        done = Recommendation.objects.get(body=world.agency).obligation
        followup.obligation_report(
            obligation=done, user=world.users["agency"], text="Đã ban hành hướng dẫn.", done=True
        )
        logout(page)
        login(page, live_server, "office")
        page.goto(f"{live_server.url}/theo-doi/{done.pk}/")
        page.fill("#chap-nhan textarea[name=text]", "Đạt yêu cầu.")
        page.click("#chap-nhan button[type=submit]")
        page.wait_for_selector("text=Đã hoàn thành")
        page.goto(f"{live_server.url}/giam-sat/dot/{round.pk}/")
        assert page.is_visible("#kien-nghi >> text=Đã hoàn thành")
        assert page.is_visible("#kien-nghi >> text=Đã giao")
        page.screenshot(path=str(ARTIFACTS / "supervision-round.png"), full_page=True)
        page.goto(f"{live_server.url}/giam-sat/kien-nghi/?nam=2024")
        page.screenshot(path=str(ARTIFACTS / "supervision-recommendations.png"), full_page=True)
    finally:
        page.close()
    done.refresh_from_db()
    assert done.state == State.ACCEPTED
