"""`allowed_actions(petition, user)`: edit/split while received, answer until accepted, accept once reported."""

import pytest
from django.urls import reverse

from petitions import selectors, services
from petitions.models import PetitionState
from petitions.tests.conftest import make_petition


def _forward(town, petition, body: str = "Phòng TC-KH"):
    services.petitions_forward(
        contact_round=town.round, body=town.bodies[body], user=None, signer_title="Phó Chủ tịch", signer_name="Kiều"
    )
    return selectors.petition_get(user=town.world.users["office"], council=town.council, pk=petition.pk)


def _get(town, petition):
    return selectors.petition_get(user=town.world.users["office"], council=town.council, pk=petition.pk)


@pytest.mark.django_db
def test_actions_through_the_life_of_a_petition(town) -> None:
    users = town.world.users
    a = make_petition(town, "Đề nghị sửa đường thôn An Ba", "Phổ An", body=town.bodies["Phòng TC-KH"])
    b = make_petition(town, "Đề nghị sửa đường thôn An Ba, xã Phổ Châu", "Phổ Châu", body=town.bodies["Phòng TC-KH"])
    assert services.allowed_actions(_get(town, a), users["office"]) == {"edit"}
    aggregate = _get(town, services.petition_merge(petitions=[a, b], user=users["office"]))
    assert services.allowed_actions(aggregate, users["office"]) == {"edit", "split"}
    assert services.allowed_actions(aggregate, users["agency"]) == set()
    forwarded = _forward(town, aggregate)
    assert services.allowed_actions(forwarded, users["office"]) == {"answer"}
    assert services.allowed_actions(forwarded, users["agency"]) == {"answer"}  # forwarded to its own body
    assert services.allowed_actions(forwarded, users["delegate"]) == set()
    services.petition_answer(petition=forwarded, user=users["agency"], text="Đã bố trí vốn.", state="da_tra_loi")
    answered = _get(town, forwarded)
    assert answered.state == PetitionState.ANSWERED
    assert services.allowed_actions(answered, users["office"]) == {"answer", "accept"}
    services.petition_accept(petition=answered, user=users["office"])
    accepted = _get(town, answered)
    assert services.answer_accepted(accepted)
    assert services.allowed_actions(accepted, users["office"]) == set()
    assert services.allowed_actions(accepted, users["agency"]) == set()


@pytest.mark.django_db
def test_an_agency_answering_another_agencys_petition_is_refused_not_400(town, as_user) -> None:
    p = make_petition(town, "Đề nghị nạo vét kênh", "Phổ An", body=town.bodies["Phòng QLĐT"])
    forwarded = _forward(town, p, body="Phòng QLĐT")
    assert services.allowed_actions(forwarded, town.world.users["agency"]) == set()
    response = as_user("agency").post(
        reverse("petitions:petition_answer", args=[forwarded.pk]), {"text": "Trả lời", "state": "da_tra_loi"}
    )
    # The agency sees the petition only if it is addressed to it: another agency's is 404, never 400.
    assert response.status_code in (403, 404)
    forwarded = _get(town, forwarded)
    assert forwarded.state == PetitionState.FORWARDED
