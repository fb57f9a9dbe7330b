"""The 2024 sessions of the demo council, as seed 000 tells them: 6 sessions (2 regular, 4 thematic) and 29
resolutions; one submission to the 21st session arrived late. Titles are invented. Idempotent.
"""

import datetime

from plenary import services
from plenary.models import Attendance, Choice, Conclusion, Presence, Session, SessionKind, SubmissionKind
from registry import services as registry_services
from registry.calendar import MissingSetting, rule_value
from registry.models import Body, BodyKind, Council, Person, Term
from registry.selectors import delegates_in_office

D = datetime.date
CHAIR_BEFORE_OCTOBER = "Nguyễn Thị Kiều"  # vice-chair, signing while the chair was vacant
CHAIR_FROM_OCTOBER = "Nguyễn Xuân Văn"

# (number, kind, created on, opening, requester, resolution titles (agency short name, title, normative))
SESSIONS = [
    (
        17,
        SessionKind.THEMATIC,
        D(2024, 1, 2),
        D(2024, 2, 1),
        "thuong_truc",
        [
            ("Phòng TC-KH", "Điều chỉnh kế hoạch đầu tư công năm 2024", False),
            ("Phòng QLĐT", "Chủ trương đầu tư dự án nâng cấp tuyến đường Phổ Thạnh - Phổ Châu", False),
            ("Phòng Nội vụ", "Giao biên chế công chức năm 2024", False),
        ],
    ),
    (
        18,
        SessionKind.THEMATIC,
        D(2024, 2, 20),
        D(2024, 3, 28),
        "chu_tich_ubnd",
        [
            ("Phòng TC-KH", "Phương án tăng thu và tiết kiệm chi ngân sách thị xã năm 2024", False),
            ("Phòng TN&MT", "Danh mục công trình cần thu hồi đất năm 2024 (bổ sung)", False),
            ("Phòng Kinh tế", "Quy định mức hỗ trợ phát triển sản xuất nông nghiệp", True),
            ("Phòng QLĐT", "Chủ trương đầu tư kè chống sạt lở bờ biển Phổ Quang", False),
        ],
    ),
    (
        19,
        SessionKind.REGULAR_MID,
        D(2024, 6, 1),
        D(2024, 7, 10),
        "",
        [
            ("Phòng TC-KH", "Phê chuẩn quyết toán ngân sách thị xã năm 2023", False),
            ("Phòng TC-KH", "Điều chỉnh dự toán thu, chi ngân sách năm 2024", False),
            ("Phòng TC-KH", "Kế hoạch đầu tư công trung hạn 2021-2025 (điều chỉnh)", False),
            ("Phòng Nội vụ", "Chương trình giám sát của HĐND thị xã năm 2025", False),
            ("Phòng LĐ-TB&XH", "Quy định chính sách hỗ trợ người có công khó khăn về nhà ở", True),
            ("Phòng GD&ĐT", "Mức thu học phí năm học 2024-2025", True),
            ("Phòng Y tế", "Hỗ trợ bảo hiểm y tế cho người cao tuổi", False),
            ("Phòng VH-TT", "Đặt tên một số tuyến đường trên địa bàn phường Nguyễn Nghiêm", False),
            ("Phòng QLĐT", "Chủ trương đầu tư trường tiểu học Phổ Văn", False),
        ],
    ),
    (
        20,
        SessionKind.THEMATIC,
        D(2024, 8, 1),
        D(2024, 9, 12),
        "thuong_truc",
        [
            ("Phòng TC-KH", "Phân bổ kinh phí hỗ trợ phát triển đất trồng lúa", False),
            ("Phòng TC-KH", "Điều chỉnh, bổ sung kinh phí tiền lương năm 2024", False),
            ("Phòng TN&MT", "Bảng giá đất điều chỉnh trên địa bàn thị xã", False),
        ],
    ),
    (
        21,
        SessionKind.THEMATIC,
        D(2024, 10, 1),
        D(2024, 11, 8),
        "chu_tich_ubnd",
        [
            ("Phòng TC-KH", "Điều chỉnh kế hoạch đầu tư công năm 2024 (đợt 2)", False),
            ("Phòng QLĐT", "Chủ trương đầu tư cầu Phổ Minh", False),
            ("Phòng Nội vụ", "Điều chỉnh biên chế sự nghiệp giáo dục", False),
        ],
    ),
    (
        22,
        SessionKind.REGULAR_END,
        D(2024, 11, 1),
        D(2024, 12, 18),
        "",
        [
            ("Phòng TC-KH", "Dự toán ngân sách thị xã năm 2025", False),
            ("Phòng TC-KH", "Phân bổ ngân sách thị xã năm 2025", False),
            ("Phòng TC-KH", "Kế hoạch đầu tư công năm 2025", False),
            ("Phòng Nội vụ", "Kế hoạch tổ chức các kỳ họp thường lệ năm 2025", False),
            ("Phòng Kinh tế", "Kế hoạch phát triển kinh tế - xã hội năm 2025", False),
            ("Phòng TN&MT", "Danh mục công trình cần thu hồi đất năm 2025", False),
            ("Phòng LĐ-TB&XH", "Quy định mức chi trợ giúp xã hội trên địa bàn thị xã", True),
        ],
    ),
]
DUE_DAYS = 15  # the demo council's working regulation (invented)
DOCUMENT_DAYS = 7


def seed(council: Council) -> None:
    """Sessions 17-22 of 2024 with their submissions, verification, votes and 29 resolutions; then what
    happened at them: attendance, speeches, group discussions (each part idempotent on its own)."""
    if not Session.objects.filter(council=council).exists():
        _sessions(council)
    if not Attendance.objects.filter(session__council=council).exists():
        _sitting_days(council)


def _sessions(council: Council) -> None:
    term = Term.objects.filter(council=council).order_by("-starts_on").first()
    if term is None:
        return
    for key, days in (
        ("submission_due_before_opening", DUE_DAYS),
        ("documents_to_delegates_before_opening", DOCUMENT_DAYS),
    ):
        try:
            rule_value(council, key)
        except MissingSetting:
            registry_services.setting_set(council=council, key=key, value=days)
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    committees = list(Body.objects.filter(council=council, kind=BodyKind.COMMITTEE).order_by("name"))
    people = {p.full_name: p for p in Person.objects.filter(council=council)}
    sessions = []
    for number, kind, created_on, opens_on, requester, drafts in SESSIONS:
        session = services.session_create(
            council=council,
            term=term,
            number=number,
            kind=kind,
            created_on=created_on,
            opens_on=opens_on,
            closes_on=opens_on + datetime.timedelta(days=1 if kind in (SessionKind.THEMATIC,) else 2),
            place="Hội trường HĐND thị xã Đức Phổ",
            requested_by=requester,
        )
        services.session_update(session=session, opened_on=opens_on, closed_on=session.closes_on, state="be_mac")
        for order, (item_kind, title) in enumerate(
            [
                ("bao_cao", "Khai mạc kỳ họp"),
                ("to_trinh", "Xem xét các tờ trình, dự thảo nghị quyết"),
                ("bieu_quyet", "Biểu quyết thông qua nghị quyết"),
                ("be_mac", "Bế mạc kỳ họp"),
            ],
            start=1,
        ):
            services.agenda_item_add(session=session, kind=item_kind, title=title, order=order)
        in_office = list(delegates_in_office(council=council, on=opens_on).order_by("pk"))
        signer = CHAIR_FROM_OCTOBER if opens_on >= D(2024, 10, 15) else CHAIR_BEFORE_OCTOBER
        for index, (agency_name, title, normative) in enumerate(drafts):
            agency = bodies.get(agency_name) or bodies["UBND thị xã"]
            sub = services.submission_create(
                session=session,
                kind=SubmissionKind.DRAFT_RESOLUTION,
                title=f"Tờ trình về {title[:1].lower()}{title[1:]}",
                agency=agency,
                normative=normative,
            )
            # Seed 000: "chỉ còn nội dung tại kỳ họp thứ 21 chuẩn bị chậm" — the first file of the 21st, 5 days late.
            late = number == 21 and index == 0
            received = sub.due_on + datetime.timedelta(days=5 if late else -2)
            received = max(received, created_on)
            services.submission_receive(
                submission=sub,
                received_on=received,
                checklist=["to_trinh", "du_thao", "tong_hop_y_kien", "tham_dinh", "tai_lieu_lien_quan"],
                user=None,
            )
            verification = services.verification_assign(
                submission=sub, committee=committees[index % len(committees)], assigned_on=received, user=None
            )
            head = "Trần Văn Hùng" if "Kinh tế" in verification.committee.name else "Lê Thị Hoa"
            services.verification_report(
                verification=verification,
                conclusion=Conclusion.AGREE if index % 3 else Conclusion.AGREE_WITH_CHANGES,
                text=f"Ban đã thẩm tra {sub.title[:1].lower()}{sub.title[1:]}; hồ sơ đúng trình tự, thủ tục.",
                reported_on=max(verification.due_on, received),
                signer_name=head,
                user=None,
            )
            yes = len(in_office) - 2 - index % 3
            if index == 0:
                ballots = {d.pk: (Choice.YES if i < yes else Choice.ABSTAIN) for i, d in enumerate(in_office)}
                services.vote_record(submission=sub, voted_on=opens_on, ballots=ballots, user=None)
            else:
                services.vote_record(submission=sub, voted_on=opens_on, yes=yes, no=1, abstain=0, user=None)
            issued_on = session.closes_on
            resolution = services.resolution_issue(
                submission=sub,
                subject=title,
                text=f"Điều 1. Thông qua {title[:1].lower()}{title[1:]}.\nĐiều 2. Giao UBND thị xã tổ chức thực hiện.",
                issued_on=issued_on,
                effective_on=issued_on + datetime.timedelta(days=10 if normative else 0),
                signer_name=people[signer].full_name if signer in people else signer,
                report_due_on=D(2025, 6, 15) if index == 0 and number == 22 else None,
                user=None,
            )
            services.resolution_publish(resolution=resolution, user=None)
            doc = services.session_document_add(session=session, title=sub.title, submission=sub, public=True)
            del doc
        services.session_documents_send(
            session=session, sent_on=opens_on - datetime.timedelta(days=DOCUMENT_DAYS + 1), user=None
        )
        sessions.append(session)
    _questions(council, sessions, bodies, people)


def _questions(council: Council, sessions: list[Session], bodies: dict, people: dict) -> None:
    mid, end = sessions[2], sessions[5]
    asker = delegates_in_office(council=council, on=mid.opens_on).select_related("person").order_by("pk")[3]
    official = people.get("Nguyễn Viết Thanh")
    body = bodies.get("UBND thị xã")
    if official is None or body is None:
        return
    question = services.question_create(
        session=mid,
        delegate=asker,
        addressee=official,
        addressee_body=body,
        content="Đề nghị cho biết tiến độ giải ngân vốn đầu tư công 6 tháng đầu năm và giải pháp trong thời gian tới.",
        asked_on=mid.opens_on - datetime.timedelta(days=3),
        user=None,
    )
    services.question_answer(
        question=question,
        mode="tai_ky_hop",
        answered_on=mid.opens_on,
        answer="Tỷ lệ giải ngân đạt 42%; UBND sẽ đôn đốc các chủ đầu tư, phấn đấu đạt 95% trước 31/01/2025.",
        user=None,
    )
    services.commitment_create(
        question=question, content="Giải ngân vốn đầu tư công năm 2024 đạt 95%", next_session=end, user=None
    )
    second = services.question_create(
        session=end,
        delegate=asker,
        addressee=official,
        addressee_body=body,
        content="Việc khắc phục sạt lở bờ biển Phổ Quang đã được xử lý đến đâu?",
        asked_on=end.opens_on - datetime.timedelta(days=2),
        user=None,
    )
    services.question_answer(question=second, mode="bang_van_ban", answered_on=end.closes_on, user=None)


# Seed 000: "Một vài đại biểu chưa tích cực tham gia thảo luận, phát biểu" — these delegates (by their
# place in the list of delegates in office) never speak in the term, so the annual report names them.
SILENT = {6, 13, 20, 27}
EXCUSES = ["Đi công tác theo phân công của cơ quan", "Ốm, có giấy nghỉ", "Việc gia đình, đã báo Thường trực"]
GROUP_NOTES = [
    "Tổ thống nhất với các dự thảo nghị quyết; đề nghị làm rõ nguồn vốn đối ứng của các dự án đầu tư công.",
    "Đại biểu đề nghị UBND thị xã đẩy nhanh tiến độ giải phóng mặt bằng, công khai phương án bồi thường.",
    "Tổ đề nghị rà soát danh mục công trình thu hồi đất, tránh để dự án treo kéo dài.",
    "Đại biểu phản ánh ý kiến cử tri về sạt lở bờ biển và đề nghị bố trí kinh phí khắc phục.",
    "Tổ đề nghị tăng cường kiểm tra chất lượng công trình trường học trước năm học mới.",
]
SPEECH_TOPICS = [
    "Đề nghị làm rõ cơ sở tính toán số liệu trong tờ trình",
    "Tán thành dự thảo, đề nghị bổ sung giải pháp tổ chức thực hiện",
    "Phản ánh ý kiến cử tri về tiến độ các công trình trọng điểm",
    "Đề nghị ưu tiên bố trí vốn cho các xã khó khăn",
    "Đề nghị quy định rõ trách nhiệm của cơ quan chủ trì",
]


def _sitting_days(council: Council) -> None:
    """Attendance of every sitting day (most present, a few absent), speeches by most delegates (a few never
    speak), and group discussions at the two regular sessions."""
    groups = list(Body.objects.filter(council=council, kind=BodyKind.DELEGATE_GROUP).order_by("name"))
    sessions = list(Session.objects.filter(council=council).order_by("opens_on"))
    if not sessions:
        return
    start = sessions[0].opened_on or sessions[0].opens_on
    everyone = list(delegates_in_office(council=council, on=start).order_by("pk").values_list("pk", flat=True))
    silent = {pk for i, pk in enumerate(everyone) if i in SILENT}
    turn = 0
    for session in sessions:
        first, last = session.opened_on or session.opens_on, session.closed_on or session.closes_on
        delegates = list(delegates_in_office(council=council, on=first).order_by("pk"))
        days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
        for n, day in enumerate(days):
            presence, reasons = {}, {}
            for i, delegate in enumerate(delegates):
                mark = (i * 7 + session.number * 3 + n) % 29
                if mark == 0:
                    presence[delegate.pk] = Presence.EXCUSED
                    reasons[delegate.pk] = EXCUSES[(i + n) % len(EXCUSES)]
                elif mark == 1 and session.number == 20:
                    presence[delegate.pk] = Presence.ABSENT
                else:
                    presence[delegate.pk] = Presence.PRESENT
            services.attendance_record(session=session, day=day, presence=presence, reasons=reasons, user=None)
        item = session.agenda.filter(kind="to_trinh").first()
        speakers = [d for d in delegates if d.pk not in silent]
        for k in range(6 if session.kind in (SessionKind.REGULAR_MID, SessionKind.REGULAR_END) else 4):
            delegate = speakers[turn % len(speakers)]
            turn += 1
            services.speech_add(
                session=session,
                delegate=delegate,
                spoken_on=days[k % len(days)],
                item=item,
                in_group=k % 3 == 2,
                summary=SPEECH_TOPICS[turn % len(SPEECH_TOPICS)] + ".",
            )
        if session.kind in (SessionKind.REGULAR_MID, SessionKind.REGULAR_END):
            for g, group in enumerate(groups):
                services.group_discussion_add(
                    session=session,
                    group=group,
                    held_on=first,
                    notes=GROUP_NOTES[(g + session.number) % len(GROUP_NOTES)],
                )
