"""A ceased council keeps its registry readable as it was: no new delegate and no new body after its last
day (`registry.services.council_accepts`). The screens and the API refuse with a Vietnamese message and
nothing is saved; the list pages offer no button (hdnd/tests/test_ceased_lists.py)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry import services
from registry.models import Body, Council, Delegate, Person

D = datetime.date
REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"
pytestmark = pytest.mark.django_db


def _post(client: object, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_ceased_council_seats_no_delegate_and_adds_no_body(world, as_user) -> None:
    council = world.council
    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    world.term.refresh_from_db()
    office = as_user("office")
    counts = (Delegate.objects.count(), Person.objects.count(), Body.objects.filter(council=council).count())

    # The screens: refused with the message on the form.
    html = office.post(
        reverse("registry:delegate_create"),
        {"full_name": "Võ Văn G", "term": world.term.pk, "elected_on": "23/05/2021"},
    ).content.decode()
    assert REFUSED in html and "kể cả ghi lùi" in html
    html = office.post(reverse("registry:body_create"), {"kind": "co_quan", "name": "Phòng Mới"}).content.decode()
    assert REFUSED in html

    # The API: 400 with the message.
    base = f"/api/v1/councils/{council.pk}"
    for url, data in (
        (f"{base}/delegates", {"full_name": "Võ Văn G", "term_id": world.term.pk, "elected_on": "2021-05-23"}),
        (f"{base}/bodies", {"kind": "co_quan", "name": "Phòng Mới"}),
    ):
        response = _post(office, url, data)
        assert response.status_code == 400 and REFUSED in str(response.json()), (url, response.content)
    assert (Delegate.objects.count(), Person.objects.count(), Body.objects.filter(council=council).count()) == counts

    # The services themselves.
    person = Person.objects.filter(council=council).first() or services.person_create(council=council, full_name="A")
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.delegate_create(term=world.term, person=person, elected_on=D(2021, 5, 23))
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.body_create(council=council, kind="co_quan", name="Phòng Mới")
