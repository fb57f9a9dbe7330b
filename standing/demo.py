"""Demo records of the standing committee: the meeting of seed 001 with its notice and tasks, and the year 2024
of seed 000 (7 meetings, the 6 written opinions of footnote 1). Idempotent: nothing happens when the council
already has meetings.
"""

import datetime
from functools import partial

from django.db import transaction

from documents.models import DocType
from hdnd.dates import format_date
from registry.demo import issue_on
from registry.models import Body, BodyKind, Council, MemberRole, Membership, Person
from registry.selectors import standing_committee
from standing import services
from standing.models import Conference, ConferenceKind, Meeting, ProgrammeOwner, Stance, WorkItem, WorkProgramme

D = datetime.date

SEED_001 = {
    "held_on": D(2022, 1, 12),
    "place": "Phòng họp số 1 Thị ủy Đức Phổ",
    "purpose": "cho ý kiến thống nhất về Kế hoạch công tác của HĐND thị xã năm 2022 và xem xét, quyết định một "
    "số nội dung thuộc thẩm quyền",
    "other_attendees": "Trưởng, Phó các Ban HĐND thị xã; đại diện lãnh đạo Văn phòng thị xã",
    "heard": "đồng chí Phó Chủ tịch HĐND thị xã báo cáo một số nội dung thực hiện sau kỳ họp HĐND thị xã cuối năm "
    "2021 và Kế hoạch công tác của HĐND thị xã trong năm 2022",
}

# (section, [(sub-section, [(paragraph, [bodies given work])])]); "" = paragraphs directly under the section.
CONCLUSIONS_001: list[tuple[str, list[tuple[str, list[tuple[str, list[str]]]]]]] = [
    (
        "Đánh giá một số nội dung trong công tác chuẩn bị, tổ chức kỳ họp HĐND thị xã và các xã, phường cuối năm 2021",
        [
            (
                "Kết quả đạt được",
                [
                    (
                        "Về Hội nghị trực báo: Cơ bản đảm bảo trong điều kiện tổ chức bằng hình thức trực tuyến; đại "
                        "biểu tham gia nhiều vấn đề đúng trọng tâm.",
                        [],
                    ),
                    (
                        "Kỳ họp HĐND thị xã: Được thực hiện nghiêm túc; công tác điều hành kỳ họp của Chủ tọa được "
                        "đổi mới. Phiên chất vấn và trả lời chất vấn diễn ra với tinh thần nghiêm túc, dân chủ, đúng "
                        "quy định.",
                        [],
                    ),
                    ("Kỳ họp HĐND các xã, phường: Công tác chuẩn bị tổ chức kỳ họp cơ bản đảm bảo.", []),
                    (
                        "Văn phòng thị xã đã có nhiều nỗ lực trong công tác tham mưu, phục vụ, cơ bản đáp ứng được "
                        "yêu cầu tổ chức kỳ họp trong điều kiện phòng, chống dịch Covid-19.",
                        [],
                    ),
                ],
            ),
            (
                "Tồn tại, hạn chế",
                [
                    (
                        "Đối với thị xã: Một số nội dung trình kỳ họp của UBND thị xã chưa đảm bảo về thời gian cũng "
                        "như chất lượng.",
                        [],
                    ),
                    (
                        "Đối với các xã, phường: Báo cáo thẩm tra của các Ban HĐND có lúc còn sơ sài; thảo luận và "
                        "chất vấn chưa sâu, chưa nhiều.",
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        "Một số nhiệm vụ trong năm 2022 và trong thời gian trước, trong và sau Tết Nguyên đán Nhâm Dần - năm 2022",
        [
            (
                "Nhiệm vụ trọng tâm năm 2022",
                [
                    (
                        "Cơ bản thống nhất với Kế hoạch công tác năm 2022 của HĐND thị xã. Giao Văn phòng thị xã tiếp "
                        "thu ý kiến góp ý của các thành viên dự họp, hoàn chỉnh dự thảo, trình Thường trực HĐND thị "
                        "xã ký, ban hành để triển khai thực hiện theo quy định.",
                        ["Văn phòng thị xã"],
                    ),
                    (
                        "UBND thị xã chỉ đạo các cơ quan chuyên môn xây dựng dự thảo Nghị quyết đảm bảo tiến độ và "
                        "chất lượng về nội dung, gửi đến Thường trực HĐND thị xã đúng thời gian theo quy định.",
                        ["UBND thị xã"],
                    ),
                    (
                        "Giao 02 Ban của HĐND thị xã nghiên cứu nội dung để định hướng đại biểu chất vấn tại kỳ họp.",
                        ["Ban Kinh tế - Xã hội", "Ban Pháp chế"],
                    ),
                ],
            ),
            (
                "Nhiệm vụ trước, trong và sau Tết Nguyên đán Nhâm Dần - năm 2022",
                [("Xây dựng lịch trực Tết và chuẩn bị các hoạt động sau Tết của Thường trực HĐND thị xã.", [])],
            ),
        ],
    ),
]

# Seed 000: seven meetings in 2024 (dates and purposes invented), the chair vacant until 15/10/2024.
MEETINGS_2024 = [
    (D(2024, 1, 10), "cho ý kiến về Kế hoạch công tác của HĐND thị xã năm 2024"),
    (D(2024, 3, 14), "cho ý kiến về nội dung, chương trình kỳ họp chuyên đề lần thứ nhất"),
    (D(2024, 5, 16), "cho ý kiến về công tác chuẩn bị kỳ họp thường lệ giữa năm 2024"),
    (D(2024, 7, 25), "đánh giá kết quả kỳ họp giữa năm 2024 và triển khai nhiệm vụ 6 tháng cuối năm"),
    (D(2024, 9, 12), "cho ý kiến về nội dung kỳ họp chuyên đề và kết quả giám sát chuyên đề"),
    (D(2024, 11, 7), "cho ý kiến về công tác chuẩn bị kỳ họp thường lệ cuối năm 2024"),
    (D(2024, 12, 26), "đánh giá kết quả hoạt động năm 2024 và cho ý kiến Kế hoạch công tác năm 2025"),
]

# Seed 000, footnote 1: the six requests of the UBND answered in writing in 2024 (dates invented).
OPINIONS_2024 = [
    (D(2024, 2, 20), "phương án tăng thu và tiết kiệm chi ngân sách thị xã so với dự toán được giao năm 2023"),
    (D(2024, 4, 8), "ghi thu, ghi chi tiền thuê đất phải nộp"),
    (
        D(2024, 5, 22),
        "phân khai kinh phí hỗ trợ phát triển đất trồng lúa theo Nghị định 35/2015/NĐ-CP và Nghị định số "
        "62/2019/NĐ-CP của Chính phủ",
    ),
    (D(2024, 8, 5), "điều chỉnh kinh phí chúc thọ năm 2024"),
    (
        D(2024, 10, 9),
        "điều chỉnh, bổ sung kinh phí tiền lương và kinh phí chi công việc do thay đổi so với dự toán phân bổ đầu "
        "năm 2024 của các cơ quan, đơn vị, địa phương",
    ),
    (
        D(2024, 12, 2),
        "điều chỉnh phương án tăng thu và tiết kiệm chi ngân sách cấp thị xã so với dự toán được giao năm 2023",
    ),
]


def _chair_on(council: Council, day: datetime.date) -> Membership:
    """The chair on the day, else the vice-chair (who chaired while the chair was vacant in 2024)."""
    body = standing_committee(council)
    for role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR):
        for membership in Membership.objects.filter(body=body, role=role).select_related("person", "body"):
            if membership.active_on(day):
                return membership
    raise LookupError(f"Không có người chủ trì ngày {format_date(day)}.")


def _seed_001(council: Council, bodies: dict[str, Body], people: dict[str, Person]) -> None:
    meeting = services.meeting_create(council=council, chair=_chair_on(council, SEED_001["held_on"]), **SEED_001)
    services.attendee_add(meeting=meeting, person=people["Nguyễn Thị Kiều"])
    services.agenda_add(
        meeting=meeting,
        content="báo cáo một số nội dung thực hiện sau kỳ họp HĐND thị xã cuối năm 2021 và Kế hoạch công tác của "
        "HĐND thị xã trong năm 2022",
        presenter="đồng chí Phó Chủ tịch HĐND thị xã",
    )
    for title, subsections in CONCLUSIONS_001:
        section = services.section_add(meeting=meeting, title=title)
        for sub_title, paragraphs in subsections:
            sub = services.section_add(meeting=meeting, title=sub_title, parent=section)
            for text, owners in paragraphs:
                services.paragraph_add(
                    section=sub, text=text, assigns=bool(owners), bodies=[bodies[name] for name in owners]
                )
    services.notice_generate(meeting=meeting)
    services.notice_issue(meeting=meeting, user=None, issued_on=SEED_001["held_on"])


def _seed_2024(council: Council, bodies: dict[str, Body], people: dict[str, Person]) -> None:
    members = [people[name] for name in ("Nguyễn Thị Kiều", "Trần Văn Hùng", "Lê Thị Hoa") if name in people]
    for day, purpose in MEETINGS_2024:
        chair = _chair_on(council, day)
        meeting = services.meeting_create(
            council=council,
            held_on=day,
            place="Phòng họp HĐND thị xã",
            purpose=purpose,
            chair=chair,
            other_attendees="Trưởng, Phó các Ban HĐND thị xã; đại diện lãnh đạo Văn phòng thị xã",
        )
        for person in members:
            if person.pk != chair.person_id:
                services.attendee_add(meeting=meeting, person=person)
    ubnd = bodies.get("UBND thị xã")
    for number, (day, subject) in enumerate(OPINIONS_2024, start=1):
        # The reply is a letter of the office's series, which the petitions' forwarding letters share.
        issue_on(day + datetime.timedelta(days=3), partial(_opinion, council, ubnd, members, number, day, subject))


def _opinion(
    council: Council, ubnd: Body | None, members: list[Person], number: int, day: datetime.date, subject: str
) -> None:
    request = services.opinion_request_create(
        council=council,
        subject=subject,
        received_on=day,
        due_on=day + datetime.timedelta(days=7),
        sender_body=ubnd,
        external_number=f"{number * 17}/TTr-UBND",
        external_date=day - datetime.timedelta(days=1),
        doc_type=DocType.TO_TRINH,
    )
    for person in members:
        services.opinion_add(request=request, person=person, stance=Stance.AGREE)
    services.reply_generate(request=request)
    services.reply_issue(request=request, user=None, issued_on=day + datetime.timedelta(days=3))


# Seed 000, I.2: "Tổ chức các Hội nghị: Liên tịch với UBND, UBMTTQVN thị xã … để thống nhất nội dung, chương
# trình các kỳ họp HĐND thị xã trong năm 2024; Trực báo … 6 tháng đầu năm và năm 2024" (dates invented).
CONFERENCES_2024 = [
    (
        ConferenceKind.JOINT,
        D(2024, 1, 5),
        "thống nhất nội dung, chương trình các kỳ họp HĐND thị xã trong năm 2024",
        [BodyKind.PEOPLES_COMMITTEE, BodyKind.FATHERLAND_FRONT, BodyKind.COMMITTEE, BodyKind.OFFICE],
        "Thống nhất tổ chức 02 kỳ họp thường lệ (giữa năm và cuối năm) và các kỳ họp chuyên đề khi cần thiết.\n"
        "UBND thị xã chuẩn bị các nội dung trình kỳ họp đảm bảo thời gian theo quy định.",
        [
            (
                BodyKind.PEOPLES_COMMITTEE,
                "Gửi dự thảo các báo cáo, tờ trình, nghị quyết trình kỳ họp giữa năm 2024 "
                "đến Thường trực HĐND thị xã đúng thời gian quy định.",
            )
        ],
    ),
    (
        ConferenceKind.BRIEFING,
        D(2024, 6, 20),
        "đánh giá kết quả hoạt động 6 tháng đầu năm 2024 của Tổ đại biểu HĐND thị xã và Thường trực HĐND các xã, "
        "phường, triển khai nhiệm vụ 6 tháng cuối năm",
        [BodyKind.DELEGATE_GROUP, BodyKind.LOWER_COUNCIL],
        "Các Tổ đại biểu duy trì tiếp xúc cử tri trước và sau kỳ họp theo kế hoạch.",
        [
            (
                BodyKind.DELEGATE_GROUP,
                "Tổng hợp ý kiến, kiến nghị cử tri gửi Thường trực HĐND thị xã trước kỳ họp giữa năm 2024.",
            )
        ],
    ),
    (
        ConferenceKind.BRIEFING,
        D(2024, 12, 12),
        "đánh giá kết quả hoạt động năm 2024 của Tổ đại biểu HĐND thị xã và Thường trực HĐND các xã, phường, "
        "triển khai nhiệm vụ năm 2025",
        [BodyKind.DELEGATE_GROUP, BodyKind.LOWER_COUNCIL],
        "Thống nhất đánh giá hoạt động của các Tổ đại biểu và HĐND các xã, phường năm 2024 cơ bản hoàn thành kế hoạch.",
        [],
    ),
]


def _seed_conferences(council: Council) -> None:
    for kind, day, subject, kinds, conclusions, tasks in CONFERENCES_2024:
        participants = list(Body.objects.filter(council=council, kind__in=kinds, active=True))
        # A council without delegate groups or lower councils in its register still gets complete documents.
        participants = participants or list(Body.objects.filter(council=council, kind=BodyKind.COMMITTEE))
        conference = services.conference_create(
            council=council,
            kind=kind,
            held_on=day,
            place="Hội trường HĐND thị xã",
            subject=subject,
            participants=participants,
            conclusions=conclusions,
        )
        for owner_kind, text in tasks:
            owner = Body.objects.filter(council=council, kind=owner_kind, active=True).order_by("pk").first()
            owner = owner or participants[0]
            if owner is not None:
                services.conference_task_add(conference=conference, text=text, body=owner)
        services.conference_document_generate(conference=conference)
        services.conference_document_issue(conference=conference, user=None, issued_on=day + datetime.timedelta(days=2))


# The 2022 plan that seed 001's meeting agreed ("Kế hoạch công tác của HĐND thị xã năm 2022"), and the standing
# committee's 2024 programme behind seed 000's figures: (month, content, responsible body, what carried it out).
# What carried it out: ("standing.meeting" | "standing.conference" | "plenary.session" | "supervision.round", day
# or month); None = nothing recorded, so the item shows as not done once its month has passed. Invented details.
PROGRAMME_2022 = [
    (
        1,
        "Phiên họp Thường trực cho ý kiến Kế hoạch công tác năm 2022 của HĐND thị xã",
        "Thường trực HĐND",
        ("standing.meeting", D(2022, 1, 12)),
    ),
    (2, "Nghiên cứu nội dung định hướng đại biểu chất vấn tại kỳ họp giữa năm 2022", "Ban Kinh tế - Xã hội", None),
    (
        3,
        "Hội nghị tập huấn kỹ năng hoạt động cho đại biểu HĐND thị xã và xã, phường nhiệm kỳ 2021-2026",
        "Thường trực HĐND",
        None,
    ),
    (7, "Kỳ họp thường lệ giữa năm 2022 của HĐND thị xã", "Thường trực HĐND", ("plenary.session", 7)),
    (12, "Kỳ họp thường lệ cuối năm 2022 của HĐND thị xã", "Thường trực HĐND", ("plenary.session", 12)),
]
PROGRAMME_2024 = [
    (
        1,
        "Hội nghị liên tịch thống nhất nội dung, chương trình các kỳ họp năm 2024",
        "Thường trực HĐND",
        ("standing.conference", D(2024, 1, 5)),
    ),
    *[
        (day.month, f"Phiên họp Thường trực {purpose}", "Thường trực HĐND", ("standing.meeting", day))
        for day, purpose in MEETINGS_2024
    ],
    (
        6,
        "Hội nghị trực báo 6 tháng đầu năm 2024 với Tổ đại biểu và Thường trực HĐND các xã, phường",
        "Thường trực HĐND",
        ("standing.conference", D(2024, 6, 20)),
    ),
    (7, "Kỳ họp thường lệ giữa năm 2024 của HĐND thị xã", "Thường trực HĐND", ("plenary.session", 7)),
    (8, "Giám sát chuyên đề của Thường trực HĐND thị xã", "Thường trực HĐND", ("supervision.round", 8)),
    (10, "Tổ chức tiếp công dân định kỳ và đối thoại với cử tri", "Thường trực HĐND", None),
    (
        12,
        "Hội nghị trực báo năm 2024 với Tổ đại biểu và Thường trực HĐND các xã, phường",
        "Thường trực HĐND",
        ("standing.conference", D(2024, 12, 12)),
    ),
    (12, "Kỳ họp thường lệ cuối năm 2024 của HĐND thị xã", "Thường trực HĐND", ("plenary.session", 12)),
]


def _find(council: Council, year: int, what: tuple[str, object]) -> object | None:
    """The record that carried an item out: on the given day, or the first of its kind in the given month."""
    label, when = what
    model = services.link_models().get(label)
    if model is None:
        return None
    date_field = services.LINK_KINDS[label][1]
    qs = model.objects.filter(council=council, **{f"{date_field}__year": year})
    if isinstance(when, datetime.date):
        qs = qs.filter(**{date_field: when})
    else:
        qs = qs.filter(**{f"{date_field}__month": when})
    return qs.order_by(date_field, "pk").first()


@transaction.atomic
def seed_programmes(council: Council) -> None:
    """The 2022 and 2024 programmes; every run also links the items whose record exists by now (sessions and
    supervision rounds are seeded by apps that load after this one). Idempotent."""
    if standing_committee(council) is None:
        return
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    fallback = standing_committee(council)
    for year, owner, lines in (
        (2022, ProgrammeOwner.COUNCIL, PROGRAMME_2022),
        (2024, ProgrammeOwner.STANDING, PROGRAMME_2024),
    ):
        programme = WorkProgramme.objects.filter(council=council, year=year, owner=owner).first()
        if programme is None:
            programme = services.programme_create(council=council, year=year, owner=owner)
            for month, content, body, _ in lines:
                services.work_item_add(
                    programme=programme, month=month, content=content, body=bodies.get(body, fallback)
                )
        items = {(i.month, i.content): i for i in WorkItem.objects.filter(programme=programme, done_id__isnull=True)}
        for month, content, _, what in lines:
            item = items.get((month, content))
            record = _find(council, year, what) if item is not None and what is not None else None
            if record is not None:
                services.work_item_link(item=item, record=record)


@transaction.atomic
def seed(council: Council) -> None:
    """Idempotent: each part is skipped when the council already has its records (or lacks a standing committee)."""
    if standing_committee(council) is None:
        return
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    people = {p.full_name: p for p in Person.objects.filter(council=council)}
    if not Meeting.objects.filter(council=council).exists():
        _seed_001(council, bodies, people)
        _seed_2024(council, bodies, people)
    if not Conference.objects.filter(council=council).exists():
        _seed_conferences(council)
