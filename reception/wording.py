"""Sentences of the reception documents: text only, nothing written (services compose documents from these)."""

import datetime

from reception.access import PROTECTED_TEXT


def _date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def sender_phrase(*, names: list[str], protected: bool, anonymous: bool, people: int) -> str:
    """Who the letter is from, as a forwarding letter may say it (never a protected denouncer's name)."""
    if anonymous:
        return "không ghi tên người gửi (đơn nặc danh)"
    if protected:
        return f"công dân ({PROTECTED_TEXT.lower()} theo Điều 47 Luật Tố cáo)"
    if not names:
        return "công dân"
    who = ", ".join(names)
    return f"{who} và {people - len(names)} người khác" if people > len(names) else who


def forwarding_body(
    *,
    council_title: str,
    received_on: datetime.date,
    sender: str,
    category_label: str,
    summary: str,
    body_name: str,
    days: int,
    unit_label: str,
    citation: str,
) -> str:
    """The body of the forwarding letter (Phiếu chuyển đơn): what was received, from whom, what is asked."""
    return "\n".join(
        [
            f"Ngày {_date(received_on)}, Thường trực {council_title} nhận được đơn {category_label.lower()} "
            f"của {sender}, nội dung:",
            summary,
            f"Đơn thuộc thẩm quyền giải quyết của {body_name}. Thường trực {council_title} chuyển đơn đến "
            f"{body_name} xem xét, giải quyết theo quy định của pháp luật và báo cáo kết quả trong thời hạn "
            f"{days:02d} {unit_label} ({citation}).",
        ]
    )
