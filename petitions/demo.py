"""Demo petitions: the two 2024 rounds of seed 000 in the 15 communes and wards of Đức Phổ.

Seed 000: "Tại đợt tiếp xúc cử tri giữa năm 2024: Có 10 kiến nghị thuộc thẩm quyền của cấp tỉnh; 34 kiến
nghị thuộc thẩm quyền của thị xã" and at year-end 15 and 33. The texts are invented; a few petitions raised
in several communes are merged (each aggregate counts once, as in the seed's figures); answers come in
every state. Idempotent: a council that already has the 2024 mid-year round is left alone.
"""

import datetime
import itertools
from functools import partial

from django.db import transaction

from documents.models import Authority
from petitions import selectors, services
from petitions.models import ContactRound, Level, MeetingForm, Period, Petition, PetitionState, Timing
from registry.demo import issue_on
from registry.models import Body, BodyKind, Council, Delegate
from registry.services import setting_set

D = datetime.date

# (field, text) — town-level petitions; "{u}" is the commune or ward, "{v}" a village or residential group.
TOWN = [
    ("Giao thông", "Đề nghị đầu tư nâng cấp tuyến đường bê tông từ {v} đi trung tâm {u}, hiện đã xuống cấp, hư hỏng."),
    ("Giao thông", "Đề nghị lắp đặt hệ thống đèn chiếu sáng công cộng trên tuyến đường liên thôn tại {v}, {u}."),
    ("Xây dựng", "Đề nghị sớm xây dựng nhà văn hóa {v}, {u} để nhân dân có nơi sinh hoạt cộng đồng."),
    ("Môi trường", "Đề nghị tăng tần suất thu gom rác thải sinh hoạt tại {v}, {u}; rác tồn đọng gây ô nhiễm."),
    ("Đất đai", "Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân tại {v}, {u}."),
    ("Nông nghiệp", "Đề nghị kiên cố hóa kênh mương nội đồng tại cánh đồng {v}, {u} để phục vụ sản xuất vụ Hè Thu."),
    ("Giáo dục", "Đề nghị sửa chữa phòng học xuống cấp của điểm trường mẫu giáo {v}, {u}."),
    ("Y tế", "Đề nghị bổ sung trang thiết bị khám chữa bệnh cho Trạm Y tế {u}."),
    ("Chính sách xã hội", "Đề nghị xem xét hỗ trợ sửa chữa nhà ở cho hộ nghèo, hộ chính sách tại {v}, {u}."),
    ("Điện, nước sinh hoạt", "Đề nghị mở rộng mạng lưới cấp nước sinh hoạt đến các hộ dân {v}, {u}."),
    ("An ninh, trật tự", "Đề nghị tăng cường kiểm tra, xử lý tình trạng xe tải chở cát quá tải qua {v}, {u}."),
]
# Province-level petitions (forwarded to the provincial council's office).
PROVINCE = [
    ("Giao thông", "Đề nghị tỉnh sớm sửa chữa đoạn Quốc lộ 1 qua {u} bị lún, nứt, gây mất an toàn giao thông."),
    (
        "Đất đai",
        "Đề nghị tỉnh xem xét điều chỉnh giá đất bồi thường khi thu hồi đất tại {u} cho phù hợp giá thị trường.",
    ),
    ("Môi trường", "Đề nghị tỉnh có giải pháp chống sạt lở bờ biển đoạn qua {u}, đe dọa nhà cửa của nhân dân."),
    ("Y tế", "Đề nghị tỉnh bổ sung bác sĩ cho Trung tâm Y tế thị xã, người dân {u} phải chuyển tuyến nhiều."),
    ("Nông nghiệp", "Đề nghị tỉnh hỗ trợ ngư dân {u} chi phí nhiên liệu, sửa chữa tàu thuyền khai thác xa bờ."),
]
# Raised in several communes (same text, varied wording): merged into one aggregated petition each.
SHARED_TOWN = [
    (
        "Giao thông",
        ["Phổ An", "Phổ Châu"],
        "Đề nghị sớm chi trả tiền bồi thường giải phóng mặt bằng dự án đường ven biển Dung Quất - Sa Huỳnh.",
    ),
    (
        "Môi trường",
        ["Phổ Quang", "Phổ Vinh", "Phổ Minh"],
        "Đề nghị xử lý dứt điểm tình trạng ô nhiễm mùi hôi từ các cơ sở chế biến hải sản.",
    ),
    (
        "Chính sách xã hội",
        ["Phổ Nhơn", "Phổ Phong"],
        "Đề nghị chi trả kịp thời chế độ trợ cấp cho người cao tuổi và người khuyết tật.",
    ),
]
SHARED_PROVINCE = [
    (
        "Giao thông",
        ["Phổ Khánh", "Phổ Thạnh"],
        "Đề nghị tỉnh đầu tư nâng cấp tuyến ĐT 624 đoạn qua địa bàn thị xã Đức Phổ.",
    ),
]
BODY_BY_FIELD = {
    "Giao thông": "Phòng QLĐT",
    "Xây dựng": "Phòng QLĐT",
    "Môi trường": "Phòng TN&MT",
    "Đất đai": "Phòng TN&MT",
    "Nông nghiệp": "Phòng Kinh tế",
    "Giáo dục": "Phòng GD&ĐT",
    "Y tế": "Phòng Y tế",
    "Chính sách xã hội": "Phòng LĐ-TB&XH",
    "Điện, nước sinh hoạt": "UBND thị xã",
    "An ninh, trật tự": "UBND thị xã",
}
ANSWERS = {
    PetitionState.ANSWERED: "UBND thị xã đã bố trí vốn năm {y} và giao cơ quan chuyên môn "
    "triển khai thực hiện trong quý tới.",
    PetitionState.RESOLVING: "Nội dung kiến nghị đang được rà soát, lập hồ sơ; dự kiến hoàn thành trong năm {y}.",
    PetitionState.EXPLAINED: "Nội dung này đã được giải trình: theo quy định hiện hành chưa đủ điều kiện thực hiện; "
    "UBND thị xã sẽ xem xét khi cân đối được nguồn lực.",
}
VILLAGES = ["thôn An Ba", "thôn Trung Hải", "tổ dân phố 2", "thôn Vĩnh Xuân", "tổ dân phố 5", "thôn Đông Quang"]

# (period, first contact day, forwarded on, answered on, total town, total province, aggregates town/province)
ROUNDS = [
    (Period.MID_YEAR, D(2024, 6, 3), D(2024, 6, 24), D(2024, 7, 8), 34, 10),
    (Period.YEAR_END, D(2024, 11, 11), D(2024, 12, 2), D(2024, 12, 16), 33, 15),
]


def _bodies(council: Council) -> dict[str, Body]:
    return {b.short_name: b for b in Body.objects.filter(council=council)}


def _units(council: Council) -> dict[str, Council]:
    return {u.unit_name: u for u in selectors.child_units(council)}


def _singles(templates: list, units: list[Council], count: int, offset: int) -> list[tuple[str, Council, str]]:
    """`count` distinct (field, unit, text) rows cycling through templates and units."""
    rows = []
    pairs = itertools.product(range(len(templates)), range(len(units)))
    for index, (t, u) in enumerate(pairs):
        if index < offset:
            continue
        if len(rows) == count:
            break
        field, text = templates[(t + u) % len(templates)]
        unit = units[(u + t * 4) % len(units)]
        rows.append((field, unit, text.format(u=unit.unit_label, v=VILLAGES[(t + u) % len(VILLAGES)])))
    return rows


@transaction.atomic
def _round(council: Council, spec: tuple, year: int) -> None:
    period, first_day, forwarded_on, answered_on, town_total, province_total = spec
    contact_round = services.round_create(
        council=council,
        year=year,
        period=period,
        timing=Timing.BEFORE,
        starts_on=first_day,
        ends_on=first_day + datetime.timedelta(days=11),
    )
    fields = {f.name: f for f in services.field_defaults_ensure(council=council)}
    bodies, units = _bodies(council), _units(council)
    front = bodies.get("UBMTTQVN thị xã")
    meetings = {}
    for index, unit in enumerate(units.values()):
        delegates = Delegate.objects.filter(term__council=council, constituency__contains=unit.unit_name)[:3]
        meetings[unit.unit_name] = services.meeting_create(
            contact_round=contact_round,
            unit=unit,
            held_on=first_day + datetime.timedelta(days=index % 10),
            place=f"Hội trường UBND {unit.unit_label}",
            form=MeetingForm.IN_PERSON if index % 5 else MeetingForm.BOTH,
            delegates=delegates,
            voters=80 + (index * 17) % 90,
            co_organiser=front,
        )

    def data(field: str, unit: Council, text: str, level: str) -> services.PetitionData:
        body = None if level == Level.PROVINCE else bodies[BODY_BY_FIELD.get(field, "UBND thị xã")]
        return services.PetitionData(
            text=text,
            unit=unit,
            level=level,
            field=fields.get(field),
            body=body,
            meeting=meetings[unit.unit_name],
            voters=1 + len(text) % 4,
        )

    unit_list = list(units.values())
    offset = 0 if period == Period.MID_YEAR else 40
    items = []
    shared_groups = []
    for shared, level in ((SHARED_TOWN, Level.DISTRICT), (SHARED_PROVINCE, Level.PROVINCE)):
        chosen = shared if period == Period.MID_YEAR else shared[::-1][: max(1, len(shared) - 1)]
        for field, names, text in chosen:
            start = len(items)
            for i, name in enumerate(names):
                wording = text if i == 0 else text.replace("Đề nghị", "Cử tri đề nghị", 1)
                items.append(data(field, units[name], wording, level))
            shared_groups.append(range(start, len(items)))
    town_aggregates = sum(1 for g in shared_groups if items[g[0]].level == Level.DISTRICT)
    province_aggregates = len(shared_groups) - town_aggregates
    for field, unit, text in _singles(TOWN, unit_list, town_total - town_aggregates, offset):
        items.append(data(field, unit, text, Level.DISTRICT))
    for field, unit, text in _singles(PROVINCE, unit_list, province_total - province_aggregates, offset):
        items.append(data(field, unit, text, Level.PROVINCE))
    created = services.petitions_bulk_create(contact_round=contact_round, items=items)
    for group in shared_groups:
        services.petition_merge(petitions=[created[i] for i in group], user=None, contact_round=contact_round)

    setting_set(council=council, key=services.ANSWER_RULE, value=30)
    waiting = (
        Petition.objects.filter(round=contact_round, merged_into__isnull=True, obligation__isnull=True)
        .values_list("body", flat=True)
        .distinct()
    )
    for body in Body.objects.filter(pk__in=set(waiting)).order_by("name"):
        services.petitions_forward(
            contact_round=contact_round,
            body=body,
            user=None,
            signer_authority=Authority.KT,
            signer_collective="Chủ tịch HĐND",
            signer_title="Phó Chủ tịch",
            signer_name="Nguyễn Thị Kiều",
            issued_on=forwarded_on,
        )
    cycle = itertools.cycle(
        [PetitionState.ANSWERED, PetitionState.ANSWERED, PetitionState.RESOLVING, PetitionState.EXPLAINED, None]
    )
    answered = Petition.objects.filter(round=contact_round, merged_into__isnull=True).select_related(
        "council", "obligation"
    )
    for index, petition in enumerate(answered.order_by("pk")):
        state = next(cycle)
        if state is None or (period == Period.YEAR_END and index % 3):
            continue
        services.record_answer(
            petition=petition, user=None, text=ANSWERS[state].format(y=year), state=state, on=answered_on
        )
        if state != PetitionState.RESOLVING and index % 2 == 0:
            services.petition_accept(petition=petition, user=None, note="Văn phòng đã kiểm tra nội dung trả lời.")
    services.round_publish(contact_round=contact_round, published=True, user=None)


def seed(council: Council) -> None:
    """The 2024 rounds of seed 000 (idempotent)."""
    if ContactRound.objects.filter(council=council, year=2024).exists():
        return
    if (
        not selectors.child_units(council).exists()
        or not Body.objects.filter(council=council, kind=BodyKind.UPPER_COUNCIL).exists()
    ):
        return
    for spec in ROUNDS:
        # Forwarding letters are numbered in the office's series: queued at their date (registry.demo.issue_on).
        issue_on(spec[2], partial(_round, council, spec, 2024))
