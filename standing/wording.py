"""The standing committee's wording: text built from records (notice, invitation, programme, minutes, replies).

Writes nothing and imports no service, so services, selectors and views may all use it.
"""

import datetime
import re

from django.db import models

from documents.models import DocType, Document
from documents.recipients import grouped_names
from hdnd.dates import format_date
from hdnd.text import clean, fold, splice, without_numbering
from registry.models import BodyKind, Council, MemberRole, Membership, Person
from registry.selectors import body_of_kind, holders_on, standing_committee
from standing import programme_links
from standing.models import (
    Conference,
    Meeting,
    OpinionRequest,
    Section,
    Stance,
)

# What the generated text leaves for the office to complete: "[[địa điểm họp]]". Issuing refuses it.
PLACEHOLDER = re.compile(r"\[\[(.*?)\]\]")
LETTERS = "abcdefghiklmnopqrstuvxy"  # Vietnamese sub-items skip j and w: a), b), … i), k), …


def _title_of(membership: Membership, council: Council) -> str:
    """ "Chủ tịch HĐND thị xã" for the chair and vice-chairs; other members are named by their position."""
    if membership.role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR):
        return f"{membership.get_role_display()} {council.short_title}"
    return ""


def person_titles(person: Person, membership: Membership | None, council: Council) -> str:
    """ "Nguyễn Kiên - Tỉnh ủy viên, Bí thư Thị ủy, Chủ tịch HĐND thị xã": position, then the registry's title."""
    parts = [clean(p) for p in person.position.split(",") if clean(p)]
    title = _title_of(membership, council) if membership is not None else ""
    if title and fold(title) not in {fold(p) for p in parts}:
        parts.append(title)
    return f"{person.full_name} - {', '.join(parts)}" if parts else person.full_name


def _standing_roles(meeting: Meeting) -> dict[int, Membership]:
    """Each person's standing-committee membership on the meeting's day (chair before vice-chair)."""
    body = standing_committee(meeting.council)
    if body is None:
        return {}
    out: dict[int, Membership] = {}
    for role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER):
        for membership in holders_on(body=body, role=role, on=meeting.held_on):
            out.setdefault(membership.person_id, membership)
    return out


def _fill(value: str, what: str) -> str:
    return value or f"[[{what}]]"


def opening_paragraph(meeting: Meeting) -> str:
    """The notice's first paragraph, from the record: day, place, purpose, chair with titles, attendees."""
    council = meeting.council
    standing_name = f"Thường trực {council.short_title}"
    when = f"Ngày {format_date(meeting.held_on)}"
    if meeting.starts_at:
        when = f"Vào lúc {meeting.starts_at:%H} giờ {meeting.starts_at:%M}, ngày {format_date(meeting.held_on)}"
    chair = person_titles(meeting.chair.person, meeting.chair, council)
    roles = _standing_roles(meeting)
    attendees = list(meeting.attendees.select_related("person"))
    present = [f"đồng chí {person_titles(a.person, roles.get(a.person_id), council)}" for a in attendees if a.present]
    if meeting.other_attendees:
        present.append(meeting.other_attendees.rstrip("."))
    text = (
        f"{when}, tại {_fill(meeting.place, 'địa điểm họp')}, {standing_name} tổ chức Phiên họp {standing_name} "
        f"để {_fill(splice('để', meeting.purpose.rstrip('.')), 'mục đích phiên họp')}. Phiên họp do đồng chí {chair} "
        "chủ trì. "
        f"Tham dự cuộc họp có {'; '.join(present) if present else '[[thành phần dự họp]]'}."
    )
    absent = [
        f"đồng chí {person_titles(a.person, roles.get(a.person_id), council)} ({a.absence_reason})"
        for a in attendees
        if not a.present
    ]
    if absent:
        text += f" Vắng mặt: {'; '.join(absent)}."
    return text


def heard_paragraph(meeting: Meeting) -> str:
    """The "Sau khi nghe …" paragraph that leads into the conclusions."""
    council = meeting.council
    heard = splice("nghe", meeting.heard.rstrip(";."))
    if not heard:
        items = [
            f"{item.presenter} trình bày {item.content.rstrip('.')}" if item.presenter else item.content.rstrip(".")
            for item in meeting.agenda.all()
        ]
        heard = "; ".join(items) or "[[nội dung đã nghe]]"
    chair = person_titles(meeting.chair.person, meeting.chair, council)
    return (
        f"Sau khi nghe {heard}; ý kiến tham gia, đề xuất, thống nhất của tất cả thành viên dự họp, "
        f"đồng chí {chair} thay mặt Thường trực {council.short_title} kết luận một số nội dung sau:"
    )


def conclusion_lines(meeting: Meeting) -> list[str]:
    """The conclusions as body lines: "# 1. …" headings, "## a) …" sub-headings, "- …" paragraphs."""
    sections = list(Section.objects.filter(meeting=meeting).prefetch_related("paragraphs"))
    top = [s for s in sections if s.parent_id is None]
    lines = []
    for number, section in enumerate(top, start=1):
        lines.append(f"# {number}. {without_numbering(section.title)}")
        lines.extend(line for p in section.paragraphs.all() for line in paragraph_lines(p.text))
        children = [s for s in sections if s.parent_id == section.pk]
        for index, child in enumerate(children):
            lines.append(f"## {LETTERS[index % len(LETTERS)]}) {without_numbering(child.title)}")
            lines.extend(line for p in child.paragraphs.all() for line in paragraph_lines(p.text))
    return lines


def paragraph_lines(text: str) -> list[str]:
    """A conclusion paragraph as body lines: its first line a "- " item, the lines its user typed after it
    kept as their own ("Điều 1 …", "Điều 2 …" or a list stay one a line, never run together)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    first = lines[0] if lines[0].startswith(("- ", "+ ")) else f"- {lines[0]}"
    return [first, *lines[1:]]


def closing_sentence(council: Council) -> str:
    """The closing of a notice signed by order (TL.): the office informs on the standing committee's behalf."""
    office = body_of_kind(council=council, kind=BodyKind.OFFICE)
    office_name = office.short_name if office else f"Văn phòng {council.short_title}"
    return (
        f"Thừa lệnh Thường trực {council.short_title}, {office_name} thông báo đến các cơ quan, đơn vị, "
        f"địa phương liên quan biết, phối hợp thực hiện đạt hiệu quả./."
    )


def default_recipients(council: Council) -> str:
    """The "Nơi nhận" of seed 001, in the council's words."""
    office = body_of_kind(council=council, kind=BodyKind.OFFICE)
    party = body_of_kind(council=council, kind=BodyKind.PARTY)
    people = body_of_kind(council=council, kind=BodyKind.PEOPLES_COMMITTEE)
    short, unit = council.short_title, council.unit_word
    lines = [
        f"TT {party.short_name}" if party else "",
        f"TT {short}",
        people.short_name if people else f"UBND {unit}",
        f"Các Ban {short}",
        f"Tổ đại biểu {short}",
        f"Đại biểu {short}",
        "Thường trực HĐND các xã, phường" if council.level != "xa" else "",
        office.short_name if office else "",
        "Lưu: VT.",
    ]
    return "\n".join(line for line in lines if line)


def notice_subject(meeting: Meeting) -> str:
    return f"Kết luận của Thường trực {meeting.council.short_title} tại phiên họp ngày {format_date(meeting.held_on)}"


def notice_body(meeting: Meeting) -> str:
    lines = [opening_paragraph(meeting), heard_paragraph(meeting), *conclusion_lines(meeting)]
    if len(lines) == 2:
        lines.append("[[nội dung kết luận]]")
    lines.append(closing_sentence(meeting.council))
    return "\n".join(lines)


def office_chief(council: Council, on: datetime.date) -> str:
    office = body_of_kind(council=council, kind=BodyKind.OFFICE)
    holder = holders_on(body=office, role=MemberRole.OFFICE_CHIEF, on=on).first() if office else None
    return holder.person.full_name if holder else "[[họ và tên Chánh Văn phòng]]"


def placeholders(document: Document) -> list[str]:
    """The "[[…]]" parts the office has not completed yet."""
    text = "\n".join([document.subject, document.body, document.signer_name, document.signer_title])
    return [m.strip() for m in PLACEHOLDER.findall(text)]


def _when(meeting: Meeting) -> str:
    if meeting.starts_at:
        return f"{meeting.starts_at:%H} giờ {meeting.starts_at:%M}, ngày {format_date(meeting.held_on)}"
    return f"ngày {format_date(meeting.held_on)}"


def _agenda_lines(meeting: Meeting) -> list[str]:
    return [
        f"- {item.content.rstrip('.')}" + (f" (trình bày: {item.presenter})" if item.presenter else "") + "."
        for item in meeting.agenda.all()
    ]


def invitation_body(meeting: Meeting) -> str:
    """The Giấy mời: who is invited, to what, when and where."""
    standing_name = f"Thường trực {meeting.council.short_title}"
    roles = _standing_roles(meeting)
    guests = [
        f"- Đồng chí {person_titles(a.person, roles.get(a.person_id), meeting.council)};"
        for a in meeting.attendees.select_related("person")
    ]
    guests += [f"- {line.strip().rstrip(';.')};" for line in meeting.invited.splitlines() if line.strip()]
    if meeting.other_attendees:
        guests.append(f"- {meeting.other_attendees.rstrip(';.')}.")
    lines = [
        f"{standing_name} trân trọng kính mời:",
        *(guests or ["[[thành phần được mời]]"]),
        f"Dự Phiên họp {standing_name} để {splice('để', meeting.purpose.rstrip('.'))}.",
        f"Thời gian: {_when(meeting)}.",
        f"Địa điểm: {meeting.place}.",
    ]
    agenda = _agenda_lines(meeting)
    if agenda:
        lines += ["Nội dung:", *agenda]
    lines.append("Rất mong các đồng chí tham dự đúng thời gian./.")
    return "\n".join(lines)


def programme_body(meeting: Meeting) -> str:
    """The Chương trình: time, place, chair, then the items in order with who presents them."""
    council = meeting.council
    lines = [
        f"Thời gian: {_when(meeting)}.",
        f"Địa điểm: {meeting.place}.",
        f"Chủ trì: đồng chí {person_titles(meeting.chair.person, meeting.chair, council)}.",
        "# Nội dung",
    ]
    items = list(meeting.agenda.all())
    lines += [
        f"{n}. {item.content.rstrip('.')}" + (f" — {item.presenter}" if item.presenter else "") + "."
        for n, item in enumerate(items, start=1)
    ] or ["[[nội dung phiên họp]]"]
    lines.append(f"{len(items) + 1}. Thảo luận; đồng chí chủ trì kết luận phiên họp.")
    return "\n".join(lines)


def minutes_body(meeting: Meeting) -> str:
    """The Biên bản: the opening (from the record), what was heard, and the conclusions as recorded."""
    lines = [
        opening_paragraph(meeting),
        "# I. Nội dung phiên họp",
        *(_agenda_lines(meeting) or ["[[nội dung phiên họp]]"]),
        "# II. Kết luận của đồng chí chủ trì",
        *(conclusion_lines(meeting) or ["[[nội dung kết luận]]"]),
        "Biên bản được thông qua trước các thành viên dự họp và thống nhất với nội dung trên./.",
    ]
    return "\n".join(lines)


def reply_signer(council: Council, on: datetime.date) -> tuple[str, str]:
    """The chair on the day, else a vice-chair (who signs for the collective): (title, name)."""
    body = standing_committee(council)
    for role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR):
        holder = holders_on(body=body, role=role, on=on).first() if body else None
        if holder is not None:
            return MemberRole(role).label, holder.person.full_name
    return "[[chức vụ người ký]]", "[[họ và tên người ký]]"


def reply_body(request: OpinionRequest) -> str:
    """The opinion letter's text: what was asked, the members' opinions, the conclusion."""
    council = request.council
    incoming = request.request_document
    short = council.short_title
    reference = incoming.get_doc_type_display()
    if incoming.external_number:
        reference += f" số {incoming.external_number}"
    if incoming.external_date:
        reference += f" ngày {format_date(incoming.external_date)}"
    sender = incoming.sender or "UBND"
    opinions = list(request.opinions.select_related("person"))
    agree = sum(o.stance == Stance.AGREE for o in opinions)
    lines = [
        f"Thường trực {short} nhận được {reference} của {sender} về {splice('về', request.subject)}.",
        f"Sau khi xem xét, Thường trực {short} có ý kiến như sau:",
    ]
    if opinions and agree == len(opinions):
        lines.append(f"- Thống nhất với nội dung {sender} trình xin ý kiến về {splice('về', request.subject)}.")
    elif opinions:
        lines.append(f"- {agree}/{len(opinions)} thành viên Thường trực {short} thống nhất với nội dung trình.")
    else:
        lines.append("[[ý kiến của Thường trực]]")
    lines.extend(f"- {o.text}" for o in opinions if o.text)
    lines.append(f"Đề nghị {sender} tổ chức thực hiện theo đúng quy định./.")
    return "\n".join(lines)


def conference_body(conference: Conference, doc_type: str) -> str:
    """The conference's document text from the record: the opening, the conclusions, the tasks, the closing."""
    council = conference.council
    standing_name = f"Thường trực {council.short_title}"
    names = grouped_names(council, list(conference.participants.all()), full=True)
    lines = [
        f"Ngày {format_date(conference.held_on)}, tại {conference.place}, {standing_name} tổ chức "
        f"{conference.get_kind_display()} để {splice('để', conference.subject.rstrip('.'))}. Tham dự hội nghị có "
        f"{standing_name}; đại diện lãnh đạo {', '.join(names) if names else '[[thành phần tham dự]]'}.",
        "Hội nghị đã thống nhất như sau:" if doc_type == DocType.BIEN_BAN else "Hội nghị kết luận một số nội dung sau:",
    ]
    conclusions = [line for line in conference.conclusions.splitlines() if line.strip()]
    lines.extend(line if line.startswith(("# ", "## ", "- ")) else f"- {line}" for line in conclusions)
    tasks = list(conference.tasks.select_related("body"))
    if tasks:
        lines.append("# Nhiệm vụ được giao")
        for task in tasks:
            due = f" (hạn {format_date(task.due_on)})" if task.due_on else ""
            lines.append(f"- {task.body.short_name}: {task.text.rstrip('.')}{due}.")
    if not conclusions and not tasks:
        lines.append("[[nội dung kết luận]]")
    if doc_type == DocType.BIEN_BAN:
        lines.append("Hội nghị kết thúc cùng ngày; biên bản đã được thông qua trước hội nghị./.")
    else:
        lines.append(closing_sentence(council))
    return "\n".join(lines)


def link_text(record: models.Model) -> str:
    """ "Phiên họp Thường trực ngày 12/01/2022", "Kỳ họp thứ 7 (10/07/2024)": what an item shows as its doer."""
    label = record._meta.label_lower
    text = str(record)
    links = programme_links.LINKS
    day = getattr(record, links[label].date_field, None) if label in links else None
    if day is not None and format_date(day) not in text:
        text = f"{text} ({format_date(day)})"
    return text[:300]


# Which body text each document generated from a meeting has: (its field on Meeting, its wording).
_MEETING_BODIES = {
    DocType.THONG_BAO: ("notice_id", notice_body),
    DocType.GIAY_MOI: ("invitation_id", invitation_body),
    DocType.CHUONG_TRINH: ("programme_id", programme_body),
    DocType.BIEN_BAN: ("minutes_id", minutes_body),
}


def meeting_document_body(meeting: Meeting, document: Document) -> str | None:
    """The body the meeting's record gives its notice, invitation, programme or minutes now (the documents
    engine compares it with the draft's to say the draft is out of date); None for another document."""
    field, body = _MEETING_BODIES.get(document.doc_type, (None, None))
    if body is None or (document.pk is not None and getattr(meeting, field) != document.pk):
        return None
    return body(meeting)


def conference_document_body(conference: Conference, document: Document) -> str | None:
    """The body the conference's record gives its notice or minutes now; None for another document."""
    if document.pk is not None and conference.document_id != document.pk:
        return None
    return conference_body(conference, document.doc_type)


def reply_document_body(request: OpinionRequest, document: Document) -> str | None:
    """The body the request and its members' opinions give the reply letter now; None for another document."""
    if document.pk is not None and request.reply_id != document.pk:
        return None
    return reply_body(request)
