"""A ceased council keeps its registry readable as it was: no new delegate and no new body after its last
day (`registry.services.council_accepts`). The screens and the API refuse with a Vietnamese message and
nothing is saved; the list pages offer no button (hdnd/tests/test_ceased_lists.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd.testing import post_json
from registry import services
from registry.models import Body, Delegate, Person

D = datetime.date
pytestmark = pytest.mark.django_db


def test_ceased_council_seats_no_delegate_and_adds_no_body(world, as_user, cease) -> None:
    council = world.council
    refused = cease()
    office = as_user("office")
    counts = (Delegate.objects.count(), Person.objects.count(), Body.objects.filter(council=council).count())

    # The screens: refused with the message on the form.
    html = office.post(
        reverse("registry:delegate_create"),
        {"full_name": "Võ Văn G", "term": world.term.pk, "elected_on": "23/05/2021"},
    ).content.decode()
    assert refused in html and "kể cả ghi lùi" in html
    html = office.post(reverse("registry:body_create"), {"kind": "co_quan", "name": "Phòng Mới"}).content.decode()
    assert refused in html

    # The API: 400 with the message.
    base = f"/api/v1/councils/{council.pk}"
    for url, data in (
        (f"{base}/delegates", {"full_name": "Võ Văn G", "term_id": world.term.pk, "elected_on": "2021-05-23"}),
        (f"{base}/bodies", {"kind": "co_quan", "name": "Phòng Mới"}),
    ):
        response = post_json(office, url, data)
        assert response.status_code == 400 and refused in str(response.json()), (url, response.content)
    assert (Delegate.objects.count(), Person.objects.count(), Body.objects.filter(council=council).count()) == counts

    # The services themselves.
    person = Person.objects.filter(council=council).first() or services.person_create(council=council, full_name="A")
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.delegate_create(term=world.term, person=person, elected_on=D(2021, 5, 23))
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.body_create(council=council, kind="co_quan", name="Phòng Mới")
