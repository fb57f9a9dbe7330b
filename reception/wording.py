"""Sentences of the reception documents: text only, nothing written (services compose documents from these)."""

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from reception.access import PROTECTED_TEXT

if TYPE_CHECKING:
    from reception.models import Classification


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


def refusal_body(
    *,
    council_title: str,
    citizen: str,
    received_on: datetime.date,
    summary: str,
    ground_label: str,
    earlier: str,
) -> str:
    """The body of the refusal notice (Mẫu 01/TCD): who is refused, about what, on which ground."""
    return "\n".join(
        [
            f"Ngày {_date(received_on)}, Thường trực {council_title} nhận được đơn của {citizen}, nội dung:",
            summary,
            f"Nội dung này đã được giải quyết, trả lời theo {earlier}.",
            f"Căn cứ {ground_label}, Thường trực {council_title} thông báo từ chối tiếp công dân đối với "
            f"{citizen} về nội dung nêu trên.",
            "Công dân có quyền khiếu nại, tố cáo, kiến nghị, phản ánh về nội dung khác theo quy định của pháp luật.",
        ]
    )


def chase_body(*, council_title: str, body_name: str, rows: list[str]) -> str:
    """The body of a chasing letter (công văn đôn đốc) listing the body's late cases, one line each."""
    return "\n".join(
        [
            f"Thường trực {council_title} đã chuyển đến {body_name} các đơn thư sau đây để xem xét, giải quyết theo "
            "thẩm quyền; đến nay đã quá thời hạn báo cáo kết quả nhưng chưa nhận được báo cáo:",
            *rows,
            f"Thường trực {council_title} đề nghị {body_name} khẩn trương giải quyết và báo cáo bằng văn bản quá "
            "trình giải quyết, lý do chậm trễ, trách nhiệm của tổ chức, cá nhân có liên quan và kết quả giải quyết "
            "(Luật Tiếp công dân, Điều 22 khoản 3; Thông tư 05/2021/TT-TTCP, Điều 14 khoản 2).",
        ]
    )


def classification_line(row: "Classification") -> str:
    """One dated classification of a case in words, as its page lists them: from which day, what it was,
    who recorded it and when (never a sender: a classification holds none)."""
    if row.eligible is True:
        eligibility = "đủ điều kiện xử lý"
    elif row.eligible is False:
        eligibility = f"không đủ điều kiện xử lý — {row.get_ineligible_reason_display()}"
    else:
        eligibility = "chưa xác định điều kiện xử lý"
    handling = row.get_handling_display() if row.handling else "chưa xử lý"
    if row.competent_body_id is not None:
        handling += f" — {row.competent_body.name}"
    text = (
        f"Từ ngày {_date(row.effective_on)}: {row.get_category_display()} ({row.get_field_display()}); "
        f"{eligibility}; {handling[0].lower()}{handling[1:]}"
    )
    recorded = f"ghi ngày {_date(timezone.localtime(row.recorded_at).date())}"
    if row.recorded_by_id is not None:
        user = row.recorded_by
        recorded += f" bởi {user.get_full_name() or user.get_username()}"
    return f"{text} ({recorded})."
