"""The work-programme links are a registry each app fills from its AppConfig.ready()."""

import ast
import pathlib

import pytest
from django.core.exceptions import ValidationError

from plenary.models import Session
from standing import programme_links, selectors, services
from standing.models import Conference, Meeting, ProgrammeOwner
from standing.tests.conftest import make_meeting
from standing.tests.factories import make_town
from supervision.models import Round

STANDING = pathlib.Path(services.__file__).parent


def test_each_app_registers_its_own_models() -> None:
    links = programme_links.LINKS
    assert set(links) == {"standing.meeting", "standing.conference", "plenary.session", "supervision.round"}
    assert links["plenary.session"] == ("Kỳ họp", "opens_on", "plenary:session_detail")
    assert links["supervision.round"].date_field == "set_up_on"
    assert programme_links.link_models() == {
        "standing.meeting": Meeting,
        "standing.conference": Conference,
        "plenary.session": Session,
        "supervision.round": Round,
    }
    # services reads the same registry, not a copy made at import.
    assert services.LINK_KINDS is programme_links.LINKS


def test_standing_code_names_no_plenary_or_supervision_model() -> None:
    """No string in standing's code (outside tests and demo data) names a plenary or supervision model."""
    named = []
    for path in STANDING.glob("*.py"):
        if path.name == "demo.py":
            continue  # the demo's programme rows say which kind of record carried them out
        for node in ast.walk(ast.parse(path.read_text())):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and node.value.startswith(("plenary.", "supervision.")):
                named.append((path.name, node.value))
    assert named == []


@pytest.mark.django_db
def test_a_registered_model_links_and_an_unregistered_one_is_refused() -> None:
    town = make_town()
    programme = services.programme_create(council=town.council, year=2022, owner=ProgrammeOwner.STANDING)
    item = services.work_item_add(
        programme=programme, month=1, content="Họp Thường trực tháng 1", body=town.bodies["Thường trực HĐND"]
    )
    meeting = make_meeting(town)
    link, model = programme_links.LINKS.pop("standing.meeting"), programme_links._MODELS.pop("standing.meeting")
    try:
        with pytest.raises(ValidationError):
            services.work_item_link(item=item, record=meeting)
        assert all(
            not key.startswith("standing.meeting:")
            for key, _ in selectors.link_candidates(council=town.council, year=2022)
        )
    finally:
        programme_links.register_programme_link(
            model, name=link.name, date_field=link.date_field, url_name=link.url_name
        )
    assert f"standing.meeting:{meeting.pk}" in dict(selectors.link_candidates(council=town.council, year=2022))
    linked = services.work_item_link(item=item, record=meeting)
    assert linked.done_id == meeting.pk and linked.done_label == "Phiên họp Thường trực ngày 12/01/2022"
