"""A ceased council's records are read-only whatever the service checks (hdnd.closed.refusal_of, asked by
run_form and run_action before their action): a new user's tryout saved a ceased town's session edit
(/ky-hop/1/sua/ answered "Đã lưu kỳ họp."). Every screen's write is refused with the Vietnamese words of
council_accepts and changes nothing; what is not the council's record stays open."""

import pytest
from django.urls import reverse

from hdnd.closed import OPEN_STEP
from plenary.models import Session
from plenary.tests.factories import make_session

pytestmark = pytest.mark.django_db


def _session(world: object) -> Session:
    return make_session(world.council, world.term)  # recorded while the council acted


def test_a_ceased_councils_form_writes_nothing(world, as_user, cease) -> None:
    session = _session(world)
    refused = cease()
    office = as_user("office")
    place = session.place
    response = office.post(
        reverse("plenary:session_edit", args=[session.pk]),
        {"place": "Nơi khác", "opens_on": "05/12/2024", "closes_on": "06/12/2024", "state": session.state},
    )
    assert response.status_code == 200 and refused in response.content.decode()
    assert "Đã lưu kỳ họp." not in response.content.decode()
    session.refresh_from_db()
    assert session.place == place
    # What is not the council's record stays open: the user's own account.
    assert office.get(reverse("registry:account")).status_code == 200


def test_a_live_council_saves_the_same_form(world, as_user) -> None:
    session = _session(world)
    office = as_user("office")
    response = office.post(
        reverse("plenary:session_edit", args=[session.pk]),
        {"place": "Nơi khác", "opens_on": "05/12/2024", "closes_on": "06/12/2024", "state": session.state},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "Nơi khác"


def test_the_open_steps_are_the_councils_own_and_the_users() -> None:
    for name in ("account", "obligation_export_start", "council_edit", "notification_read", "case_grant"):
        assert OPEN_STEP.match(name), name
    for name in ("session_edit", "round_create", "body_create", "letter_create"):
        assert not OPEN_STEP.match(name), name
