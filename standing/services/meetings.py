"""Standing-committee meetings: the record, attendees, agenda, conclusions, the notice and the meeting's documents."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction

from documents import services as documents
from documents.models import Authority, DocType, Document
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold
from registry.models import Body, BodyKind, Council, MemberRole, Membership, Person
from registry.services import council_accepts
from standing.models import (
    AgendaItem,
    Assignment,
    Attendee,
    Meeting,
    Paragraph,
    Section,
)
from standing.services._common import _check_open, _issue_draft, _lock, _next_order
from standing.wording import (
    default_recipients,
    invitation_body,
    minutes_body,
    notice_body,
    notice_subject,
    office_chief,
    programme_body,
    reply_signer,
)


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
                f"{body.short_name} vào ngày {format_date(held_on)}."
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
    council_accepts(council, held_on, field="held_on")
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
    return validated_save(meeting, user)


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
    return validated_save(current, user)


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
    return validated_save(attendee, user)


@transaction.atomic
def attendees_add(
    *,
    meeting: Meeting,
    people: list[Person],
    present: bool = True,
    absence_reason: str = "",
    user: AbstractBaseUser | None = None,
) -> list[Attendee]:
    """List several people at once, in the order given, with the same presence; all or none (the first
    refusal, naming the person, undoes the others)."""
    if not people:
        raise ValidationError({"person": "Vui lòng chọn ít nhất một đồng chí."})
    return [
        attendee_add(meeting=meeting, person=p, present=present, absence_reason=absence_reason, user=user)
        for p in people
    ]


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
    return validated_save(item, user)


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
    return validated_save(section, user)


def _paragraph_checked(
    meeting: Meeting, *, text: str, bodies: Iterable[Body], assigns: bool, due_on: datetime.date | None
) -> tuple[str, list[Body]]:
    """A paragraph's text (cleaned) and responsible bodies (once each), or ValidationError: an assignment
    with no responsible body, a body of another council, a deadline before the meeting."""
    text = clean_multiline(text)
    bodies = list(dict.fromkeys(bodies))
    errors = {}
    if not text:
        errors["text"] = "Vui lòng nhập nội dung đoạn kết luận."
    if (assigns or due_on) and not bodies:
        errors["bodies"] = "Nhiệm vụ được giao phải có ít nhất một cơ quan chịu trách nhiệm."
    if any(b.council_id != meeting.council_id for b in bodies):
        errors["bodies"] = "Cơ quan được giao không thuộc Hội đồng này."
    if due_on is not None and due_on < meeting.held_on:
        errors["due_on"] = f"Hạn thực hiện không thể trước ngày họp ({format_date(meeting.held_on)})."
    if errors:
        raise ValidationError(errors)
    return text, bodies


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
    text, bodies = _paragraph_checked(current, text=text, bodies=bodies, assigns=assigns, due_on=due_on)
    paragraph = Paragraph(
        section=section, text=text, due_on=due_on, order=_next_order(Paragraph.objects.filter(section=section))
    )
    validated_save(paragraph, user)
    for body in bodies:
        validated_save(Assignment(paragraph=paragraph, body=body), user)
    return paragraph


@transaction.atomic
def paragraph_delete(*, paragraph: Paragraph, user: AbstractBaseUser | None = None) -> None:
    """Remove a paragraph (and its assignments) while the notice is not issued."""
    _check_open(_lock(paragraph.section.meeting))
    paragraph.delete()


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
            validated_save(sibling, user)


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
    return validated_save(attendee, user)


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
    return validated_save(item, user)


@transaction.atomic
def section_update(*, section: Section, title: str, user: AbstractBaseUser | None = None) -> Section:
    """Rename a heading of the conclusions."""
    _check_open(_lock(section.meeting))
    title = clean(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tiêu đề mục."})
    section.title = title
    return validated_save(section, user)


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
    text, bodies = _paragraph_checked(current, text=text, bodies=bodies, assigns=assigns, due_on=due_on)
    paragraph.text, paragraph.due_on = text, due_on
    validated_save(paragraph, user)
    keep = {b.pk for b in bodies}
    for assignment in paragraph.assignments.all():
        if assignment.body_id not in keep:
            assignment.delete()
    have = set(paragraph.assignments.values_list("body_id", flat=True))
    for body in bodies:
        if body.pk not in have:
            validated_save(Assignment(paragraph=paragraph, body=body), user)
    return paragraph


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
        "signer_name": office_chief(council, current.held_on),
        "recipient_lines": default_recipients(council),
    }
    if current.notice_id is None:
        notice = documents.document_create(
            council=council, doc_type=DocType.THONG_BAO, source=current, user=user, **fields
        )
        current.notice = notice
        validated_save(current, user)
        return notice
    return documents.document_update(document=current.notice, **fields)


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
    # The engine's on_issue hook assigns the tasks inside this transaction, whichever screen issues it.
    return _issue_draft(notice, user=user, issued_on=issued_on)


MEETING_DOCUMENTS: dict[str, tuple[str, str]] = {
    # key: (field of Meeting, doc type)
    "giay_moi": ("invitation", DocType.GIAY_MOI),
    "chuong_trinh": ("programme", DocType.CHUONG_TRINH),
    "bien_ban": ("minutes", DocType.BIEN_BAN),
}


def _meeting_document_fields(meeting: Meeting, doc_type: str) -> dict:
    council = meeting.council
    when = f"ngày {format_date(meeting.held_on)}"
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
        title, name = reply_signer(council, meeting.held_on)
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
    council_accepts(current.council, None, field="kind")  # a ceased council drafts nothing
    existing = getattr(current, field)
    if existing is not None and existing.is_frozen:
        raise ValidationError(f"{DocType(doc_type).label} đã ban hành; không thể tạo lại.")
    fields = _meeting_document_fields(current, doc_type)
    if existing is None:
        document = documents.document_create(
            council=current.council, doc_type=doc_type, source=current, user=user, **fields
        )
        setattr(current, field, document)
        validated_save(current, user)
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
