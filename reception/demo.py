"""Demo reception of the Đức Phổ town council in 2024: a roster, receptions, and letters in every state.

Seed 000 says only that the standing committee receives citizens periodically and follows complaints and
denunciations, with no figures: the letters here are invented; the annual report's section I.3 counts them
(seed 000 prints no figure there to match). Every forwarded case is answered, so the demo's overdue list is
unchanged. Idempotent.
"""

import datetime

from django.db import transaction

from followup.services import obligation_accept, obligation_report
from reception import schedule, services
from reception.models import Category, Field, Handling, Letter, RosterRule, SessionKind
from reception.services import CaseIn, SenderIn
from registry.demo import issue_on
from registry.models import Body, BodyKind, Council, Person

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
    services.case_classify(case=advice, user=None, eligible=True, handling=Handling.GUIDED, competent_body=committee)
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
        services.case_classify(case=case, user=None, eligible=True)
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
