"""A ceased council (e.g. the old Đức Phổ town council, last day 30/06/2025) keeps its petitions readable
but takes no new petition, answer or acceptance after its last day (`registry.services.council_accepts`):
the screens and the API refuse with a Vietnamese message, nothing is saved, and no button offers the step."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from followup.models import State as ObligationState
from petitions import selectors, services
from petitions.models import Petition
from petitions.tests.conftest import answer_through_followup, make_petition
from registry.models import Council

D = datetime.date
REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"
pytestmark = pytest.mark.django_db


def _post(client: object, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def _refused(response: object) -> None:
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content


def test_ceased_council_takes_no_new_petitions_or_answers(town, world, as_user) -> None:
    council = town.council
    reported = answer_through_followup(make_petition(town, "Đề nghị cấp vốn sửa đường thôn An Ba"))
    forwarded = make_petition(town, "Đề nghị trồng cây xanh", "Phổ Minh", body=world.agency)
    services.petitions_forward(
        contact_round=town.round, body=world.agency, user=None, signer_title="Phó Chủ tịch", signer_name="Kiều"
    )
    office_user = world.users["office"]

    def actions(petition: Petition) -> set[str]:
        fresh = selectors.petition_get(user=office_user, council=Council.objects.get(pk=council.pk), pk=petition.pk)
        return services.allowed_actions(fresh, office_user)

    assert "accept" in actions(reported) and "answer" in actions(forwarded)

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    assert council.last_day == D(2025, 6, 30)

    # No button offers an answer or an acceptance that would be refused.
    assert not {"answer", "accept"} & (actions(reported) | actions(forwarded))
    office = as_user("office")
    html = office.get(reverse("petitions:petition_detail", args=[forwarded.pk])).content.decode()
    assert reverse("petitions:petition_answer", args=[forwarded.pk]) not in html
    # Nor a link that adds a contact meeting or petitions to the round: one sentence says why instead.
    html = office.get(reverse("petitions:round_detail", args=[town.round.pk])).content.decode()
    assert reverse("petitions:meeting_create", args=[town.round.pk]) not in html
    assert "đã chấm dứt hoạt động từ ngày 01/07/2025: không tạo hồ sơ mới." in html

    # The screen: an answer entered today is refused with the message, nothing saved.
    response = office.post(
        reverse("petitions:petition_answer", args=[forwarded.pk]),
        {"state": "da_tra_loi", "text": "Đã trồng cây."},
        follow=True,
    )
    assert REFUSED in response.content.decode()
    forwarded.refresh_from_db()
    assert forwarded.answer_text == ""

    # The API: each write path refused (400), nothing saved.
    base = f"/api/v1/councils/{council.pk}"
    item = {"text": "Đề nghị sửa cầu", "unit_id": town.units["Phổ An"].pk, "level": "huyen"}
    count = Petition.objects.filter(council=council).count()
    _refused(_post(office, f"{base}/petition-rounds/{town.round.pk}/petitions", {"items": [item]}))
    _refused(_post(office, f"{base}/petitions/{forwarded.pk}/answer", {"text": "Đã trồng.", "state": "da_tra_loi"}))
    _refused(_post(office, f"{base}/petitions/{reported.pk}/accept", {}))
    assert Petition.objects.filter(council=council).count() == count
    forwarded.refresh_from_db()
    reported.refresh_from_db()
    assert forwarded.answer_text == ""
    assert reported.obligation.state == ObligationState.REPORTED_DONE

    # The services themselves, whoever calls them; read-only means an answer backdated before the last day is
    # refused too (one rule, in `council_accepts`).
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        make_petition(town, "Đề nghị lắp đèn đường", "Phổ Vinh")
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.petition_accept(petition=reported, user=None)
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.record_answer(petition=forwarded, user=None, text="Đã trồng.", state="da_tra_loi")
    with pytest.raises(ValidationError, match="kể cả ghi lùi về ngày"):
        services.record_answer(petition=forwarded, user=None, text="Đã trồng.", state="da_tra_loi", on=D(2025, 6, 30))
    forwarded.refresh_from_db()
    assert forwarded.answer_text == ""


def test_ceased_council_adds_no_field_and_no_place(world, as_user) -> None:
    from petitions.models import ContactPlace, PetitionField

    council = world.council
    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    office = as_user("office")

    # The screens (the forms are not shown, a POST anyway is refused with the message).
    html = office.post(reverse("petitions:field_list"), {"name": "Môi trường", "position": 1}).content.decode()
    assert REFUSED in html
    html = office.post(
        reverse("petitions:place_list"), {"name": "An Ba", "kind": "thon", "active": "on"}
    ).content.decode()
    assert REFUSED in html

    # The API.
    base = f"/api/v1/councils/{council.pk}"
    _refused(_post(office, f"{base}/petition-fields", {"name": "Môi trường"}))
    _refused(_post(office, f"{base}/contact-places", {"name": "An Ba", "kind": "thon"}))

    # The services.
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.field_create(council=council, name="Môi trường")
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.place_create(council=council, name="An Ba")
    assert not PetitionField.objects.filter(council=council).exists()
    assert not ContactPlace.objects.filter(council=council).exists()
