"""Issuing a document twice (double click, two tabs, API retry) keeps the first number."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents import services
from documents.models import Document, NumberCounter, State
from documents.tests.factories import draft
from hdnd.testing import at_once, postgres_only

D = datetime.date


@pytest.mark.django_db
def test_issuing_twice_keeps_the_first_number(world, as_user) -> None:
    document = draft(world.council)
    client = as_user("office")
    client.post(reverse("documents:document_issue", args=[document.pk]))
    document.refresh_from_db()
    response = client.post(reverse("documents:document_issue", args=[document.pk]), follow=True)
    assert f"Văn bản đã được ban hành với số {document.number_symbol}; không ban hành lại." in response.content.decode()
    api = client.post(
        f"/api/v1/councils/{world.council.pk}/documents/{document.pk}/issue", {}, content_type="application/json"
    )
    assert api.status_code == 400 and "không ban hành lại" in api.json()["detail"]
    assert Document.objects.get().number == document.number == 1


@pytest.mark.django_db(transaction=True)
def test_issuing_twice_at_once_takes_one_number(world) -> None:
    postgres_only()
    pk = draft(world.council).pk

    def issue() -> object:
        return services.document_issue(document=Document.objects.get(pk=pk), user=None, issued_on=D(2025, 6, 1))

    outcomes = at_once(issue, issue)
    assert sum(isinstance(o, Document) for o in outcomes) == 1, outcomes
    assert any(isinstance(o, ValidationError) and "không ban hành lại" in str(o) for o in outcomes), outcomes
    document = Document.objects.get(pk=pk)
    assert document.number == 1 and document.state == State.ISSUED
    assert NumberCounter.objects.get(council=world.council).last == 1
