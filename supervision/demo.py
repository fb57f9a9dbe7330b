"""Demo supervision of the Đức Phổ town council: the 2024 rounds of seed 000 (footnotes 2 and 3; the standing
committee's round and survey are invented), one 2023 round whose recommendations are still open, a programme
for 2024, and recommendations in every state, some overdue. Idempotent: nothing happens when the council
already has rounds.
"""

import datetime

from django.db import transaction

from followup import services as followup
from registry.demo import LAST_DAY
from registry.models import Body, Council, Delegate
from registry.selectors import standing_committee
from supervision import services
from supervision.models import Programme, ProgrammeItem, ProgrammeKind, Round, RoundKind

D = datetime.date
# The town's recommendations are reported done by its last day at the latest, and fall due by then: it ceased on
# 01/07/2025 (registry.demo.LAST_DAY), and none of its records is dated after that.
TOWN_DONE_BY = LAST_DAY

# (conducting body, kind, subject, supervised short names, label, set-up day, members,
#  [(addressee, text, due, state)]) — state: "", "progress", "done" (reported), "accepted"
ROUNDS = [
    (
        "Thường trực HĐND",
        RoundKind.SUPERVISION,
        "việc thực hiện các nghị quyết của HĐND thị xã về đầu tư công giai đoạn 2021-2025",
        ["UBND thị xã", "Phòng TC-KH"],
        "UBND thị xã và Phòng Tài chính - Kế hoạch thị xã",
        D(2024, 3, 4),
        ["Nguyễn Thị Kiều", "Trần Văn Hùng", "Lê Thị Hoa"],
        [
            (
                "UBND thị xã",
                "Đẩy nhanh tiến độ giải ngân vốn đầu tư công các dự án chuyển tiếp.",
                D(2024, 9, 30),
                "accepted",
            ),
            ("Phòng TC-KH", "Rà soát, điều chuyển vốn các dự án chậm giải ngân.", D(2024, 12, 31), "done"),
        ],
    ),
    (
        "Thường trực HĐND",
        RoundKind.SURVEY,
        "tình hình quản lý, sử dụng nhà văn hóa thôn, tổ dân phố",
        ["UBND Phổ Vinh", "UBND Phổ Nhơn"],
        "UBND phường Phổ Vinh và xã Phổ Nhơn",
        D(2024, 8, 12),
        ["Nguyễn Thị Kiều", "Tạ Thị Kim Oanh"],
        [("UBND thị xã", "Bố trí kinh phí sửa chữa các nhà văn hóa xuống cấp.", D(2025, 6, 30), "progress")],
    ),
    (
        "Ban Kinh tế - Xã hội",
        RoundKind.SUPERVISION,
        "công tác quản lý trật tự đô thị",
        ["UBND Phổ Quang", "UBND Phổ Thạnh"],
        "UBND các phường Phổ Quang và Phổ Thạnh",
        D(2024, 5, 6),
        ["Trần Văn Hùng", "Phạm Thị Lan", "Võ Minh Tuấn"],
        [
            (
                "UBND Phổ Quang",
                "Xử lý dứt điểm các trường hợp lấn chiếm vỉa hè, lòng đường.",
                D(2024, 10, 31),
                "accepted",
            ),
            ("UBND Phổ Thạnh", "Lập hồ sơ quản lý các công trình xây dựng không phép.", D(2025, 3, 31), ""),
            (
                "Phòng QLĐT",
                "Hướng dẫn các phường quy trình xử lý vi phạm trật tự xây dựng.",
                D(2024, 12, 31),
                "accepted",
            ),
        ],
    ),
    (
        "Ban Kinh tế - Xã hội",
        RoundKind.SUPERVISION,
        "việc thực hiện Kế hoạch cơ cấu lại ngành nông nghiệp",
        ["UBND Phổ Cường", "UBND Phổ Khánh"],
        "UBND các xã: Phổ Cường, Phổ Khánh",
        D(2024, 9, 9),
        ["Trần Văn Hùng", "Lương Văn Sơn", "Trịnh Văn Hải"],
        [
            ("UBND Phổ Cường", "Xây dựng vùng sản xuất lúa chất lượng cao tập trung.", D(2025, 6, 30), "progress"),
            ("Phòng Kinh tế", "Hỗ trợ các hợp tác xã liên kết tiêu thụ nông sản.", D(2025, 6, 30), ""),
        ],
    ),
    (
        "Ban Pháp chế",
        RoundKind.SUPERVISION,
        "công tác xét xử các vụ án dân sự, án hành chính",
        ["TAND thị xã"],
        "Tòa án nhân dân thị xã Đức Phổ",
        D(2024, 6, 3),
        ["Lê Thị Hoa", "Vũ Thị Hồng", "Phan Thị Ngọc"],
        [("TAND thị xã", "Khắc phục tình trạng án dân sự quá hạn luật định.", D(2024, 12, 31), "accepted")],
    ),
    (
        "Ban Pháp chế",
        RoundKind.SUPERVISION,
        "thực hiện quy định của pháp luật về tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh "
        "của công dân, việc thi hành các quyết định giải quyết khiếu nại, tố cáo đã có hiệu lực pháp luật",
        ["UBND thị xã", "Thanh tra thị xã"],
        "UBND thị xã và Thanh tra thị xã",
        D(2024, 10, 7),
        ["Lê Thị Hoa", "Nguyễn Văn Dũng"],
        [
            (
                "Thanh tra thị xã",
                "Tổ chức thi hành dứt điểm các quyết định giải quyết khiếu nại đã có hiệu lực.",
                D(2025, 6, 30),
                "",
            ),
            ("UBND thị xã", "Bố trí cán bộ chuyên trách tiếp công dân tại các xã, phường.", D(2025, 3, 31), "done"),
        ],
    ),
    (
        "Ban Kinh tế - Xã hội",
        RoundKind.SUPERVISION,
        "công tác thu ngân sách trên địa bàn",
        ["Phòng TC-KH"],
        "",
        D(2023, 9, 11),
        ["Trần Văn Hùng", "Bùi Thị Thu Hà"],
        [
            ("Phòng TC-KH", "Đôn đốc thu hồi nợ đọng tiền sử dụng đất.", D(2024, 3, 31), ""),
            ("UBND thị xã", "Khai thác nguồn thu từ cho thuê mặt bằng chợ.", D(2024, 6, 30), "accepted"),
        ],
    ),
]


def _round(
    council: Council,
    bodies: dict[str, Body],
    delegates: dict[str, Delegate],
    row: tuple,
    *,
    item: ProgrammeItem | None = None,
    done_by: datetime.date = TOWN_DONE_BY,
) -> Round:
    """One round through the services, from its set-up to its published report; a recommendation reported
    done is dated by its deadline, never after `done_by`."""
    body, kind, subject, supervised, label, set_up_on, members, recommendations = row
    start = set_up_on + datetime.timedelta(days=21)
    end = start + datetime.timedelta(days=10)
    round = services.round_create(
        council=council,
        body=bodies[body],
        kind=kind,
        subject=subject,
        supervised=[bodies[name] for name in supervised],
        supervised_label=label,
        set_up_on=set_up_on,
        starts_on=start,
        ends_on=end,
        schedule_sent_on=start - datetime.timedelta(days=12),
        item=item,
        plan="Nghe báo cáo, làm việc trực tiếp với đối tượng giám sát, kiểm tra thực tế tại một số địa điểm.",
    )
    for index, name in enumerate(members):
        services.member_add(round=round, delegate=delegates[name], role="Trưởng đoàn" if index == 0 else "Thành viên")
    for day, name in enumerate(supervised):
        services.session_add(
            round=round, held_on=start + datetime.timedelta(days=day), place=f"Trụ sở {name}", body=bodies[name]
        )
    services.body_reports_request(
        round=round, sent_on=set_up_on + datetime.timedelta(days=7), due_on=start - datetime.timedelta(days=3)
    )
    report_on = end + datetime.timedelta(days=7)
    services.report_record(round=round, report_on=report_on)
    services.round_consider(
        round=round,
        considered_on=report_on + datetime.timedelta(days=5),
        conclusions="Các cơ quan chịu sự giám sát cơ bản thực hiện đúng quy định; còn một số tồn tại, hạn chế "
        "cần khắc phục theo các kiến nghị của Đoàn giám sát.",
    )
    for addressee, text, due, state in recommendations:
        rec = services.recommendation_add(round=round, body=bodies[addressee], text=text, due_on=due)
        obligation = rec.obligation
        if state in ("progress", "done", "accepted"):
            followup.obligation_report(obligation=obligation, user=None, text="Đang triển khai thực hiện.", done=False)
        if state in ("done", "accepted"):
            followup.obligation_report(
                obligation=obligation,
                user=None,
                text="Đã thực hiện xong kiến nghị.",
                done=True,
                on=min(due, done_by),
            )
        if state == "accepted":
            followup.obligation_accept(obligation=obligation, user=None, text="Kết quả phù hợp.")
    services.round_publish(round=round, published=True)
    return round


@transaction.atomic
def seed(council: Council) -> None:
    """Idempotent: does nothing when the council already has rounds or lacks its standing committee."""
    standing = standing_committee(council)
    if standing is None or Round.objects.filter(council=council).exists():
        return
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    delegates = {d.person.full_name: d for d in Delegate.objects.filter(term__council=council).select_related("person")}
    needed = {name for row in ROUNDS for name in [row[0], *row[3], *(r[0] for r in row[7])]}
    if not needed <= set(bodies) or not {n for row in ROUNDS for n in row[6]} <= set(delegates):
        return
    programme = services.programme_create(
        council=council, kind=ProgrammeKind.COUNCIL, year=2024, body=standing, session_on=D(2023, 7, 12)
    )
    # The programme as updated: publishing the object as created would save its empty dates back.
    programme = services.programme_update(
        programme=programme, draft_sent_on=D(2023, 6, 30), adopted_on=D(2023, 7, 14), results_session_on=D(2025, 6, 26)
    )
    items = {}
    for row in ROUNDS:
        if row[5].year == 2024:
            items[row[2]] = services.item_add(
                programme=programme, subject=row[2], body=bodies[row[0]], kind=row[1], planned_from=row[5]
            )
    services.programme_publish(programme=programme, published=True)
    for row in ROUNDS:
        _round(council, bodies, delegates, row)
    for round in Round.objects.filter(council=council, set_up_on__year=2024):
        if round.subject in items:
            services.round_update(round=round, item=items[round.subject])


def live_round(set_up_on: datetime.date, today: datetime.date) -> tuple:
    """The live council's round (hdnd.demo_live): the Ban Kinh tế - Ngân sách over the ward's budget, set up
    on `set_up_on`; one recommendation done and accepted, one still running. Every name is invented."""
    report_on = set_up_on + datetime.timedelta(days=21 + 10 + 7)
    return (
        "Ban KT-NS",
        RoundKind.SUPERVISION,
        f"tình hình thực hiện dự toán thu, chi ngân sách phường 6 tháng đầu năm {set_up_on.year}",
        ["UBND phường", "Phòng KT-HT-ĐT"],
        "UBND phường và Phòng Kinh tế, Hạ tầng và Đô thị phường",
        set_up_on,
        ["Phạm Văn Đạt", "Tô Thị Hồng Nhung", "Võ Văn Lợi"],
        [
            (
                "Phòng KT-HT-ĐT",
                "Rà soát, đề xuất điều chuyển dự toán chi của các công trình chưa triển khai.",
                min(report_on + datetime.timedelta(days=30), max(today, report_on)),
                "accepted",
            ),
            (
                "UBND phường",
                "Đôn đốc thu các khoản thu còn đạt thấp so với dự toán; báo cáo HĐND phường tại kỳ họp cuối năm.",
                report_on + datetime.timedelta(days=90),
                "progress",
            ),
        ],
    )


@transaction.atomic
def seed_live(council: Council, *, today: datetime.date, session_on: datetime.date, resolution: object) -> None:
    """The live council's supervision programme of the term's first year, adopted at its first session by
    `resolution` (a document), and one round of it done: set up about three months ago, its report
    considered and its recommendations followed. Through the services, so the programme's and the round's
    due dates and the recommendations' obligations are made as in real use. Idempotent: a council that has
    a programme is left alone."""
    standing = standing_committee(council)
    if standing is None or Programme.objects.filter(council=council).exists():
        return
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    delegates = {d.person.full_name: d for d in Delegate.objects.filter(term__council=council).select_related("person")}
    set_up_on = max(session_on + datetime.timedelta(days=60), today - datetime.timedelta(days=100))
    row = live_round(set_up_on, today)
    if not {row[0], *row[3], *(r[0] for r in row[7])} <= set(bodies) or not set(row[6]) <= set(delegates):
        return
    programme = services.programme_create(
        council=council, kind=ProgrammeKind.COUNCIL, year=session_on.year, body=standing, session_on=session_on
    )
    programme = services.programme_update(
        programme=programme,
        draft_sent_on=session_on - datetime.timedelta(days=11),
        adopted_on=session_on,
        resolution=resolution,
    )
    item = services.item_add(
        programme=programme, subject=row[2], body=bodies[row[0]], kind=row[1], planned_from=set_up_on
    )
    services.item_add(
        programme=programme,
        subject="việc giải quyết kiến nghị của cử tri gửi đến kỳ họp thứ nhất và kỳ họp giữa năm",
        body=standing,
        planned_to=datetime.date(session_on.year, 12, 31),
    )
    services.item_add(
        programme=programme,
        subject="công tác quản lý, sử dụng nhà văn hóa tổ dân phố",
        body=bodies["Ban VH-XH"],
        kind=RoundKind.SURVEY,
        planned_to=datetime.date(session_on.year, 12, 31),
    )
    services.programme_publish(programme=programme, published=True)
    _round(council, bodies, delegates, row, item=item, done_by=today)
