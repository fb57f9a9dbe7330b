"""Registry rules: duplicates refused, vacancies visible, delegates in office on a date, protected deletes."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from registry import selectors, services
from registry.models import Body, BodyKind, Council, CouncilLevel, Delegate, MemberRole, Membership, UnitType

D = datetime.date


@pytest.fixture
def standing(world):
    return services.body_create(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")


@pytest.mark.django_db
def test_duplicate_unit_code_refused(world) -> None:
    services.council_create(level=CouncilLevel.COMMUNE, unit_type=UnitType.XA, unit_name="Phổ An", unit_code="21442")
    with pytest.raises(ValidationError) as exc:
        services.council_create(
            level=CouncilLevel.COMMUNE, unit_type=UnitType.XA, unit_name="Phổ An 2", unit_code="21442"
        )
    assert "mã đơn vị hành chính" in str(exc.value)
    # The same code in the list before 01/07/2025 is another unit.
    services.council_create(
        level=CouncilLevel.COMMUNE, unit_type=UnitType.XA, unit_name="Phổ An", unit_code="21442", historical=True
    )
    assert Council.objects.filter(unit_code="21442").count() == 2


@pytest.mark.django_db
def test_two_chairs_at_once_refused(world, standing) -> None:
    kien = services.person_create(council=world.council, full_name="Nguyễn Kiên")
    van = services.person_create(council=world.council, full_name="Nguyễn Xuân Văn")
    services.membership_create(person=kien, body=standing, role=MemberRole.CHAIR, starts_on=D(2021, 6, 25))
    with pytest.raises(ValidationError) as exc:
        services.membership_create(person=van, body=standing, role=MemberRole.CHAIR, starts_on=D(2024, 10, 15))
    assert "Nguyễn Kiên" in str(exc.value)
    assert Membership.objects.filter(role=MemberRole.CHAIR).count() == 1


@pytest.mark.django_db
def test_same_person_twice_in_body_and_period_refused(world, standing) -> None:
    kieu = services.person_create(council=world.council, full_name="Nguyễn Thị Kiều")
    services.membership_create(person=kieu, body=standing, role=MemberRole.VICE_CHAIR, starts_on=D(2021, 6, 25))
    with pytest.raises(ValidationError):
        services.membership_create(person=kieu, body=standing, role=MemberRole.VICE_CHAIR, starts_on=D(2022, 1, 1))


@pytest.mark.django_db
def test_who_chaired_on_a_day_and_the_vacancy(world, standing) -> None:
    kien = services.person_create(council=world.council, full_name="Nguyễn Kiên")
    van = services.person_create(council=world.council, full_name="Nguyễn Xuân Văn")
    services.membership_create(
        person=kien, body=standing, role=MemberRole.CHAIR, starts_on=D(2021, 6, 25), ends_on=D(2023, 12, 31)
    )
    services.membership_create(person=van, body=standing, role=MemberRole.CHAIR, starts_on=D(2024, 10, 15))
    chair = lambda day: [m.person.full_name for m in selectors.holders_on(body=standing, role="chu_tich", on=day)]  # noqa: E731
    assert chair(D(2022, 1, 12)) == ["Nguyễn Kiên"]
    assert chair(D(2024, 6, 1)) == []  # vacant, as seed 000 says
    assert chair(D(2024, 11, 1)) == ["Nguyễn Xuân Văn"]


@pytest.mark.django_db
def test_delegates_in_office_on_a_day(world, django_assert_num_queries) -> None:
    people = [services.person_create(council=world.council, full_name=f"Đại biểu {i}") for i in range(4)]
    delegates = [services.delegate_create(term=world.term, person=p, elected_on=D(2021, 5, 23)) for p in people]
    services.delegate_change_status(delegate=delegates[0], status="thoi_lam_nhiem_vu", happened_on=D(2023, 3, 1))
    services.delegate_change_status(delegate=delegates[1], status="tu_tran", happened_on=D(2024, 8, 9))
    with django_assert_num_queries(1):
        assert selectors.delegates_in_office(council=world.council, on=D(2022, 1, 1)).count() == 4
    assert selectors.delegates_in_office(council=world.council, on=D(2023, 3, 1)).count() == 3
    assert selectors.delegates_in_office(council=world.council, on=D(2024, 9, 1)).count() == 2
    assert selectors.delegates_in_office(council=world.other_council, on=D(2024, 9, 1)).count() == 0
    assert [e.status for e in delegates[0].events.all()] == ["trung_cu", "thoi_lam_nhiem_vu"]


@pytest.mark.django_db
def test_delegate_cannot_leave_twice_or_before_election(world) -> None:
    person = services.person_create(council=world.council, full_name="Lê Văn C")
    delegate = services.delegate_create(term=world.term, person=person, elected_on=D(2021, 5, 23))
    with pytest.raises(ValidationError):
        services.delegate_change_status(delegate=delegate, status="bai_nhiem", happened_on=D(2020, 1, 1))
    services.delegate_change_status(delegate=delegate, status="bai_nhiem", happened_on=D(2022, 1, 1))
    with pytest.raises(ValidationError):
        services.delegate_change_status(delegate=delegate, status="tu_tran", happened_on=D(2023, 1, 1))
    delegate.refresh_from_db()
    assert delegate.status == "bai_nhiem"


@pytest.mark.django_db
def test_group_must_belong_to_the_council(world) -> None:
    foreign = Body.objects.create(council=world.other_council, kind=BodyKind.DELEGATE_GROUP, name="Tổ khác")
    person = services.person_create(council=world.council, full_name="Phạm D")
    with pytest.raises(ValidationError):
        services.delegate_create(term=world.term, person=person, elected_on=D(2021, 5, 23), group=foreign)
    assert not Delegate.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_delete_refused_when_referred_to(world) -> None:
    person = services.person_create(council=world.council, full_name="Hồ E")
    services.delegate_create(term=world.term, person=person, elected_on=D(2021, 5, 23), group=world.group)
    with pytest.raises(ValidationError) as exc:
        services.record_delete(obj=world.group)
    assert "Không thể xóa" in exc.value.messages[0]
    assert Body.objects.filter(pk=world.group.pk).exists()


@pytest.mark.django_db
def test_text_is_nfc_and_stripped(world) -> None:
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị Kiều ")
    person = services.person_create(council=world.council, full_name=decomposed)
    assert person.full_name == "Nguyễn Thị Kiều"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.name_folded == "nguyen thi kieu"
    assert [p.pk for p in selectors.person_list(council=world.council, search="NGUYEN thi")] == [person.pk]


@pytest.mark.django_db
def test_history_keeps_who_and_what(world) -> None:
    from hdnd.history import history_rows

    person = services.person_create(council=world.council, full_name="Đỗ F", position="Chuyên viên")
    services.person_update(person=person, position="Trưởng phòng")
    rows = history_rows(person)
    assert [r.action for r in rows] == ["Sửa", "Tạo mới"]
    assert ("Chức vụ", "Chuyên viên", "Trưởng phòng") in rows[0].fields
