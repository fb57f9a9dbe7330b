"""The session's documents: attachments sent to delegates, the convening decision, the minutes."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from documents import services as documents
from documents.models import Authority, Direction, DocType, Document, State
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline
from plenary.models import (
    DocumentOpen,
    Session,
    SessionDocument,
    SessionState,
    Submission,
)
from plenary.wording import minutes_text, term_name
from registry.calendar import MissingSetting, deadline
from registry.models import Delegate

MAX_FILE_BYTES = 20 * 1024 * 1024


def _public_document_check(document: Document | None, public: bool) -> None:
    # A draft of the register is not yet a document of the council: it is never shown to the public.
    if public and document is not None and document.state not in (State.ISSUED, State.PUBLISHED, State.RECEIVED):
        raise ValidationError({"public": "Chỉ công khai được văn bản đã ban hành; văn bản liên kết còn là dự thảo."})


@transaction.atomic
def session_document_add(
    *,
    session: Session,
    title: str,
    submission: Submission | None = None,
    document: Document | None = None,
    file: UploadedFile | None = None,
    public: bool = False,
    user: AbstractBaseUser | None = None,
) -> SessionDocument:
    """Add a document to the session's file for delegates: the file of a submission, a document of the
    register (linked, not copied) or an uploaded file; a public one is posted on the public page."""
    title = clean(title) or (submission.title if submission else "") or (document.subject if document else "")
    title = title or (clean(file.name) if file else "")
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên tài liệu."})
    if submission is not None and submission.session_id != session.pk:
        raise ValidationError({"submission": "Hồ sơ trình không thuộc kỳ họp này."})
    if document is not None and document.council_id != session.council_id:
        raise ValidationError({"document": "Văn bản không thuộc Hội đồng này."})
    if file is not None and file.size > MAX_FILE_BYTES:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 20 MB)."})
    _public_document_check(document, public)
    row = SessionDocument(session=session, title=title[:500], submission=submission, document=document, public=public)
    if file is not None:
        row.file_name = clean(file.name)[:200] or "tai-lieu"
        row.file = file
    return validated_save(row, user)


@transaction.atomic
def session_document_set_public(
    *, session_document: SessionDocument, public: bool, user: AbstractBaseUser | None
) -> SessionDocument:
    """Show a session document on the public page, or take it off (Luật 87/2015, Điều 89: documents of the
    session are posted on the portal)."""
    _public_document_check(session_document.document, public)
    session_document.public = public
    return validated_save(session_document, user)


def documents_due_on(session: Session) -> datetime.date | None:
    """When documents must reach delegates (the council's setting), or None while it is not set."""
    try:
        return deadline(session.council, session.opens_on, rule="documents_to_delegates_before_opening", before=True)
    except MissingSetting:
        return None


@transaction.atomic
def session_documents_send(*, session: Session, sent_on: datetime.date, user: AbstractBaseUser | None) -> int:
    """Send the documents not yet sent to every delegate; returns how many were sent."""
    if sent_on > session.opens_on:
        raise ValidationError({"sent_on": "Ngày gửi tài liệu không thể sau ngày khai mạc."})
    pending = list(session.documents.filter(sent_on__isnull=True))
    for doc in pending:
        doc.sent_on = sent_on
        validated_save(doc, user)
    return len(pending)


def document_open(*, session_document: SessionDocument, delegate: Delegate) -> DocumentOpen:
    """Note that a delegate opened a document (the first time only)."""
    opened, _ = DocumentOpen.objects.get_or_create(session_document=session_document, delegate=delegate)
    return opened


@transaction.atomic
def session_convening_link(*, session: Session, document: Document, user: AbstractBaseUser | None) -> Session:
    """Name a document of the register (issued, of the council) as the session's convening decision."""
    if document.council_id != session.council_id:
        raise ValidationError({"document": "Văn bản không thuộc Hội đồng này."})
    if document.direction == Direction.OUTGOING and document.state not in (State.ISSUED, State.PUBLISHED):
        raise ValidationError({"document": "Quyết định triệu tập phải là văn bản đã ban hành."})
    session.convening_document = document
    if session.state == SessionState.PLANNED:
        session.state = SessionState.CONVENED
    return validated_save(session, user)


@transaction.atomic
def session_convening_generate(
    *,
    session: Session,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str = "Chủ tịch",
    text: str = "",
    user: AbstractBaseUser | None,
) -> Session:
    """Issue the decision convening the session (Quyết định triệu tập) through the document register, signed
    on behalf of the standing committee (Luật Tổ chức chính quyền địa phương: the standing committee convenes
    the council's sessions), and link it to the session."""
    if session.convening_document_id is not None:
        raise ValidationError("Kỳ họp đã có quyết định triệu tập.")
    if issued_on > session.opens_on:
        raise ValidationError({"issued_on": "Ngày ban hành quyết định triệu tập không thể sau ngày khai mạc."})
    if not clean(signer_name):
        raise ValidationError({"signer_name": "Vui lòng nhập họ và tên người ký."})
    body = clean_multiline(text) or "\n".join(
        [
            f"Điều 1. Triệu tập {session}, {term_name(session)} ({session.get_kind_display().lower()}).",
            f"Thời gian: khai mạc ngày {format_date(session.opens_on)}, bế mạc ngày {format_date(session.closes_on)}.",
            f"Địa điểm: {session.place or 'sẽ thông báo sau'}.",
            "Điều 2. Nội dung kỳ họp theo chương trình gửi kèm.",
            "Điều 3. Văn phòng, các đại biểu Hội đồng nhân dân và cơ quan, cá nhân có liên quan chịu trách nhiệm "
            "thi hành Quyết định này.",
        ]
    )
    document = documents.document_create(
        council=session.council,
        doc_type=DocType.QUYET_DINH,
        subject=f"Về việc triệu tập {session}, {term_name(session)}",
        body=body,
        signer_authority=Authority.TM,
        signer_collective="Thường trực HĐND",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_lines="- Các vị đại biểu HĐND;\n- UBND;\n- UBMTTQVN;\n- Cơ quan, đơn vị có liên quan;",
        source=session,
        issued_on=issued_on,
        user=user,
    )
    document = documents.document_issue(document=document, user=user, issued_on=issued_on)
    return session_convening_link(session=session, document=document, user=user)


@transaction.atomic
def minutes_generate(
    *,
    session: Session,
    signer_name: str,
    signer_title: str = "Chủ tọa kỳ họp",
    issued_on: datetime.date | None = None,
    issue: bool = False,
    user: AbstractBaseUser | None,
) -> Document:
    """Draft the minutes (biên bản, doc_type "bien_ban") from the session record through the document
    register, or redraft them while still a draft; `issue` numbers and issues them. Issued minutes are
    the record and are not redrafted."""
    if not clean(signer_name):
        raise ValidationError({"signer_name": "Vui lòng nhập họ và tên người ký."})
    last = session.closed_on or session.closes_on
    issued_on = issued_on or last
    if issued_on < (session.opened_on or session.opens_on):
        raise ValidationError({"issued_on": "Ngày lập biên bản không thể trước ngày khai mạc."})
    fields = {
        "subject": f"{session}, {term_name(session)}",
        "body": minutes_text(session),
        "signer_title": signer_title,
        "signer_name": signer_name,
        "issued_on": issued_on,
    }
    current = session.minutes_document
    if current is not None and current.is_frozen:
        raise ValidationError("Biên bản kỳ họp đã ban hành, không thể lập lại.")
    if current is None:
        current = documents.document_create(
            council=session.council,
            doc_type=DocType.BIEN_BAN,
            recipient_lines="- Thường trực HĐND;\n- Các vị đại biểu HĐND;",
            source=session,
            user=user,
            **fields,
        )
    else:
        current = documents.document_update(document=current, **fields)
    if issue:
        current = documents.document_issue(document=current, user=user, issued_on=issued_on)
    session.minutes_document = current
    validated_save(session, user)
    return current
