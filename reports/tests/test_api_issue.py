"""Issue 14 item 5: the annual report's issue route takes the issue date, and numbers in that date's year."""

import datetime

import pytest

from documents.models import Document
from hdnd import dates
from reports import services
from reports.tests.test_report import year  # noqa: F401  (the 2024 records fixture)


@pytest.mark.django_db
def test_the_issue_date_sent_dates_and_numbers_the_report(year, as_user) -> None:  # noqa: F811
    report = services.report_get_or_create(council=year.council, year=2024)
    services.report_rate(
        report=report, ratings={k: "tot" for k in ("I.1", "I.2", "I.3", "I.4")}, score_general=27, score_results=62
    )
    url = f"/api/v1/councils/{year.council.pk}/annual-reports/2024/issue"
    office = as_user("office")
    bad = office.post(url, {"issued_on": "10/01/2025"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "issued_on"
    response = office.post(url, {"issued_on": "2025-01-10"}, content_type="application/json")
    assert response.status_code == 200, response.content
    document = Document.objects.get(pk=response.json()["document_id"])
    assert document.issued_on == datetime.date(2025, 1, 10)
    assert document.year == 2025 != dates.today().year
    assert response.json()["number_symbol"] == document.number_symbol == "01/BC-HĐND"


@pytest.mark.django_db
def test_a_form_body_where_json_is_read_is_a_400(world, as_user) -> None:
    response = as_user("office").post(f"/api/v1/councils/{world.council.pk}/annual-reports/2024/issue")
    assert response.status_code == 400 and "JSON" in response.json()["detail"]
