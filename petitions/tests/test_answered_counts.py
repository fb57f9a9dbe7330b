"""One definition of "answered" (`petitions.models.answered_q`: answered, being resolved, explained): the
report's figure "Kiến nghị cử tri đã được trả lời", the round's counts, the forwarding table, the list's
state filter, the answers read to voters per commune and the public petitions page's counts per commune,
per village or residential group and per field all count by it, whatever state each answer is in."""

import pytest

from followup.services import obligation_cancel, obligation_report, obligation_return
from petitions import selectors, services
from petitions.models import ANSWER_STATES, Level, Petition, PetitionState, answered_q, with_answer_q
from petitions.tests.conftest import make_petition
from petitions.tests.test_answers_merge import forward
from portal import selectors as portal
from reports import figures


@pytest.mark.django_db
def test_portal_counts_agree_with_the_report_figure(town, as_user) -> None:
    place = services.place_create(council=town.council, name="Tổ dân phố 3", kind="to_dan_pho")
    outcomes = {
        "answered": PetitionState.ANSWERED,
        "resolving": PetitionState.RESOLVING,
        "explained": PetitionState.EXPLAINED,
        "forwarded": None,
        "returned": PetitionState.ANSWERED,  # then sent back by the office: waiting for an answer again
        "progress": None,  # a progress report on the follow-up screen: being resolved
    }

    def at_place(text: str) -> Petition:  # raised in a residential group rather than a commune
        data = services.PetitionData(
            text=text,
            unit=None,
            contact_place=place,
            level=Level.DISTRICT,
            body=town.world.agency,
            field=town.fields["Giao thông"],
        )
        return services.petition_create(contact_round=town.round, data=data)

    made = []
    for key in outcomes:
        made.append((make_petition(town, f"Đề nghị {key} ở phường", body=town.world.agency), outcomes[key]))
        made.append((at_place(f"Đề nghị {key} ở tổ dân phố"), outcomes[key]))
    forward(town)
    for petition, outcome in made:
        if outcome is not None:
            petition.refresh_from_db()
            services.record_answer(petition=petition, user=None, text=f"Trả lời: {petition.text}.", state=outcome)
    for petition, _ in made[8:10]:
        obligation_return(
            obligation=Petition.objects.get(pk=petition.pk).obligation,
            user=None,
            reason="Chưa nêu thời gian thực hiện.",
        )
    for petition, _ in made[10:12]:
        obligation_report(
            obligation=Petition.objects.get(pk=petition.pk).obligation,
            user=None,
            text="Đang khảo sát, quý II/2025.",
            done=False,
        )
    make_petition(town, "Đề nghị chưa chuyển ở phường", body=town.world.agency)  # received only
    at_place("Đề nghị chưa chuyển ở tổ dân phố")
    services.round_publish(contact_round=town.round, published=True, user=None)
    states = {p.pk: p.state for p in Petition.objects.select_related("obligation").filter(round=town.round)}
    assert sorted(states.values()) == sorted(
        2
        * [
            PetitionState.ANSWERED,
            PetitionState.RESOLVING,
            PetitionState.EXPLAINED,
            PetitionState.FORWARDED,
            PetitionState.FORWARDED,
            PetitionState.RESOLVING,
            PetitionState.RECEIVED,
        ]
    )

    figure = figures.compute(council=town.council, year=2024).items["petitions_answered"].value
    by_unit, by_field = portal.petitions.public_petition_counts(council=town.council)
    (by_place,) = portal.petition_counts_by_place(council=town.council)
    assert figure == 8  # answered, being resolved and explained, in each commune and residential group
    assert sum(row["answered"] for row in by_unit) + by_place["answered"] == figure
    assert sum(row["answered"] for row in by_field) == figure
    assert (by_place["contact_place__name"], by_place["n"], by_place["answered"]) == ("Tổ dân phố 3", 7, 4)


def _row(html: str, label: str) -> list[str]:
    """The cells of the forwarding table's row of `label` (a body's name)."""
    row = html[html.index(f"<td>{label}</td>") :]
    row = row[: row.index("</tr>")]
    return [cell.split("</td>")[0] for cell in row.split("<td>")[2:]]


@pytest.mark.django_db
def test_every_count_of_answered_agrees_on_every_answer_state(town, as_user) -> None:
    """One dataset with every state an answer can be in: answered and accepted, answered and awaiting the
    office's acceptance, explained, being resolved (a progress report on the follow-up screen), sent back
    by the office, no longer followed (cancelled), forwarded and overdue without an answer, not forwarded.
    The report's figure, the round's counts (screen and API), the forwarding table, the petition list's
    state filter, the answers read to voters per commune and the public portal all count the same three."""
    states = [
        "accepted",
        "awaiting",
        "explained",
        "resolving",
        "returned",
        "cancelled",
        "overdue",
    ]
    made = {key: make_petition(town, f"Đề nghị {key}", body=town.world.agency) for key in states}
    forward(town)
    for key, outcome in (
        ("accepted", PetitionState.ANSWERED),
        ("awaiting", PetitionState.ANSWERED),
        ("explained", PetitionState.EXPLAINED),
        ("returned", PetitionState.ANSWERED),
    ):
        services.record_answer(
            petition=Petition.objects.get(pk=made[key].pk), user=None, text=f"Trả lời {key}.", state=outcome
        )
    obligation = {key: Petition.objects.get(pk=p.pk).obligation for key, p in made.items()}
    services.petition_accept(petition=Petition.objects.get(pk=made["accepted"].pk), user=None)
    obligation_report(obligation=obligation["resolving"], user=None, text="Đang khảo sát.", done=False)
    obligation_return(obligation=obligation["returned"], user=None, reason="Chưa nêu thời gian thực hiện.")
    obligation_cancel(obligation=obligation["cancelled"], user=None, reason="Cử tri rút kiến nghị.")
    make_petition(town, "Đề nghị chưa chuyển", body=town.world.agency)
    services.round_publish(contact_round=town.round, published=True, user=None)

    shown = {key: Petition.objects.select_related("obligation").get(pk=p.pk).state for key, p in made.items()}
    assert shown == {
        "accepted": PetitionState.ANSWERED,
        "awaiting": PetitionState.ANSWERED,
        "explained": PetitionState.EXPLAINED,
        "resolving": PetitionState.RESOLVING,
        "returned": PetitionState.FORWARDED,
        "cancelled": PetitionState.WITHDRAWN,
        "overdue": PetitionState.FORWARDED,
    }
    answered = {made[k].pk for k in ("accepted", "awaiting", "explained", "resolving")}
    assert set(Petition.objects.filter(answered_q()).values_list("pk", flat=True)) == answered
    assert set(Petition.objects.filter(with_answer_q()).values_list("pk", flat=True)) == answered

    # The annual report's figure, and the accepted one beside it.
    computed = figures.compute(council=town.council, year=2024).items
    assert computed["petitions_answered"].value == 4 and computed["petitions_accepted"].value == 1
    [counts] = selectors.petition_counts(council=town.council, year=2024)
    assert counts.answered == 4 and counts.total == 8

    office = as_user("office")
    cid = town.council.pk
    api = office.get(f"/api/v1/councils/{cid}/petition-counts?year=2024")
    assert api.status_code == 200, api.content
    assert api.json()[0]["answered"] == 4

    # The forwarding table: 1 waiting, 2 forwarded and not answered (returned, overdue), 4 answered.
    page = office.get(f"/kien-nghi/dot/{town.round.pk}/chuyen/")
    assert page.status_code == 200
    assert _row(page.content.decode(), town.world.agency.name) == ["1", "2", "4"]

    # The list's state filter: the answer states together are the same four; the others are not among them.
    listed = {}
    for state in PetitionState:
        response = office.get(f"/api/v1/councils/{cid}/petitions?state={state.value}")
        assert response.status_code == 200, response.content
        listed[state] = {row["id"] for row in response.json()["items"]}
    assert set().union(*(listed[s] for s in ANSWER_STATES)) == answered
    assert listed[PetitionState.FORWARDED] == {made["returned"].pk, made["overdue"].pk}
    assert listed[PetitionState.WITHDRAWN] == {made["cancelled"].pk}

    # The answers read to voters, commune by commune: the returned and cancelled answers are not read out.
    [(area, read_out)] = selectors.answers_by_unit(contact_round=town.round)
    assert area.unit_name == "Phổ An" and {p.pk for p in read_out} == answered
    response = office.get(f"/api/v1/councils/{cid}/petition-rounds/{town.round.pk}/answers-by-unit")
    assert response.status_code == 200, response.content
    assert [{p["id"] for p in row["petitions"]} for row in response.json()] == [answered]
    page = office.get(f"/kien-nghi/dot/{town.round.pk}/tra-loi-theo-xa/").content.decode()
    assert "Trả lời accepted." in page and "Trả lời returned." not in page

    # The public portal: per commune and per field, four with an answer of eight.
    by_unit, by_field = portal.petitions.public_petition_counts(council=town.council)
    assert [(row["unit__unit_name"], row["n"], row["answered"]) for row in by_unit] == [("Phổ An", 8, 4)]
    assert [(row["field__name"], row["n"], row["answered"]) for row in by_field] == [("Giao thông", 8, 4)]
    public = as_user(None).get(f"/cong-khai/{cid}/kien-nghi/").content.decode()
    assert "8 kiến nghị, 4 đã có trả lời" in public
