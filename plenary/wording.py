"""The sessions' wording: the minutes' body and the council's name for a session.

Writes nothing and imports no service.
"""

from documents.models import DocType, Document
from hdnd.dates import format_date
from plenary import selectors
from plenary.models import (
    GroupDiscussion,
    Session,
    Speech,
)


def term_name(session: Session) -> str:
    return f"Hội đồng nhân dân {session.council.unit_label}, nhiệm kỳ {session.term.name}"


def minutes_text(session: Session) -> str:
    """The body of the minutes (biên bản kỳ họp) from the session record: time and place, attendance per
    sitting day against the delegates in office that day, agenda, speeches and group discussions, votes
    and their results. Fixed number of queries."""
    lines = [f"{session}, {term_name(session)} ({session.get_kind_display().lower()}).", "# I. THỜI GIAN, ĐỊA ĐIỂM"]
    first, last = session.opened_on or session.opens_on, session.closed_on or session.closes_on
    lines.append(f"Thời gian: từ ngày {format_date(first)} đến ngày {format_date(last)}.")
    lines.append(f"Địa điểm: {session.place or '—'}.")
    lines.append("# II. THÀNH PHẦN THAM DỰ")
    days = selectors.attendance_counts(session)
    if not days:
        lines.append("Chưa có số liệu điểm danh.")
    for row in days:
        lines.append(
            f"Ngày {format_date(row['day'])}: có mặt {row['present']}/{row['in_office']} đại biểu; vắng có lý do "
            f"{row['excused']}; vắng không lý do {row['absent']}."
        )
    lines.append("# III. CHƯƠNG TRÌNH KỲ HỌP")
    agenda = list(session.agenda.all())
    lines += [f"{i}. {item.title}." for i, item in enumerate(agenda, start=1)] or ["Chưa có chương trình."]
    speeches = list(Speech.objects.filter(session=session).values_list("in_group", flat=True))
    groups = GroupDiscussion.objects.filter(session=session).count()
    lines.append("# IV. THẢO LUẬN")
    lines.append(
        f"Có {speeches.count(False)} lượt đại biểu phát biểu tại hội trường và {speeches.count(True)} lượt "
        f"phát biểu tại tổ; {groups} buổi thảo luận tổ."
    )
    lines.append("# V. BIỂU QUYẾT VÀ KẾT QUẢ")
    subs = list(
        session.submissions.filter(vote__isnull=False)
        .select_related("vote", "resolution__document")
        .order_by("obligation_due_on", "pk")
    )
    if not subs:
        lines.append("Không có nội dung biểu quyết.")
    for i, sub in enumerate(subs, start=1):
        vote = sub.vote
        outcome = "thông qua" if vote.passed else "không thông qua"
        resolution = getattr(sub, "resolution", None)
        number = f" (Nghị quyết số {resolution.document.number_symbol})" if resolution else ""
        lines.append(
            f"{i}. {sub.title}: tán thành {vote.yes}/{vote.in_office} đại biểu ({vote.yes_percent:g}%), "
            f"không tán thành {vote.no}, không biểu quyết {vote.abstain} — {outcome}{number}."
        )
    lines.append(f"Kỳ họp bế mạc ngày {format_date(last)}.")
    return "\n".join(lines)


def session_document_body(session: Session, document: Document) -> str | None:
    """The body the session's record gives its minutes now (the documents engine compares it with the draft's
    to say the draft is out of date); None for any other document of the session."""
    if document.pk is not None and document.pk != session.minutes_document_id:
        return None
    if document.pk is None and document.doc_type != DocType.BIEN_BAN:
        return None
    return minutes_text(session)
