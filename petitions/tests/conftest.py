"""A town council (district level, before 01/07/2025) with communes and wards, bodies and a 2024 round."""

import datetime
from dataclasses import dataclass

import pytest

from petitions import services
from petitions.models import ContactRound, Level, Period, PetitionField
from registry.models import Body, BodyKind, Council, CouncilLevel, UnitType
from registry.services import setting_set
from registry.tests.factories import BodyFactory, CouncilFactory

UNITS = [
    ("Nguyễn Nghiêm", UnitType.PHUONG),
    ("Phổ Hòa", UnitType.PHUONG),
    ("Phổ Minh", UnitType.PHUONG),
    ("Phổ Ninh", UnitType.PHUONG),
    ("Phổ Quang", UnitType.PHUONG),
    ("Phổ Thạnh", UnitType.PHUONG),
    ("Phổ Văn", UnitType.PHUONG),
    ("Phổ Vinh", UnitType.PHUONG),
    ("Phổ An", UnitType.XA),
    ("Phổ Châu", UnitType.XA),
    ("Phổ Cường", UnitType.XA),
    ("Phổ Khánh", UnitType.XA),
    ("Phổ Nhơn", UnitType.XA),
    ("Phổ Phong", UnitType.XA),
    ("Phổ Thuận", UnitType.XA),
]
BODIES = [
    (BodyKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân thị xã", "UBND thị xã"),
    (BodyKind.AGENCY, "Phòng Quản lý đô thị thị xã", "Phòng QLĐT"),
    (BodyKind.AGENCY, "Phòng Tài nguyên và Môi trường thị xã", "Phòng TN&MT"),
    (BodyKind.AGENCY, "Phòng Kinh tế thị xã", "Phòng Kinh tế"),
    (BodyKind.AGENCY, "Phòng Giáo dục và Đào tạo thị xã", "Phòng GD&ĐT"),
    (BodyKind.AGENCY, "Phòng Y tế thị xã", "Phòng Y tế"),
    (BodyKind.AGENCY, "Phòng Lao động - Thương binh và Xã hội thị xã", "Phòng LĐ-TB&XH"),
    (BodyKind.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam thị xã", "UBMTTQVN thị xã"),
    (BodyKind.UPPER_COUNCIL, "Hội đồng nhân dân tỉnh Quảng Ngãi", "HĐND tỉnh"),
]


@dataclass
class Town:
    council: Council
    units: dict[str, Council]
    bodies: dict[str, Body]
    fields: dict[str, PetitionField]
    round: ContactRound
    world: object


@pytest.fixture
def town(world) -> Town:
    council = world.council
    council.level, council.unit_type, council.unit_name = CouncilLevel.DISTRICT, UnitType.THI_XA, "Đức Phổ Thử"
    council.save()
    units = {name: CouncilFactory(parent=council, unit_name=name, unit_type=kind, active=False) for name, kind in UNITS}
    bodies = {
        short: BodyFactory(council=council, kind=kind, name=name, short_name=short) for kind, name, short in BODIES
    }
    bodies["Phòng TC-KH"] = world.agency
    setting_set(council=council, key=services.ANSWER_RULE, value=30)
    fields = {f.name: f for f in services.field_defaults_ensure(council=council)}
    contact_round = services.round_create(
        council=council, year=2024, period=Period.MID_YEAR, starts_on=datetime.date(2024, 6, 3)
    )
    return Town(council, units, bodies, fields, contact_round, world)


def make_petition(town: Town, text: str, unit: str = "Phổ An", level: str = Level.DISTRICT, **extra: object):
    extra.setdefault("body", town.bodies["Phòng QLĐT"] if level == Level.DISTRICT else None)
    extra.setdefault("field", town.fields["Giao thông"])
    return services.petition_create(
        contact_round=extra.pop("contact_round", town.round),
        data=services.PetitionData(text=text, unit=town.units[unit], level=level, **extra),
    )


def answer_through_followup(petition, *, text: str = "Đã bố trí vốn năm 2025.", outcome: str = "da_tra_loi"):
    """Forward the petition (with the others of its round and body) and have its body answer it, the way
    users do: the petition's progress is its obligation's, never written on the petition."""
    services.petitions_forward(
        contact_round=petition.round,
        body=petition.body,
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
        issued_on=datetime.date(2024, 6, 20),
    )
    petition.refresh_from_db()
    return services.record_answer(petition=petition, user=None, text=text, state=outcome)
