"""The annual report (section I.3) and the dashboard take their reception figures from reception's records."""

import datetime

from reception import services
from reception.models import Category, SessionKind
from reception.selectors import progress_day
from reception.services import CaseIn, SenderIn
from reports import figures as figures_mod
from reports import services as report_services
from reports import texts

DAY = datetime.date(2026, 7, 6)


def test_section_i3_figures_and_prose_come_from_the_records(world, as_user):
    council, office = world.council, world.users["office"]
    services.session_create(
        council=council,
        held_on=DAY,
        kind=SessionKind.PERIODIC,
        content="Công dân trình bày",
        citizens=7,
        group=True,
        user=office,
    )
    first = services.letter_receive(
        council=council,
        received_on=DAY,
        cases=[CaseIn(Category.COMPLAINT, "Khiếu nại bồi thường"), CaseIn(Category.REFLECTION, "Phản ánh đường")],
        senders=[SenderIn("Trần Văn Gửi")],
        user=office,
    )
    services.letter_receive(  # the same sender and content again: counted once
        council=council,
        received_on=DAY,
        cases=[CaseIn(Category.COMPLAINT, "Khiếu nại bồi thường")],
        senders=[SenderIn("Trần Văn Gửi")],
        user=office,
    )
    case = first.cases.get(position=1)
    services.case_classify(case=case, user=office, eligible=True)
    services.case_forward(case=case, body=world.agency, user=office, signer_title="P", signer_name="T", issued_on=DAY)
    figures = figures_mod.compute(council=council, year=2026)
    values = {k: figures[k].value for k in ("receptions", "citizens_received", "letters", "letters_duplicates")}
    assert values == {"receptions": 1, "citizens_received": 7, "letters": 1, "letters_duplicates": 1}
    assert (figures["letters_eligible"].value, figures["letters_forwarded"].value) == (1, 1)
    assert (figures["letters_answered"].value, figures["letters_waiting"].value) == (0, 1)
    assert figures["letters_forwarded"].records[0].url.startswith("/don-thu/?")
    text = texts.render(texts.DEFAULTS["I.3"], figures, []).text
    assert "đã tổ chức 01 buổi tiếp công dân (07 lượt công dân); tiếp nhận 01 đơn thư" in text
    assert "01 nội dung đã chuyển cơ quan có thẩm quyền giải quyết và chưa có nội dung nào có kết quả" in text
    dashboard = as_user("office").get("/bao-cao/?nam=2026").content.decode()
    assert "Buổi tiếp công dân" in dashboard and "Nội dung đơn chuyển cơ quan có thẩm quyền" in dashboard
    detail = as_user("office").get("/bao-cao/kiem-diem/2026/so-lieu/letters_forwarded/").content.decode()
    as_of = progress_day(datetime.date(2026, 12, 31)).isoformat()  # the year's end, or today while it runs
    day = f"date_from=2026-07-06&amp;date_to=2026-07-06&amp;as_of={as_of}"
    assert f"/don-thu/?year=2026&amp;{day}&amp;forwarded=1&amp;duplicates=0" in detail  # opens its letters
    api = as_user("office").get(f"/api/v1/councils/{council.pk}/dashboard/2026").json()
    assert {f["key"]: f["value"] for f in api["figures"]}["letters"] == 1


def test_a_year_without_letters_is_worded_not_zero_padded(world):
    figures = figures_mod.compute(council=world.council, year=2026)
    text = texts.render(texts.DEFAULTS["I.3"], figures, []).text
    assert "{{" not in text and " 00 " not in text and " 0 " not in text
    assert "chưa tổ chức buổi tiếp công dân nào (chưa có lượt công dân nào); chưa tiếp nhận đơn thư nào" in text


def test_a_report_of_part_of_the_year_counts_only_the_letters_of_its_period(world, as_user):
    """Letters and receptions on both sides of 30/06: the six-month report counts the first half only, the
    year's report both, and each day's record opens that day's letters."""
    council, office = world.council, world.users["office"]
    june, july = datetime.date(2026, 6, 15), datetime.date(2026, 7, 10)
    for day, citizens in ((june, 2), (july, 5)):
        services.session_create(
            council=council, held_on=day, content="Công dân trình bày", citizens=citizens, user=office
        )
    early = services.letter_receive(
        council=council,
        received_on=june,
        cases=[CaseIn(Category.COMPLAINT, "Khiếu nại thu hồi đất tháng sáu")],
        senders=[SenderIn("Lê Văn Sáu")],
        user=office,
    )
    late = services.letter_receive(
        council=council,
        received_on=july,
        cases=[CaseIn(Category.RECOMMENDATION, "Kiến nghị sửa đường tháng bảy")],
        senders=[SenderIn("Phạm Thị Bảy")],
        user=office,
    )
    services.case_classify(case=late.cases.get(), user=office, eligible=True)
    year = figures_mod.compute(council=council, year=2026, on=datetime.date(2026, 12, 31))
    half = figures_mod.until(
        figures_mod.compute(council=council, year=2026, on=datetime.date(2026, 6, 30)), datetime.date(2026, 6, 30)
    )
    keys = ("receptions", "citizens_received", "letters", "letters_eligible")
    assert [year[k].value for k in keys] == [2, 7, 2, 1]
    assert [half[k].value for k in keys] == [1, 2, 1, 0]
    assert half["letters"].records[0].day == june
    text = texts.render(texts.DEFAULTS["I.3"], half, []).text
    assert "đã tổ chức 01 buổi tiếp công dân (02 lượt công dân); tiếp nhận 01 đơn thư" in text
    client = as_user("office")
    for period, expected in (("6-thang", [1, 2, 1, 0]), ("nam", [2, 7, 2, 1])):
        page = client.get(f"/bao-cao/hoat-dong/?nam=2026&ky={period}")
        assert page.status_code == 200 and [page.context["figures"][k].value for k in keys] == expected
    register = client.get(half["letters"].records[0].url).content.decode()
    assert early.code in register and late.code not in register
    api = client.get(f"/api/v1/councils/{council.pk}/letters?date_from=2026-06-01&date_to=2026-06-30").json()
    assert [x["code"] for x in api["items"]] == [early.code]
    # The six-month activity report's text (not only its figures page) tells the period's reception work.
    body = report_services.activity_body(half, "6 tháng đầu năm 2026", "6 tháng cuối năm 2026")
    assert "## 5. Tiếp công dân, tiếp nhận và xử lý đơn thư" in body
    assert "đã tổ chức 01 buổi tiếp công dân với 02 lượt công dân; tiếp nhận 01 đơn thư" in body
    assert "{{" not in body
