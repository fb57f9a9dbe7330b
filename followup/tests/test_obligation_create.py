"""Creating obligations: deadlines given or computed with the council's calendar, and bad input refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from followup import services
from followup.kinds import KINDS, kind_label, register_kind
from followup.models import Obligation
from followup.tests.factories import make_obligation
from registry.models import CalendarDay, DayKind, Role, RoleGrant
from registry.tests.factories import BodyFactory, PersonFactory

D = datetime.date


@pytest.mark.django_db
def test_deadline_from_working_days_skips_tet(world) -> None:
    # 07/02/2024 + 5 working days, Tết 08-14/02/2024 off: 15, 16, 19, 20, 21/02.
    obligation = make_obligation(
        council=world.council, owner=world.agency, source_date=D(2024, 2, 7), due_on=None, days=5, unit="ngay_lam_viec"
    )
    assert obligation.due_on == D(2024, 2, 21)


@pytest.mark.django_db
def test_deadline_from_rule_and_council_setting(world) -> None:
    # Luật 87/2015 Art. 60, 69: written answer within 20 days; 20/01/2024 + 20 = 09/02/2024 (Tết) -> 15/02/2024.
    obligation = make_obligation(
        council=world.council, owner=world.agency, source_date=D(2024, 1, 20), due_on=None, rule="written_answer_days"
    )
    assert obligation.due_on == D(2024, 2, 15)
    assert obligation.due_rule == "written_answer_days"


@pytest.mark.django_db
def test_deadline_counts_a_compensatory_saturday(world) -> None:
    CalendarDay.objects.create(council=world.council, day=D(2024, 5, 4), kind=DayKind.WORKING)
    # 26/04/2024 + 2 working days: 27/04 Sat and 29/04-01/05 off, 02/05 (1), 03/05 (2).
    # + 3 working days reaches the worked Saturday 04/05.
    obligation = make_obligation(
        council=world.council, owner=world.agency, source_date=D(2024, 4, 26), due_on=None, days=3, unit="ngay_lam_viec"
    )
    assert obligation.due_on == D(2024, 5, 4)


@pytest.mark.django_db
def test_missing_rule_value_is_a_field_error(world) -> None:
    with pytest.raises(ValidationError) as exc:
        make_obligation(council=world.council, owner=world.agency, due_on=None, rule="petition_answer_days")
    assert "Chưa thiết lập quy định" in exc.value.message_dict["rule"][0]
    assert not Obligation.objects.exists()


@pytest.mark.django_db
def test_deadline_before_source_date_refused(world) -> None:
    with pytest.raises(ValidationError) as exc:
        make_obligation(council=world.council, owner=world.agency, source_date=D(2024, 3, 10), due_on=D(2024, 3, 9))
    assert exc.value.message_dict["due_on"] == ["Hạn xử lý (09/03/2024) không thể trước ngày của nguồn (10/03/2024)."]
    assert not Obligation.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"title": "  "}, "title", "Vui lòng nhập nội dung phải thực hiện."),
        ({"kind": "khong_co"}, "kind", "Loại nghĩa vụ chưa được đăng ký."),
        ({"due_on": None}, "due_on", "Vui lòng nhập hạn xử lý hoặc chọn quy định để tính hạn."),
        ({"rule": "written_answer_days"}, "due_on", "Chỉ nhập hạn xử lý hoặc quy định tính hạn, không nhập cả hai."),
        ({"due_on": None, "rule": "khong_co"}, "rule", "Quy định không tồn tại."),
        ({"due_on": None, "days": -1}, "days", "Số ngày không hợp lệ."),
    ],
)
@pytest.mark.django_db
def test_bad_input_refused_with_field_message(world, kwargs: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        make_obligation(council=world.council, owner=world.agency, **kwargs)
    assert exc.value.message_dict[field] == [message]
    assert not Obligation.objects.exists()


@pytest.mark.django_db
def test_owner_and_person_of_another_council_refused(world) -> None:
    foreign = BodyFactory(council=world.other_council)
    with pytest.raises(ValidationError) as exc:
        make_obligation(council=world.council, owner=foreign)
    assert exc.value.message_dict["owner"] == ["Cơ quan thực hiện không thuộc Hội đồng này."]
    with pytest.raises(ValidationError) as exc:
        make_obligation(
            council=world.council, owner=world.agency, owner_person=PersonFactory(council=world.other_council)
        )
    assert "owner_person" in exc.value.message_dict
    assert not Obligation.objects.exists()


@pytest.mark.django_db
def test_source_link_and_label(world) -> None:
    # Any record can be the source; a RoleGrant stands in for a workflow's record here.
    source = RoleGrant.objects.get(user=world.users["agency"], role=Role.AGENCY_USER)
    obligation = make_obligation(council=world.council, owner=world.agency, source=source, source_label="")
    obligation.refresh_from_db()
    assert obligation.source == source
    assert obligation.source_label == str(source)


@pytest.mark.django_db
def test_text_is_normalised_and_folded(world) -> None:
    decomposed = "Ba\u0301o ca\u0301o   đường"  # NFD input with repeated spaces
    obligation = make_obligation(council=world.council, owner=world.agency, title=decomposed)
    assert obligation.title == "Báo cáo đường"
    assert obligation.title_folded == "bao cao duong"


def test_register_kind_is_idempotent() -> None:
    register_kind("thu_nghiem", "Thử nghiệm")
    register_kind("thu_nghiem", "Thử nghiệm lại")
    assert kind_label("thu_nghiem") == "Thử nghiệm lại"
    del KINDS["thu_nghiem"]
    with pytest.raises(ValueError):
        register_kind("", "Rỗng")


@pytest.mark.django_db
def test_history_recorded_with_user(world) -> None:
    office = world.users["office"]
    obligation = make_obligation(council=world.council, owner=world.agency, user=office)
    services.obligation_report(obligation=obligation, user=world.users["agency"], text="Xong", done=True)
    records = list(obligation.history.order_by("history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert records[0].history_user == office
    assert records[1].history_user == world.users["agency"]
    assert records[1].state == "da_bao_cao"
