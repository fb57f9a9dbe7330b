"""The rules the law sets, as per-council settings with their defaults and their legal sources.

A council adopts its own working regulation (quy chế làm việc), so every number here is a default that
a council may change. A rule with no known default has `default=None`: the screens that need it ask
for it. Every deadline of the product reads its number here and goes through `registry.calendar`.
"""

import datetime
from dataclasses import dataclass

CALENDAR = "ngay"
WORKING = "ngay_lam_viec"
FRACTION = "phan_tram"
COUNT = "so"
DAY_OF_YEAR = "ngay_trong_nam"  # a date-type rule ("proposals by 1 March"): month × 100 + day

UNIT_LABELS = {
    CALENDAR: "ngày",
    WORKING: "ngày làm việc",
    FRACTION: "%",
    COUNT: "lần",
    DAY_OF_YEAR: "ngày trong năm",
}
DAY_UNITS = (CALENDAR, WORKING)  # the units a deadline counts in


@dataclass(frozen=True)
class Rule:
    key: str
    group: str
    label: str
    default: int | None
    unit: str
    citation: str


RULES: tuple[Rule, ...] = (
    # Sessions — Luật Tổ chức chính quyền địa phương 72/2025/QH15.
    Rule(
        "regular_sessions_per_year",
        "Kỳ họp",
        "Số kỳ họp thường lệ tối thiểu mỗi năm",
        2,
        COUNT,
        "Luật Tổ chức chính quyền địa phương 72/2025/QH15",
    ),
    Rule(
        "first_session_after_election",
        "Kỳ họp",
        "Kỳ họp thứ nhất trong thời hạn sau ngày bầu cử",
        45,
        CALENDAR,
        "Luật Tổ chức chính quyền địa phương 72/2025/QH15",
    ),
    Rule(
        "pass_threshold_percent",
        "Kỳ họp",
        "Nghị quyết được thông qua khi quá tỷ lệ tổng số đại biểu",
        50,
        FRACTION,
        "Luật Tổ chức chính quyền địa phương 72/2025/QH15 (quá nửa tổng số đại biểu)",
    ),
    Rule(
        "dismissal_threshold_percent",
        "Kỳ họp",
        "Bãi nhiệm đại biểu cần ít nhất tỷ lệ tổng số đại biểu",
        67,
        FRACTION,
        "Luật Tổ chức chính quyền địa phương (ít nhất hai phần ba tổng số đại biểu)",
    ),
    Rule(
        "extraordinary_request_percent",
        "Kỳ họp",
        "Kỳ họp chuyên đề, bất thường theo yêu cầu của ít nhất tỷ lệ đại biểu",
        34,
        FRACTION,
        "Luật Tổ chức chính quyền địa phương (ít nhất một phần ba tổng số đại biểu)",
    ),
    # The session deadlines a council's working regulation sets: its model depends on the council's level
    # (MODEL_REGULATION_CITATIONS), so a commune cites NQ 104/2025 and a province NQ 103/2025.
    Rule(
        "submission_due_before_opening",
        "Kỳ họp",
        "Hạn gửi hồ sơ trình để thẩm tra, trước ngày khai mạc",
        None,
        CALENDAR,
        "Quy chế làm việc của HĐND (mẫu: Nghị quyết 103/2025/UBTVQH15 ban hành Quy chế làm việc mẫu của HĐND tỉnh, "
        "Nghị quyết 104/2025/UBTVQH15 ban hành Quy chế làm việc mẫu của HĐND xã)",
    ),
    Rule(
        "documents_to_delegates_before_opening",
        "Kỳ họp",
        "Hạn gửi tài liệu đến đại biểu, trước ngày khai mạc",
        None,
        CALENDAR,
        "Quy chế làm việc của HĐND (mẫu: Nghị quyết 103/2025/UBTVQH15 ban hành Quy chế làm việc mẫu của HĐND tỉnh, "
        "Nghị quyết 104/2025/UBTVQH15 ban hành Quy chế làm việc mẫu của HĐND xã)",
    ),
    Rule(
        "verification_before_opening",
        "Kỳ họp",
        "Các Ban thẩm tra báo cáo định kỳ, chậm nhất trước ngày khai mạc",
        10,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13",
    ),
    Rule(
        "commitment_report_before_session",
        "Chất vấn",
        "Báo cáo thực hiện lời hứa sau chất vấn, trước kỳ họp sau",
        10,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13",
    ),
    Rule(
        "written_answer_days",
        "Chất vấn",
        "Trả lời chất vấn bằng văn bản trong thời hạn",
        20,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 60, 69",
    ),
    # Supervision — Luật Hoạt động giám sát 87/2015/QH13.
    Rule(
        "supervision_programme_draft_before_session",
        "Giám sát",
        "Dự kiến chương trình giám sát năm, trước kỳ họp giữa năm",
        10,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 58",
    ),
    # The council's programme is adopted at the mid-year session of the year before: due on its opening day
    # (0 days), counted from it, so the version in force that day gives the basis.
    Rule(
        "supervision_programme_adopt_at_session",
        "Giám sát",
        "Thông qua chương trình giám sát năm tại kỳ họp giữa năm (số ngày kể từ ngày khai mạc)",
        0,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 58",
    ),
    # Its results are reported at the mid-year session of the year after (Điều 58): due on that session's
    # opening day (0 days), counted from it, as the adoption.
    Rule(
        "supervision_programme_results_at_session",
        "Giám sát",
        "Báo cáo kết quả thực hiện chương trình giám sát năm tại kỳ họp giữa năm năm sau (số ngày kể từ ngày khai mạc)",
        0,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 58",
    ),
    Rule(
        "standing_programme_after_year_end_session",
        "Giám sát",
        "Chương trình giám sát của Thường trực, sau kỳ họp cuối năm",
        15,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 67",
    ),
    Rule(
        "supervision_content_after_setup",
        "Giám sát",
        "Gửi nội dung, đề cương báo cáo cho đối tượng giám sát, sau khi thành lập đoàn",
        15,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 62, 70, 80",
    ),
    Rule(
        "supervision_schedule_before_visit",
        "Giám sát",
        "Gửi kế hoạch, thành phần đoàn, trước ngày làm việc",
        10,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 62, 70, 80",
    ),
    Rule(
        "standing_round_report_after_end",
        "Giám sát",
        "Đoàn giám sát của Thường trực báo cáo, sau khi kết thúc",
        15,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 70",
    ),
    Rule(
        "committee_round_report_after_end",
        "Giám sát",
        "Đoàn giám sát của Ban báo cáo, sau khi kết thúc",
        10,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 80",
    ),
    Rule(
        "standing_considers_report_within",
        "Giám sát",
        "Thường trực xem xét báo cáo của đoàn giám sát trong thời hạn",
        7,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 71",
    ),
    Rule(
        "unlawful_document_reply_days",
        "Giám sát",
        "Cơ quan ban hành trả lời yêu cầu xử lý văn bản trái pháp luật",
        30,
        CALENDAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 79",
    ),
    # Voters' petitions — Nghị quyết liên tịch 72/2025 (sửa đổi bởi 100/2025).
    Rule(
        "petition_answer_days",
        "Kiến nghị cử tri",
        "Thời hạn cơ quan trả lời kiến nghị cử tri",
        None,
        CALENDAR,
        "Nghị quyết liên tịch 72/2025 về tiếp xúc cử tri (sửa đổi bởi Nghị quyết liên tịch 100/2025 "
        "về tiếp xúc cử tri; Quốc hội: 60 ngày)",
    ),
    Rule(
        "petition_result_posting_days",
        "Kiến nghị cử tri",
        "Niêm yết kết quả giải quyết kiến nghị tại trụ sở tiếp dân",
        30,
        CALENDAR,
        "Nghị quyết liên tịch 72/2025 về tiếp xúc cử tri",
    ),
    # Citizen reception and complaints.
    Rule(
        "case_acceptance_notice",
        "Khiếu nại, tố cáo",
        "Thông báo thụ lý, từ chối hoặc chuyển đơn",
        10,
        WORKING,
        "Luật Tiếp công dân 42/2013/QH13, Điều 28 khoản 1; Luật Khiếu nại 02/2011/QH13, Điều 27",
    ),
    Rule(
        "complaint_lodge_days",
        "Khiếu nại, tố cáo",
        "Thời hiệu khiếu nại",
        90,
        CALENDAR,
        "Luật Khiếu nại 02/2011/QH13, Điều 9",
    ),
    Rule(
        "complaint_resolve_days",
        "Khiếu nại, tố cáo",
        "Giải quyết khiếu nại lần đầu",
        30,
        CALENDAR,
        "Luật Khiếu nại 02/2011/QH13 (45 ngày nếu phức tạp)",
    ),
    Rule(
        "denunciation_process_days",
        "Khiếu nại, tố cáo",
        "Xử lý ban đầu thông tin tố cáo",
        7,
        WORKING,
        "Luật Tố cáo 25/2018/QH14, Điều 24 khoản 1",
    ),
    Rule(
        "denunciation_transfer_days",
        "Khiếu nại, tố cáo",
        "Chuyển đơn tố cáo không thuộc thẩm quyền",
        5,
        WORKING,
        "Luật Tố cáo 25/2018/QH14, Điều 24 khoản 2",
    ),
    Rule(
        "denunciation_resolve_days",
        "Khiếu nại, tố cáo",
        "Giải quyết tố cáo",
        30,
        CALENDAR,
        "Luật Tố cáo 25/2018/QH14",
    ),
    Rule(
        "reception_report_days",
        "Tiếp công dân",
        "Người tiếp công dân báo cáo kết quả buổi tiếp với Thường trực (Hội đồng tự quy định)",
        None,
        CALENDAR,
        "Quy chế làm việc của HĐND (thực tiễn địa phương, ví dụ 05 ngày)",
    ),
    Rule(
        "letter_answer_days",
        "Khiếu nại, tố cáo",
        "Cơ quan trả lời đơn kiến nghị, phản ánh được chuyển (Hội đồng tự quy định)",
        None,
        CALENDAR,
        "Nghị quyết 116/2025/UBTVQH15 về tiếp công dân, xử lý đơn (chưa rõ thời hạn); Quy chế làm việc của HĐND",
    ),
    # Standing committee.
    Rule(
        "conclusion_task_days",
        "Thường trực",
        "Hạn thực hiện nhiệm vụ theo thông báo kết luận khi không ghi hạn",
        30,
        CALENDAR,
        "Quy chế làm việc của Thường trực HĐND (pháp luật không quy định)",
    ),
    Rule(
        "forwarded_case_result_days",
        "Khiếu nại, tố cáo",
        "Cơ quan nhận vụ việc do đại biểu chuyển đến báo cáo kết quả, kể từ khi giải quyết",
        7,
        WORKING,
        "Luật Tiếp công dân 42/2013/QH13, Điều 27 khoản 2",
    ),
    Rule(
        "delegate_tells_citizen_days",
        "Khiếu nại, tố cáo",
        "Đại biểu thông báo kết quả cho công dân, kể từ khi nhận thông báo của cơ quan",
        5,
        WORKING,
        "Luật Tiếp công dân 42/2013/QH13, Điều 28 khoản 2",
    ),
    Rule(
        "forwarded_denunciation_report_days",
        "Khiếu nại, tố cáo",
        "Cơ quan nhận tố cáo do Thường trực chuyển đến báo cáo việc xử lý",
        20,
        CALENDAR,
        "Luật Tố cáo 25/2018/QH14, Điều 26 khoản 2",
    ),
    Rule(
        "reception_refusal_notice_days",
        "Khiếu nại, tố cáo",
        "Thông báo từ chối tiếp công dân (Mẫu 01/TCD)",
        3,
        WORKING,
        "Nghị định 154/2026/NĐ-CP về tiếp công dân, Điều 4 khoản 3",
    ),
    # Supervision from 01/03/2026 — Luật Hoạt động giám sát 121/2025/QH15.
    Rule(
        "explanation_days",
        "Giám sát",
        "Cơ quan, cá nhân được giám sát giải trình trong thời hạn",
        15,
        CALENDAR,
        "Luật Hoạt động giám sát 121/2025/QH15, Điều 40 (tối đa 30 ngày nếu phức tạp)",
    ),
    # A date in the year: the value is month × 100 + day (301 = 01/03).
    Rule(
        "supervision_proposals_by",
        "Giám sát",
        "Hạn gửi đề xuất chương trình giám sát năm sau (ngày trong năm)",
        301,
        DAY_OF_YEAR,
        "Luật Hoạt động giám sát 87/2015/QH13, Điều 58",
    ),
    # Publication — Luật Tiếp cận thông tin 104/2016/QH13 (from 01/07/2018).
    Rule(
        "publication_days",
        "Công khai",
        "Công khai thông tin khi không có quy định riêng, kể từ ngày tạo ra thông tin",
        5,
        WORKING,
        "Luật Tiếp cận thông tin 104/2016/QH13, Điều 18 khoản 4",
    ),
    # Consultation on draft resolutions: the law asks that drafts be posted for comment; the minimum period
    # for a council's drafts was not found (DOMAIN.md "?"), so the council sets it.
    Rule(
        "consultation_min_days",
        "Lấy ý kiến dự thảo",
        "Thời gian lấy ý kiến tối thiểu đối với dự thảo nghị quyết (Hội đồng tự quy định)",
        None,
        CALENDAR,
        "Luật Ban hành văn bản quy phạm pháp luật 64/2025/QH15 (sửa đổi, bổ sung bởi Luật sửa đổi, bổ sung một số "
        "điều của Luật Ban hành văn bản quy phạm pháp luật 87/2025/QH15); "
        "Nghị định 78/2025/NĐ-CP quy định chi tiết Luật Ban hành văn bản quy phạm pháp luật — "
        "chưa xác định thời hạn tối thiểu",
    ),
    # Follow-up.
    Rule(
        "reminder_days_before_due",
        "Theo dõi, đôn đốc",
        "Nhắc việc trước hạn",
        3,
        WORKING,
        "Quy chế làm việc của HĐND",
    ),
)

RULES_BY_KEY = {rule.key: rule for rule in RULES}


@dataclass(frozen=True)
class RuleVersion:
    """One period of a rule: its value, unit and legal basis, from `valid_from` to `valid_to` (inclusive;
    None = open). `value=None`: the text in force then gives no number we know with confidence (DOMAIN.md
    marks it "?"), so there is no default and the screens ask the council for it. `by_level`: the basis a
    council of a given level cites instead of `citation` (council level -> citation)."""

    key: str
    value: int | None
    unit: str
    citation: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    by_level: tuple[tuple[str, str], ...] = ()

    def applies_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def citation_for(self, level: str | None) -> str:
        """The basis a council of `level` cites ("tinh", "huyen", "xa"; None: the general one)."""
        return dict(self.by_level).get(level or "", self.citation)

    @property
    def citations(self) -> list[str]:
        """Every basis this version may cite, whatever the council's level."""
        return [self.citation, *(citation for _, citation in self.by_level)]


SUPERVISION_LAW_2025_FROM = datetime.date(2026, 3, 1)  # Luật 121/2025/QH15 replaces Luật 87/2015/QH13
RECEPTION_LAW_2025_FROM = datetime.date(2026, 7, 1)  # Luật 136/2025/QH15; NĐ 154, 155, 156/2026/NĐ-CP
ACCESS_TO_INFORMATION_FROM = datetime.date(2018, 7, 1)  # Luật Tiếp cận thông tin 104/2016/QH13
_DAY_BEFORE = datetime.timedelta(days=1)
# Luật 136/2025/QH15 amends the laws on reception, complaints and denunciations from 01/07/2026 (law-2026.md
# §0.2 and §1.1): a citation names it by its title, never by its number alone.
RECEPTION_LAW_2025 = (
    "Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo 136/2025/QH15"
)
# The denunciation rules keep their numbers from 01/07/2026 (law-2026.md §1.3 rows 10–14, H, for a product running
# in late 2026: Luật Tố cáo Art. 24, 26(2), 29, as amended); from that day they also cite the amending law.
DENUNCIATION_RULES = (
    "denunciation_process_days",
    "denunciation_transfer_days",
    "denunciation_resolve_days",
    "forwarded_denunciation_report_days",
)
SUPERVISION_2026_CITATION = (
    "Luật Hoạt động giám sát 121/2025/QH15; Nghị quyết 114/2025/UBTVQH15 về hoạt động giám sát của Hội đồng nhân dân"
)
# The reception and complaint rules whose numbers Luật 136/2025/QH15 keeps (law-2026.md §1.3, H, read in the
# consolidated text for a product running in late 2026): rows 2 and 3 (Luật Tiếp công dân Art. 27(2), 28(2)),
# 5 (Luật Khiếu nại Art. 9) and 6 (the first complaint, 30 days, 45 if complex). From 01/07/2026 they also cite
# the amending law, and the first complaint the decree that defines a complex case (NĐ 155/2026, new Art. 3a of
# NĐ 124/2020; law-2026.md §1.4, H).
RECEPTION_RULES_KEPT = {
    "forwarded_case_result_days": RECEPTION_LAW_2025,
    "delegate_tells_citizen_days": RECEPTION_LAW_2025,
    "complaint_lodge_days": RECEPTION_LAW_2025,
    "complaint_resolve_days": f"{RECEPTION_LAW_2025}; Nghị định 155/2026/NĐ-CP về khiếu nại (vụ việc phức tạp: "
    "Điều 3a bổ sung vào Nghị định 124/2020/NĐ-CP quy định chi tiết Luật Khiếu nại)",
}
# The model working regulation a council's own regulation follows, by the council's level (law-2026.md §2.1:
# NQ 103/2025/UBTVQH15 for a province, NQ 104/2025/UBTVQH15 for a commune); a district council (before
# 01/07/2025) had neither, and cites its own regulation only.
MODEL_REGULATION_CITATIONS = (
    (
        "tinh",
        "Quy chế làm việc của HĐND (mẫu: Nghị quyết 103/2025/UBTVQH15 ban hành Quy chế làm việc mẫu của HĐND tỉnh)",
    ),
    (
        "xa",
        "Quy chế làm việc của HĐND (mẫu: Nghị quyết 104/2025/UBTVQH15 ban hành Quy chế làm việc mẫu của HĐND xã)",
    ),
    ("huyen", "Quy chế làm việc của HĐND"),
)
BY_LEVEL_RULES = ("submission_due_before_opening", "documents_to_delegates_before_opening")

# The periods of the texts a citation may name: a citation of a text outside its period is a mistake
# (registry/tests/test_citation_periods.py checks every version, the code and the templates against it).
TEXT_PERIODS: dict[str, tuple[datetime.date | None, datetime.date | None]] = {
    "87/2015/QH13": (datetime.date(2016, 7, 1), SUPERVISION_LAW_2025_FROM - _DAY_BEFORE),
    "121/2025/QH15": (SUPERVISION_LAW_2025_FROM, None),
    "114/2025/UBTVQH15": (SUPERVISION_LAW_2025_FROM, None),
    "136/2025/QH15": (RECEPTION_LAW_2025_FROM, None),
    "154/2026/NĐ-CP": (RECEPTION_LAW_2025_FROM, None),
    "155/2026/NĐ-CP": (RECEPTION_LAW_2025_FROM, None),
    "156/2026/NĐ-CP": (RECEPTION_LAW_2025_FROM, None),
    "64/2014/NĐ-CP": (datetime.date(2014, 8, 15), RECEPTION_LAW_2025_FROM - _DAY_BEFORE),
    "104/2016/QH13": (ACCESS_TO_INFORMATION_FROM, None),
    "72/2025/QH15": (datetime.date(2025, 7, 1), None),
}


def _versions() -> dict[str, tuple[RuleVersion, ...]]:
    out: dict[str, tuple[RuleVersion, ...]] = {}
    for rule in RULES:
        if "87/2015/QH13" in rule.citation:
            # Luật 87/2015 ends 28/02/2026; the 2026 number lives in NQ 114/2025 (not known: "?").
            out[rule.key] = (
                RuleVersion(
                    rule.key, rule.default, rule.unit, rule.citation, None, SUPERVISION_LAW_2025_FROM - _DAY_BEFORE
                ),
                RuleVersion(rule.key, None, rule.unit, SUPERVISION_2026_CITATION, SUPERVISION_LAW_2025_FROM),
            )
        elif rule.key == "explanation_days":
            out[rule.key] = (RuleVersion(rule.key, 15, CALENDAR, rule.citation, SUPERVISION_LAW_2025_FROM),)
        elif rule.key == "reception_refusal_notice_days":
            out[rule.key] = (RuleVersion(rule.key, 3, WORKING, rule.citation, RECEPTION_LAW_2025_FROM),)
        elif rule.key == "publication_days":
            out[rule.key] = (RuleVersion(rule.key, 5, WORKING, rule.citation, ACCESS_TO_INFORMATION_FROM),)
        elif rule.key == "case_acceptance_notice":
            out[rule.key] = (
                RuleVersion(rule.key, 10, rule.unit, rule.citation, None, RECEPTION_LAW_2025_FROM - _DAY_BEFORE),
                RuleVersion(
                    rule.key,
                    7,
                    WORKING,
                    f"{RECEPTION_LAW_2025}; Nghị định 155/2026/NĐ-CP về khiếu nại, Điều 10",
                    RECEPTION_LAW_2025_FROM,
                ),
            )
        elif rule.key in RECEPTION_RULES_KEPT:
            out[rule.key] = (
                RuleVersion(
                    rule.key, rule.default, rule.unit, rule.citation, None, RECEPTION_LAW_2025_FROM - _DAY_BEFORE
                ),
                RuleVersion(
                    rule.key,
                    rule.default,
                    rule.unit,
                    f"{rule.citation}; {RECEPTION_RULES_KEPT[rule.key]}",
                    RECEPTION_LAW_2025_FROM,
                ),
            )
        elif rule.key in BY_LEVEL_RULES:
            out[rule.key] = (
                RuleVersion(rule.key, rule.default, rule.unit, rule.citation, by_level=MODEL_REGULATION_CITATIONS),
            )
        elif rule.key in DENUNCIATION_RULES:
            out[rule.key] = (
                RuleVersion(
                    rule.key, rule.default, rule.unit, rule.citation, None, RECEPTION_LAW_2025_FROM - _DAY_BEFORE
                ),
                RuleVersion(
                    rule.key, rule.default, rule.unit, f"{rule.citation}; {RECEPTION_LAW_2025}", RECEPTION_LAW_2025_FROM
                ),
            )
        else:
            out[rule.key] = (RuleVersion(rule.key, rule.default, rule.unit, rule.citation),)
    return out


VERSIONS: dict[str, tuple[RuleVersion, ...]] = _versions()


def version_on(key: str, day: datetime.date) -> RuleVersion | None:
    """The version of a rule in force on `day` (the day its counting starts); None before the rule exists."""
    for version in VERSIONS[key]:
        if version.applies_on(day):
            return version
    return None


def day_of_year_label(value: int | None) -> str:
    """A date-type rule's value (month × 100 + day) as dd/mm; empty when not set."""
    if value is None:
        return ""
    return f"{value % 100:02d}/{value // 100:02d}"


def day_of_year_valid(value: int) -> bool:
    try:
        datetime.date(2024, value // 100, value % 100)  # 2024 is a leap year: 29/02 is a valid setting
    except ValueError:
        return False
    return True


def texts_out_of_period(citation: str, day: datetime.date) -> list[str]:
    """The texts of TEXT_PERIODS a citation names that are not in force on `day` (empty: all are)."""
    out = []
    for text, (start, end) in TEXT_PERIODS.items():
        if text in citation and ((start is not None and day < start) or (end is not None and day > end)):
            out.append(text)
    return out


def version_texts_out_of_period(version: RuleVersion) -> list[str]:
    """The texts a version cites (for a council of any level) outside their period, checked at both ends
    of the version."""
    days = [d for d in (version.valid_from, version.valid_to) if d is not None]
    return sorted(
        {text for day in days for citation in version.citations for text in texts_out_of_period(citation, day)}
    )


def rule_citation(key: str, level: str | None, on: datetime.date) -> str:
    """The basis of a rule as a council of `level` reads it on `on`: its version in force that day, else the
    rule's own citation (before the rule exists)."""
    version = version_on(key, on)
    return version.citation_for(level) if version is not None else RULES_BY_KEY[key].citation
