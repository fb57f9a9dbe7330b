"""Issue dates never go backwards within a series (issuer, series, year): refused on screen and API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents import services
from documents.models import DocType, Document, State
from documents.tests.factories import draft, issued
from hdnd.testing import at_once, postgres_only

D = datetime.date
REFUSAL = "sớm hơn ngày của văn bản số"


@pytest.mark.django_db
def test_service_refuses_an_earlier_date_and_gives_the_number_back(world) -> None:
    first = issued(world.council, on=D(2025, 6, 10))
    late = draft(world.council)
    with pytest.raises(ValidationError) as exc:
        services.document_issue(document=late, user=None, issued_on=D(2025, 6, 9))
    assert REFUSAL in str(exc.value) and first.number_symbol in str(exc.value) and "10/06/2025" in str(exc.value)
    late.refresh_from_db()
    assert late.state == State.DRAFT and late.number is None
    same_day = services.document_issue(document=late, user=None, issued_on=D(2025, 6, 10))
    assert same_day.number == first.number + 1


@pytest.mark.django_db
def test_other_series_and_other_years_are_independent(world) -> None:
    issued(world.council, on=D(2025, 6, 10))
    letter = services.document_issue(
        document=draft(world.council, doc_type=DocType.CONG_VAN), user=None, issued_on=D(2025, 6, 1)
    )
    assert letter.number == 1
    next_year = issued(world.council, on=D(2026, 1, 2))
    assert next_year.number == 1


@pytest.mark.django_db
def test_screen_refuses_an_earlier_date(world, as_user) -> None:
    issued(world.council, on=D(2025, 6, 10))
    late = draft(world.council, issued_on=D(2025, 6, 1))
    response = as_user("office").post(reverse("documents:document_issue", args=[late.pk]), follow=True)
    assert REFUSAL in response.content.decode()
    late.refresh_from_db()
    assert late.state == State.DRAFT and late.number is None


@pytest.mark.django_db
def test_api_refuses_an_earlier_date(world, as_user) -> None:
    issued(world.council, on=D(2025, 6, 10))
    late = draft(world.council)
    response = as_user("office").post(
        f"/api/v1/councils/{world.council.pk}/documents/{late.pk}/issue",
        {"issued_on": "2025-06-09"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert REFUSAL in response.json()["detail"]
    late.refresh_from_db()
    assert late.state == State.DRAFT and late.number is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_keep_dates_in_order(world) -> None:
    """Two issues at once, the later one dated earlier: numbers still follow dates, whoever wins."""
    postgres_only()
    first, second = (draft(world.council).pk for _ in range(2))

    def issue(pk: int, day: datetime.date) -> object:
        return services.document_issue(document=Document.objects.get(pk=pk), user=None, issued_on=day)

    outcomes = at_once(lambda: issue(first, D(2025, 6, 10)), lambda: issue(second, D(2025, 6, 9)))
    assert any(isinstance(o, Document) for o in outcomes), outcomes
    assert all(isinstance(o, Document | ValidationError) for o in outcomes), outcomes
    done = list(Document.objects.filter(state=State.ISSUED).order_by("number").values_list("issued_on", flat=True))
    assert done == sorted(done)
