"""Duplicates, merging and splitting, forwarding, answers, counts: the services and selectors."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from documents.checker import assert_nd30
from documents.services import document_render_docx
from followup.models import Obligation
from followup.models import State as ObligationState
from hdnd.text import fold
from petitions import selectors, services, wording
from petitions.duplicates import _Text, similarity, stored_keys
from petitions.models import Level, Period, Petition, PetitionState
from petitions.tests.conftest import answer_through_followup, make_petition
from registry.models import LegalSetting
from registry.tests.factories import CouncilFactory

ROAD = "Đề nghị sớm chi trả tiền bồi thường giải phóng mặt bằng dự án đường ven biển Dung Quất - Sa Huỳnh."


def test_duplicates_ignore_diacritics_case_spacing_and_word_order() -> None:
    assert (
        similarity(
            ROAD, "de nghi SOM chi tra tien boi thuong   giai phong mat bang du an duong ven bien dung quat sa huynh"
        )
        >= 85
    )
    assert (
        similarity(
            "Đề nghị nâng cấp đường giao thông từ thôn An Thạch đi thôn Vĩnh An",
            "Cử tri đề nghị: từ thôn Vĩnh An đi thôn An Thạch, nâng cấp đường giao thông",
        )
        >= 85
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Đề nghị sửa chữa Quốc lộ 1 đoạn qua xã Phổ An bị lún, nứt",
            "Đề nghị sửa chữa Quốc lộ 1 đoạn qua xã Phổ Châu bị lún, nứt",
        ),
        ("Đề nghị sửa chữa phòng học trường tiểu học xã Phổ An", "Đề nghị sửa chữa trạm y tế xã Phổ An"),
        ("Đề nghị nâng cấp kênh mương nội đồng phục vụ sản xuất", "Đề nghị nâng cấp đường nội đồng phục vụ sản xuất"),
    ],
)
def test_near_duplicates_about_different_issues_stay_apart(a: str, b: str) -> None:
    assert similarity(a, b) < 85


@pytest.mark.django_db
def test_suggestions_within_the_round_and_with_open_petitions_of_earlier_rounds(town) -> None:
    earlier = services.round_create(council=town.council, year=2023, period=Period.YEAR_END)
    old = make_petition(town, ROAD, "Phổ Khánh", contact_round=earlier)
    a = make_petition(town, ROAD, "Phổ An")
    b = make_petition(town, ROAD.upper().replace(" ", "  "), "Phổ Châu")
    other = make_petition(town, "Đề nghị sửa chữa Quốc lộ 1 đoạn qua xã Phổ An bị lún, nứt", "Phổ An")
    make_petition(town, "Đề nghị sửa chữa Quốc lộ 1 đoạn qua xã Phổ Châu bị lún, nứt", "Phổ Châu")
    groups = selectors.duplicate_suggestions(contact_round=town.round)
    assert [{p.pk for p in g} for g in groups] == [{old.pk, a.pk, b.pk}]
    assert other.pk not in {p.pk for g in groups for p in g}
    answer_through_followup(old)  # answered: no longer open
    groups = selectors.duplicate_suggestions(contact_round=town.round)
    assert [{p.pk for p in g} for g in groups] == [{a.pk, b.pk}]


@pytest.mark.parametrize(
    "text",
    [
        ROAD,
        ROAD.upper(),
        "Cử tri đề nghị xem xét Tri Kiến thôn 5",
        "",
        "đề nghị",
        "Đề nghị sửa Quốc lộ 1 qua xã Phổ An",
    ],
)
def test_stored_keys_give_back_the_keys_computed_from_the_text(text: str) -> None:
    computed = _Text.of(text)
    assert _Text.load(stored_keys(text)) == computed
    assert _Text.load("0\tan\t\t") is None  # another version: computed again from the text


@pytest.mark.django_db
def test_services_keep_the_stored_keys_and_suggestions_read_them(town) -> None:
    a = make_petition(town, ROAD, "Phổ An")
    b = make_petition(town, "Cử tri đề nghị " + ROAD, "Phổ Châu")
    assert a.match_keys == stored_keys(ROAD)
    services.petition_update(
        petition=a,
        text="Đề nghị nạo vét kênh mương nội đồng thôn Vĩnh An",
        level=a.level,
        user=None,
        field=None,
        body=None,
        complaint=False,
    )
    a.refresh_from_db()
    assert a.match_keys == stored_keys("Đề nghị nạo vét kênh mương nội đồng thôn Vĩnh An")
    assert selectors.duplicate_suggestions(contact_round=town.round) == []
    Petition.objects.filter(pk=a.pk).update(text=ROAD, text_folded=fold(ROAD), match_keys="")  # not backfilled
    assert [{p.pk for p in g} for g in selectors.duplicate_suggestions(contact_round=town.round)] == [{a.pk, b.pk}]
    aggregate = services.petition_merge(petitions=[a, b], user=None)
    assert aggregate.match_keys == stored_keys(aggregate.text)


@pytest.mark.django_db
def test_merge_keeps_every_origin_and_split_restores_them(town) -> None:
    a = make_petition(town, ROAD, "Phổ An", voters=3)
    b = make_petition(town, "Cử tri đề nghị " + ROAD, "Phổ Châu", voters=2)
    c = make_petition(town, ROAD, "Phổ Quang")
    aggregate = services.petition_merge(petitions=[a, b], user=town.world.users["office"])
    assert aggregate.is_aggregate and aggregate.voters == 5 and aggregate.unit is None
    assert wording.petition_summary(aggregate).startswith("Cử tri các xã Phổ An, Phổ Châu kiến nghị: Đề nghị sớm")
    bigger = services.petition_merge(petitions=[aggregate, c], user=None)
    assert not Petition.objects.filter(pk=aggregate.pk).exists()
    assert set(bigger.origins.values_list("pk", flat=True)) == {a.pk, b.pk, c.pk}
    assert wording.attribution(bigger) == "Cử tri các xã, phường Phổ An, Phổ Châu, Phổ Quang"
    assert bigger.voters == 6
    counts = selectors.petition_counts(council=town.council, year=2024)[0]
    assert counts.total == 1
    origins = services.petition_split(petition=bigger, user=None)
    assert {o.pk for o in origins} == {a.pk, b.pk, c.pk}
    assert Petition.objects.filter(merged_into__isnull=True, council=town.council).count() == 3
    assert a.history.count() >= 3


@pytest.mark.django_db
def test_merge_refused_across_councils_and_for_forwarded_or_single(town) -> None:
    a = make_petition(town, ROAD, "Phổ An")
    stranger = CouncilFactory()
    foreign = Petition(council=stranger, round=town.round, unit=town.units["Phổ An"], text=ROAD, level=Level.DISTRICT)
    foreign.save()
    with pytest.raises(ValidationError, match="hai Hội đồng"):
        services.petition_merge(petitions=[a, foreign], user=None)
    with pytest.raises(ValidationError, match="ít nhất hai"):
        services.petition_merge(petitions=[a], user=None)
    # Another body's petition, so that forwarding it leaves `a` waiting.
    b = make_petition(town, ROAD, "Phổ Châu", body=town.bodies["Phòng Kinh tế"])
    # A petition forwarded and still open may take new origins (test_answers_merge); an answered one may not.
    answer_through_followup(b)
    with pytest.raises(ValidationError, match="đã được trả lời, không thể gộp thêm"):
        services.petition_merge(petitions=[a, b], user=None)
    assert Petition.objects.filter(is_aggregate=True).count() == 0


@pytest.mark.django_db
def test_forwarding_creates_obligations_and_an_nd30_letter(town) -> None:
    office = town.world.users["office"]
    road = make_petition(town, "Đề nghị nâng cấp đường thôn An Ba", "Phổ An")
    light = make_petition(town, "Đề nghị lắp đèn chiếu sáng", "Phổ Châu")
    other = make_petition(town, "Đề nghị sửa trường", "Phổ Châu", body=town.bodies["Phòng GD&ĐT"])
    body = town.bodies["Phòng QLĐT"]
    document = services.petitions_forward(
        contact_round=town.round,
        body=body,
        user=office,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
        issued_on=datetime.date(2024, 6, 24),
    )
    assert document.number_symbol.endswith("/HĐND-VP")
    assert_nd30(document_render_docx(document))
    assert "Cử tri xã Phổ An kiến nghị: Đề nghị nâng cấp đường thôn An Ba" in document.body
    obligations = Obligation.objects.filter(owner=body, kind="forwarded_petition")
    assert obligations.count() == 2
    assert {o.due_on for o in obligations} == {datetime.date(2024, 7, 24)}  # 30 calendar days
    road.refresh_from_db()
    other.refresh_from_db()
    assert (
        road.state == PetitionState.FORWARDED and road.obligation.source == road and road.forward_document == document
    )
    assert other.state == PetitionState.RECEIVED
    light.refresh_from_db()
    with pytest.raises(ValidationError, match="Không có kiến nghị nào"):
        services.petitions_forward(
            contact_round=town.round, body=body, user=office, signer_title="Phó Chủ tịch", signer_name="Kiều"
        )


@pytest.mark.django_db
def test_forwarding_without_the_answer_deadline_setting_is_refused_clearly(town) -> None:
    LegalSetting.objects.filter(council=town.council).delete()
    make_petition(town, "Đề nghị nâng cấp đường thôn An Ba", "Phổ An")
    with pytest.raises(ValidationError, match="Thời hạn cơ quan trả lời kiến nghị cử tri"):
        services.petitions_forward(
            contact_round=town.round,
            body=town.bodies["Phòng QLĐT"],
            user=None,
            signer_title="Phó Chủ tịch",
            signer_name="Kiều",
        )
    assert Obligation.objects.count() == 0
    assert Petition.objects.get().state == PetitionState.RECEIVED


@pytest.mark.django_db
def test_upper_level_petitions_go_to_the_upper_council(town) -> None:
    p = make_petition(town, "Đề nghị tỉnh sửa Quốc lộ 1", "Phổ An", level=Level.PROVINCE)
    assert p.body == town.bodies["HĐND tỉnh"]
    assert selectors.is_upper_level(town.council, Level.CENTRAL)
    assert not selectors.is_upper_level(town.council, Level.COMMUNE)


@pytest.mark.django_db
def test_bulk_create_is_all_or_nothing_with_numbered_errors(town) -> None:
    good = services.PetitionData(text="Đề nghị sửa đường", unit=town.units["Phổ An"], level=Level.DISTRICT)
    bad = services.PetitionData(text="  ", unit=town.units["Phổ An"], level="sao_hoa")
    with pytest.raises(ValidationError) as info:
        services.petitions_bulk_create(contact_round=town.round, items=[good, bad])
    assert set(info.value.message_dict) == {"2.text", "2.level"}
    assert Petition.objects.count() == 0
    late = services.round_create(council=town.council, year=2025, period=Period.YEAR_END)
    with pytest.raises(ValidationError, match="trước 01/07/2025"):
        services.petition_create(contact_round=late, data=good)


def _forwarded(town, text: str = "Đề nghị nâng cấp đường thôn An Ba", body: str = "Phòng TC-KH"):
    p = make_petition(town, text, "Phổ An", body=town.bodies[body])
    services.petitions_forward(
        contact_round=town.round, body=town.bodies[body], user=None, signer_title="Phó Chủ tịch", signer_name="Kiều"
    )
    p.refresh_from_db()
    return p


@pytest.mark.django_db
def test_agency_answers_its_own_petition_and_office_accepts(town) -> None:
    p = _forwarded(town)
    agency = town.world.users["agency"]
    services.petition_answer(petition=p, user=agency, text="Đã bố trí vốn năm 2025.", state=PetitionState.ANSWERED)
    p.refresh_from_db()
    assert p.state == PetitionState.ANSWERED and p.obligation.state == ObligationState.REPORTED_DONE
    services.petition_accept(petition=p, user=town.world.users["office"])
    p.obligation.refresh_from_db()
    assert p.obligation.state == ObligationState.ACCEPTED
    with pytest.raises(ValidationError, match="đã chấp nhận"):
        services.petition_answer(petition=p, user=agency, text="Sửa lại", state=PetitionState.ANSWERED)


@pytest.mark.django_db
def test_answering_a_petition_not_addressed_to_your_agency_is_refused(town) -> None:
    p = _forwarded(town, body="Phòng QLĐT")
    # A permission refused inside the service: PermissionDenied, so screens and API answer 403, not 400.
    with pytest.raises(PermissionDenied, match="không được chuyển đến cơ quan của bạn"):
        services.petition_answer(petition=p, user=town.world.users["agency"], text="Trả lời", state="da_tra_loi")
    with pytest.raises(PermissionDenied, match="không được chuyển"):
        services.petition_answer(petition=p, user=town.world.users["delegate"], text="Trả lời", state="da_tra_loi")
    p.refresh_from_db()
    assert p.answer_text == "" and p.state == PetitionState.FORWARDED


@pytest.mark.django_db
def test_being_resolved_keeps_the_obligation_open(town) -> None:
    p = _forwarded(town)
    services.petition_answer(
        petition=p, user=town.world.users["agency"], text="Đang lập hồ sơ.", state="dang_giai_quyet"
    )
    p.refresh_from_db()
    assert p.obligation.state == ObligationState.IN_PROGRESS
    with pytest.raises(ValidationError, match="Chỉ chấp nhận"):
        services.petition_accept(petition=p, user=None)
    with pytest.raises(ValidationError) as info:
        services.petition_answer(petition=p, user=town.world.users["agency"], text="", state="bay_bong")
    assert set(info.value.message_dict) == {"text", "state"}


@pytest.mark.django_db
def test_counts_per_round_by_level_field_and_state(town) -> None:
    for i in range(3):
        make_petition(town, f"Đề nghị tỉnh việc số {i}", "Phổ An", level=Level.PROVINCE)
    for i in range(5):
        make_petition(town, f"Đề nghị thị xã việc số {i}", "Phổ Châu", field=town.fields["Y tế"])
    make_petition(town, "Tố cáo cán bộ thôn", "Phổ Châu", complaint=True)
    services.meeting_create(
        contact_round=town.round,
        unit=town.units["Phổ An"],
        held_on=datetime.date(2024, 6, 3),
        place="Hội trường",
        form="truc_tiep",
    )
    end = services.round_create(council=town.council, year=2024, period=Period.YEAR_END)
    make_petition(town, "Đề nghị cuối năm", "Phổ An", contact_round=end)
    mid, year_end = selectors.petition_counts(council=town.council, year=2024)
    assert mid.round == town.round and year_end.round == end
    assert mid.by_level == {Level.PROVINCE: 3, Level.DISTRICT: 5} and mid.total == 8 and mid.complaints == 1
    assert mid.by_field == {"Giao thông": 3, "Y tế": 5}
    assert mid.by_state == {PetitionState.RECEIVED: 8}
    assert mid.cells[(Level.DISTRICT, "Y tế", PetitionState.RECEIVED)] == 5
    assert mid.units == ["Phổ An"]
    assert year_end.total == 1


@pytest.mark.django_db
def test_answer_report_is_an_nd30_document_and_answers_per_commune(town) -> None:
    p = _forwarded(town)
    services.petition_answer(petition=p, user=town.world.users["agency"], text="Đã bố trí vốn.", state="da_tra_loi")
    document = services.answer_report_create(
        contact_round=town.round,
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
        issued_on=datetime.date(2024, 7, 10),
    )
    assert "Đã bố trí vốn." in document.body
    assert_nd30(document_render_docx(document))
    units = selectors.answers_by_unit(contact_round=town.round)
    assert [(u.unit_name, [x.pk for x in ps]) for u, ps in units] == [("Phổ An", [p.pk])]
