"""Post-reform councils as first-class (a commune's standing committee and committees), and a ceased
council read-only after its end with links to the councils that took over its area."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry import services
from registry.models import BodyKind, CouncilLevel, MemberRole, UnitType
from registry.tests.factories import CouncilFactory, PersonFactory
from registry.units import link_successors, successor_codes

D = datetime.date


@pytest.mark.django_db
def test_commune_standing_committee_is_chair_and_one_vice_chair(world) -> None:
    council = world.council  # a xã
    body = services.body_create(council=council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    first, second, third = (PersonFactory(council=council) for _ in range(3))
    services.membership_create(person=first, body=body, role=MemberRole.CHAIR, starts_on=D(2026, 4, 1))
    services.membership_create(person=second, body=body, role=MemberRole.VICE_CHAIR, starts_on=D(2026, 4, 1))
    with pytest.raises(ValidationError, match="tối đa 1 Phó Chủ tịch"):
        services.membership_create(person=third, body=body, role=MemberRole.VICE_CHAIR, starts_on=D(2026, 5, 1))
    with pytest.raises(ValidationError, match="gồm Chủ tịch và Phó Chủ tịch"):
        services.membership_create(person=third, body=body, role=MemberRole.MEMBER, starts_on=D(2026, 5, 1))


@pytest.mark.django_db
def test_province_standing_committee_takes_committee_heads(world) -> None:
    province = CouncilFactory(level=CouncilLevel.PROVINCE, unit_type=UnitType.TINH, unit_name="Quảng Ngãi")
    body = services.body_create(council=province, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    for _ in range(3):
        services.membership_create(
            person=PersonFactory(council=province), body=body, role=MemberRole.VICE_CHAIR, starts_on=D(2026, 4, 1)
        )
    services.membership_create(
        person=PersonFactory(council=province), body=body, role=MemberRole.MEMBER, starts_on=D(2026, 4, 1)
    )


@pytest.mark.django_db
def test_bodies_by_level(world) -> None:
    made = services.council_bodies_setup(council=world.council)
    assert [b.name for b in made if b.kind == BodyKind.COMMITTEE] == [
        "Ban Kinh tế - Ngân sách HĐND xã Đức Phổ Thử",
        "Ban Văn hóa - Xã hội HĐND xã Đức Phổ Thử",
    ]
    assert services.council_bodies_setup(council=world.council) == []
    province = CouncilFactory(level=CouncilLevel.PROVINCE, unit_type=UnitType.TINH, unit_name="Quảng Ngãi")
    shorts = {b.short_name for b in services.council_bodies_setup(council=province)}
    assert {"Ban Pháp chế", "Ban KT-NS", "Ban VH-XH", "Thường trực HĐND"} <= shorts


def test_successor_codes_from_the_conversion_table() -> None:
    from registry.models import Council

    town = Council(level=CouncilLevel.DISTRICT, unit_code="534", historical=True)  # thị xã Đức Phổ
    # Phường Đức Phổ, Trà Câu, Sa Huỳnh; xã Nguyễn Nghiêm, Khánh Cường
    assert successor_codes(town) == {"21439", "21451", "21457", "21472", "21478"}
    assert successor_codes(Council(level=CouncilLevel.COMMUNE, unit_code="21442", historical=True)) == {"21451"}
    assert successor_codes(Council(level=CouncilLevel.COMMUNE, unit_code="21439", historical=False)) == set()


@pytest.mark.django_db
def test_ceased_council_refuses_activity_after_its_end_and_points_to_successors(world, as_user) -> None:
    council = world.council
    successor = CouncilFactory(unit_name="Đức Phổ", unit_type=UnitType.PHUONG, unit_code="21439")
    body = services.body_create(council=council, kind=BodyKind.COMMITTEE, name="Ban Pháp chế")  # while it acted
    services.council_update(council=council, active=False, ceased_on=D(2025, 7, 1))
    services.council_link_successors(council=council, successors=[successor])
    with pytest.raises(ValidationError, match="HĐND phường Đức Phổ"):  # no new body afterwards
        services.body_create(council=council, kind=BodyKind.COMMITTEE, name="Ban Văn hóa - Xã hội")
    person = PersonFactory(council=council)
    with pytest.raises(ValidationError) as exc:
        services.membership_create(person=person, body=body, role=MemberRole.MEMBER, starts_on=D(2025, 7, 1))
    message = " ".join(exc.value.messages)
    assert "chấm dứt hoạt động từ ngày 01/07/2025" in message and "HĐND phường Đức Phổ" in message
    # Read-only for history: a membership backdated before the last day is refused too.
    with pytest.raises(ValidationError, match="kể cả ghi lùi về ngày 30/06/2025 trở về trước"):
        services.membership_create(person=person, body=body, role=MemberRole.HEAD, starts_on=D(2025, 6, 30))
    with pytest.raises(ValidationError):
        services.term_create(
            council=council, name="2026-2031", starts_on=D(2026, 4, 1), ends_on=None, delegates_elected=9
        )
    page = as_user("office").get(reverse("registry:council_detail", args=[council.pk])).content.decode()
    assert "chỉ xem, không ghi thêm hay bổ sung hồ sơ nào, kể cả ghi lùi về ngày 30/06/2025 trở về trước" in page
    assert "HĐND phường Đức Phổ" in page
    assert list(successor.predecessors.all()) == [council]


@pytest.mark.django_db
def test_link_successors_from_loaded_units(world) -> None:
    town = CouncilFactory(level=CouncilLevel.DISTRICT, unit_type=UnitType.THI_XA, unit_code="534", historical=True)
    for code, name in (("21439", "Đức Phổ"), ("21451", "Trà Câu")):
        CouncilFactory(unit_code=code, unit_name=name, unit_type=UnitType.PHUONG)
    assert {c.unit_name for c in link_successors(town)} == {"Đức Phổ", "Trà Câu"}
    assert town.successors.count() == 2
