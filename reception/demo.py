"""Demo reception of the Đức Phổ town council in 2024: a roster, receptions, and letters in every state; and
the live council's reception of this year (`seed_live`, called by hdnd.demo_live).

Seed 000 says only that the standing committee receives citizens periodically and follows complaints and
denunciations, with no figures: the letters here are invented; the annual report's section I.3 counts them
(seed 000 prints no figure there to match). Every forwarded case is answered, so the demo's overdue list is
unchanged. Idempotent.
"""

import datetime

from django.db import transaction

from followup.services import obligation_accept, obligation_report
from reception import schedule, services
from reception.models import Category, Channel, Field, Handling, Letter, RosterRule, SessionKind, Slot
from reception.services import CaseIn, SenderIn
from registry.calendar import WorkCalendar
from registry.demo import issue_on
from registry.models import Body, BodyKind, Council, LegalSetting, Person
from registry.services import setting_set

D = datetime.date
SIGNER = {"signer_title": "Phó Chủ tịch", "signer_name": "Nguyễn Thị Kiều"}


@transaction.atomic
def seed(council: Council) -> None:
    if Letter.objects.filter(council=council).exists():
        return
    people = list(Person.objects.filter(council=council, delegacies__isnull=False).distinct().order_by("pk")[:4])
    agency = Body.objects.filter(council=council, kind=BodyKind.AGENCY).order_by("pk").first()
    committee = Body.objects.filter(council=council, kind=BodyKind.PEOPLES_COMMITTEE).order_by("pk").first()
    if len(people) < 2 or agency is None or committee is None:
        return
    schedule.roster_set(
        council=council,
        rule=RosterRule.DAY_OF_MONTH,
        day=15,
        place="Trụ sở Tiếp công dân thị xã",
        decision="Quy chế hoạt động của HĐND thị xã nhiệm kỳ 2021-2026, Điều 20",
        receivers=people,
        minimum_per_year=2,
        user=None,
    )
    schedule.schedule_generate(council=council, start=D(2024, 1, 1), end=D(2024, 12, 31), user=None)
    sessions = [
        services.session_create(
            council=council,
            held_on=day,
            kind=SessionKind.PERIODIC,
            place="Trụ sở Tiếp công dân thị xã",
            receivers=[people[i % len(people)]],
            citizens=citizens,
            group=citizens >= 5,
            content=content,
            user=None,
        )
        for i, (day, citizens, content) in enumerate(
            [
                (D(2024, 3, 15), 2, "Công dân trình bày việc bồi thường khi thu hồi đất làm đường ven biển."),
                (D(2024, 6, 17), 7, "Đoàn công dân phản ánh ô nhiễm mùi hôi từ cơ sở chế biến hải sản."),
                (D(2024, 10, 15), 1, "Công dân hỏi về chế độ trợ cấp người có công."),
            ]
        )
    ]
    complaint = services.letter_receive(
        council=council,
        received_on=D(2024, 3, 15),
        reception=sessions[0],
        senders=[SenderIn("Trần Văn Hùng", "Thôn Phước Thịnh, xã Phổ An", "0905111222")],
        cases=[
            CaseIn(
                Category.COMPLAINT,
                "Khiếu nại quyết định bồi thường, hỗ trợ khi thu hồi đất làm đường ven biển.",
                Field.LAND,
            )
        ],
        user=None,
    ).cases.get()
    services.letter_receive(  # the same complaint sent again by post: linked, counted once
        council=council,
        received_on=D(2024, 4, 2),
        senders=[SenderIn("Trần Văn Hùng", "Thôn Phước Thịnh, xã Phổ An")],
        cases=[
            CaseIn(
                Category.COMPLAINT,
                "Khiếu nại quyết định bồi thường, hỗ trợ khi thu hồi đất làm đường ven biển.",
                Field.LAND,
            )
        ],
        user=None,
    )
    denunciation = services.letter_receive(
        council=council,
        received_on=D(2024, 5, 6),
        senders=[SenderIn("Lê Thị Mai", "Tổ dân phố 3, phường Nguyễn Nghiêm", "0914333444")],
        cases=[
            CaseIn(
                Category.DENUNCIATION,
                "Tố cáo cán bộ địa chính phường nhận tiền để hợp thức hóa hồ sơ đất.",
                Field.CORRUPTION,
                protected=True,
            )
        ],
        user=None,
    ).cases.get()
    services.letter_receive(
        council=council,
        received_on=D(2024, 6, 17),
        reception=sessions[1],
        senders=[SenderIn("Phạm Văn Tâm", "Tổ dân phố 5, phường Phổ Quang")],
        people=7,
        cases=[CaseIn(Category.REFLECTION, "Phản ánh ô nhiễm mùi hôi từ cơ sở chế biến hải sản.", Field.ADMIN_OTHER)],
        user=None,
    )
    services.letter_receive(
        council=council,
        received_on=D(2024, 8, 12),
        anonymous=True,
        cases=[CaseIn(Category.DENUNCIATION, "Thông tin về việc san lấp mặt bằng trái phép tại xã Phổ Khánh.")],
        user=None,
    )
    services.letter_receive(  # no signature: ineligible, the citizen is guided
        council=council,
        received_on=D(2024, 9, 9),
        signed=False,
        senders=[SenderIn("Võ Văn Lực", "Thôn Vĩnh Tuy, xã Phổ Khánh")],
        cases=[CaseIn(Category.COMPLAINT, "Khiếu nại việc xét hộ cận nghèo năm 2024.", Field.POLICY)],
        user=None,
    )
    advice = services.letter_receive(
        council=council,
        received_on=D(2024, 10, 15),
        reception=sessions[2],
        senders=[SenderIn("Nguyễn Thị Lan", "Thôn An Thạch, xã Phổ An")],
        cases=[CaseIn(Category.RECOMMENDATION, "Kiến nghị xem xét chế độ trợ cấp người có công.", Field.POLICY)],
        user=None,
    ).cases.get()
    services.case_classify(
        case=advice,
        user=None,
        eligible=True,
        handling=Handling.GUIDED,
        competent_body=committee,
        effective_on=D(2024, 10, 15),  # guided at the reception, as the 2024 statistics count it
    )
    # Seed 000's Ban Pháp chế round on reception and complaints follows how the complaint is resolved.
    from supervision.models import Round

    legal_round = Round.objects.filter(council=council, subject__icontains="tiếp công dân").order_by("pk").first()
    if legal_round is not None:
        services.case_link_round(case=complaint, round=legal_round, user=None)
    for case, body, day, answer in [
        (
            complaint,
            committee,
            D(2024, 3, 20),
            "UBND thị xã đã thụ lý, ban hành quyết định giải quyết khiếu nại lần đầu.",
        ),
        (denunciation, agency, D(2024, 5, 10), "Đã xác minh, xử lý kỷ luật cán bộ vi phạm; báo cáo kết quả."),
    ]:
        # Classified on the day it is forwarded (the town's story is dated: nothing of it after its last day).
        services.case_classify(case=case, user=None, eligible=True, effective_on=day)
        # The forwarding letter is numbered in the office's series: it waits for its date among the other
        # seeders' letters (numbers follow the dates of issue).
        issue_on(day, lambda case=case, body=body, day=day, answer=answer: _forward(case, body, day, answer))


def _forward(case: object, body: Body, day: datetime.date, answer: str) -> None:
    services.case_forward(case=case, body=body, user=None, issued_on=day, **SIGNER)
    case.refresh_from_db()
    reported = min(case.obligation.due_on, case.obligation.source_date + datetime.timedelta(days=5))
    obligation_report(obligation=case.obligation, user=None, text=answer, done=True, on=reported)
    obligation_accept(obligation=case.obligation, user=None)
    services.case_citizen_told(case=case, on=reported + datetime.timedelta(days=2), user=None)


# The live council's reception this year (hdnd.demo_live), dated relative to today. Every name is invented.
LIVE_PLACE = "Phòng Tiếp công dân, Trụ sở HĐND - UBND phường Đức Phổ"


@transaction.atomic
def seed_live(council: Council, *, today: datetime.date, valid_from: datetime.date, decision: str, signer: str) -> None:
    """The live council's roster and published coming days, its receptions on the last two roster days and
    a handful of letters of this year: a complaint forwarded and overdue, a reflection forwarded and
    answered, a denunciation with its denouncer's identity protected (forwarded, the letter redacted), an
    anonymous letter filed as information, a recommendation guided on the spot and one forwarded, waiting.
    Idempotent: a council that has letters is left alone."""
    if Letter.objects.filter(council=council).exists():
        return
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    leaders = list(
        Person.objects.filter(memberships__body__kind=BodyKind.STANDING_COMMITTEE, memberships__body__council=council)
        .distinct()
        .order_by("pk")
    )
    if len(leaders) < 2 or not {"UBND phường", "Phòng KT-HT-ĐT", "Phòng VH-XH"} <= bodies.keys():
        return
    # The council's working regulation sets what the law leaves to it (DOMAIN.md "?").
    for key, value in (("letter_answer_days", 15), ("reception_report_days", 5)):
        if not LegalSetting.objects.filter(council=council, key=key).exists():
            setting_set(council=council, key=key, value=value, valid_from=valid_from, decision=decision)
    schedule.roster_set(
        council=council,
        rule=RosterRule.DAY_OF_MONTH,
        day=15,
        place=LIVE_PLACE,
        decision=decision,
        receivers=leaders,
        minimum_per_year=2,
        user=None,
    )
    ahead = today + datetime.timedelta(days=90)
    schedule.schedule_generate(council=council, start=valid_from, end=ahead, user=None)
    if Slot.objects.filter(council=council, day__range=(today, ahead), published_on__isnull=True).exists():
        schedule.schedule_publish(council=council, start=today, end=ahead, user=None)
    past = list(Slot.objects.filter(council=council, day__lt=today).select_related("person").order_by("-day")[:2])
    if len(past) < 2:
        return
    earlier, later = past[1], past[0]
    sessions = [
        services.session_create(
            council=council,
            held_on=slot.day,
            kind=SessionKind.PERIODIC,
            place=LIVE_PLACE,
            receivers=[slot.person],
            citizens=citizens,
            group=citizens >= 5,
            content=content,
            user=None,
        )
        for slot, citizens, content in (
            (earlier, 2, "Công dân trình bày việc bồi thường, hỗ trợ khi thu hồi đất mở rộng đường Phạm Văn Đồng."),
            (
                later,
                7,
                "Đoàn công dân tổ dân phố Phổ Minh 2 phản ánh ngập úng sau mưa; công dân hỏi chế độ bảo trợ xã hội.",
            ),
        )
    ]

    def day(days_ago: int, not_before: datetime.date) -> datetime.date:
        return min(today, max(not_before, today - datetime.timedelta(days=days_ago)))

    calendar = WorkCalendar(council)

    def working(on: datetime.date, not_before: datetime.date) -> datetime.date:
        """The office signs no letter on a day off of its calendar (a weekend, a holiday, a day it declared
        off): the next working day, not after today, else the one before, not before `not_before`. Forward
        first: the other seeds' letters of the office's series are dated at fixed offsets, and a letter moved
        back would come before one numbered earlier."""
        day = on
        while not calendar.is_working_day(day) and day < today:
            day += datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            return day
        while not calendar.is_working_day(on) and on > not_before:
            on -= datetime.timedelta(days=1)
        return on

    denounced = working(today - datetime.timedelta(days=20), today - datetime.timedelta(days=30))
    # (key, received on, the letter): entered in the register in the order received (numbers follow dates).
    letters = [
        (
            "complaint",
            earlier.day,
            {
                "reception": sessions[0],
                "senders": [
                    SenderIn("Phan Văn Tùng", "Số 27 đường Phạm Văn Đồng, tổ dân phố Phổ Ninh 1", "0935118406")
                ],
                "cases": [
                    CaseIn(
                        Category.COMPLAINT,
                        "Khiếu nại quyết định bồi thường, hỗ trợ khi thu hồi đất mở rộng đường Phạm Văn Đồng.",
                        Field.LAND,
                    )
                ],
            },
        ),
        (
            "flooding",
            later.day,
            {
                "reception": sessions[1],
                "senders": [
                    SenderIn("Đặng Văn Sơn", "Số 9 hẻm 3 đường Huỳnh Thúc Kháng, tổ dân phố Phổ Minh 2", "0914270583")
                ],
                "people": 6,
                "cases": [
                    CaseIn(Category.REFLECTION, "Phản ánh mương thoát nước bị bồi lấp, khu dân cư ngập úng sau mưa.")
                ],
            },
        ),
        (
            "advice",
            later.day,
            {
                "reception": sessions[1],
                "senders": [SenderIn("Mai Thị Thanh Hương", "Số 16 đường Nguyễn Trãi, tổ dân phố Phổ Vinh 1")],
                "cases": [
                    CaseIn(
                        Category.RECOMMENDATION,
                        "Kiến nghị hướng dẫn thủ tục hưởng trợ cấp xã hội hằng tháng.",
                        Field.POLICY,
                    )
                ],
            },
        ),
        (
            "denunciation",
            denounced,
            {
                "senders": [
                    SenderIn("Hồ Thị Kim Oanh", "Số 41 đường Lê Thánh Tôn, tổ dân phố Nguyễn Nghiêm 3", "0987334152")
                ],
                "cases": [
                    CaseIn(
                        Category.DENUNCIATION,
                        "Tố cáo công chức một bộ phận của phường thu tiền ngoài quy định khi giải quyết hồ sơ đất đai.",
                        Field.CORRUPTION,
                        protected=True,
                    )
                ],
            },
        ),
        (
            # Anonymous: information with a denunciation's content, filed (Luật Tố cáo, Điều 25).
            "anonymous",
            today - datetime.timedelta(days=18),
            {
                "anonymous": True,
                "cases": [
                    CaseIn(Category.DENUNCIATION, "Thông tin về việc khai thác cát trái phép ven sông Trà Câu ban đêm.")
                ],
            },
        ),
        (
            "tuition",
            today - datetime.timedelta(days=7),
            {
                "channel": Channel.IN_PERSON,
                "senders": [
                    SenderIn("Lương Văn Thành", "Số 3 đường Trần Hưng Đạo, tổ dân phố Phổ Ninh 1", "0905661927")
                ],
                "cases": [
                    CaseIn(
                        Category.RECOMMENDATION,
                        "Kiến nghị hỗ trợ học phí cho con của hộ cận nghèo mới phát sinh trong năm.",
                        Field.POLICY,
                    )
                ],
            },
        ),
    ]
    cases = {}
    for key, received_on, letter in sorted(letters, key=lambda row: row[1]):
        made = services.letter_receive(council=council, received_on=received_on, user=None, **letter)
        cases[key] = made.cases.get()
    services.case_classify(
        case=cases["advice"], user=None, eligible=True, handling=Handling.GUIDED, competent_body=bodies["Phòng VH-XH"]
    )
    # Forwarded in date order (the forwarding letters are numbered in the office's series), each on a working
    # day: the complaint's acceptance limit has passed, the reflection is answered, the other two wait.
    forwards = sorted(
        [
            (working(day(13, earlier.day), earlier.day), cases["complaint"], bodies["UBND phường"], False),
            (working(day(12, later.day), later.day), cases["flooding"], bodies["Phòng KT-HT-ĐT"], True),
            (working(day(10, denounced), denounced), cases["denunciation"], bodies["UBND phường"], False),
            (
                working(day(6, cases["tuition"].letter.received_on), cases["tuition"].letter.received_on),
                cases["tuition"],
                bodies["Phòng VH-XH"],
                False,
            ),
        ],
        key=lambda row: row[0],
    )
    for on, case, body, answered in forwards:
        services.case_classify(case=case, user=None, eligible=True)
        services.case_forward(
            case=case, body=body, user=None, issued_on=on, signer_title="Chủ tịch", signer_name=signer
        )
        if answered:
            case.refresh_from_db()
            reported = min(today, on + datetime.timedelta(days=5))
            obligation_report(
                obligation=case.obligation,
                user=None,
                text="Đã nạo vét 350 m mương thoát nước tổ dân phố Phổ Minh 2; khu dân cư hết ngập úng.",
                done=True,
                on=reported,
            )
            obligation_accept(obligation=case.obligation, user=None)
            services.case_citizen_told(case=case, on=min(today, reported + datetime.timedelta(days=1)), user=None)
