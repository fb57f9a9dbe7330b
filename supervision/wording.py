"""Supervision's wording: who signs, how the supervised are named, the report on recommendations.

Writes nothing and imports no service.
"""

import datetime

from hdnd.dates import format_date
from registry.models import Council, MemberRole
from registry.selectors import holders_on, standing_committee
from supervision.models import (
    Round,
)


def signer(council: Council, on: datetime.date) -> tuple[str, str]:
    """The standing committee's chair on the day, else a vice-chair: (title, name)."""
    body = standing_committee(council)
    for role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR):
        holder = holders_on(body=body, role=role, on=on).first() if body else None
        if holder is not None:
            return MemberRole(role).label, holder.person.full_name
    return "Chủ tịch", "[[họ và tên người ký]]"


def supervised_text(round: Round) -> str:
    """How the supervised bodies are named in text: the label given, else their short names."""
    if round.supervised_label:
        return round.supervised_label
    return ", ".join(b.short_name or b.name for b in round.supervised.all())


def recommendation_report_body(report: object) -> str:
    """The report's text from `selectors.recommendation_report`: the totals, by addressee, then each
    recommendation still open (earlier years' included)."""
    lines = [
        f"Tổng số kiến nghị sau giám sát năm {report.year} và các năm trước chưa hoàn thành: {report.total:02d} kiến "
        f"nghị; đã hoàn thành {report.done:02d}, đang thực hiện {report.in_progress:02d}, quá hạn "
        f"{report.overdue:02d} (trong đó {report.earlier_open:02d} kiến nghị của các năm trước chưa hoàn thành).",
        "1. Kết quả thực hiện theo cơ quan được kiến nghị",
    ]
    for line in report.by_body:
        lines.append(
            f"- {line.body.name}: {line.total:02d} kiến nghị; đã hoàn thành {line.done:02d}, đang thực hiện "
            f"{line.in_progress:02d}, quá hạn {line.overdue:02d}."
        )
    lines.append("2. Các kiến nghị chưa hoàn thành")
    open_rows = [(r, s) for r, s in report.rows if s != "done"]
    for rec, status in open_rows:
        state = "quá hạn" if status == "overdue" else "đang thực hiện"
        lines.append(
            f"- {rec.body.short_name or rec.body.name} ({rec.round.body.short_name}, ngày {format_date(rec.made_on)}, "
            f"hạn {format_date(rec.obligation.due_on)}, {state}): {rec.text}"
        )
    if not open_rows:
        lines.append("- Không có kiến nghị nào chưa hoàn thành.")
    return "\n".join(lines)
