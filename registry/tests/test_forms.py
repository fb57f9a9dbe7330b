"""Every registry form: bad input gets a Vietnamese message naming the field, and nothing is saved."""

import unicodedata

import pytest
from django.urls import reverse

from registry import services
from registry.models import Body, CalendarDay, Delegate, LegalSetting, Membership, Person


@pytest.mark.django_db
def test_delegate_form_missing_fields(world, as_user) -> None:
    response = as_user("office").post(reverse("registry:delegate_create"), {"full_name": "  "})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["full_name"] == ["Trường này là bắt buộc."]
    assert "term" in form.errors and "elected_on" in form.errors
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_delegate_form_creates_person_and_seat_in_nfc(world, as_user) -> None:
    name = unicodedata.normalize("NFD", " Trương  Công Thành ")
    response = as_user("office").post(
        reverse("registry:delegate_create"),
        {"full_name": name, "term": world.term.pk, "group": world.group.pk, "elected_on": "23/05/2021"},
    )
    assert response.status_code == 302
    delegate = Delegate.objects.select_related("person").get()
    assert delegate.person.full_name == "Trương Công Thành"
    assert delegate.group == world.group
    history = delegate.history.first()
    assert history.history_user == world.users["office"]


@pytest.mark.django_db
def test_delegate_form_election_outside_term_saves_nothing(world, as_user) -> None:
    response = as_user("office").post(
        reverse("registry:delegate_create"),
        {"full_name": "Người Ngoài", "term": world.term.pk, "elected_on": "01/01/2030"},
    )
    assert response.status_code == 200
    assert "Ngày trúng cử không thuộc nhiệm kỳ." in response.context["form"].errors["elected_on"]
    assert not Person.objects.filter(full_name="Người Ngoài").exists()


@pytest.mark.django_db
def test_body_form_duplicate_name(world, as_user) -> None:
    response = as_user("office").post(
        reverse("registry:body_create"), {"kind": "co_quan", "name": "Phòng Tài chính - Kế hoạch"}
    )
    assert response.status_code == 200
    assert "Hội đồng đã có cơ quan, tổ chức với tên này." in str(response.context["form"].errors)
    assert Body.objects.filter(name="Phòng Tài chính - Kế hoạch").count() == 1


@pytest.mark.django_db
def test_membership_form_second_chair_refused(world, as_user) -> None:
    a = services.person_create(council=world.council, full_name="Tổ Trưởng A")
    b = services.person_create(council=world.council, full_name="Tổ Trưởng B")
    url = reverse("registry:membership_create", args=[world.group.pk])
    client = as_user("office")
    assert client.post(url, {"person": a.pk, "role": "to_truong", "starts_on": "25/06/2021"}).status_code == 302
    response = client.post(url, {"person": b.pk, "role": "to_truong", "starts_on": "01/01/2022"})
    assert response.status_code == 200
    assert "Tổ Trưởng A" in str(response.context["form"].non_field_errors())
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_membership_end_before_start(world, as_user) -> None:
    a = services.person_create(council=world.council, full_name="Thành Viên")
    m = services.membership_create(person=a, body=world.group, role="uy_vien", starts_on=world.term.starts_on)
    response = as_user("office").post(reverse("registry:membership_end", args=[m.pk]), {"ends_on": "01/01/2020"})
    assert "Ngày kết thúc không thể trước ngày bắt đầu." in response.context["form"].errors["ends_on"]
    m.refresh_from_db()
    assert m.ends_on is None


@pytest.mark.django_db
def test_setting_form_negative_and_valid(world, as_user) -> None:
    url = reverse("registry:setting_edit", args=["petition_answer_days"])
    client = as_user("office_chief")
    response = client.post(url, {"value": "-5", "unit": "ngay"})
    assert response.status_code == 200 and "value" in response.context["form"].errors
    assert not LegalSetting.objects.exists()
    assert client.post(url, {"value": "45", "unit": "ngay"}).status_code == 302
    assert LegalSetting.objects.get().value == 45
    page = client.get(reverse("registry:settings")).content.decode()
    assert "45 ngày" in page


@pytest.mark.django_db
def test_calendar_day_duplicate(world, as_user) -> None:
    client = as_user("office_chief")
    url = reverse("registry:calendar_day_add")
    assert client.post(url, {"day": "04/05/2024", "kind": "lam_viec"}).status_code == 302
    response = client.post(url, {"day": "04/05/2024", "kind": "nghi"})
    assert "Ngày này đã có trong lịch của Hội đồng." in str(response.context["form"].errors)
    assert CalendarDay.objects.count() == 1


@pytest.mark.django_db
def test_delete_referred_body_shows_message(world, as_user) -> None:
    person = services.person_create(council=world.council, full_name="Đại Biểu Tổ")
    services.delegate_create(term=world.term, person=person, elected_on=world.term.starts_on, group=world.group)
    response = as_user("office").post(reverse("registry:body_delete", args=[world.group.pk]), follow=True)
    assert "Không thể xóa" in response.content.decode()
    assert Body.objects.filter(pk=world.group.pk).exists()


@pytest.mark.django_db
def test_dates_read_dd_mm_yyyy(world, as_user) -> None:
    person = services.person_create(council=world.council, full_name="Ngày Tháng")
    d = services.delegate_create(term=world.term, person=person, elected_on=world.term.starts_on)
    html = as_user("office").get(reverse("registry:delegate_detail", args=[d.pk])).content.decode()
    assert "25/06/2021" in html
