"""The demo council: the Đức Phổ town council (Quảng Ngãi) of the seeds, term 2021-2026.

Names that the seeds give are used as given (Nguyễn Kiên, Nguyễn Thị Kiều, Nguyễn Xuân Văn, Nguyễn Viết
Thanh); every other name is invented. Each workflow app appends its own idempotent seeder to `SEEDERS`.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from vietnam_provinces.legacy import District, Ward

from registry import services
from registry.models import (
    Body,
    BodyKind,
    Council,
    CouncilLevel,
    DayKind,
    MemberRole,
    Person,
    Role,
    Term,
    UnitType,
)
from registry.units import bare_name, load_administrative_units

D = datetime.date
SEEDERS: list[Callable[[Council], None]] = []
# Seeders that link to what the others made (a work programme pointing at sessions and rounds) run after them.
LATE_SEEDERS: list[Callable[[Council], None]] = []
# Steps that issue numbered documents, queued by the seeders with their issue date: several apps number in
# one series (the office's letters answer opinion requests and forward petitions), and an issue date never
# goes backwards within a series (issue 12.7), so seed() runs these steps in date order across apps, after
# the seeders and before the late ones. Outside seed() (a test calling one app's seeder) a step runs at once.
_dated_steps: list[tuple[datetime.date, int, Callable[[], None]]] | None = None
DEMO_PASSWORD = "hdnd@2026"
REFORM_DAY = D(2025, 7, 1)  # Luật 72/2025/QH15: district-level councils ceased on 01/07/2025.
# The town's last day (Council.last_day once hdnd.demo_live ceases it): its story is told up to this day, so
# none of its records, deadlines or steps is dated after it, whatever day the demo is seeded.
LAST_DAY = REFORM_DAY - datetime.timedelta(days=1)

AGENCIES = [
    ("Phòng Tài chính - Kế hoạch thị xã", "Phòng TC-KH"),
    ("Phòng Tài nguyên và Môi trường thị xã", "Phòng TN&MT"),
    ("Phòng Nội vụ thị xã", "Phòng Nội vụ"),
    ("Phòng Kinh tế thị xã", "Phòng Kinh tế"),
    ("Phòng Quản lý đô thị thị xã", "Phòng QLĐT"),
    ("Phòng Lao động - Thương binh và Xã hội thị xã", "Phòng LĐ-TB&XH"),
    ("Phòng Giáo dục và Đào tạo thị xã", "Phòng GD&ĐT"),
    ("Phòng Y tế thị xã", "Phòng Y tế"),
    ("Phòng Tư pháp thị xã", "Phòng Tư pháp"),
    ("Phòng Văn hóa và Thông tin thị xã", "Phòng VH-TT"),
    ("Thanh tra thị xã", "Thanh tra thị xã"),
]

# Five delegate groups, three communes or wards each (invented split).
GROUPS = [
    ["Phường Nguyễn Nghiêm", "Phường Phổ Hòa", "Phường Phổ Minh"],
    ["Phường Phổ Ninh", "Phường Phổ Quang", "Phường Phổ Thạnh"],
    ["Phường Phổ Văn", "Phường Phổ Vinh", "Xã Phổ An"],
    ["Xã Phổ Châu", "Xã Phổ Cường", "Xã Phổ Khánh"],
    ["Xã Phổ Nhơn", "Xã Phổ Phong", "Xã Phổ Thuận"],
]

# (name, gender, birth year, position) — invented delegates, six per group; the first leads the group.
DELEGATES = [
    ("Trần Văn Hùng", "nam", 1972, "Trưởng Ban Kinh tế - Xã hội HĐND thị xã"),
    ("Phạm Thị Lan", "nu", 1980, "Chủ tịch UBMTTQVN phường Nguyễn Nghiêm"),
    ("Võ Minh Tuấn", "nam", 1976, "Hiệu trưởng Trường THCS Phổ Hòa"),
    ("Huỳnh Thị Mai", "nu", 1985, "Bác sĩ Trung tâm Y tế thị xã"),
    ("Đặng Văn Long", "nam", 1969, "Bí thư Đảng ủy phường Phổ Minh"),
    ("Bùi Thị Thu Hà", "nu", 1988, "Phó Bí thư Thị đoàn"),
    ("Lê Thị Hoa", "nu", 1975, "Trưởng Ban Pháp chế HĐND thị xã"),
    ("Nguyễn Văn Dũng", "nam", 1970, "Chánh án Tòa án nhân dân thị xã"),
    ("Trương Công Thành", "nam", 1978, "Chủ tịch UBND phường Phổ Quang"),
    ("Phan Thị Ngọc", "nu", 1983, "Giáo viên Trường THPT Số 2 Đức Phổ"),
    ("Lương Văn Sơn", "nam", 1966, "Chủ tịch Hội Nông dân thị xã"),
    ("Đỗ Thị Hạnh", "nu", 1990, "Phó Chủ tịch Hội Liên hiệp Phụ nữ thị xã"),
    ("Nguyễn Xuân Văn", "nam", 1971, "Phó Bí thư Thường trực Thị ủy"),
    ("Hồ Văn Phúc", "nam", 1974, "Chủ tịch UBND phường Phổ Văn"),
    ("Tạ Thị Kim Oanh", "nu", 1986, "Trưởng phòng Văn hóa và Thông tin thị xã"),
    ("Cao Văn Thắng", "nam", 1968, "Bí thư Đảng ủy xã Phổ An"),
    ("Mai Thị Bích", "nu", 1992, "Phó Chủ tịch UBND phường Phổ Vinh"),
    ("Đinh Văn Tài", "nam", 1979, "Giám đốc Hợp tác xã nông nghiệp Phổ Vinh"),
    ("Nguyễn Thị Kiều", "nu", 1973, "Phó Chủ tịch HĐND thị xã"),
    ("Lâm Văn Quang", "nam", 1977, "Chủ tịch UBND xã Phổ Châu"),
    ("Vũ Thị Hồng", "nu", 1984, "Viện trưởng Viện kiểm sát nhân dân thị xã"),
    ("Trịnh Văn Hải", "nam", 1965, "Ngư dân xã Phổ Khánh"),
    ("Kiều Thị Nga", "nu", 1991, "Phó Trưởng Ban Pháp chế HĐND thị xã"),
    ("Thái Văn Bình", "nam", 1981, "Bí thư Đảng ủy xã Phổ Cường"),
    ("Nguyễn Kiên", "nam", 1967, "Tỉnh ủy viên, Bí thư Thị ủy"),
    ("Châu Thị Yến", "nu", 1987, "Phó Trưởng Ban Kinh tế - Xã hội HĐND thị xã"),
    ("Lê Văn Tâm", "nam", 1975, "Chủ tịch UBND xã Phổ Phong"),
    ("Phùng Thị Diệu", "nu", 1982, "Trưởng Trạm Y tế xã Phổ Nhơn"),
    ("Ông Văn Lực", "nam", 1970, "Bí thư Đảng ủy xã Phổ Thuận"),
    ("Nguyễn Thị Thanh Thúy", "nu", 1989, "Chuyên viên Văn phòng HĐND và UBND thị xã"),
]

USERS = [
    # username, full name, role, body short name or None, person name or None — in the town council; in the
    # live council (hdnd.demo_live.LIVE_LOGINS) the same logins hold the same roles as the ward's own people
    # (invented names, which the logins then carry), and the agency login the town office's successor.
    ("vanphong", "Trần Thị Mỹ (chuyên viên Văn phòng)", Role.OFFICE_STAFF, None, None),
    ("chanhvanphong", "Nguyễn Viết Thanh", Role.OFFICE_CHIEF, None, "Nguyễn Viết Thanh"),
    ("thuongtruc", "Nguyễn Thị Kiều", Role.STANDING_MEMBER, None, "Nguyễn Thị Kiều"),
    ("thanhvienban", "Lê Thị Hoa", Role.COMMITTEE_MEMBER, "Ban Pháp chế", "Lê Thị Hoa"),
    ("daibieu", "Phạm Thị Lan", Role.DELEGATE, None, "Phạm Thị Lan"),
    ("coquan", "Chuyên viên Phòng Kinh tế, Hạ tầng và Đô thị phường", Role.AGENCY_USER, "Phòng TC-KH", None),
]
# Names the demo gave its logins before issue 18 (a demo database made then is renamed on the next run).
OLD_NAMES = {"coquan": "Phòng Tài chính - Kế hoạch"}


def demo_council() -> Council | None:
    return Council.objects.filter(level=CouncilLevel.DISTRICT, unit_code="534", historical=True).first()


def _body(council: Council, kind: str, name: str, short: str = "", **extra: object) -> Body:
    return services.body_create(council=council, kind=kind, name=name, short_name=short or name, **extra)


@transaction.atomic
def _create_council() -> Council:
    province = Council.objects.get(level=CouncilLevel.PROVINCE, unit_code="51", historical=False)
    services.council_update(council=province, active=True)
    district = District.from_code(534)
    town = services.council_create(
        level=CouncilLevel.DISTRICT,
        unit_type=UnitType.THI_XA,
        unit_name=bare_name(district.name),
        unit_code=str(int(district.code)),
        historical=True,
        parent=province,
        active=True,
        place_name="Đức Phổ",
    )
    communes = {}
    for ward in Ward.iter_all():
        if ward.district_code == district.code:
            communes[ward.name] = services.council_create(
                level=CouncilLevel.COMMUNE,
                unit_type=UnitType.PHUONG if ward.name.startswith("Phường") else UnitType.XA,
                unit_name=bare_name(ward.name),
                unit_code=str(int(ward.code)),
                historical=True,
                parent=town,
                active=False,
                ceased_on=REFORM_DAY,
            )
    term = services.term_create(
        council=town, name="2021-2026", starts_on=D(2021, 6, 25), ends_on=D(2026, 6, 30), delegates_elected=30
    )

    standing = _body(town, BodyKind.STANDING_COMMITTEE, "Thường trực HĐND thị xã", "Thường trực HĐND")
    ktxh = _body(town, BodyKind.COMMITTEE, "Ban Kinh tế - Xã hội HĐND thị xã", "Ban Kinh tế - Xã hội")
    pc = _body(town, BodyKind.COMMITTEE, "Ban Pháp chế HĐND thị xã", "Ban Pháp chế")
    office = _body(town, BodyKind.OFFICE, "Văn phòng HĐND và UBND thị xã", "Văn phòng thị xã")
    ubnd = _body(town, BodyKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân thị xã Đức Phổ", "UBND thị xã")
    for name, short in AGENCIES:
        _body(town, BodyKind.AGENCY, name, short, parent=ubnd)
    _body(town, BodyKind.FATHERLAND_FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã Đức Phổ", "UBMTTQVN thị xã")
    _body(town, BodyKind.COURT, "Tòa án nhân dân thị xã Đức Phổ", "TAND thị xã")
    _body(town, BodyKind.PROCURACY, "Viện kiểm sát nhân dân thị xã Đức Phổ", "VKSND thị xã")
    _body(town, BodyKind.PARTY, "Thị ủy Đức Phổ", "Thị ủy")
    _body(town, BodyKind.UPPER_COUNCIL, "Hội đồng nhân dân tỉnh Quảng Ngãi", "HĐND tỉnh", linked_council=province)
    for ward_name, council in communes.items():
        label = ward_name[0].lower() + ward_name[1:]  # "phường Phổ Quang"
        _body(town, BodyKind.LOWER_COUNCIL, f"HĐND {label}", f"HĐND {council.unit_name}", linked_council=council)
        _body(town, BodyKind.LOWER_PEOPLES_COMMITTEE, f"UBND {label}", f"UBND {council.unit_name}")

    groups = []
    for i in range(1, len(GROUPS) + 1):
        groups.append(_body(town, BodyKind.DELEGATE_GROUP, f"Tổ đại biểu số {i}", f"Tổ số {i}"))
    people = {}
    for index, (name, gender, year, position) in enumerate(DELEGATES):
        person = services.person_create(
            council=town, full_name=name, gender=gender, birth_year=year, position=position, workplace="Thị xã Đức Phổ"
        )
        people[name] = person
        group_index = index // 6
        services.delegate_create(
            term=term,
            person=person,
            elected_on=D(2021, 5, 23),
            group=groups[group_index],
            constituency=", ".join(GROUPS[group_index]),
        )
        if index % 6 == 0:
            services.membership_create(
                person=person, body=groups[group_index], role=MemberRole.GROUP_LEADER, starts_on=D(2021, 6, 25)
            )
        else:
            services.membership_create(
                person=person, body=groups[group_index], role=MemberRole.MEMBER, starts_on=D(2021, 6, 25)
            )
    thanh = services.person_create(
        council=town,
        full_name="Nguyễn Viết Thanh",
        gender="nam",
        birth_year=1974,
        position="Chánh Văn phòng HĐND và UBND thị xã",
    )
    services.person_create(
        council=town,
        full_name="Trần Thị Mỹ",
        gender="nu",
        birth_year=1993,
        position="Chuyên viên Văn phòng HĐND và UBND thị xã",
    )
    # The standing committee as the seeds show it: Nguyễn Kiên chair in 2022, the chair vacant in 2024
    # until October, Nguyễn Xuân Văn chair from then; Nguyễn Thị Kiều vice-chair throughout.
    start, end = D(2021, 6, 25), D(2026, 6, 30)
    services.membership_create(
        person=people["Nguyễn Kiên"], body=standing, role=MemberRole.CHAIR, starts_on=start, ends_on=D(2023, 12, 31)
    )
    services.membership_create(
        person=people["Nguyễn Xuân Văn"], body=standing, role=MemberRole.CHAIR, starts_on=D(2024, 10, 15), ends_on=end
    )
    services.membership_create(
        person=people["Nguyễn Thị Kiều"], body=standing, role=MemberRole.VICE_CHAIR, starts_on=start, ends_on=end
    )
    for name, committee in (("Trần Văn Hùng", ktxh), ("Lê Thị Hoa", pc)):
        services.membership_create(
            person=people[name], body=standing, role=MemberRole.MEMBER, starts_on=start, ends_on=end
        )
        services.membership_create(
            person=people[name], body=committee, role=MemberRole.HEAD, starts_on=start, ends_on=end
        )
    for name, committee in (("Châu Thị Yến", ktxh), ("Kiều Thị Nga", pc)):
        services.membership_create(
            person=people[name], body=committee, role=MemberRole.DEPUTY_HEAD, starts_on=start, ends_on=end
        )
    for name in ("Võ Minh Tuấn", "Huỳnh Thị Mai", "Đinh Văn Tài"):
        services.membership_create(person=people[name], body=ktxh, role=MemberRole.MEMBER, starts_on=start)
    for name in ("Nguyễn Văn Dũng", "Phan Thị Ngọc", "Lâm Văn Quang"):
        services.membership_create(person=people[name], body=pc, role=MemberRole.MEMBER, starts_on=start)
    services.membership_create(person=thanh, body=office, role=MemberRole.OFFICE_CHIEF, starts_on=start)
    # A compensatory working Saturday the town adopted (invented, mirrors the national 04/05/2024 swap).
    services.calendar_day_add(
        council=town, day=D(2024, 5, 4), kind=DayKind.WORKING, note="Làm bù cho ngày nghỉ 29/04/2024"
    )
    return town


@transaction.atomic
def _ensure_users(town: Council) -> list[tuple[str, str]]:
    user_model = get_user_model()
    logins = []
    admin, created = user_model.objects.get_or_create(username="admin", defaults={"first_name": "Quản trị"})
    if created:
        admin.is_superuser = admin.is_staff = True
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    services.role_grant(user=admin, council=town, role=Role.ADMIN)
    logins.append(("admin", Role.ADMIN.label))
    for username, full_name, role, body_short, person_name in USERS:
        user, created = user_model.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        elif user.first_name == OLD_NAMES.get(username):
            user.first_name = full_name
            user.save(update_fields=["first_name"])
        body = Body.objects.filter(council=town, short_name=body_short).first() if body_short else None
        person = Person.objects.filter(council=town, full_name=person_name).first() if person_name else None
        services.role_grant(user=user, council=town, role=role, body=body, person=person)
        logins.append((username, Role(role).label))
    # A user of another council, to show that councils do not see each other.
    province = Council.objects.get(level=CouncilLevel.PROVINCE, unit_code="51", historical=False)
    other, created = user_model.objects.get_or_create(
        username="vanphongtinh", defaults={"first_name": "Văn phòng tỉnh"}
    )
    if created:
        other.set_password(DEMO_PASSWORD)
        other.save()
    services.role_grant(user=other, council=province, role=Role.OFFICE_STAFF)
    if not Term.objects.filter(council=province).exists():
        services.term_create(
            council=province, name="2021-2026", starts_on=D(2021, 6, 25), ends_on=D(2026, 6, 30), delegates_elected=56
        )
    logins.append(("vanphongtinh", "Chuyên viên Văn phòng (HĐND tỉnh Quảng Ngãi)"))
    return logins


def issue_on(day: datetime.date, step: Callable[[], None]) -> None:
    """Run `step`, which issues documents dated `day`, in date order with the other seeders' steps."""
    if _dated_steps is None:
        step()
    else:
        _dated_steps.append((day, len(_dated_steps), step))


def seed() -> tuple[Council, list[tuple[str, str]]]:
    """Load the demo; every step is idempotent, so a second run changes nothing."""
    global _dated_steps
    from followup.demo import story_dates  # the registry is below the workflow apps; they plug in here

    since = timezone.now()
    load_administrative_units()
    town = demo_council() or _create_council()
    _dated_steps = []
    try:
        for seeder in SEEDERS:
            seeder(town)
        for _, _, step in sorted(_dated_steps, key=lambda entry: entry[:2]):
            with transaction.atomic():
                step()
    finally:
        _dated_steps = None
    for seeder in LATE_SEEDERS:
        seeder(town)
    logins = _ensure_users(town)
    story_dates(since=since, until=LAST_DAY)
    return town, logins
