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
from petitions.models import MeetingForm, Petition
from petitions.tests.conftest import answer_through_followup, make_petition
from registry.models import Council

D = datetime.date
REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"
pytestmark = pytest.mark.django_db
MEETING_FORM = MeetingForm.values[0]


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


def test_ceased_council_changes_no_round_meeting_place_or_petition(town, world, as_user) -> None:
    """What a tryout found still offered on the ceased town: editing a place, a contact meeting, a petition;
    publishing a round, forwarding, merging. No page offers them; the form pages (GET and POST) go back with
    the refusal; the API and the services refuse, nothing changes."""
    council = town.council
    place = services.place_create(council=council, name="An Ba")
    meeting = services.meeting_create(
        contact_round=town.round,
        held_on=D(2024, 6, 5),
        place="Nhà văn hóa",
        form=MEETING_FORM,
        unit=town.units["Phổ An"],
    )
    petition = make_petition(town, "Đề nghị sửa cầu An Ba", meeting=meeting)
    office = as_user("office")
    meeting_page = reverse("petitions:meeting_detail", args=[meeting.pk])
    assert reverse("petitions:meeting_edit", args=[meeting.pk]) in office.get(meeting_page).content.decode()
    places = reverse("petitions:place_list")
    assert reverse("petitions:place_edit", args=[place.pk]) in office.get(places).content.decode()

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    round_page = reverse("petitions:round_detail", args=[town.round.pk])
    petition_page = reverse("petitions:petition_detail", args=[petition.pk])

    # No page offers a change.
    for page, urls in (
        (
            meeting_page,
            [
                reverse("petitions:meeting_edit", args=[meeting.pk]),
                reverse("petitions:meeting_delete", args=[meeting.pk]),
            ],
        ),
        (places, [reverse("petitions:place_edit", args=[place.pk])]),
        (petition_page, [reverse("petitions:petition_edit", args=[petition.pk])]),
        (
            round_page,
            [
                reverse("petitions:round_publish", args=[town.round.pk]),
                reverse("petitions:round_forward", args=[town.round.pk]),
                reverse("petitions:round_duplicates", args=[town.round.pk]),
                reverse("petitions:round_answer_report", args=[town.round.pk]),
            ],
        ),
    ):
        html = office.get(page).content.decode()
        for url in urls:
            assert url not in html, (page, url)
        assert 'method="post"' not in html.split("<main", 1)[-1], page

    # The form pages: GET and POST go back with the refusal.
    for url, back, data in (
        (reverse("petitions:place_edit", args=[place.pk]), places, {"name": "An Ba Mới", "kind": "thon"}),
        (reverse("petitions:meeting_edit", args=[meeting.pk]), meeting_page, {"held_on": "05/06/2024"}),
        (reverse("petitions:petition_edit", args=[petition.pk]), petition_page, {"text": "Khác"}),
        (reverse("petitions:round_forward", args=[town.round.pk]), round_page, {}),
        (reverse("petitions:round_duplicates", args=[town.round.pk]), round_page, {}),
    ):
        for response in (office.get(url), office.post(url, data)):
            assert response.status_code == 302 and response.url == back, (url, response)
        assert REFUSED in office.get(url, follow=True).content.decode(), url
    for url in (
        reverse("petitions:round_publish", args=[town.round.pk]),
        reverse("petitions:meeting_delete", args=[meeting.pk]),
    ):
        assert REFUSED in office.post(url, follow=True).content.decode(), url

    # The API.
    base = f"/api/v1/councils/{council.pk}"
    response = office.put(
        f"{base}/contact-places/{place.pk}", json.dumps({"name": "An Ba Mới", "kind": "thon"}), "application/json"
    )
    _refused(response)
    _refused(_post(office, f"{base}/petition-rounds/{town.round.pk}/publish", {"published": True}))

    # The services themselves.
    for call in (
        lambda: services.place_update(place=place, name="An Ba Mới", kind="thon", active=True),
        lambda: services.meeting_update(meeting=meeting, held_on=D(2024, 6, 5), place="Khác", form=MEETING_FORM),
        lambda: services.meeting_delete(meeting=meeting),
        lambda: services.round_publish(contact_round=town.round, published=True, user=None),
        lambda: services.petition_update(
            petition=petition, user=None, text="Khác", level=petition.level, field=None, body=None, complaint=False
        ),
        lambda: services.petitioner_add(petition=petition, full_name="Lê Văn A"),
    ):
        with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
            call()
    place.refresh_from_db()
    meeting.refresh_from_db()
    petition.refresh_from_db()
    town.round.refresh_from_db()
    assert (place.name, meeting.place, petition.text, town.round.published) == (
        "An Ba",
        "Nhà văn hóa",
        "Đề nghị sửa cầu An Ba",
        False,
    )
