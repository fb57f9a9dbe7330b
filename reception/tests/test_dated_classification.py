"""A content's classification (category, field, eligibility with its reason, handling) is dated: a change
holds from the day it takes effect, and the statistics of a period (the reception statistics, the report's
section I.3, the dashboard, the public page, the API) count each content as it was classified on the
period's last day. The letter's page and the API tell that history in words, and never a protected
denouncer's identity."""

import datetime
import json

from hdnd import dates
from hdnd.testing import assert_constant_queries
from reception import selectors, services
from reception.models import Case, Category, Classification, Field, Handling, Ineligible
from reception.services import CaseIn, SenderIn
from reports import figures as figures_mod

D = datetime.date
SECRET, ADDRESS, PHONE = "Trần Thị Mật", "Thôn Mỹ Á", "0987000111"


def _complaint(world, *, received: datetime.date, name: str = "Nguyễn Văn Khiếu") -> Case:
    return services.letter_receive(
        council=world.council,
        received_on=received,
        cases=[CaseIn(Category.COMPLAINT, f"Khiếu nại của {name} về bồi thường đất", Field.LAND)],
        senders=[SenderIn(name)],
        user=world.users["office"],
    ).cases.get()


def _figures(stats: selectors.Statistics) -> tuple:
    def nonzero(figures: list) -> dict:
        return {next(iter(f.params.values())): f.value for f in figures if f.value}

    return (
        stats.cases,
        stats.eligible,
        stats.ineligible,
        nonzero(stats.by_category),
        nonzero(stats.by_field),
        nonzero(stats.by_handling),
    )


def _reclassify_in_2026(world, case: Case) -> None:
    services.case_classify(
        case=case,
        user=world.users["office_chief"],
        category=Category.RECOMMENDATION,
        field=Field.POLICY,
        eligible=False,
        ineligible_reason=Ineligible.NO_NEW_FACTS,
        handling=Handling.GUIDED,
        effective_on=D(2026, 2, 1),
    )


def test_a_2025_statistic_is_unchanged_after_a_2026_reclassification(world, as_user):
    office = world.users["office"]
    case = _complaint(world, received=D(2025, 3, 3))
    services.case_classify(case=case, user=office, eligible=True, handling=Handling.FILED, effective_on=D(2025, 3, 10))
    _complaint(world, received=D(2025, 11, 20), name="Lê Văn Hai")  # never studied
    before = selectors.statistics(council=world.council, year=2025)
    expected = (2, 1, 0, {"khieu_nai": 2}, {"hc_dat_dai": 2}, {"luu_theo_doi": 1})
    assert _figures(before) == expected
    report_keys = ("letters", "letters_eligible", "letters_ineligible")
    report_before = figures_mod.compute(council=world.council, year=2025)
    assert [report_before[k].value for k in report_keys] == [2, 1, 0]

    _reclassify_in_2026(world, case)
    case.refresh_from_db()  # the screens show the classification of today
    assert (case.category, case.eligible, case.handling) == (Category.RECOMMENDATION, False, Handling.GUIDED)

    after = selectors.statistics(council=world.council, year=2025)
    assert _figures(after) == expected
    assert [r.value for r in (figures_mod.compute(council=world.council, year=2025)[k] for k in report_keys)] == [
        2,
        1,
        0,
    ]
    by_day = selectors.statistics_by_day(council=world.council, year=2025)
    assert by_day["eligible"] == [(D(2025, 3, 3), 1)] and by_day["ineligible"] == []
    # A period that ended before the study counts the content as undecided then.
    march = selectors.statistics(council=world.council, year=2025, date_from=D(2025, 1, 1), date_to=D(2025, 3, 9))
    assert _figures(march) == (1, 0, 0, {"khieu_nai": 1}, {"hc_dat_dai": 1}, {})

    client = as_user("office")
    api = client.get(f"/api/v1/councils/{world.council.pk}/letter-statistics", {"year": 2025}).json()
    assert (api["cases"], api["eligible"], api["ineligible"]) == (2, 1, 0)
    assert {f["params"]["handling"]: f["value"] for f in api["by_handling"]}["luu_theo_doi"] == 1
    # Each figure's list shows the contents it counts, as classified on the period's last day...
    page = client.get("/don-thu/", {**after.period, "eligible": "1", "duplicates": "0"})
    assert [x.pk for x in page.context["page"].object_list] == [case.letter_id]
    listed = client.get(
        f"/api/v1/councils/{world.council.pk}/letters", {**after.period, "category": "khieu_nai", "duplicates": "0"}
    ).json()
    assert listed["count"] == 2
    # ...while the register of today shows today's classification.
    assert list(client.get("/don-thu/", {"year": "2025", "eligible": "1"}).context["page"].object_list) == []
    screen = client.get("/don-thu/thong-ke/", {"year": "2025"})
    assert _figures(screen.context["stats"]) == expected
    public = as_user(None).get(f"/don-thu/cong-khai/{world.council.pk}/").content.decode()
    assert "1 nội dung đủ điều kiện xử lý" in public
    # The statistics of 2026's period after the change do not hold a letter of 2025 at all.
    assert selectors.statistics(council=world.council, year=2026).cases == 0


def test_the_dashboard_of_2025_keeps_its_figures(world, as_user):
    office = world.users["office"]
    case = _complaint(world, received=D(2025, 5, 5))
    services.case_classify(case=case, user=office, eligible=True, effective_on=D(2025, 5, 6))
    client = as_user("office")
    before = client.get(f"/api/v1/councils/{world.council.pk}/dashboard/2025").json()
    _reclassify_in_2026(world, case)
    after = client.get(f"/api/v1/councils/{world.council.pk}/dashboard/2025").json()
    figures = {f["key"]: f["value"] for f in after["figures"]}
    assert figures == {f["key"]: f["value"] for f in before["figures"]}
    assert (figures["letters"], figures["letters_eligible"], figures["letters_ineligible"]) == (1, 1, 0)


def test_the_letter_page_and_the_api_tell_the_history_in_words_without_the_protected_identity(world, as_user):
    office = world.users["office"]
    letter = services.letter_receive(
        council=world.council,
        received_on=D(2025, 3, 3),
        cases=[CaseIn(Category.DENUNCIATION, "Tố cáo cán bộ địa chính nhận tiền", Field.CORRUPTION, protected=True)],
        senders=[SenderIn(SECRET, ADDRESS, PHONE)],
        user=office,
    )
    case = letter.cases.get()
    services.case_classify(
        case=case, user=office, eligible=True, competent_body=world.agency, effective_on=D(2025, 3, 5)
    )
    services.case_forward(
        case=case, body=world.agency, user=office, signer_title="P", signer_name="T", issued_on=D(2025, 3, 6)
    )
    rows = list(Classification.objects.filter(case=case).order_by("effective_on", "pk"))
    assert [(r.effective_on, r.eligible, r.handling) for r in rows] == [
        (D(2025, 3, 3), None, ""),
        (D(2025, 3, 5), True, ""),
        (D(2025, 3, 6), True, Handling.FORWARDED),
    ]
    for role in ("office", "delegate", "standing"):
        client = as_user(role)
        page = client.get(f"/don-thu/{letter.pk}/")
        assert page.status_code == 200, role
        text = page.content.decode()
        assert "Lịch sử phân loại (3 lần)" in text
        assert "Từ ngày 03/03/2025: Tố cáo (Tham nhũng); chưa xác định điều kiện xử lý; chưa xử lý" in text
        assert f"Từ ngày 05/03/2025: Tố cáo (Tham nhũng); đủ điều kiện xử lý; chưa xử lý — {world.agency.name}" in text
        assert (
            f"Từ ngày 06/03/2025: Tố cáo (Tham nhũng); đủ điều kiện xử lý; chuyển cơ quan có thẩm quyền — "
            f"{world.agency.name}" in text
        )
        assert all(secret not in text for secret in (SECRET, ADDRESS, PHONE)), role
        answer = client.get(f"/api/v1/councils/{world.council.pk}/letters/{letter.pk}")
        assert answer.status_code == 200
        body = json.dumps(answer.json(), ensure_ascii=False)
        assert all(secret not in body for secret in (SECRET, ADDRESS, PHONE)), role
        history = answer.json()["cases"][0]["classifications"]
        assert [(h["effective_on"], h["eligible"], h["handling"]) for h in history] == [
            ("2025-03-03", None, ""),
            ("2025-03-05", True, ""),
            ("2025-03-06", True, "chuyen_xu_ly"),
        ]
        assert history[2]["text"].startswith("Từ ngày 06/03/2025: Tố cáo")
        assert history[1]["competent_body_id"] == world.agency.pk


def test_a_change_dated_before_the_letter_the_last_study_or_after_today_is_refused(world, as_user):
    office = world.users["office"]
    case = _complaint(world, received=D(2025, 3, 3))
    services.case_classify(case=case, user=office, eligible=True, effective_on=D(2025, 6, 1))
    count = Classification.objects.count()
    client = as_user("office")
    url = f"/don-thu/noi-dung/{case.pk}/phan-loai/"
    data = {"category": Category.COMPLAINT, "field": Field.LAND, "eligible": "0", "ineligible_reason": "het_thoi_hieu"}
    tomorrow = dates.today() + datetime.timedelta(days=2)
    for day, message in (
        ("01/03/2025", "không thể trước ngày nhận đơn (03/03/2025)"),
        ("31/05/2025", "không thể trước lần phân loại gần nhất (01/06/2025)"),
        (tomorrow.strftime("%d/%m/%Y"), "không thể sau ngày hôm nay"),
    ):
        response = client.post(url, {**data, "effective_on": day})
        assert response.status_code == 400 and message in response.content.decode(), day
    api = client.post(
        f"/api/v1/councils/{world.council.pk}/letter-cases/{case.pk}/classify",
        {"eligible": False, "ineligible_reason": "het_thoi_hieu", "effective_on": "2025-03-01"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "không thể trước ngày nhận đơn" in json.dumps(api.json(), ensure_ascii=False)
    case.refresh_from_db()
    assert case.eligible is True and Classification.objects.count() == count
    # The same day as the latest study, or any later day, is a change.
    response = client.post(url, {**data, "effective_on": "01/06/2025"})
    assert response.status_code == 302
    assert Classification.objects.count() == count + 1


def test_a_forwarding_dated_before_a_study_recorded_later_holds_from_its_day(world):
    """The office records the study today and the forwarding as of an earlier day: the content was found
    eligible by the day it was forwarded, and counts as forwarded from then."""
    office = world.users["office"]
    case = _complaint(world, received=D(2026, 7, 1))
    services.case_classify(case=case, user=office, eligible=True)  # today
    services.case_forward(
        case=case, body=world.agency, user=office, signer_title="P", signer_name="T", issued_on=D(2026, 7, 6)
    )
    july = selectors.statistics(council=world.council, year=2026, date_from=D(2026, 7, 1), date_to=D(2026, 7, 31))
    assert (july.eligible, july.forwarded) == (1, 1)
    assert {f.params["handling"]: f.value for f in july.by_handling}[Handling.FORWARDED] == 1
    assert (july.by_body[0]["competent_body_id"], july.by_body[0]["n"]) == (world.agency.pk, 1)
    assert not Classification.objects.filter(case=case, effective_on__gt=D(2026, 7, 6)).exists()


def test_statistics_and_the_letter_page_run_fixed_queries_with_the_classifications(world, as_user):
    office = world.users["office"]
    first = _complaint(world, received=D(2025, 3, 3))
    seed = _complaint(world, received=D(2025, 3, 4), name="Công dân đầu")
    services.case_classify(case=seed, user=office, eligible=True, effective_on=D(2025, 3, 5))

    def grow() -> None:
        for i in range(27):
            case = _complaint(world, received=D(2025, 3, 4), name=f"Công dân {i:02d}")
            services.case_classify(case=case, user=office, eligible=True, effective_on=D(2025, 3, 5))
            services.case_classify(
                case=case, user=office, eligible=False, ineligible_reason="het_thoi_hieu", effective_on=D(2025, 4, 5)
            )
        for day in (D(2025, 4, 1), D(2025, 4, 2), D(2025, 4, 3)):
            services.case_classify(case=first, user=office, eligible=day.day % 2 == 1 or None, effective_on=day)

    client = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}"
    client.get(f"/don-thu/{first.letter_id}/")  # the personal-data log's content type, cached once per process
    before, after = assert_constant_queries(
        lambda: (
            client.get("/don-thu/thong-ke/", {"year": "2025", "date_to": "31/03/2025"}),
            client.get(f"{base}/letter-statistics", {"year": 2025}),
            client.get(f"/don-thu/{first.letter_id}/"),
            client.get(f"{base}/letters", {"year": 2025, "eligible": "1", "as_of": "2025-03-31"}),
        ),
        grow,
    )
    assert before[0].context["stats"].eligible == 1 and after[0].context["stats"].eligible == 28
    assert after[1].json()["ineligible"] == 27
    assert "Lịch sử phân loại (1 lần)" in before[2].content.decode()
    assert "Lịch sử phân loại (4 lần)" in after[2].content.decode()
    assert (before[3].json()["count"], after[3].json()["count"]) == (1, 28)
