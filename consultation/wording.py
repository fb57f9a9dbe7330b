"""The words a consultation writes: the invitation's text and the synthesis report's body. Writes nothing.

The report (Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý) names the bodies that answered and counts
the public's comments, never a commenter's name or contact.
"""

from consultation.models import WHOLE_DRAFT, Consultation, Invitation, Origin
from hdnd.dates import format_date

WHOLE_LABEL = "Góp ý chung về dự thảo"
SUMMARY_CHARS = 400


def article_label(number: int, heading: str = "") -> str:
    if number == WHOLE_DRAFT:
        return WHOLE_LABEL
    return heading or f"Điều {number}"


def invitation_text(consultation: Consultation) -> str:
    return (
        f"Đề nghị cơ quan nghiên cứu, góp ý dự thảo {consultation.title}; gửi ý kiến qua Hệ thống "
        f"trước ngày {format_date(consultation.closes_on)}."
    )


def _summary(text: str) -> str:
    one_line = " ".join(text.split())
    if len(one_line) <= SUMMARY_CHARS:
        return one_line
    return one_line[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _overall_counts(answered: int, invited: int, body_count: int, public_count: int) -> str:
    """The report's count sentence, a zero worded ("chưa có … nào"), never "00"."""
    if not invited:
        bodies = "Không có cơ quan nào được gửi xin ý kiến"
    elif not answered:
        bodies = f"Chưa có cơ quan nào trong {invited:02d} cơ quan được lấy ý kiến gửi góp ý"
    else:
        bodies = f"Có {answered:02d}/{invited:02d} cơ quan được lấy ý kiến gửi góp ý với {body_count:02d} ý kiến"
    public = (
        f"tổ chức, cá nhân gửi {public_count:02d} ý kiến được đăng tải sau kiểm duyệt"
        if public_count
        else "chưa có ý kiến nào của tổ chức, cá nhân được đăng tải"
    )
    return f"{bodies}; {public}."


def _article_counts(total: int, by_body: int, by_public: int) -> str:
    """An article's count sentence: the side without opinions is left out rather than written "00"."""
    if not total:
        return "Chưa có ý kiến nào."
    if not by_body:
        return f"Có {total:02d} ý kiến, đều của tổ chức, cá nhân."
    if not by_public:
        return f"Có {total:02d} ý kiến, đều của cơ quan được lấy ý kiến."
    return f"Có {total:02d} ý kiến ({by_body:02d} của cơ quan, {by_public:02d} của tổ chức, cá nhân)."


def report_body(consultation: Consultation, groups: list, invitations: list[Invitation], answered: set[int]) -> str:
    """The report's body in the documents engine's markup ('# ' heading, '## ' sub-heading)."""
    council = consultation.council
    bodies = [i.body for i in invitations]
    body_count = sum(1 for g in groups for o in g.opinions if o.origin == Origin.BODY)
    public_count = sum(1 for g in groups for o in g.opinions if o.origin == Origin.PUBLIC)
    ended = consultation.closed_on or consultation.closes_on
    lines = [
        f"Thường trực {council.short_title} đã tổ chức lấy ý kiến dự thảo {consultation.title} từ ngày "
        f"{format_date(consultation.opens_on)} đến ngày {format_date(ended)}. Dự thảo được đăng tải trên "
        "Trang thông tin điện tử để tổ chức, cá nhân góp ý"
        + (f" và gửi xin ý kiến {len(bodies):02d} cơ quan." if bodies else "."),
        "# I. TÌNH HÌNH LẤY Ý KIẾN",
        _overall_counts(len(answered & {b.pk for b in bodies}), len(bodies), body_count, public_count),
    ]
    silent = [b.name for b in bodies if b.pk not in answered]
    if silent:
        lines.append("Các cơ quan chưa gửi ý kiến: " + "; ".join(silent) + ".")
    lines.append("# II. TỔNG HỢP Ý KIẾN VÀ TIẾP THU, GIẢI TRÌNH")
    numbered = 0
    for group in groups:
        if not group.opinions and group.response is None:
            continue
        numbered += 1
        lines.append(f"## {numbered}. {article_label(group.number, group.heading)}")
        by_body = [o for o in group.opinions if o.origin == Origin.BODY]
        by_public = [o for o in group.opinions if o.origin == Origin.PUBLIC]
        lines.append(_article_counts(len(group.opinions), len(by_body), len(by_public)))
        for opinion in by_body:
            lines.append(f"- {opinion.body.name}: {_summary(opinion.text)}")
        for opinion in by_public:
            lines.append(f"- Ý kiến của tổ chức, cá nhân: {_summary(opinion.text)}")
        if group.response is not None:
            lines.append(f"{group.response.get_kind_display()}: {group.response.text}")
        elif group.opinions:
            lines.append("Tiếp thu, giải trình: chưa có.")
    if numbered == 0:
        lines.append("Không có ý kiến góp ý.")
    lines.append("# III. KIẾN NGHỊ")
    lines.append(
        "Dự thảo đã được tiếp thu, chỉnh lý theo các ý kiến trên. Kính trình Hội đồng nhân dân xem xét, quyết định."
    )
    return "\n".join(lines)
