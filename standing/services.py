"""Every write of the standing committee's work. Each validates, saves in one transaction and leaves history.

When tasks become obligations: when the notice of conclusions is issued (`notice_issue`). The notice is how
the bodies learn of their tasks (it is sent to them), so the follow-up clock starts on its date of issue; a
meeting whose notice is still a draft owes nothing yet. A notice issued from the document register's own
screen assigns them too: the document's on_issue hook (`conclusion_tasks_assign`) is the one path.
"""

import datetime
import re
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max

from documents import services as documents
from documents.models import Authority, DocType, Document, State
from followup import services as followup
from followup.models import State as ObligationState
from hdnd.text import clean, clean_multiline, fold
from registry.models import Body, BodyKind, Council, MemberRole, Membership, Person
from registry.selectors import body_of_kind, holders_on, standing_committee
from standing import programme_links
from standing.models import (
    AgendaItem,
    Assignment,
    Attendee,
    Conference,
    ConferenceKind,
    ConferenceTask,
    Meeting,
    MemberOpinion,
    OpinionRequest,
    OpinionState,
    Paragraph,
    ProgrammeOwner,
    Section,
    Stance,
    WorkItem,
    WorkProgramme,
)

CONCLUSION_TASK = "conclusion_task"
WRITTEN_OPINION_REQUEST = "written_opinion_request"
# A task whose conclusion gives no deadline is followed up this many days after the notice. No law fixes it;
# the office may give a deadline per paragraph. (A per-council rule "conclusion_task_days" is requested.)
# What the generated text leaves for the office to complete: "[[địa điểm họp]]". Issuing refuses it.
PLACEHOLDER = re.compile(r"\[\[(.*?)\]\]")
LETTERS = "abcdefghiklmnopqrstuvxy"  # Vietnamese sub-items skip j and w: a), b), … i), k), …


def _save(obj: models.Model, user: AbstractBaseUser | None = None) -> models.Model:
    """full_clean (constraints give their Vietnamese messages), then save with the acting user in history."""
    obj.full_clean()
    if user is not None:
        obj._history_user = user
    try:
        obj.save()
    except IntegrityError as exc:  # a concurrent duplicate that passed full_clean
        raise ValidationError("Dữ liệu trùng với một bản ghi đã có.") from exc
    return obj


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("council", "notice").get(pk=meeting.pk)


def _check_open(meeting: Meeting) -> None:
    """Conclusions stay as the issued notice states them: after issue they change only through a new notice."""
    if meeting.notice_id is not None and meeting.notice.is_frozen:
        raise ValidationError("Thông báo kết luận đã ban hành; không thể sửa nội dung phiên họp.")


# Meetings --------------------------------------------------------------------------------------


def _check_chair(council: Council, chair: Membership | None, held_on: datetime.date | None) -> None:
    if chair is None:
        raise ValidationError({"chair": "Vui lòng chọn người chủ trì."})
    body = chair.body
    if body.council_id != council.pk or body.kind != BodyKind.STANDING_COMMITTEE:
        raise ValidationError({"chair": "Người chủ trì phải là thành viên Thường trực HĐND của Hội đồng này."})
    if held_on is not None and not chair.active_on(held_on):
        raise ValidationError(
            {
                "chair": f"Đồng chí {chair.person.full_name} không là {chair.get_role_display()} "
                f"{body.short_name} vào ngày {_date(held_on)}."
            }
        )


MEETING_FIELDS = ("held_on", "starts_at", "place", "purpose", "chair", "other_attendees", "invited", "heard")


@transaction.atomic
def meeting_create(
    *,
    council: Council,
    held_on: datetime.date,
    place: str,
    purpose: str,
    chair: Membership,
    starts_at: datetime.time | None = None,
    other_attendees: str = "",
    invited: str = "",
    heard: str = "",
    user: AbstractBaseUser | None = None,
) -> Meeting:
    """Record a meeting; refused when the chair was not a member of the standing committee on that day."""
    _check_chair(council, chair, held_on)
    meeting = Meeting(
        council=council,
        held_on=held_on,
        starts_at=starts_at,
        place=clean(place),
        purpose=clean(purpose),
        chair=chair,
        other_attendees=clean(other_attendees),
        invited=clean_multiline(invited),
        heard=clean(heard),
        created_by=user,
        purpose_folded=fold(purpose)[:500],
    )
    return _save(meeting, user)


@transaction.atomic
def meeting_update(*, meeting: Meeting, user: AbstractBaseUser | None = None, **fields: object) -> Meeting:
    """Change a meeting's record until its notice is issued; the chair is checked against the (new) date."""
    current = _lock(meeting)
    _check_open(current)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        if isinstance(value, str):
            value = clean_multiline(value) if name == "invited" else clean(value)
        setattr(current, name, value)
    _check_chair(current.council, current.chair, current.held_on)
    current.purpose_folded = fold(current.purpose)[:500]
    return _save(current, user)


def _next_order(qs: models.QuerySet) -> int:
    return (qs.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def attendee_add(
    *,
    meeting: Meeting,
    person: Person,
    present: bool = True,
    absence_reason: str = "",
    user: AbstractBaseUser | None = None,
) -> Attendee:
    """List a person as present (or absent, with a reason); nobody twice, and not the chair again."""
    current = _lock(meeting)
    _check_open(current)
    if person.council_id != current.council_id:
        raise ValidationError({"person": "Người này không thuộc Hội đồng."})
    if person.pk == current.chair.person_id:
        raise ValidationError({"person": f"Đồng chí {person.full_name} là người chủ trì phiên họp."})
    if current.attendees.filter(person=person).exists():
        raise ValidationError({"person": f"Đồng chí {person.full_name} đã có trong thành phần phiên họp."})
    reason = clean(absence_reason)
    if not present and not reason:
        raise ValidationError({"absence_reason": "Vui lòng nêu lý do vắng mặt."})
    attendee = Attendee(
        meeting=current,
        person=person,
        present=present,
        absence_reason="" if present else reason,
        order=_next_order(current.attendees.all()),
    )
    return _save(attendee, user)


@transaction.atomic
def agenda_add(
    *, meeting: Meeting, content: str, presenter: str = "", user: AbstractBaseUser | None = None
) -> AgendaItem:
    """Add an item the meeting heard, with who presented it."""
    current = _lock(meeting)
    _check_open(current)
    content = clean(content)
    if not content:
        raise ValidationError({"content": "Vui lòng nhập nội dung."})
    item = AgendaItem(
        meeting=current, content=content, presenter=clean(presenter), order=_next_order(current.agenda.all())
    )
    return _save(item, user)


@transaction.atomic
def section_add(
    *, meeting: Meeting, title: str, parent: Section | None = None, user: AbstractBaseUser | None = None
) -> Section:
    """Add a heading of the conclusions, or a sub-heading under a heading (two levels, as in seed 001)."""
    current = _lock(meeting)
    _check_open(current)
    title = clean(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tiêu đề mục."})
    if parent is not None:
        if parent.meeting_id != current.pk:
            raise ValidationError({"parent": "Mục cha không thuộc phiên họp này."})
        if parent.parent_id is not None:
            raise ValidationError({"parent": "Kết luận chỉ có hai cấp mục (1., a)); hãy chọn mục cấp 1."})
    siblings = Section.objects.filter(meeting=current, parent=parent)
    section = Section(meeting=current, parent=parent, title=title, order=_next_order(siblings))
    return _save(section, user)


@transaction.atomic
def paragraph_add(
    *,
    section: Section,
    text: str,
    assigns: bool = False,
    bodies: Iterable[Body] = (),
    due_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> Paragraph:
    """Add a paragraph to a section; with `assigns`, it gives work to `bodies` (at least one), due `due_on`.

    Refused: an assignment with no responsible body, a body of another council, a deadline before the meeting.
    """
    current = _lock(section.meeting)
    _check_open(current)
    text = clean(text)
    bodies = list(dict.fromkeys(bodies))
    errors = {}
    if not text:
        errors["text"] = "Vui lòng nhập nội dung đoạn kết luận."
    if (assigns or due_on) and not bodies:
        errors["bodies"] = "Nhiệm vụ được giao phải có ít nhất một cơ quan chịu trách nhiệm."
    if any(b.council_id != current.council_id for b in bodies):
        errors["bodies"] = "Cơ quan được giao không thuộc Hội đồng này."
    if due_on is not None and due_on < current.held_on:
        errors["due_on"] = f"Hạn thực hiện không thể trước ngày họp ({_date(current.held_on)})."
    if errors:
        raise ValidationError(errors)
    paragraph = Paragraph(
        section=section, text=text, due_on=due_on, order=_next_order(Paragraph.objects.filter(section=section))
    )
    _save(paragraph, user)
    for body in bodies:
        _save(Assignment(paragraph=paragraph, body=body), user)
    return paragraph


@transaction.atomic
def paragraph_delete(*, paragraph: Paragraph, user: AbstractBaseUser | None = None) -> None:
    """Remove a paragraph (and its assignments) while the notice is not issued."""
    _check_open(_lock(paragraph.section.meeting))
    paragraph.delete()


# Editing and reordering until the notice is issued -------------------------------------------


def _meeting_of(record: Attendee | AgendaItem | Section | Paragraph) -> Meeting:
    return record.section.meeting if isinstance(record, Paragraph) else record.meeting


def _siblings(record: Attendee | AgendaItem | Section | Paragraph) -> models.QuerySet:
    if isinstance(record, Paragraph):
        return Paragraph.objects.filter(section_id=record.section_id)
    if isinstance(record, Section):
        return Section.objects.filter(meeting_id=record.meeting_id, parent_id=record.parent_id)
    return type(record).objects.filter(meeting_id=record.meeting_id)


@transaction.atomic
def record_move(
    *, record: Attendee | AgendaItem | Section | Paragraph, up: bool, user: AbstractBaseUser | None = None
) -> None:
    """Move an attendee, agenda item, section (among its siblings) or paragraph one place up or down; the
    order is renumbered 1..n on the way (it decides the numbering of the notice). No-op at either end."""
    _check_open(_lock(_meeting_of(record)))
    siblings = list(_siblings(record).order_by("order", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == record.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for number, sibling in enumerate(siblings, start=1):
        if sibling.order != number:
            sibling.order = number
            _save(sibling, user)


@transaction.atomic
def record_delete(*, record: Attendee | AgendaItem | Section, user: AbstractBaseUser | None = None) -> None:
    """Remove an attendee, agenda item or section (with its sub-sections and paragraphs) before the notice."""
    _check_open(_lock(_meeting_of(record)))
    record.delete()


@transaction.atomic
def attendee_update(
    *, attendee: Attendee, present: bool, absence_reason: str = "", user: AbstractBaseUser | None = None
) -> Attendee:
    """Change whether an attendee was present (absence needs a reason)."""
    _check_open(_lock(attendee.meeting))
    reason = clean(absence_reason)
    if not present and not reason:
        raise ValidationError({"absence_reason": "Vui lòng nêu lý do vắng mặt."})
    attendee.present, attendee.absence_reason = present, "" if present else reason
    return _save(attendee, user)


@transaction.atomic
def agenda_update(
    *, item: AgendaItem, content: str, presenter: str = "", user: AbstractBaseUser | None = None
) -> AgendaItem:
    """Change an agenda item's content or presenter."""
    _check_open(_lock(item.meeting))
    content = clean(content)
    if not content:
        raise ValidationError({"content": "Vui lòng nhập nội dung."})
    item.content, item.presenter = content, clean(presenter)
    return _save(item, user)


@transaction.atomic
def section_update(*, section: Section, title: str, user: AbstractBaseUser | None = None) -> Section:
    """Rename a heading of the conclusions."""
    _check_open(_lock(section.meeting))
    title = clean(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tiêu đề mục."})
    section.title = title
    return _save(section, user)


@transaction.atomic
def paragraph_update(
    *,
    paragraph: Paragraph,
    text: str,
    assigns: bool = False,
    bodies: Iterable[Body] = (),
    due_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
    **_: object,
) -> Paragraph:
    """Change a paragraph's text, responsible bodies or deadline (same rules as `paragraph_add`)."""
    current = _lock(paragraph.section.meeting)
    _check_open(current)
    text = clean(text)
    bodies = list(dict.fromkeys(bodies))
    errors = {}
    if not text:
        errors["text"] = "Vui lòng nhập nội dung đoạn kết luận."
    if (assigns or due_on) and not bodies:
        errors["bodies"] = "Nhiệm vụ được giao phải có ít nhất một cơ quan chịu trách nhiệm."
    if any(b.council_id != current.council_id for b in bodies):
        errors["bodies"] = "Cơ quan được giao không thuộc Hội đồng này."
    if due_on is not None and due_on < current.held_on:
        errors["due_on"] = f"Hạn thực hiện không thể trước ngày họp ({_date(current.held_on)})."
    if errors:
        raise ValidationError(errors)
    paragraph.text, paragraph.due_on = text, due_on
    _save(paragraph, user)
    keep = {b.pk for b in bodies}
    for assignment in paragraph.assignments.all():
        if assignment.body_id not in keep:
            assignment.delete()
    have = set(paragraph.assignments.values_list("body_id", flat=True))
    for body in bodies:
        if body.pk not in have:
            _save(Assignment(paragraph=paragraph, body=body), user)
    return paragraph


# The notice of conclusions ---------------------------------------------------------------------


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
    when = f"Ngày {_date(meeting.held_on)}"
    if meeting.starts_at:
        when = f"Vào lúc {meeting.starts_at:%H} giờ {meeting.starts_at:%M}, ngày {_date(meeting.held_on)}"
    chair = person_titles(meeting.chair.person, meeting.chair, council)
    roles = _standing_roles(meeting)
    attendees = list(meeting.attendees.select_related("person"))
    present = [f"đồng chí {person_titles(a.person, roles.get(a.person_id), council)}" for a in attendees if a.present]
    if meeting.other_attendees:
        present.append(meeting.other_attendees.rstrip("."))
    text = (
        f"{when}, tại {_fill(meeting.place, 'địa điểm họp')}, {standing_name} tổ chức Phiên họp {standing_name} "
        f"để {_fill(meeting.purpose.rstrip('.'), 'mục đích phiên họp')}. Phiên họp do đồng chí {chair} chủ trì. "
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
    heard = meeting.heard.rstrip(";.")
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
        lines.append(f"# {number}. {section.title}")
        lines.extend(f"- {p.text}" for p in section.paragraphs.all())
        children = [s for s in sections if s.parent_id == section.pk]
        for index, child in enumerate(children):
            lines.append(f"## {LETTERS[index % len(LETTERS)]}) {child.title}")
            lines.extend(f"- {p.text}" for p in child.paragraphs.all())
    return lines


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
    return f"Kết luận của Thường trực {meeting.council.short_title} tại phiên họp ngày {_date(meeting.held_on)}"


def notice_body(meeting: Meeting) -> str:
    lines = [opening_paragraph(meeting), heard_paragraph(meeting), *conclusion_lines(meeting)]
    if len(lines) == 2:
        lines.append("[[nội dung kết luận]]")
    lines.append(closing_sentence(meeting.council))
    return "\n".join(lines)


def _office_chief(council: Council, on: datetime.date) -> str:
    office = body_of_kind(council=council, kind=BodyKind.OFFICE)
    holder = holders_on(body=office, role=MemberRole.OFFICE_CHIEF, on=on).first() if office else None
    return holder.person.full_name if holder else "[[họ và tên Chánh Văn phòng]]"


@transaction.atomic
def notice_generate(*, meeting: Meeting, user: AbstractBaseUser | None = None) -> Document:
    """Draft the notice of conclusions from the record (Thông báo, numbered "NN/TB-HĐND" when issued).

    A second call rewrites the draft from the record (the office's edits to it are replaced); once issued
    the notice is frozen and this is refused. Missing facts appear as "[[…]]" for the office to complete.
    """
    current = _lock(meeting)
    _check_open(current)
    council = current.council
    fields = {
        "subject": notice_subject(current),
        "body": notice_body(current),
        "signer_authority": Authority.TL,
        "signer_collective": "Thường trực HĐND",
        "signer_title": "Chánh Văn phòng",
        "signer_name": _office_chief(council, current.held_on),
        "recipient_lines": default_recipients(council),
    }
    if current.notice_id is None:
        notice = documents.document_create(
            council=council, doc_type=DocType.THONG_BAO, source=current, user=user, **fields
        )
        current.notice = notice
        _save(current, user)
        return notice
    return documents.document_update(document=current.notice, **fields)


def placeholders(document: Document) -> list[str]:
    """The "[[…]]" parts the office has not completed yet."""
    text = "\n".join([document.subject, document.body, document.signer_name, document.signer_title])
    return [m.strip() for m in PLACEHOLDER.findall(text)]


@transaction.atomic
def notice_issue(
    *, meeting: Meeting, user: AbstractBaseUser | None, issued_on: datetime.date | None = None
) -> Document:
    """Issue the meeting's notice (the engine numbers it), then make every assignment an obligation.

    Refused, with nothing changed: no notice drafted, a notice already issued, "[[…]]" left in the text,
    or anything the document engine refuses (a missing component of Nghị định 30/2020/NĐ-CP).
    """
    current = _lock(meeting)
    if current.notice_id is None:
        raise ValidationError("Chưa tạo dự thảo thông báo kết luận.")
    notice = Document.objects.get(pk=current.notice_id)
    if notice.is_frozen:
        raise ValidationError("Thông báo kết luận đã được ban hành.")
    left = placeholders(notice)
    if left:
        raise ValidationError({"body": f"Dự thảo còn phần chưa hoàn thiện: {', '.join(left)}."})
    # The engine's on_issue hook assigns the tasks inside this transaction, whichever screen issues it.
    return documents.document_issue(document=notice, user=user, issued_on=issued_on)


def tasks_assign(*, meeting: Meeting, user: AbstractBaseUser | None = None) -> list[Assignment]:
    """Create the obligation of every assignment of the meeting's issued notice that has none yet (idempotent)."""
    return conclusion_tasks_assign(record=meeting, user=user)


def _conclusion_tasks(record: Meeting | Conference) -> tuple[Document | None, models.QuerySet, str, str]:
    """(issued document field's document, tasks still without obligation, its label, refusal) per record."""
    if isinstance(record, Meeting):
        notice = Document.objects.filter(pk=record.notice_id).first() if record.notice_id else None
        tasks = Assignment.objects.filter(paragraph__section__meeting=record, obligation__isnull=True)
        tasks = tasks.select_related("paragraph", "body")
        label = f"Thông báo {notice.number_symbol}: {notice.subject}" if notice else ""
        return notice, tasks, label, "Chỉ giao nhiệm vụ khi thông báo kết luận đã ban hành."
    document = Document.objects.filter(pk=record.document_id).first() if record.document_id else None
    tasks = record.tasks.filter(obligation__isnull=True).select_related("body")
    label = f"{document.get_doc_type_display()} {document.number_symbol}: {document.subject}" if document else ""
    return document, tasks, label, "Chỉ giao nhiệm vụ khi văn bản của hội nghị đã ban hành."


@transaction.atomic
def conclusion_tasks_assign(
    *, record: Meeting | Conference, user: AbstractBaseUser | None = None
) -> list[Assignment | ConferenceTask]:
    """Make every task of a meeting's conclusion notice (its assignments) or of a conference's document an
    obligation of its body, dated from the issued document and due on the task's own day or by the
    council's `conclusion_task_days` setting (idempotent: tasks that have one are left alone). The one
    step both documents' on_issue hooks run; refused while the document is not issued."""
    current = _lock(record) if isinstance(record, Meeting) else _lock_conference(record)
    document, tasks, label, refusal = _conclusion_tasks(current)
    if document is None or document.state not in (State.ISSUED, State.PUBLISHED):
        raise ValidationError(refusal)
    created = []
    for task in tasks:
        text = task.paragraph.text if isinstance(task, Assignment) else task.text
        due_on = task.paragraph.due_on if isinstance(task, Assignment) else task.due_on
        due = {"due_on": due_on} if due_on else {"rule": "conclusion_task_days"}
        task.obligation = followup.obligation_create(
            council=current.council,
            owner=task.body,
            title=text[:500],
            description=text,
            kind=CONCLUSION_TASK,
            source=current,
            source_label=label[:300],
            source_date=document.issued_on,
            user=user,
            **due,
        )
        _save(task, user)
        created.append(task)
    if current.tasks_assigned_on is None:
        current.tasks_assigned_on = document.issued_on
        _save(current, user)
    return created


# The meeting's other documents: invitation, programme, minutes; documents attached to agenda items ------

MEETING_DOCUMENTS: dict[str, tuple[str, str]] = {
    # key: (field of Meeting, doc type)
    "giay_moi": ("invitation", DocType.GIAY_MOI),
    "chuong_trinh": ("programme", DocType.CHUONG_TRINH),
    "bien_ban": ("minutes", DocType.BIEN_BAN),
}


def _when(meeting: Meeting) -> str:
    if meeting.starts_at:
        return f"{meeting.starts_at:%H} giờ {meeting.starts_at:%M}, ngày {_date(meeting.held_on)}"
    return f"ngày {_date(meeting.held_on)}"


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
        f"Dự Phiên họp {standing_name} để {meeting.purpose.rstrip('.')}.",
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


def _meeting_document_fields(meeting: Meeting, doc_type: str) -> dict:
    council = meeting.council
    when = f"ngày {_date(meeting.held_on)}"
    body = {DocType.GIAY_MOI: invitation_body, DocType.CHUONG_TRINH: programme_body, DocType.BIEN_BAN: minutes_body}
    subject = {
        DocType.GIAY_MOI: f"Dự Phiên họp Thường trực {council.short_title} {when}",
        DocType.CHUONG_TRINH: f"Phiên họp Thường trực {council.short_title} {when}",
        DocType.BIEN_BAN: f"Phiên họp Thường trực {council.short_title} {when}",
    }
    # The invitation and programme are signed for the collective by the chair; the minutes by who chaired.
    if doc_type == DocType.BIEN_BAN:
        title, name = MemberRole(meeting.chair.role).label, meeting.chair.person.full_name
        recipients = "Thành viên Thường trực HĐND\nLưu: VT, hồ sơ phiên họp."
    else:
        title, name = _reply_signer(council, meeting.held_on)
        recipients = "Như thành phần mời\nLưu: VT." if doc_type == DocType.GIAY_MOI else "Thành phần dự họp\nLưu: VT."
    return {
        "subject": subject[doc_type],
        "body": body[doc_type](meeting),
        "signer_authority": Authority.TM,
        "signer_collective": "Thường trực HĐND",
        "signer_title": title,
        "signer_name": name,
        "recipient_lines": recipients,
    }


@transaction.atomic
def meeting_document_generate(*, meeting: Meeting, kind: str, user: AbstractBaseUser | None = None) -> Document:
    """Draft (or redraft) the meeting's Giấy mời ("giay_moi"), Chương trình ("chuong_trinh") or Biên bản
    ("bien_ban") from the record; refused once that document is issued (a new one is then needed)."""
    if kind not in MEETING_DOCUMENTS:
        raise ValidationError({"kind": "Loại văn bản là giấy mời, chương trình hoặc biên bản."})
    field, doc_type = MEETING_DOCUMENTS[kind]
    current = Meeting.objects.select_for_update().select_related("council", "chair__person").get(pk=meeting.pk)
    existing = getattr(current, field)
    if existing is not None and existing.is_frozen:
        raise ValidationError(f"{DocType(doc_type).label} đã ban hành; không thể tạo lại.")
    fields = _meeting_document_fields(current, doc_type)
    if existing is None:
        document = documents.document_create(
            council=current.council, doc_type=doc_type, source=current, user=user, **fields
        )
        setattr(current, field, document)
        _save(current, user)
        return document
    return documents.document_update(document=existing, **fields)


@transaction.atomic
def agenda_document_link(*, item: AgendaItem, document: Document, user: AbstractBaseUser | None = None) -> None:
    """Attach a document of the register to an agenda item (until the notice is issued)."""
    current = _lock(item.meeting)
    _check_open(current)
    if document.council_id != current.council_id:
        raise ValidationError({"document": "Văn bản không thuộc Hội đồng này."})
    if item.documents.filter(pk=document.pk).exists():
        raise ValidationError({"document": "Văn bản này đã được đính kèm nội dung."})
    # The item's history records the link itself (m2m_fields); it names the user set here.
    if user is not None:
        item._history_user = user
    item.documents.add(document)


@transaction.atomic
def agenda_document_unlink(*, item: AgendaItem, document: Document, user: AbstractBaseUser | None = None) -> None:
    """Detach a document from an agenda item (until the notice is issued)."""
    _check_open(_lock(item.meeting))
    if user is not None:
        item._history_user = user
    item.documents.remove(document)


# Written opinions ------------------------------------------------------------------------------


@transaction.atomic
def opinion_request_create(
    *,
    council: Council,
    subject: str,
    received_on: datetime.date,
    due_on: datetime.date,
    sender_body: Body | None = None,
    external_number: str = "",
    external_date: datetime.date | None = None,
    doc_type: str = DocType.TO_TRINH,
    user: AbstractBaseUser | None = None,
) -> OpinionRequest:
    """Register the people's committee's request as an incoming document and owe the standing committee an answer.

    The obligation ("written_opinion_request") is the standing committee's until the opinion letter is issued.
    """
    subject = clean(subject)
    errors = {}
    if not subject:
        errors["subject"] = "Vui lòng nhập nội dung xin ý kiến."
    if received_on and due_on and due_on < received_on:
        errors["due_on"] = "Hạn trả lời không thể trước ngày nhận."
    standing = standing_committee(council)
    if standing is None:
        errors["subject"] = "Hội đồng chưa có Thường trực HĐND trong danh mục cơ quan."
    if sender_body is not None and sender_body.council_id != council.pk:
        errors["sender_body"] = "Cơ quan gửi không thuộc Hội đồng này."
    if errors:
        raise ValidationError(errors)
    people = body_of_kind(council=council, kind=BodyKind.PEOPLES_COMMITTEE)
    sender = sender_body or people
    document = documents.incoming_create(
        council=council,
        doc_type=doc_type,
        subject=subject,
        received_on=received_on,
        sender_body=sender,
        sender_name="" if sender else "UBND",
        external_number=external_number,
        external_date=external_date,
        user=user,
    )
    request = OpinionRequest(
        council=council,
        request_document=document,
        subject=subject,
        received_on=received_on,
        due_on=due_on,
        subject_folded=fold(subject)[:500],
    )
    _save(request, user)
    request.obligation = followup.obligation_create(
        council=council,
        owner=standing,
        title=f"Cho ý kiến bằng văn bản: {subject}"[:500],
        kind=WRITTEN_OPINION_REQUEST,
        source=request,
        source_label=f"Văn bản đến số {document.number}: {subject}"[:300],
        source_date=received_on,
        due_on=due_on,
        user=user,
    )
    return _save(request, user)


def _is_member_on(person: Person, council: Council, on: datetime.date) -> bool:
    body = standing_committee(council)
    if body is None:
        return False
    return any(m.active_on(on) for m in Membership.objects.filter(body=body, person=person))


@transaction.atomic
def opinion_add(
    *, request: OpinionRequest, person: Person, stance: str, text: str = "", user: AbstractBaseUser | None = None
) -> MemberOpinion:
    """Record a member's opinion; only members of the standing committee on the day the request arrived."""
    current = OpinionRequest.objects.select_for_update().get(pk=request.pk)
    if current.state != OpinionState.OPEN:
        raise ValidationError("Đề nghị đã có văn bản trả lời; không nhận thêm ý kiến.")
    errors = {}
    if stance not in Stance.values:
        errors["stance"] = "Vui lòng chọn ý kiến."
    if person.council_id != current.council_id or not _is_member_on(person, current.council, current.received_on):
        errors["person"] = f"Đồng chí {person.full_name} không là thành viên Thường trực HĐND vào ngày nhận đề nghị."
    elif current.opinions.filter(person=person).exists():
        errors["person"] = f"Đồng chí {person.full_name} đã cho ý kiến về đề nghị này."
    text = clean_multiline(text)
    if stance in (Stance.DISAGREE, Stance.OTHER) and not text:
        errors["text"] = "Vui lòng ghi nội dung ý kiến khi không đồng ý hoặc có ý kiến khác."
    if errors:
        raise ValidationError(errors)
    return _save(MemberOpinion(request=current, person=person, stance=stance, text=text), user)


def _reply_signer(council: Council, on: datetime.date) -> tuple[str, str]:
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
        reference += f" ngày {_date(incoming.external_date)}"
    sender = incoming.sender or "UBND"
    opinions = list(request.opinions.select_related("person"))
    agree = sum(o.stance == Stance.AGREE for o in opinions)
    lines = [
        f"Thường trực {short} nhận được {reference} của {sender} về {request.subject}.",
        f"Sau khi xem xét, Thường trực {short} có ý kiến như sau:",
    ]
    if opinions and agree == len(opinions):
        lines.append(f"- Thống nhất với nội dung {sender} trình xin ý kiến về {request.subject}.")
    elif opinions:
        lines.append(f"- {agree}/{len(opinions)} thành viên Thường trực {short} thống nhất với nội dung trình.")
    else:
        lines.append("[[ý kiến của Thường trực]]")
    lines.extend(f"- {o.text}" for o in opinions if o.text)
    lines.append(f"Đề nghị {sender} tổ chức thực hiện theo đúng quy định./.")
    return "\n".join(lines)


@transaction.atomic
def reply_generate(*, request: OpinionRequest, user: AbstractBaseUser | None = None) -> Document:
    """Draft (or redraft) the opinion letter (Công văn "NN/HĐND-VP"), addressed to the requesting body."""
    current = (
        OpinionRequest.objects.select_for_update(of=("self",))
        .select_related("council", "request_document")
        .get(pk=request.pk)
    )
    if current.state != OpinionState.OPEN:
        raise ValidationError("Đề nghị đã có văn bản trả lời.")
    title, name = _reply_signer(current.council, current.received_on)
    fields = {
        "subject": f"cho ý kiến về {current.subject}"[:500],
        "body": reply_body(current),
        "signer_authority": Authority.TM,
        "signer_collective": "Thường trực HĐND",
        "signer_title": title,
        "signer_name": name,
        "recipient_lines": "Như trên\nLưu: VT.",
    }
    sender = current.request_document.sender_body
    recipients = [sender] if sender else []
    draft = current.reply
    if draft is None:
        draft = documents.document_create(
            council=current.council,
            doc_type=DocType.CONG_VAN,
            source=current,
            recipient_bodies=recipients,
            user=user,
            **fields,
        )
        current.reply = draft
        return _save(current, user).reply
    return documents.document_update(document=draft, recipient_bodies=recipients, **fields)


@transaction.atomic
def reply_issue(
    *, request: OpinionRequest, user: AbstractBaseUser | None, issued_on: datetime.date | None = None
) -> OpinionRequest:
    """Issue the opinion letter, link it to the request and close the request's obligation with it."""
    current = OpinionRequest.objects.select_for_update().get(pk=request.pk)
    if current.state != OpinionState.OPEN:
        raise ValidationError("Đề nghị đã có văn bản trả lời.")
    if current.reply_id is None:
        raise ValidationError("Chưa tạo dự thảo văn bản trả lời.")
    draft = Document.objects.get(pk=current.reply_id)
    left = placeholders(draft)
    if left:
        raise ValidationError({"body": f"Dự thảo còn phần chưa hoàn thiện: {', '.join(left)}."})
    # The engine's on_issue hook (`reply_issued`) answers the request, whichever screen issues the letter.
    documents.document_issue(document=draft, user=user, issued_on=issued_on)
    current.refresh_from_db()
    return current


def reply_issued(request: OpinionRequest, letter: Document, user: AbstractBaseUser | None) -> None:
    """The on_issue hook of an opinion request: its letter issued (from any screen) answers it and closes
    its obligation with the letter as the reply. Other documents of the request change nothing."""
    current = OpinionRequest.objects.select_for_update().get(pk=request.pk)
    if letter.pk != current.reply_id or current.state != OpinionState.OPEN:
        return
    obligation = current.obligation
    if obligation is not None and obligation.state in (
        ObligationState.ASSIGNED,
        ObligationState.IN_PROGRESS,
        ObligationState.RETURNED,
    ):
        followup.obligation_report(
            obligation=obligation,
            user=user,
            text=f"Đã ban hành Công văn số {letter.number_symbol} cho ý kiến.",
            done=True,
            reply=letter,
            on=letter.issued_on,
        )
        followup.obligation_accept(obligation=obligation, user=user, text="Đã trả lời bằng văn bản.")


# Conferences ----------------------------------------------------------------------------------

CONFERENCE_DOC_TYPES = (DocType.THONG_BAO, DocType.BIEN_BAN)


def _lock_conference(conference: Conference) -> Conference:
    return (
        Conference.objects.select_for_update(of=("self",)).select_related("council", "document").get(pk=conference.pk)
    )


def _check_conference_open(conference: Conference) -> None:
    """What the issued document states is frozen: afterwards only a new document changes it."""
    if conference.document_id is not None and conference.document.is_frozen:
        raise ValidationError("Văn bản của hội nghị đã ban hành; không thể sửa nội dung hội nghị.")


def _check_bodies(council: Council, bodies: Iterable[Body], field: str) -> list[Body]:
    bodies = list(dict.fromkeys(bodies))
    if any(b.council_id != council.pk for b in bodies):
        raise ValidationError({field: "Cơ quan không thuộc Hội đồng này."})
    return bodies


CONFERENCE_FIELDS = ("kind", "held_on", "place", "subject", "participants", "conclusions")


def _conference_errors(conference: Conference) -> dict[str, str]:
    errors = {}
    if conference.kind not in ConferenceKind.values:
        errors["kind"] = "Vui lòng chọn loại hội nghị."
    if not conference.place:
        errors["place"] = "Vui lòng nhập địa điểm."
    if not conference.subject:
        errors["subject"] = "Vui lòng nhập nội dung hội nghị."
    return errors


@transaction.atomic
def conference_create(
    *,
    council: Council,
    kind: str,
    held_on: datetime.date,
    place: str,
    subject: str,
    participants: Iterable[Body] = (),
    conclusions: str = "",
    user: AbstractBaseUser | None = None,
) -> Conference:
    """Record a joint (liên tịch) or briefing (trực báo) conference with the bodies that took part."""
    participants = _check_bodies(council, participants, "participants")
    conference = Conference(
        council=council,
        kind=kind,
        held_on=held_on,
        place=clean(place),
        subject=clean(subject),
        conclusions=clean_multiline(conclusions),
        created_by=user,
        subject_folded=fold(subject)[:500],
    )
    errors = _conference_errors(conference)
    if errors:
        raise ValidationError(errors)
    _save(conference, user)
    conference.participants.set(participants)
    return conference


@transaction.atomic
def conference_update(*, conference: Conference, user: AbstractBaseUser | None = None, **fields: object) -> Conference:
    """Change a conference's record until its document is issued."""
    current = _lock_conference(conference)
    _check_conference_open(current)
    unknown = set(fields) - set(CONFERENCE_FIELDS)
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    participants = fields.pop("participants", None)
    for name, value in fields.items():
        if isinstance(value, str):
            value = clean_multiline(value) if name == "conclusions" else clean(value)
        setattr(current, name, value)
    errors = _conference_errors(current)
    if errors:
        raise ValidationError(errors)
    current.subject_folded = fold(current.subject)[:500]
    _save(current, user)
    if participants is not None:
        current.participants.set(_check_bodies(current.council, participants, "participants"))
    return current


@transaction.atomic
def conference_task_add(
    *,
    conference: Conference,
    text: str,
    body: Body | None,
    due_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> ConferenceTask:
    """Give a body work from the conference (an obligation once the conference's document is issued)."""
    current = _lock_conference(conference)
    _check_conference_open(current)
    text = clean(text)
    errors = {}
    if not text:
        errors["text"] = "Vui lòng nhập nội dung nhiệm vụ."
    if body is None:
        errors["body"] = "Nhiệm vụ được giao phải có cơ quan chịu trách nhiệm."
    elif body.council_id != current.council_id:
        errors["body"] = "Cơ quan được giao không thuộc Hội đồng này."
    if due_on is not None and due_on < current.held_on:
        errors["due_on"] = f"Hạn thực hiện không thể trước ngày hội nghị ({_date(current.held_on)})."
    if errors:
        raise ValidationError(errors)
    task = ConferenceTask(
        conference=current, text=text, body=body, due_on=due_on, order=_next_order(current.tasks.all())
    )
    return _save(task, user)


@transaction.atomic
def conference_task_delete(*, task: ConferenceTask, user: AbstractBaseUser | None = None) -> None:
    """Remove a task while the conference's document is not issued."""
    _check_conference_open(_lock_conference(task.conference))
    task.delete()


def conference_body(conference: Conference, doc_type: str) -> str:
    """The conference's document text from the record: the opening, the conclusions, the tasks, the closing."""
    council = conference.council
    standing_name = f"Thường trực {council.short_title}"
    names = [b.name for b in conference.participants.all()]
    lines = [
        f"Ngày {_date(conference.held_on)}, tại {conference.place}, {standing_name} tổ chức "
        f"{conference.get_kind_display()} để {conference.subject.rstrip('.')}. Tham dự hội nghị có "
        f"{standing_name}; đại diện lãnh đạo {', '.join(names) if names else '[[thành phần tham dự]]'}.",
        "Hội nghị đã thống nhất như sau:" if doc_type == DocType.BIEN_BAN else "Hội nghị kết luận một số nội dung sau:",
    ]
    conclusions = [line for line in conference.conclusions.splitlines() if line.strip()]
    lines.extend(line if line.startswith(("# ", "## ", "- ")) else f"- {line}" for line in conclusions)
    tasks = list(conference.tasks.select_related("body"))
    if tasks:
        lines.append("# Nhiệm vụ được giao")
        for task in tasks:
            due = f" (hạn {_date(task.due_on)})" if task.due_on else ""
            lines.append(f"- {task.body.short_name}: {task.text.rstrip('.')}{due}.")
    if not conclusions and not tasks:
        lines.append("[[nội dung kết luận]]")
    if doc_type == DocType.BIEN_BAN:
        lines.append("Hội nghị kết thúc cùng ngày; biên bản đã được thông qua trước hội nghị./.")
    else:
        lines.append(closing_sentence(council))
    return "\n".join(lines)


@transaction.atomic
def conference_document_generate(
    *, conference: Conference, doc_type: str = DocType.THONG_BAO, user: AbstractBaseUser | None = None
) -> Document:
    """Draft (or redraft) the conference's Thông báo (signed TL. by the office chief) or Biên bản (signed by the
    chair of the standing committee who presided) from the record; refused once issued."""
    current = _lock_conference(conference)
    _check_conference_open(current)
    if doc_type not in CONFERENCE_DOC_TYPES:
        raise ValidationError({"doc_type": "Văn bản của hội nghị là Thông báo hoặc Biên bản."})
    council = current.council
    kind = current.get_kind_display()
    fields: dict = {
        "doc_type": doc_type,
        "body": conference_body(current, doc_type),
        "recipient_lines": default_recipients(council),
    }
    if doc_type == DocType.BIEN_BAN:
        title, name = _reply_signer(council, current.held_on)
        fields |= {
            "subject": f"{kind} ngày {_date(current.held_on)}",
            "signer_authority": Authority.TM,
            "signer_collective": "Thường trực HĐND",
            "signer_title": title,
            "signer_name": name,
        }
    else:
        fields |= {
            "subject": f"Kết luận của Thường trực {council.short_title} tại {kind} ngày {_date(current.held_on)}",
            "signer_authority": Authority.TL,
            "signer_collective": "Thường trực HĐND",
            "signer_title": "Chánh Văn phòng",
            "signer_name": _office_chief(council, current.held_on),
        }
    if current.document_id is None:
        document = documents.document_create(council=council, source=current, user=user, **fields)
        current.document = document
        _save(current, user)
        return document
    return documents.document_update(document=current.document, **fields)


@transaction.atomic
def conference_document_issue(
    *, conference: Conference, user: AbstractBaseUser | None, issued_on: datetime.date | None = None
) -> Document:
    """Issue the conference's document (numbered by the engine), then make its tasks obligations."""
    current = _lock_conference(conference)
    if current.document_id is None:
        raise ValidationError("Chưa tạo dự thảo văn bản của hội nghị.")
    draft = Document.objects.get(pk=current.document_id)
    if draft.is_frozen:
        raise ValidationError("Văn bản của hội nghị đã được ban hành.")
    left = placeholders(draft)
    if left:
        raise ValidationError({"body": f"Dự thảo còn phần chưa hoàn thiện: {', '.join(left)}."})
    # The engine's on_issue hook calls conference_tasks_assign inside this transaction.
    return documents.document_issue(document=draft, user=user, issued_on=issued_on)


def conference_tasks_assign(*, conference: Conference, user: AbstractBaseUser | None = None) -> list[ConferenceTask]:
    """Create the obligation of every task of the conference's issued document that has none (idempotent)."""
    return conclusion_tasks_assign(record=conference, user=user)


# The work programme ---------------------------------------------------------------------------

# What can carry out an item of a programme: model label -> (label, date field, detail url name). Each
# app registers its own models in standing.programme_links from its AppConfig.ready(), so standing imports
# neither plenary nor supervision.
LINK_KINDS = programme_links.LINKS
link_models = programme_links.link_models


def link_text(record: models.Model) -> str:
    """ "Phiên họp Thường trực ngày 12/01/2022", "Kỳ họp thứ 7 (10/07/2024)": what an item shows as its doer."""
    label = record._meta.label_lower
    text = str(record)
    day = getattr(record, LINK_KINDS[label][1], None) if label in LINK_KINDS else None
    if day is not None and _date(day) not in text:
        text = f"{text} ({_date(day)})"
    return text[:300]


@transaction.atomic
def programme_create(
    *, council: Council, year: int, owner: str, title: str = "", user: AbstractBaseUser | None = None
) -> WorkProgramme:
    """Open the year's programme of the council or of the standing committee (one of each a year)."""
    if owner not in ProgrammeOwner.values:
        raise ValidationError({"owner": "Vui lòng chọn chương trình của Hội đồng hay của Thường trực."})
    default = (
        f"Chương trình công tác năm {year} của "
        f"{'Thường trực ' if owner == ProgrammeOwner.STANDING else ''}{council.short_title}"
    )
    programme = WorkProgramme(council=council, year=year, owner=owner, title=clean(title) or default, created_by=user)
    return _save(programme, user)


@transaction.atomic
def work_item_add(
    *,
    programme: WorkProgramme,
    month: int,
    content: str,
    body: Body | None,
    user: AbstractBaseUser | None = None,
) -> WorkItem:
    """Add an item for a month of the programme with the body responsible for it."""
    current = WorkProgramme.objects.select_for_update().get(pk=programme.pk)
    content = clean(content)
    errors = {}
    if not content:
        errors["content"] = "Vui lòng nhập nội dung công việc."
    if not isinstance(month, int) or not 1 <= month <= 12:
        errors["month"] = "Tháng phải từ 1 đến 12."
    if body is None:
        errors["body"] = "Vui lòng chọn cơ quan chủ trì."
    elif body.council_id != current.council_id:
        errors["body"] = "Cơ quan chủ trì không thuộc Hội đồng này."
    if errors:
        raise ValidationError(errors)
    siblings = WorkItem.objects.filter(programme=current, month=month)
    item = WorkItem(programme=current, month=month, content=content, body=body, order=_next_order(siblings))
    return _save(item, user)


@transaction.atomic
def work_item_link(*, item: WorkItem, record: models.Model, user: AbstractBaseUser | None = None) -> WorkItem:
    """Mark an item as carried out by `record` (a meeting, conference, session or supervision round of the
    same council); its label and date are kept for the programme's page."""
    current = WorkItem.objects.select_for_update(of=("self",)).select_related("programme").get(pk=item.pk)
    label = record._meta.label_lower
    if label not in LINK_KINDS:
        raise ValidationError({"record": "Chỉ liên kết với phiên họp, hội nghị, kỳ họp hoặc đợt giám sát."})
    if getattr(record, "council_id", None) != current.programme.council_id:
        raise ValidationError({"record": "Hoạt động được liên kết không thuộc Hội đồng này."})
    current.done_type = ContentType.objects.get_for_model(record)
    current.done_id = record.pk
    current.done_label = link_text(record)
    current.done_on = getattr(record, LINK_KINDS[label][1], None)
    return _save(current, user)


@transaction.atomic
def work_item_unlink(*, item: WorkItem, user: AbstractBaseUser | None = None) -> WorkItem:
    """Undo a wrong link: the item is again waiting (or not done, when its month has passed)."""
    current = WorkItem.objects.select_for_update().get(pk=item.pk)
    current.done_type = current.done_id = current.done_on = None
    current.done_label = ""
    return _save(current, user)
