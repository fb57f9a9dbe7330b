"""A demo council that is alive today, beside the historical Đức Phổ town council of the seeds.

The town council (seeds 000 and 001) ceased on 01/07/2025 when district-level councils ended (Luật
72/2025/QH15); its records stay, read-only, linked to the councils that took over its area (the
`vietnam-provinces` conversion table). The live council is HĐND phường Đức Phổ (tỉnh Quảng Ngãi), term
2026-2031, with activity dated relative to today: an upcoming session with its submissions, standing
committee tasks overdue and on time, voters' petitions forwarded and waiting for answers, the mid-year
round's petitions answered and published (the portal shows them by residential group and field), citizen
receptions and letters of this year (reception.demo.seed_live), a draft resolution out for opinions and one
whose consultation ended. Every name of a person is invented. Idempotent: a second run changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from consultation import demo as consultation_demo
from documents.models import DocType, Document
from followup import demo as followup_demo
from followup import services as followup
from followup.kinds import TASK
from hdnd.dates import today
from hdnd.saving import validated_save
from petitions import services as petitions
from petitions.models import ContactRound, Level, MeetingForm, Period, Petition, PetitionState, PlaceKind
from plenary import services as plenary
from plenary.models import (
    Attendance,
    ItemKind,
    Presence,
    Resolution,
    Session,
    SessionKind,
    Submission,
    SubmissionKind,
    SubmissionState,
    Vote,
)
from reception import demo as reception_demo
from registry import services as registry
from registry.demo import REFORM_DAY, USERS, demo_council
from registry.models import (
    Body,
    BodyKind,
    Council,
    CouncilLevel,
    LegalSetting,
    MemberRole,
    Membership,
    Person,
    Role,
    RoleGrant,
    Term,
)
from registry.selectors import delegates_in_office
from registry.units import link_successors
from standing import services as standing
from supervision import demo as supervision_demo

D = datetime.date
UNIT_CODE = "21439"  # Phường Đức Phổ (from Nguyễn Nghiêm, Phổ Ninh, Phổ Minh, Phổ Vinh, Phổ Hòa)
TERM_START = D(2026, 4, 10)  # first session after the election of 15/03/2026 (within 45 days)
# The council's working regulation, which sets the numbers the law leaves to it: a resolution of its first
# session (`_first_session` issues it and checks that its register gives it this number).
DECISION_NUMBER = "05/NQ-HĐND"
DECISION = f"Nghị quyết số {DECISION_NUMBER} ngày {TERM_START:%d/%m/%Y} của HĐND phường ban hành Quy chế làm việc"

# (name, gender, birth year, position) — invented; the first two chair and vice-chair the council.
PEOPLE = [
    ("Lê Văn Khải", "nam", 1975, "Chủ tịch HĐND phường"),
    ("Đoàn Thị Mỹ Duyên", "nu", 1973, "Phó Chủ tịch HĐND phường"),
    ("Phạm Văn Đạt", "nam", 1979, "Trưởng Ban Kinh tế - Ngân sách"),
    ("Nguyễn Thị Hằng", "nu", 1986, "Trưởng Ban Văn hóa - Xã hội"),
    ("Võ Văn Lợi", "nam", 1972, "Tổ trưởng tổ dân phố"),
    ("Hà Thị Thu Trang", "nu", 1980, "Phó Chủ tịch Ủy ban MTTQ Việt Nam phường"),
    ("Huỳnh Văn Nam", "nam", 1968, "Hội Cựu chiến binh phường"),
    ("Lâm Thị Ngọc Ánh", "nu", 1992, "Bí thư Đoàn phường"),
    ("Trịnh Công Minh", "nam", 1981, "Doanh nhân"),
    ("Tô Thị Hồng Nhung", "nu", 1975, "Phó Trưởng Ban Kinh tế - Ngân sách"),
]
# Names the ward's people had before they were given their own (they were the town's, real people of the seed
# documents): a demo database made then is renamed on the next run.
OLD_PEOPLE = {
    "Nguyễn Thị Kiều": "Đoàn Thị Mỹ Duyên",
    "Phạm Thị Lan": "Hà Thị Thu Trang",
    "Lê Thị Hoa": "Tô Thị Hồng Nhung",
}
# The demo logins in this council, each linked to one of the ward's own people (invented names, never the
# town's real people of the seeds) in the same role as in the town: the vice-chair, a delegate of the front,
# a member of the economy and budget committee (a commune council has no legal committee), and the agency
# login in the ward's office that took over the town's finance and planning office's work. The logins open
# on the ward, so each login's name is the ward person's (`_users`); in the town's records it keeps its link
# to the town's person. username -> (person, body short name).
LIVE_LOGINS = {
    "thuongtruc": ("Đoàn Thị Mỹ Duyên", None),
    "thanhvienban": ("Tô Thị Hồng Nhung", "Ban KT-NS"),
    "daibieu": ("Hà Thị Thu Trang", None),
    "coquan": (None, "Phòng KT-HT-ĐT"),
}

PLACES = ["Tổ dân phố Phổ Ninh 1", "Tổ dân phố Phổ Minh 2", "Tổ dân phố Nguyễn Nghiêm 3", "Tổ dân phố Phổ Vinh 1"]
AGENCIES = [
    ("Phòng Kinh tế, Hạ tầng và Đô thị phường", "Phòng KT-HT-ĐT"),
    ("Phòng Văn hóa - Xã hội phường", "Phòng VH-XH"),
]


def live_council() -> Council:
    return Council.objects.get(level=CouncilLevel.COMMUNE, unit_code=UNIT_CODE, historical=False)


def seed_live() -> str:
    """Cease the town (its successors linked), then build the live council; returns a line for the console."""
    since = timezone.now()
    town = demo_council()
    council = live_council()
    with transaction.atomic():
        if town is not None:
            _cease(town)
        _council(council)
        _settings(council)
        _users(council)
    with transaction.atomic():
        if not Session.objects.filter(council=council).exists():
            _activity(council)
    with transaction.atomic():
        first = Session.objects.filter(council=council, number=1).first()
        regulation = _first_session(first) if first is not None else None
        if regulation is not None:
            _first_session_records(first)
            supervision_demo.seed_live(
                council, today=today(), session_on=TERM_START, resolution=_programme_resolution(first)
            )
    with transaction.atomic():
        _mid_year_answers(council)
    head = Person.objects.filter(council=council, full_name=PEOPLE[0][0]).first()
    if head is not None:
        reception_demo.seed_live(
            council, today=today(), valid_from=TERM_START, decision=DECISION, signer=head.full_name
        )
    chair = Person.objects.filter(council=council, full_name=PEOPLE[1][0]).first()
    consultation_demo.seed(council, decision=DECISION, signer=chair.full_name if chair else "")
    followup_demo.story_dates(since=since)
    return f"Hội đồng đang hoạt động: {council}, nhiệm kỳ 2026-2031 (hoạt động tính theo ngày hôm nay)."


def _cease(town: Council) -> None:
    if town.ceased_on is None:
        registry.council_update(council=town, active=False, ceased_on=REFORM_DAY)
    if not town.successors.exists():
        link_successors(town)
        for commune in town.children.filter(historical=True):
            link_successors(commune)


def _council(council: Council) -> None:
    if not council.active:
        registry.council_update(council=council, active=True, place_name="Đức Phổ")
    if Term.objects.filter(council=council).exists():
        return
    province = council.parent
    term = registry.term_create(
        council=council, name="2026-2031", starts_on=TERM_START, ends_on=D(2031, 6, 30), delegates_elected=len(PEOPLE)
    )
    registry.council_bodies_setup(council=council)
    ubnd = registry.body_create(
        council=council,
        kind=BodyKind.PEOPLES_COMMITTEE,
        name="Ủy ban nhân dân phường Đức Phổ",
        short_name="UBND phường",
    )
    for name, short in AGENCIES:
        registry.body_create(council=council, kind=BodyKind.AGENCY, name=name, short_name=short, parent=ubnd)
    registry.body_create(
        council=council,
        kind=BodyKind.FATHERLAND_FRONT,
        name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Đức Phổ",
        short_name="UBMTTQVN phường",
    )
    if province is not None:
        registry.body_create(
            council=council,
            kind=BodyKind.UPPER_COUNCIL,
            name=f"Hội đồng nhân dân {province.unit_label}",
            short_name="HĐND tỉnh",
            linked_council=province,
        )
    groups = [
        registry.body_create(
            council=council, kind=BodyKind.DELEGATE_GROUP, name=f"Tổ đại biểu số {i}", short_name=f"Tổ số {i}"
        )
        for i in (1, 2, 3)
    ]
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    people = []
    for index, (name, gender, year, position) in enumerate(PEOPLE):
        person = registry.person_create(
            council=council,
            full_name=name,
            gender=gender,
            birth_year=year,
            position=position,
            workplace="Phường Đức Phổ",
        )
        people.append(person)
        group = groups[index % 3]
        registry.delegate_create(term=term, person=person, elected_on=D(2026, 3, 15), group=group)
        role = MemberRole.GROUP_LEADER if index < 3 else MemberRole.MEMBER
        registry.membership_create(person=person, body=group, role=role, starts_on=TERM_START)
    standing_body = bodies["Thường trực HĐND"]
    registry.membership_create(person=people[0], body=standing_body, role=MemberRole.CHAIR, starts_on=TERM_START)
    registry.membership_create(person=people[1], body=standing_body, role=MemberRole.VICE_CHAIR, starts_on=TERM_START)
    for person, short in ((people[2], "Ban KT-NS"), (people[3], "Ban VH-XH")):
        registry.membership_create(person=person, body=bodies[short], role=MemberRole.HEAD, starts_on=TERM_START)
    for person, short in ((people[4], "Ban KT-NS"), (people[5], "Ban VH-XH"), (people[6], "Ban KT-NS")):
        registry.membership_create(person=person, body=bodies[short], role=MemberRole.MEMBER, starts_on=TERM_START)
    registry.membership_create(
        person=people[9], body=bodies["Ban KT-NS"], role=MemberRole.DEPUTY_HEAD, starts_on=TERM_START
    )
    for name in PLACES:
        petitions.place_create(council=council, name=name, kind=PlaceKind.RESIDENTIAL_GROUP)


# The council's own working regulation (DECISION) sets what the 2025-2026 texts leave to it (DOMAIN.md "?"):
# from 01/03/2026 the supervision numbers live in NQ 114/2025, not known here, so the regulation keeps
# those of Luật 87/2015/QH13.
SETTINGS = (
    ("submission_due_before_opening", 15),
    ("documents_to_delegates_before_opening", 7),
    ("petition_answer_days", 30),
    ("standing_round_report_after_end", 10),
    ("committee_round_report_after_end", 10),
    ("standing_considers_report_within", 7),
    ("supervision_content_after_setup", 15),
    ("supervision_schedule_before_visit", 10),
    ("supervision_programme_draft_before_session", 10),
    ("supervision_programme_adopt_at_session", 0),
)


def _settings(council: Council) -> None:
    have = set(LegalSetting.objects.filter(council=council, valid_from=TERM_START).values_list("key", flat=True))
    for key, value in SETTINGS:
        if key not in have:
            registry.setting_set(council=council, key=key, value=value, valid_from=TERM_START, decision=DECISION)


def _users(council: Council) -> None:
    """The demo logins work in the live council too (their first screen opens on it), each linked to the
    person or agency its name shows (LIVE_LOGINS), and named as that person; a link or a name a demo made
    before is put right."""
    for person in Person.objects.filter(council=council, full_name__in=OLD_PEOPLE):
        registry.person_update(person=person, full_name=OLD_PEOPLE[person.full_name])
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    people = {p.full_name: p for p in Person.objects.filter(council=council)}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[u[0] for u in USERS] + ["admin"])}
    if "admin" in users:
        registry.role_grant(user=users["admin"], council=council, role=Role.ADMIN)
    for username, _, role, _body_short, _ in USERS:
        user = users.get(username)
        if user is None:
            continue
        person_name, body_short = LIVE_LOGINS.get(username, (None, None))
        person, body = people.get(person_name), bodies.get(body_short)
        grant = registry.role_grant(user=user, council=council, role=role, body=body, person=person)
        if (grant.body_id, grant.person_id) != (getattr(body, "pk", None), getattr(person, "pk", None)):
            grant.body, grant.person = body, person
            validated_save(grant)
        if person is not None and user.first_name != person.full_name:
            user.first_name, user.last_name = person.full_name, ""
            user.save(update_fields=["first_name", "last_name"])


def logins(council: Council) -> list[tuple[str, str]]:
    """The demo logins as the console lists them, read from their grants in the live council (where their
    first screen opens), so the list says what each login is linked to."""
    grants = {
        g.user.username: g
        for g in RoleGrant.objects.filter(council=council, user__username__in=[u[0] for u in USERS] + ["admin"])
        .select_related("user", "body", "person")
        .order_by("pk")
    }
    lines = []
    for username in ["admin", *(u[0] for u in USERS)]:
        grant = grants.get(username)
        if grant is None:
            continue
        label = grant.get_role_display()
        if grant.person is not None:
            label += f": {grant.person.full_name}, {grant.person.position}"
        elif grant.body is not None:
            label += f": {grant.body.name}"
        lines.append((username, label))
    return lines


# The first session of the term: its agenda and its resolutions, in the order issued (the register numbers
# them 01 to 06): four elections, the working regulation (DECISION) and the supervision programme of the
# year.
FIRST_AGENDA = [
    (
        ItemKind.REPORT,
        "Khai mạc kỳ họp; báo cáo kết quả bầu cử đại biểu HĐND phường nhiệm kỳ 2026-2031 và kết quả xác nhận tư "
        "cách đại biểu",
    ),
    (
        ItemKind.VOTE,
        "Bầu Chủ tịch, Phó Chủ tịch HĐND phường; bầu Trưởng Ban Kinh tế - Ngân sách, Trưởng Ban Văn hóa - Xã hội",
    ),
    (ItemKind.SUBMISSION, "Xem xét, thông qua Nghị quyết ban hành Quy chế làm việc của HĐND phường nhiệm kỳ 2026-2031"),
    (
        ItemKind.SUBMISSION,
        f"Xem xét, thông qua Nghị quyết về Chương trình giám sát của HĐND phường năm {TERM_START.year}",
    ),
    (ItemKind.VOTE, "Biểu quyết thông qua các nghị quyết"),
    (ItemKind.CLOSING, "Bế mạc kỳ họp"),
]
# The offices the first session elects: (body short name, role, title).
ELECTED = [
    ("Thường trực HĐND", MemberRole.CHAIR, "Chủ tịch"),
    ("Thường trực HĐND", MemberRole.VICE_CHAIR, "Phó Chủ tịch"),
    ("Ban KT-NS", MemberRole.HEAD, "Trưởng Ban Kinh tế - Ngân sách"),
    ("Ban VH-XH", MemberRole.HEAD, "Trưởng Ban Văn hóa - Xã hội"),
]
REGULATION = "Ban hành Quy chế làm việc của Hội đồng nhân dân phường Đức Phổ nhiệm kỳ 2026-2031"
PROGRAMME = f"Chương trình giám sát của Hội đồng nhân dân phường Đức Phổ năm {TERM_START.year}"
# The resolutions after the elections: (title of the file, subject of the resolution, its text).
FIRST_RESOLUTIONS = [
    (
        "Tờ trình về việc ban hành Quy chế làm việc của HĐND phường nhiệm kỳ 2026-2031",
        REGULATION,
        "Điều 1. Ban hành kèm theo Nghị quyết này Quy chế làm việc của Hội đồng nhân dân phường Đức Phổ nhiệm kỳ "
        "2026-2031, quy định các thời hạn mà pháp luật giao Hội đồng nhân dân quyết định.\n"
        "Điều 2. Thường trực HĐND phường tổ chức thực hiện Nghị quyết này.",
    ),
    (
        f"Tờ trình về Chương trình giám sát của HĐND phường năm {TERM_START.year}",
        PROGRAMME,
        f"Điều 1. Thông qua Chương trình giám sát của Hội đồng nhân dân phường năm {TERM_START.year}.\n"
        "Điều 2. Giao Thường trực HĐND, các Ban, các Tổ đại biểu HĐND phường tổ chức thực hiện.",
    ),
]


def _elections(council: Council) -> list[tuple[str, str, str]]:
    """The election resolutions, naming whoever holds each office in the council's records."""
    out = []
    for short, role, title in ELECTED:
        held = Membership.objects.select_related("person").filter(
            body__council=council, body__short_name=short, role=role
        )
        person = held.order_by("starts_on", "pk").first()
        if person is None:
            continue
        person = person.person
        who = f"{'ông' if person.gender == 'nam' else 'bà'} {person.full_name}"
        out.append(
            (
                f"Tờ trình về việc bầu {title} HĐND phường Đức Phổ nhiệm kỳ 2026-2031",
                f"Xác nhận kết quả bầu {title} Hội đồng nhân dân phường Đức Phổ nhiệm kỳ 2026-2031",
                f"Điều 1. Xác nhận {who} trúng cử {title} Hội đồng nhân dân phường Đức Phổ nhiệm kỳ 2026-2031.\n"
                "Điều 2. Nghị quyết có hiệu lực từ ngày ký.",
            )
        )
    return out


def _first_session(session: Session) -> Resolution | None:
    """The first session's agenda and resolutions, through the plenary services (each file expected, received
    on time, voted and its resolution issued and published); returns the working regulation's resolution,
    whose number the council's settings cite (DECISION). Idempotent: each part only when missing."""
    council = session.council
    if not session.agenda.exists():
        for order, (kind, title) in enumerate(FIRST_AGENDA, start=1):
            plenary.agenda_item_add(session=session, kind=kind, title=title, order=order)
    standing_body = Body.objects.get(council=council, kind=BodyKind.STANDING_COMMITTEE)
    chair = Person.objects.get(council=council, full_name=PEOPLE[0][0])
    existing = {s.title: s for s in Submission.objects.filter(session=session)}
    in_office = delegates_in_office(council=council, on=TERM_START).count()
    for title, subject, text in [*_elections(council), *FIRST_RESOLUTIONS]:
        submission = existing.get(title) or plenary.submission_create(
            session=session, kind=SubmissionKind.DRAFT_RESOLUTION, title=title, agency=standing_body
        )
        if Resolution.objects.filter(submission=submission).exists():
            continue
        if submission.state == SubmissionState.EXPECTED:
            received = max(session.created_on, submission.due_on - datetime.timedelta(days=2))
            plenary.submission_receive(
                submission=submission, received_on=received, checklist=["to_trinh", "du_thao"], user=None
            )
        if not Vote.objects.filter(submission=submission).exists():
            plenary.vote_record(submission=submission, voted_on=TERM_START, yes=in_office, no=0, abstain=0, user=None)
        resolution = plenary.resolution_issue(
            submission=submission,
            subject=subject,
            text=text,
            issued_on=TERM_START,
            effective_on=TERM_START,
            signer_name=chair.full_name,
            user=None,
        )
        plenary.resolution_publish(resolution=resolution, user=None)
    regulation = (
        Resolution.objects.select_related("document")
        .filter(submission__session=session, document__subject=REGULATION)
        .first()
    )
    if regulation is not None and regulation.document.number_symbol != DECISION_NUMBER:
        # The settings cite DECISION: a register that numbered it otherwise would make that citation false.
        raise RuntimeError(
            f"Quy chế làm việc mang số {regulation.document.number_symbol}, không phải {DECISION_NUMBER}."
        )
    return regulation


def _first_session_records(session: Session) -> None:
    """The records a closed session has: the attendance of its sitting day (every delegate present), the
    decision convening it, issued on the day it was convened, and its minutes, issued at the close; through
    the plenary services, each only when missing. A register that already numbered a later decision of that
    year (a demo database made before this step) does not take an earlier one: its numbers follow the dates."""
    council = session.council
    chair = Person.objects.get(council=council, full_name=PEOPLE[0][0])
    if not Attendance.objects.filter(session=session).exists():
        in_office = delegates_in_office(council=council, on=session.opens_on)
        plenary.attendance_record(
            session=session, day=session.opens_on, presence={d.pk: Presence.PRESENT for d in in_office}, user=None
        )
    later = Document.objects.filter(
        council=council,
        doc_type=DocType.QUYET_DINH,
        year=session.created_on.year,
        issued_on__gt=session.created_on,
    )
    if session.convening_document_id is None and not later.exists():
        session = plenary.session_convening_generate(
            session=session, issued_on=session.created_on, signer_name=chair.full_name, user=None
        )
    if session.minutes_document_id is None:
        plenary.minutes_generate(session=session, signer_name=chair.full_name, issue=True, user=None)


def _programme_resolution(session: Session) -> Document | None:
    found = (
        Resolution.objects.select_related("document")
        .filter(submission__session=session, document__subject=PROGRAMME)
        .first()
    )
    return found.document if found is not None else None


def _activity(council: Council) -> None:
    now = today()
    term = Term.objects.get(council=council)
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    ubnd = bodies["UBND phường"]
    chair = Membership.objects.select_related("person").get(body=bodies["Thường trực HĐND"], role=MemberRole.CHAIR)
    # The first session of the term (past) and the year-end session (upcoming, its files due).
    # Convened two days after the election, so its files are due (15 days before the opening) after that.
    first = plenary.session_create(
        council=council,
        term=term,
        number=1,
        kind=SessionKind.THEMATIC,
        created_on=TERM_START - datetime.timedelta(days=24),
        opens_on=TERM_START,
        closes_on=TERM_START,
        place="Hội trường UBND phường Đức Phổ",
        requested_by="thuong_truc",
    )
    _first_session(first)
    plenary.session_update(session=first, opened_on=TERM_START, closed_on=TERM_START, state="be_mac")
    opens = now + datetime.timedelta(days=12)
    upcoming = plenary.session_create(
        council=council,
        term=term,
        number=2,
        kind=SessionKind.REGULAR_END,
        created_on=now - datetime.timedelta(days=20),
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=1),
        place="Hội trường UBND phường Đức Phổ",
    )
    for agency, title in (
        ("Phòng KT-HT-ĐT", f"Dự toán thu, chi ngân sách phường năm {opens.year + 1}"),
        ("Phòng KT-HT-ĐT", f"Kế hoạch đầu tư công năm {opens.year + 1}"),
        ("Phòng VH-XH", "Chính sách hỗ trợ học sinh có hoàn cảnh khó khăn"),
    ):
        plenary.submission_create(
            session=upcoming, kind=SubmissionKind.DRAFT_RESOLUTION, title=title, agency=bodies[agency]
        )
    # A standing committee meeting three weeks ago, and tasks from it: one overdue, one due soon.
    held = now - datetime.timedelta(days=21)
    meeting = standing.meeting_create(
        council=council,
        held_on=held,
        place="Phòng họp Thường trực HĐND phường",
        purpose="Cho ý kiến về công tác chuẩn bị kỳ họp cuối năm",
        chair=chair,
    )
    for owner, title, days in (
        ("UBND phường", "Báo cáo tình hình thu ngân sách 11 tháng", 10),
        ("Văn phòng", "Chuẩn bị tài liệu kỳ họp cuối năm gửi đại biểu", 20),
        ("Phòng KT-HT-ĐT", "Rà soát các công trình chậm tiến độ trên địa bàn phường", 30),
    ):
        followup.obligation_create(
            council=council,
            owner=bodies[owner],
            title=title,
            kind=TASK,
            source=meeting,
            source_label=f"Phiên họp Thường trực ngày {held:%d/%m/%Y}",
            source_date=held,
            days=days,
            unit="ngay_lam_viec",
            start_event="Ngày họp Thường trực",
        )
    # The mid-year round first: its forwarding letter is dated months before the year-end one, and a
    # series' numbers follow the dates of issue.
    if not ContactRound.objects.filter(council=council, period=Period.MID_YEAR).exists():
        _mid_year(council, ubnd, chair, now)
    # Voters' petitions before the year-end session: heard two weeks ago, forwarded, waiting for answers.
    contact = petitions.round_create(council=council, year=now.year, period=Period.YEAR_END)
    places = list(petitions.contact_places(council=council))[:2]
    texts = [
        "Đề nghị sửa chữa tuyến đường bê tông tổ dân phố bị hư hỏng sau mưa lũ.",
        "Đề nghị lắp đặt thêm đèn chiếu sáng tại khu dân cư mới.",
        "Đề nghị nạo vét mương thoát nước trước mùa mưa.",
        "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa tổ dân phố.",
    ]
    heard = now - datetime.timedelta(days=16)
    items = []
    for index, place in enumerate(places):
        meeting = petitions.meeting_create(
            contact_round=contact,
            held_on=heard,
            place=f"Nhà văn hóa {place.name}",
            form=MeetingForm.IN_PERSON,
            contact_place=place,
            voters=60 + 15 * index,
        )
        for text in texts[index * 2 : index * 2 + 2]:
            items.append(
                petitions.PetitionData(
                    text=text, unit=None, level=Level.COMMUNE, body=ubnd, meeting=meeting, contact_place=place
                )
            )
    petitions.petitions_bulk_create(contact_round=contact, items=items)
    petitions.petitions_forward(
        contact_round=contact,
        body=ubnd,
        user=None,
        signer_title="Chủ tịch",
        signer_name=chair.person.full_name,
        issued_on=heard + datetime.timedelta(days=2),
    )


# The mid-year round: (residential group, field, text, a voter who spoke and asked to be told the answer).
MID_YEAR = [
    (PLACES[3], "Giao thông", "Đề nghị xử lý tình trạng lấn chiếm vỉa hè tại khu chợ.", None),
    (PLACES[3], "Đất đai", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã đủ điều kiện.", None),
    (PLACES[3], "Giáo dục", "Đề nghị sửa chữa các phòng học xuống cấp của điểm trường mẫu giáo Phổ Vinh.", None),
    (
        PLACES[0],
        "Môi trường",
        "Đề nghị di dời điểm tập kết rác gần khu dân cư, gây mùi hôi vào mùa nắng.",
        ("Ngô Thị Bích Vân", "Số 58 đường Lê Lợi, tổ dân phố Phổ Ninh 1", "0905246810"),
    ),
    (PLACES[0], "Điện, nước sinh hoạt", "Đề nghị mở rộng mạng lưới cấp nước sạch đến cuối tổ dân phố.", None),
]
# Its answers, by petition in order: (state, text, days after forwarding, accepted by the office); None:
# not answered, past its date.
MID_YEAR_ANSWERS = [
    (
        PetitionState.ANSWERED,
        "UBND phường đã ra quân giải tỏa lấn chiếm vỉa hè khu chợ và giao Công an phường kiểm tra thường xuyên.",
        12,
        True,
    ),
    (
        PetitionState.RESOLVING,
        "Đã rà soát 27 hồ sơ đủ điều kiện; UBND phường đang hoàn thiện hồ sơ đề nghị cấp giấy chứng nhận.",
        20,
        False,
    ),
    (
        PetitionState.ANSWERED,
        "Đã bố trí kinh phí sửa chữa 03 phòng học; công trình hoàn thành trước năm học mới.",
        15,
        True,
    ),
    (
        PetitionState.EXPLAINED,
        "Điểm tập kết là điểm trung chuyển theo quy hoạch; UBND phường tăng thu gom hằng ngày và phun khử mùi "
        "trong khi tìm vị trí mới.",
        25,
        False,
    ),
    None,
]


def _mid_year(council: Council, ubnd: Body, chair: object, now: datetime.date) -> None:
    """Petitions of the mid-year round in two residential groups, forwarded in the summer, past their answer
    date; answered and published by `_mid_year_answers`."""
    contact = petitions.round_create(council=council, year=now.year, period=Period.MID_YEAR)
    places = {p.name: p for p in petitions.contact_places(council=council)}
    fields = {f.name: f for f in petitions.field_defaults_ensure(council=council)}
    heard = max(TERM_START + datetime.timedelta(days=30), now - datetime.timedelta(days=120))
    meetings = {
        name: petitions.meeting_create(
            contact_round=contact,
            held_on=heard,
            place=f"Nhà văn hóa {name}",
            form=MeetingForm.IN_PERSON,
            contact_place=places[name],
            voters=voters,
        )
        for name, voters in ((PLACES[3], 45), (PLACES[0], 52))
    }
    items = [
        petitions.PetitionData(
            text=text,
            unit=None,
            level=Level.COMMUNE,
            field=fields.get(field),
            body=ubnd,
            meeting=meetings[name],
            contact_place=places[name],
            people=[person] if person else [],
        )
        for name, field, text, person in MID_YEAR
    ]
    petitions.petitions_bulk_create(contact_round=contact, items=items)
    petitions.petitions_forward(
        contact_round=contact,
        body=ubnd,
        user=None,
        signer_title="Chủ tịch",
        signer_name=chair.person.full_name,
        issued_on=heard + datetime.timedelta(days=3),
    )


def _mid_year_answers(council: Council) -> None:
    """The people's committee's answers to the mid-year round, then the round published: the portal shows
    its petitions with their answers, never a voter's name. Once: a published round is left alone."""
    contact = (
        ContactRound.objects.filter(council=council, period=Period.MID_YEAR, published=False).order_by("-year").first()
    )
    if contact is None:
        return
    now = today()
    forwarded = (
        Petition.objects.filter(round=contact, merged_into__isnull=True, obligation__isnull=False)
        .select_related("council", "obligation", "round")
        .order_by("pk")
    )
    for petition, answer in zip(forwarded, MID_YEAR_ANSWERS, strict=False):
        if answer is None or petition.answer_text:
            continue
        state, text, after, accepted = answer
        on = min(now, petition.obligation.source_date + datetime.timedelta(days=after))
        petitions.record_answer(petition=petition, user=None, text=text, state=state, on=on)
        if accepted:
            petitions.petition_accept(petition=petition, user=None, note="Văn phòng đã kiểm tra nội dung trả lời.")
    petitions.round_publish(contact_round=contact, published=True, user=None)
