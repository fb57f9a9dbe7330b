"""A ceased council keeps its registry readable as it was: no new delegate and no new body after its last
day (`registry.services.council_accepts`). The screens and the API refuse with a Vietnamese message and
nothing is saved; the list pages offer no button (hdnd/tests/test_ceased_lists.py)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import CEASED_REFUSED as REFUSED
from hdnd.testing import post_json
from registry import services
from registry.models import Body, Council, Delegate, Person

D = datetime.date
pytestmark = pytest.mark.django_db


def test_ceased_council_seats_no_delegate_and_adds_no_body(world, as_user, cease) -> None:
    council = world.council
    person = services.person_create(council=council, full_name="Võ Văn A")  # recorded while the council acted
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
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.delegate_create(term=world.term, person=person, elected_on=D(2021, 5, 23))
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.body_create(council=council, kind="co_quan", name="Phòng Mới")


def test_ceased_council_changes_no_person_body_membership_or_setting(world, as_user) -> None:
    """What a tryout found still offered on the ceased town's registry: a body's "Thêm thành viên", its edit
    and deletion, a delegate's edit and status, a person, the settings and the calendar. None is offered; the
    form pages (GET and POST), the API and the services refuse with the message, nothing changes."""
    council = world.council
    person = services.person_create(council=council, full_name="Võ Văn B", position="Chuyên viên")
    delegate = services.delegate_create(term=world.term, person=person, elected_on=D(2021, 5, 23))
    membership = services.membership_create(person=person, body=world.agency, role="uy_vien", starts_on=D(2021, 6, 1))
    office = as_user("office")
    body_page = reverse("registry:body_detail", args=[world.agency.pk])
    html = office.get(body_page).content.decode()
    assert reverse("registry:membership_create", args=[world.agency.pk]) in html
    assert reverse("registry:membership_end", args=[membership.pk]) in html

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    world.agency.refresh_from_db()

    # No button, no form on the pages; one sentence says why.
    html = office.get(body_page).content.decode()
    for url in (
        reverse("registry:membership_create", args=[world.agency.pk]),
        reverse("registry:body_edit", args=[world.agency.pk]),
        reverse("registry:body_delete", args=[world.agency.pk]),
        reverse("registry:membership_end", args=[membership.pk]),
    ):
        assert url not in html, url
    assert "đã chấm dứt hoạt động từ ngày 01/07/2025: không tạo hồ sơ mới." in html
    delegate_page = reverse("registry:delegate_detail", args=[delegate.pk])
    html = office.get(delegate_page).content.decode()
    assert reverse("registry:delegate_edit", args=[delegate.pk]) not in html
    assert reverse("registry:delegate_status", args=[delegate.pk]) not in html
    chief = as_user("office_chief")  # the settings and the calendar are the office chief's
    html = chief.get(reverse("registry:settings")).content.decode()
    assert reverse("registry:calendar_day_add") not in html
    assert reverse("registry:setting_edit", args=["petition_answer_days"]) not in html

    # The form pages: GET and POST go back with the refusal.
    for url, back, data in (
        (reverse("registry:membership_create", args=[world.agency.pk]), body_page, {"person": person.pk}),
        (reverse("registry:body_edit", args=[world.agency.pk]), body_page, {"kind": "co_quan", "name": "Phòng Mới"}),
        (reverse("registry:membership_end", args=[membership.pk]), body_page, {"ends_on": "30/06/2025"}),
        (reverse("registry:delegate_edit", args=[delegate.pk]), delegate_page, {"full_name": "Võ Văn C"}),
        (reverse("registry:delegate_status", args=[delegate.pk]), delegate_page, {"happened_on": "01/06/2025"}),
    ):
        for response in (office.get(url), office.post(url, data)):
            assert response.status_code == 302 and response.url == back, (url, response)
        assert REFUSED in office.get(url, follow=True).content.decode(), url
    for url, data in (
        (reverse("registry:calendar_day_add"), {"day": "02/09/2025"}),
        (reverse("registry:setting_edit", args=["petition_answer_days"]), {"value": "30"}),
        (reverse("registry:term_create"), {"name": "2026-2031"}),
    ):
        for response in (chief.get(url), chief.post(url, data)):
            assert response.status_code == 302, (url, response)
        assert REFUSED in chief.get(url, follow=True).content.decode(), url
    response = office.post(reverse("registry:body_delete", args=[world.agency.pk]), follow=True)
    assert REFUSED in response.content.decode()

    # The API.
    base = f"/api/v1/councils/{council.pk}"
    for method, url, data in (
        ("post", f"{base}/people", {"full_name": "Võ Văn D"}),
        ("patch", f"{base}/people/{person.pk}", {"position": "Trưởng phòng"}),
        ("patch", f"{base}/bodies/{world.agency.pk}", {"name": "Phòng Mới"}),
        ("post", f"{base}/memberships/{membership.pk}/end", {"ends_on": "2025-06-30"}),
    ):
        response = getattr(office, method)(url, json.dumps(data), content_type="application/json")
        assert response.status_code == 400 and REFUSED in str(response.json()), (url, response.content)

    # The services themselves.
    for call in (
        lambda: services.person_create(council=council, full_name="Võ Văn D"),
        lambda: services.person_update(person=person, position="Trưởng phòng"),
        lambda: services.body_update(body=world.agency, name="Phòng Mới"),
        lambda: services.membership_end(membership=membership, ends_on=D(2025, 6, 30)),
        lambda: services.delegate_update(delegate=delegate, group=None, constituency="Phổ An"),
        lambda: services.delegate_change_status(
            delegate=delegate, status="thoi_lam_nhiem_vu", happened_on=D(2025, 6, 1)
        ),
        lambda: services.calendar_day_add(council=council, day=D(2025, 9, 2), kind="nghi"),
    ):
        with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
            call()
    person.refresh_from_db()
    world.agency.refresh_from_db()
    membership.refresh_from_db()
    delegate.refresh_from_db()
    assert (person.position, world.agency.name, membership.ends_on, delegate.left_on) == (
        "Chuyên viên",
        "Phòng Tài chính - Kế hoạch",
        None,
        None,
    )
    assert Person.objects.filter(council=council).count() == 1
