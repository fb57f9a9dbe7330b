"""Statistics of a period read progress as it stood at the period's end, from the obligations' dates: a
content answered in February is not answered in a January-only period, one forwarded after the end is not
forwarded for it, one cancelled after the end was still waiting then. Each figure of the screen opens a
list that shows exactly the contents (or letters) it counts; the API and the report's section I.3 agree."""

import datetime
import html
import re

from followup.services import obligation_cancel, obligation_report
from reception import selectors, services
from reception.models import Category, Field
from reception.services import CaseIn, SenderIn
from reports import figures as figures_mod

D = datetime.date
JANUARY = {"date_from": "2026-01-01", "date_to": "2026-01-31"}


def _letter(world, *, name, received, forwarded=None, reported=None):
    """A complaint received, found eligible, forwarded and reported on the days given (None: not done)."""
    letter = services.letter_receive(
        council=world.council,
        received_on=received,
        cases=[CaseIn(Category.COMPLAINT, f"Khiếu nại của {name} về bồi thường đất", Field.LAND)],
        senders=[SenderIn(name)],
        user=world.users["office"],
    )
    case = letter.cases.get()
    services.case_classify(case=case, user=world.users["office"], eligible=True)
    if forwarded is not None:
        services.case_forward(
            case=case,
            body=world.agency,
            user=world.users["office"],
            signer_title="P",
            signer_name="T",
            issued_on=forwarded,
        )
        case.refresh_from_db()
    if reported is not None:
        obligation_report(
            obligation=case.obligation, user=world.users["agency"], text="Đã giải quyết.", done=True, on=reported
        )
    return case


def _world(world) -> dict:
    """Letters on both sides of 31/01/2026 (a complaint forwarded on 08/01 is due on 22/01)."""
    cases = {
        "on_time_jan": _letter(
            world, name="Ân", received=D(2026, 1, 5), forwarded=D(2026, 1, 8), reported=D(2026, 1, 20)
        ),
        "late_jan": _letter(
            world, name="Bình", received=D(2026, 1, 6), forwarded=D(2026, 1, 8), reported=D(2026, 1, 27)
        ),
        "answered_feb": _letter(
            world, name="Cường", received=D(2026, 1, 7), forwarded=D(2026, 1, 8), reported=D(2026, 2, 10)
        ),
        "cancelled_later": _letter(world, name="Đào", received=D(2026, 1, 9), forwarded=D(2026, 1, 12)),
    }
    # A letter of two contents, one forwarded: a figure's list shows that content, not its letter's other one.
    two = services.letter_receive(
        council=world.council,
        received_on=D(2026, 1, 14),
        cases=[
            CaseIn(Category.COMPLAINT, "Khiếu nại của Khánh về cấp giấy chứng nhận", Field.LAND),
            CaseIn(Category.REFLECTION, "Phản ánh của Khánh về đèn đường", Field.ADMIN_OTHER),
        ],
        senders=[SenderIn("Khánh")],
        user=world.users["office"],
    )
    forwarded, filed = two.cases.order_by("position")
    services.case_classify(case=forwarded, user=world.users["office"], eligible=True)
    services.case_classify(case=filed, user=world.users["office"], eligible=True, handling="luu_theo_doi")
    services.case_forward(
        case=forwarded,
        body=world.agency,
        user=world.users["office"],
        signer_title="P",
        signer_name="T",
        issued_on=D(2026, 1, 15),
    )
    cases["two_contents"] = forwarded
    # Forwarded in February (the register numbers its forwarding letters in order of their days).
    cases["forwarded_feb"] = _letter(world, name="Giang", received=D(2026, 1, 26), forwarded=D(2026, 2, 3))
    cases["received_feb"] = _letter(
        world, name="Hà", received=D(2026, 2, 2), forwarded=D(2026, 2, 3), reported=D(2026, 2, 5)
    )
    cases["cancelled_later"].refresh_from_db()
    # Cancelled today (after January): in January it was still owed, and overdue.
    obligation_cancel(obligation=cases["cancelled_later"].obligation, user=world.users["office"], reason="Rút đơn")
    assert cases["answered_feb"].obligation.due_on == D(2026, 1, 22)
    return cases


def _figures(stats) -> tuple:
    return (
        stats.letters,
        stats.forwarded,
        stats.answered,
        stats.answered_on_time,
        stats.answered_late,
        stats.waiting,
        stats.overdue,
    )


def test_a_period_counts_progress_as_it_stood_at_its_end(world):
    _world(world)
    january = selectors.statistics(council=world.council, year=2026, date_from=D(2026, 1, 1), date_to=D(2026, 1, 31))
    assert january.as_of == D(2026, 1, 31)
    # 6 letters of January; 5 contents forwarded by 31/01 (not the one forwarded on 03/02); answered by then:
    # the one reported on 20/01 (on time) and on 27/01 (late, due 22/01); waiting: the one answered in
    # February, the one cancelled later and the one of the letter of two contents, all past their deadline.
    assert _figures(january) == (6, 5, 2, 1, 1, 3, 3)
    two_months = selectors.statistics(council=world.council, year=2026, date_from=D(2026, 1, 1), date_to=D(2026, 2, 28))
    # February's answers now count (the one of 10/02 is late); the cancelled one was cancelled after 28/02.
    assert two_months.letters == 7 and two_months.forwarded == 7
    assert (two_months.answered, two_months.answered_late, two_months.waiting) == (4, 2, 3)
    year = selectors.statistics(council=world.council, year=2026)
    assert year.as_of == selectors.progress_day(D(2026, 12, 31))
    # Today: the cancelled one is neither answered nor waiting.
    assert (year.forwarded, year.answered, year.answered_late, year.waiting) == (7, 4, 2, 2)
    by_body = {b["competent_body_id"]: (b["n"], b["done"], b["late"]) for b in january.by_body}
    assert by_body == {world.agency.pk: (5, 2, 3)}


def _shown(client, url: str, letters: bool) -> int:
    page = client.get(url)
    assert page.status_code == 200, url
    rows = list(page.context["page"].object_list)
    return len(rows) if letters else sum(len(letter.shown_cases) for letter in rows)


def test_each_figure_of_the_period_opens_the_contents_it_counts(world, as_user):
    _world(world)
    client = as_user("office")
    page = client.get("/don-thu/thong-ke/?year=2026&date_from=01/01/2026&date_to=31/01/2026")
    assert page.status_code == 200
    text = page.content.decode()
    assert "tính đến hết ngày 31/01/2026" in text
    links = re.findall(r'<a href="(/don-thu/\?[^"]+)">(\d+)( đơn)?', text)
    assert len(links) >= 20  # every figure of the page, the categories, fields, handlings and bodies
    seen = {}
    for url, value, whole_letters in links:
        url = html.unescape(url)
        assert "as_of=2026-01-31" in url and "date_to=2026-01-31" in url
        assert _shown(client, url, letters=bool(whole_letters)) == int(value), url
        seen[url.split("&duplicates")[0].rsplit("&", 1)[-1]] = int(value)
    assert seen["answered=da"] == 2 and seen["answered=chua"] == 3 and seen["forwarded=1"] == 5
    forwarded = client.get("/don-thu/", {"forwarded": "1", "duplicates": "0", "as_of": "2026-01-31", "year": "2026"})
    shown = forwarded.content.decode()
    assert "Khiếu nại của Khánh" in shown and "Phản ánh của Khánh" not in shown  # the content, not its letter
    # The API gives the same figures, and the filter of the list behind each.
    api = client.get(f"/api/v1/councils/{world.council.pk}/letter-statistics", JANUARY).json()
    assert (api["forwarded"], api["answered"], api["waiting"], api["overdue"]) == (5, 2, 3, 3)
    assert api["period"]["as_of"] == "2026-01-31"
    listed = client.get(
        f"/api/v1/councils/{world.council.pk}/letters", {**api["period"], "answered": "chua", "duplicates": "0"}
    ).json()
    assert listed["count"] == 3 and sum(len(x["cases"]) for x in listed["items"]) == api["waiting"]


def test_a_period_outside_its_year_is_refused_in_vietnamese(world, as_user):
    client = as_user("office")
    page = client.get("/don-thu/thong-ke/?year=2026&date_from=01/12/2025")
    assert page.status_code == 400 and "Từ ngày phải thuộc năm 2026." in page.content.decode()
    page = client.get("/don-thu/thong-ke/?year=2026&date_from=01/03/2026&date_to=01/02/2026")
    assert page.status_code == 400 and "Đến ngày không thể trước từ ngày." in page.content.decode()
    api = client.get(f"/api/v1/councils/{world.council.pk}/letter-statistics?year=2026&date_to=2027-01-05")
    assert api.status_code == 400
    assert api.json()["errors"] == [{"field": "date_to", "message": "Đến ngày phải thuộc năm 2026."}]


def test_the_report_of_part_of_the_year_counts_answers_by_its_end(world, as_user):
    """Section I.3 of a report ending on 31/01 (as `until` cuts it): the answers of February are not there,
    and each day's record opens the contents it counts."""
    _world(world)
    end = D(2026, 1, 31)
    january = figures_mod.until(figures_mod.compute(council=world.council, year=2026, on=end), end)
    values = {k: january[k].value for k in ("letters", "letters_forwarded", "letters_answered", "letters_waiting")}
    assert values == {"letters": 6, "letters_forwarded": 5, "letters_answered": 2, "letters_waiting": 3}
    assert january["letters_answered_late"].value == 1
    year = figures_mod.compute(council=world.council, year=2026)
    assert (year["letters_answered"].value, year["letters_waiting"].value) == (4, 2)
    client = as_user("office")
    for key in ("letters_forwarded", "letters_answered", "letters_answered_late", "letters_waiting"):
        for figures in (january, year):
            records = figures[key].records
            assert sum(_shown(client, r.url, letters=False) for r in records) == figures[key].value, key


def test_a_chosen_period_titles_the_statistics(world, as_user):
    """The page names the period chosen (from–to), and the year when none is."""
    client = as_user("office")
    text = client.get("/don-thu/thong-ke/?year=2026&date_from=15/11/2026&date_to=30/11/2026").content.decode()
    assert "<h1>Thống kê tiếp công dân, đơn thư từ 15/11/2026 đến 30/11/2026</h1>" in text
    assert "<title>Thống kê tiếp công dân, đơn thư từ 15/11/2026 đến 30/11/2026" in text
    assert "đơn thư năm 2026" not in text
    text = client.get("/don-thu/thong-ke/?year=2026&date_from=15/11/2026").content.decode()
    assert "<h1>Thống kê tiếp công dân, đơn thư từ 15/11/2026 đến 31/12/2026</h1>" in text
    text = client.get("/don-thu/thong-ke/?year=2026").content.decode()
    assert "<h1>Thống kê tiếp công dân, đơn thư năm 2026</h1>" in text
