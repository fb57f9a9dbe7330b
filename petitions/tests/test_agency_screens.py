"""An agency user reaches the petitions forwarded to it (issue 18): the module's entry leads to its own
petitions instead of a 403, its home lists the new obligation, and the obligation links to the petition."""

import pytest
from django.urls import reverse

from petitions.tests.conftest import make_petition
from petitions.tests.test_answers_merge import forward

pytestmark = pytest.mark.django_db


def test_agency_user_goes_from_home_to_the_petition_it_must_answer(town, as_user) -> None:
    petition = make_petition(town, "Đề nghị nâng cấp đường liên thôn", body=town.world.agency)
    forward(town)
    petition.refresh_from_db()
    client = as_user("agency")

    # The module's entry is its own list of petitions, not a refusal.
    entry = client.get(reverse("petitions:round_list"))
    assert entry.status_code == 302 and entry["Location"] == reverse("petitions:petition_list")
    assert "Đề nghị nâng cấp đường liên thôn" in client.get(reverse("petitions:petition_list")).content.decode()

    home = client.get(reverse("home")).content.decode()
    task = reverse("followup:obligation_detail", args=[petition.obligation_id])
    detail = reverse("petitions:petition_detail", args=[petition.pk])
    assert "Việc mới giao, việc bị trả lại" in home and task in home and detail in home

    page = client.get(task).content.decode()
    assert f'href="{detail}"' in page and "Xem kiến nghị cử tri" in page
    assert client.get(detail).status_code == 200


def test_office_and_delegate_keep_the_rounds(town, as_user) -> None:
    petition = make_petition(town, "Đề nghị lắp đèn đường", body=town.world.agency)
    forward(town)
    petition.refresh_from_db()
    assert as_user("office").get(reverse("petitions:round_list")).status_code == 200
    # The delegate reads petitions (VIEW) and sees the rounds.
    assert as_user("delegate").get(reverse("petitions:round_list")).status_code == 200
    assert as_user(None).get(reverse("petitions:round_list")).status_code == 302


def test_agency_user_reads_the_round_without_a_link_it_may_not_open(town, as_user) -> None:
    """The round's page answers 403 to an agency user, so its petition page names the round as text; the
    office keeps the link."""
    petition = make_petition(town, "Đề nghị sửa cầu tràn", body=town.world.agency)
    forward(town)
    detail = reverse("petitions:petition_detail", args=[petition.pk])
    round_url = reverse("petitions:round_detail", args=[petition.round_id])
    agency = as_user("agency")
    page = agency.get(detail).content.decode()
    assert agency.get(round_url).status_code == 403
    assert round_url not in page and petition.round.label in page
    assert f'href="{round_url}"' in as_user("office").get(detail).content.decode()
