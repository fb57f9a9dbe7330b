"""One definition of "answered": the public petitions page's counts per commune, per village or residential
group and per field agree with the report's figure "Kiến nghị cử tri đã được trả lời", which counts every
answer state (answered, being resolved, explained)."""

import pytest

from followup.services import obligation_report, obligation_return
from petitions import services
from petitions.models import Level, Petition, PetitionState
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
