"""A small town council shaped like the demo one (seed 001's people and bodies), built through the services."""

import datetime
from dataclasses import dataclass

from registry import services
from registry.models import Body, BodyKind, Council, CouncilLevel, MemberRole, Membership, Person, Term, UnitType

D = datetime.date


@dataclass
class Town:
    council: Council
    term: Term
    bodies: dict[str, Body]
    people: dict[str, Person]
    kien_chair: Membership
    kieu_vice: Membership


BODIES = [
    (BodyKind.STANDING_COMMITTEE, "Thường trực HĐND thị xã", "Thường trực HĐND"),
    (BodyKind.COMMITTEE, "Ban Kinh tế - Xã hội HĐND thị xã", "Ban Kinh tế - Xã hội"),
    (BodyKind.COMMITTEE, "Ban Pháp chế HĐND thị xã", "Ban Pháp chế"),
    (BodyKind.OFFICE, "Văn phòng HĐND và UBND thị xã", "Văn phòng thị xã"),
    (BodyKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân thị xã Đức Phổ", "UBND thị xã"),
    (BodyKind.PARTY, "Thị ủy Đức Phổ", "Thị ủy"),
]
PEOPLE = [
    ("Nguyễn Kiên", "Tỉnh ủy viên, Bí thư Thị ủy"),
    ("Nguyễn Thị Kiều", "Phó Chủ tịch HĐND thị xã"),
    ("Nguyễn Xuân Văn", "Phó Bí thư Thường trực Thị ủy"),
    ("Trần Văn Hùng", "Trưởng Ban Kinh tế - Xã hội HĐND thị xã"),
    ("Lê Thị Hoa", "Trưởng Ban Pháp chế HĐND thị xã"),
    ("Nguyễn Viết Thanh", "Chánh Văn phòng HĐND và UBND thị xã"),
]


def make_town(council: Council | None = None, term: Term | None = None) -> Town:
    """A thị xã council (the given one, turned into a town, or a new one) with seed 001's standing committee."""
    if council is None:
        council = services.council_create(
            level=CouncilLevel.DISTRICT,
            unit_type=UnitType.THI_XA,
            unit_name="Đức Phổ",
            unit_code="95340",
            historical=True,
            active=True,
            place_name="Đức Phổ",
        )
    else:
        council.level, council.unit_type, council.place_name = CouncilLevel.DISTRICT, UnitType.THI_XA, "Đức Phổ"
        council.save()
    if term is None:
        term = services.term_create(
            council=council, name="2021-2026", starts_on=D(2021, 6, 25), ends_on=D(2026, 6, 30), delegates_elected=30
        )
    bodies = {
        short: services.body_create(council=council, kind=kind, name=name, short_name=short)
        for kind, name, short in BODIES
    }
    people = {
        name: services.person_create(council=council, full_name=name, position=position) for name, position in PEOPLE
    }
    standing = bodies["Thường trực HĐND"]
    start, end = D(2021, 6, 25), D(2026, 6, 30)
    kien = services.membership_create(
        person=people["Nguyễn Kiên"], body=standing, role=MemberRole.CHAIR, starts_on=start, ends_on=D(2023, 12, 31)
    )
    services.membership_create(
        person=people["Nguyễn Xuân Văn"], body=standing, role=MemberRole.CHAIR, starts_on=D(2024, 10, 15), ends_on=end
    )
    kieu = services.membership_create(
        person=people["Nguyễn Thị Kiều"], body=standing, role=MemberRole.VICE_CHAIR, starts_on=start, ends_on=end
    )
    for name in ("Trần Văn Hùng", "Lê Thị Hoa"):
        services.membership_create(
            person=people[name], body=standing, role=MemberRole.MEMBER, starts_on=start, ends_on=end
        )
    services.membership_create(
        person=people["Nguyễn Viết Thanh"],
        body=bodies["Văn phòng thị xã"],
        role=MemberRole.OFFICE_CHIEF,
        starts_on=start,
    )
    return Town(council, term, bodies, people, kien, kieu)
