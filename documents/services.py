"""Every write of the document register. Workflow apps create and issue their documents through these.

document_create(*, council, doc_type, subject, body, ..., source=None, user=None) -> Document
document_update(*, document, **fields) -> Document           # drafts only
document_issue(*, document, user, issued_on=None) -> Document
document_publish(*, document, user) -> Document
document_withdraw(*, document, user, reason, on=None) -> Document
incoming_create(*, council, doc_type, subject, received_on, ...) -> Document
document_render_docx(document) -> bytes;  document_render_pdf(document) -> bytes | None
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from documents import numbering, sources
from documents.access import EDIT, ISSUE
from documents.checker import check_nd30
from documents.docx_build import SHIPPED
from documents.models import (
    NORMATIVE_TYPES,
    Attachment,
    Authority,
    Direction,
    DocType,
    Document,
    DocumentTemplate,
    Issuer,
    NumberingSeries,
    State,
)
from documents.recipients import grouped_names
from documents.rendering import SAMPLE, DocxData, RenderError, render_docx, render_pdf, shipped_template
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold
from registry.access import has_perm
from registry.models import Body, Council, Person

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def allowed_actions(document: Document, user: AbstractBaseUser) -> set[str]:
    """What `user` may do to `document` now ("edit", "attach", "issue", "publish", "withdraw"): the one
    place the screens and the API ask, so the buttons shown are the steps the services accept."""
    council = document.council
    actions = set()
    if has_perm(user, council, EDIT):
        actions.add("attach")
        if not document.is_frozen:
            actions.add("edit")
    if document.is_outgoing and has_perm(user, council, ISSUE):
        if document.state == State.DRAFT:
            actions.add("issue")
        if document.state == State.ISSUED:
            actions.add("publish")
        if document.state in (State.ISSUED, State.PUBLISHED):
            actions.add("withdraw")
    return actions


MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
ARCHIVE_LINE = "- Lưu: VT."
# Fields a draft may change; the rest (number, state, dates of publishing) belong to the actions.
DRAFT_FIELDS = {
    "doc_type",
    "normative",
    "issuer",
    "place",
    "issued_on",
    "subject",
    "body",
    "signer_authority",
    "signer_collective",
    "signer_title",
    "signer_name",
    "recipient_lines",
}
INCOMING_FIELDS = {
    "doc_type",
    "subject",
    "body",
    "sender_body",
    "sender_name",
    "external_number",
    "external_date",
    "received_on",
    "handler_user",
    "handler_person",
}
MULTILINE = {"body", "recipient_lines"}


def _text(name: str, value: object) -> object:
    if isinstance(value, str):
        return clean_multiline(value) if name in MULTILINE else clean(value)
    return value


def _refold(document: Document) -> None:
    document.subject_folded = fold(document.subject)
    document.number_folded = fold(f"{document.number_symbol} {document.external_number}")


def _check_same_council(council: Council, **related: object) -> None:
    errors = {}
    for name, obj in related.items():
        if obj is not None and getattr(obj, "council_id", council.pk) != council.pk:
            errors[name] = "Phải thuộc cùng Hội đồng."
    if errors:
        raise ValidationError(errors)


def _set_recipients(document: Document, bodies: Iterable[Body] | None) -> None:
    if bodies is None:
        return
    bodies = list(bodies)
    for body in bodies:
        if body.council_id != document.council_id:
            raise ValidationError({"recipient_bodies": "Nơi nhận phải là cơ quan của cùng Hội đồng."})
    document.recipient_bodies.set(bodies)


def _set_source(document: Document, source: models.Model | None) -> None:
    if source is None:
        return
    if source.pk is None:
        raise ValidationError({"source": "Hồ sơ nguồn chưa được lưu."})
    owner = getattr(source, "council_id", document.council_id)
    if owner != document.council_id:
        raise ValidationError({"source": "Hồ sơ nguồn phải thuộc cùng Hội đồng."})
    document.source_type = ContentType.objects.get_for_model(source)
    document.source_id = source.pk


# Issuers ---------------------------------------------------------------------------------------


@transaction.atomic
def issuer_default(*, council: Council) -> Issuer:
    """The council's default issuer, created on first use: the council itself, symbol "HĐND".

    A letter from the council is drafted by its office: "15/HĐND-VP" (Nghị định 30/2020/NĐ-CP,
    Phụ lục I, mục 3b).
    """
    issuer = Issuer.objects.filter(council=council, is_default=True).first()
    if issuer is not None:
        return issuer
    # A council heads its own documents: no parent line above its name.
    issuer = Issuer(
        council=council,
        name=f"Hội đồng nhân dân {council.unit_label}",
        parent_name="",
        symbol="HĐND",
        letter_symbol="HĐND-VP",
        is_default=True,
    )
    try:
        with transaction.atomic():
            return validated_save(issuer)
    except ValidationError:
        # Created meanwhile by a concurrent first use.
        return Issuer.objects.get(council=council, is_default=True)


ISSUER_FIELDS = {"name", "parent_name", "symbol", "letter_symbol", "body"}


def _symbol_used_elsewhere(issuer: Issuer, field: str, value: str) -> str | None:
    """The name of another issuer of the council that has, or had on numbered documents, this symbol."""
    others = Issuer.objects.filter(council=issuer.council).exclude(pk=issuer.pk)
    current = others.filter(**{field: value}).first()
    if current is not None:
        return current.name
    # An issuer that used the symbol before renaming it: its numbers already carry the symbol, and
    # a new issuer's counter starting at 01 would repeat them.
    numbered = Document.objects.filter(council=issuer.council, number__isnull=False, direction=Direction.OUTGOING)
    former = (
        Issuer.history.filter(council_id=issuer.council_id, **{field: value})
        .exclude(id=issuer.pk)
        .filter(id__in=numbered.values("issuer_id"))
        .first()
    )
    return former.name if former is not None else None


def _issuer_check(issuer: Issuer) -> None:
    errors = {}
    if not issuer.name:
        errors["name"] = "Vui lòng nhập tên cơ quan ban hành."
    if not issuer.symbol:
        errors["symbol"] = "Vui lòng nhập chữ viết tắt (ví dụ: HĐND, KTXH)."
    elif any(c in issuer.symbol for c in "/{} "):
        errors["symbol"] = "Chữ viết tắt không được chứa dấu cách, “/” hay dấu ngoặc nhọn."
    elif name := _symbol_used_elsewhere(issuer, "symbol", issuer.symbol):
        errors["symbol"] = f"Chữ viết tắt “{issuer.symbol}” đã (hoặc từng) được {name} dùng: số văn bản sẽ bị trùng."
    if any(c in issuer.letter_symbol for c in "/{} "):
        errors["letter_symbol"] = "Ký hiệu công văn không được chứa dấu cách, “/” hay dấu ngoặc nhọn."
    elif name := _symbol_used_elsewhere(issuer, "letter_symbol", issuer.letter_symbol):
        errors["letter_symbol"] = (
            f"Ký hiệu công văn “{issuer.letter_symbol}” đã (hoặc từng) được {name} dùng: số công văn sẽ bị trùng."
        )
    if issuer.body_id is not None and issuer.body.council_id != issuer.council_id:
        errors["body"] = "Cơ quan phải thuộc cùng Hội đồng."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def issuer_create(
    *,
    council: Council,
    name: str,
    symbol: str,
    letter_symbol: str = "",
    parent_name: str = "",
    body: Body | None = None,
) -> Issuer:
    """Add an issuing authority (a committee that issues its own reports, for example "BC-KTXH").

    Refused with a message per field, nothing saved: an empty name or symbol, a symbol or letter
    symbol another issuer of the council has or had on numbered documents (numbers would repeat).
    """
    issuer = Issuer(
        council=council,
        body=body,
        name=clean(name),
        symbol=clean(symbol),
        letter_symbol=clean(letter_symbol) or (f"{clean(symbol)}-VP" if clean(symbol) else ""),
        parent_name=clean(parent_name),
    )
    _issuer_check(issuer)
    return validated_save(issuer)


@transaction.atomic
def issuer_update(*, issuer: Issuer, **fields: object) -> Issuer:
    """Change an issuer's names, symbols or registry body, with the checks of `issuer_create`.

    Issued documents keep the number and symbol they were issued with (stored on the document):
    a new symbol applies to numbers taken afterwards; the issuer's counters go on, so numbers do not
    restart in the middle of a year.
    """
    current = Issuer.objects.select_for_update().select_related("council").get(pk=issuer.pk)
    unknown = set(fields) - ISSUER_FIELDS
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(current, name, clean(value) if isinstance(value, str) else value)
    if "letter_symbol" in fields and not current.letter_symbol and current.symbol:
        current.letter_symbol = f"{current.symbol}-VP"
    _issuer_check(current)
    return validated_save(current)


# Numbering series ------------------------------------------------------------------------------


def _series_check(
    *, council: Council, doc_type: str, normative: bool, series: str, pattern: str, today: datetime.date
) -> None:
    """Refuse a series or pattern that would make numbers ambiguous (Nghị định 30/2020/NĐ-CP, Điều 15:
    a number is unique per issuer, series and year).

    - Moving a type to another counter in a year where it already took numbers would start again at
      01 and repeat numbers already issued: allowed only from 1 January of the next year.
    - Two different series whose numbers look the same ("01/HĐND" for a notice and for a report)
      would both give "01/HĐND".
    A new pattern on the same series is allowed: numbers go on from the same counter, and documents
    already issued keep the number and symbol stored on them.
    """
    errors: dict[str, str] = {}
    if doc_type not in DocType.values:
        raise ValidationError({"doc_type": "Loại văn bản không hợp lệ."})
    _check_normative(doc_type, normative)
    problem = numbering.validate_pattern(pattern)
    if problem:
        errors["pattern"] = problem
    if not series:
        errors["series"] = "Vui lòng nhập tên sổ (ví dụ: TB, NQ-QPPL)."
    elif len(series) > 20 or any(c in series for c in "/{} "):
        errors["series"] = "Tên sổ tối đa 20 ký tự, không có dấu cách, “/” hay dấu ngoặc nhọn."
    if errors:
        raise ValidationError(errors)
    current = numbering.series_rule(council, doc_type, normative)
    if series != current.series:
        used = Document.objects.filter(
            council=council,
            direction=Direction.OUTGOING,
            doc_type=doc_type,
            normative=normative,
            year=today.year,
            number__isnull=False,
        ).count()
        if used:
            errors["series"] = (
                f"Loại văn bản này đã được cấp {used} số trong năm {today.year} theo sổ “{current.series}”. "
                "Chuyển sang sổ khác giữa năm sẽ cấp lại từ số 01 và trùng số đã cấp; "
                "hãy giữ sổ cũ (chỉ đổi mẫu số) hoặc đổi sổ từ ngày 01/01 năm sau."
            )
    mine = numbering.format_number_symbol(
        pattern=pattern, number=1, year=today.year, doc_type=doc_type, issuer=numbering.EXAMPLE_ISSUER
    )
    for other_type, other_normative, rule in numbering.effective_rules(council):
        if (other_type, other_normative) == (doc_type, normative) or rule.series == series:
            continue
        theirs = numbering.format_number_symbol(
            pattern=rule.pattern, number=1, year=today.year, doc_type=other_type, issuer=numbering.EXAMPLE_ISSUER
        )
        if theirs == mine:
            label = DocType(other_type).label + (" (quy phạm pháp luật)" if other_normative else "")
            errors["pattern"] = (
                f"Mẫu này cho số giống hệt số của {label} (sổ “{rule.series}”), ví dụ “{mine}”: "
                "hai văn bản khác nhau sẽ mang cùng một số. Hãy thêm {loai} hoặc chọn cùng sổ."
            )
            break
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def series_set(
    *,
    council: Council,
    doc_type: str,
    normative: bool = False,
    series: str,
    pattern: str,
    today: datetime.date | None = None,
) -> NumberingSeries:
    """Set the council's series and number pattern for a type (an override of `numbering.default_rule`).

    Applies to numbers taken afterwards; issued documents keep theirs. Refused, nothing saved, when
    the pattern does not format or the change would make numbers ambiguous (see `_series_check`).
    """
    series, pattern = clean(series), clean(pattern)
    # One change of a council's series at a time: the checks read the other series.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    _series_check(
        council=council,
        doc_type=doc_type,
        normative=normative,
        series=series,
        pattern=pattern,
        today=today or dates.today(),
    )
    row = NumberingSeries.objects.filter(council=council, doc_type=doc_type, normative=normative).first()
    if row is None:
        row = NumberingSeries(council=council, doc_type=doc_type, normative=normative)
    if (row.series, row.pattern) == (series, pattern):
        return row
    row.series, row.pattern = series, pattern
    return validated_save(row)


@transaction.atomic
def series_reset(
    *, council: Council, doc_type: str, normative: bool = False, today: datetime.date | None = None
) -> None:
    """Go back to the default series and pattern of a type, with the checks of `series_set`."""
    row = NumberingSeries.objects.filter(council=council, doc_type=doc_type, normative=normative).first()
    if row is None:
        return
    default = numbering.default_rule(doc_type, normative)
    Council.objects.select_for_update().filter(pk=council.pk).first()
    _series_check(
        council=council,
        doc_type=doc_type,
        normative=normative,
        series=default.series,
        pattern=default.pattern,
        today=today or dates.today(),
    )
    row.delete()


# Outgoing documents ----------------------------------------------------------------------------


def _check_normative(doc_type: str, normative: bool) -> None:
    if normative and doc_type not in NORMATIVE_TYPES:
        raise ValidationError({"normative": "Chỉ nghị quyết, quyết định mới có thể là văn bản quy phạm pháp luật."})


@transaction.atomic
def document_create(
    *,
    council: Council,
    doc_type: str,
    subject: str = "",
    body: str = "",
    issuer: Issuer | None = None,
    normative: bool = False,
    place: str = "",
    issued_on: datetime.date | None = None,
    signer_authority: str = Authority.NONE,
    signer_collective: str = "",
    signer_title: str = "",
    signer_name: str = "",
    recipient_bodies: Iterable[Body] | None = None,
    recipient_lines: str = "",
    source: models.Model | None = None,
    user: AbstractBaseUser | None = None,
) -> Document:
    """Create an outgoing document as a draft (no number until it is issued).

    `source` is the record the document comes from (any model of the same council); the issuer
    defaults to the council's, the place to the council's place name.
    """
    if doc_type not in DocType.values:
        raise ValidationError({"doc_type": "Loại văn bản không hợp lệ."})
    _check_normative(doc_type, normative)
    if issuer is None:
        issuer = issuer_default(council=council)
    _check_same_council(council, issuer=issuer)
    document = Document(
        council=council,
        direction=Direction.OUTGOING,
        doc_type=doc_type,
        normative=normative,
        issuer=issuer,
        issued_on=issued_on,
        created_by=user,
    )
    fields = {
        "place": place or council.document_place,
        "subject": subject,
        "body": body,
        "signer_authority": signer_authority,
        "signer_collective": signer_collective,
        "signer_title": signer_title,
        "signer_name": signer_name,
        "recipient_lines": recipient_lines,
    }
    for name, value in fields.items():
        setattr(document, name, _text(name, value))
    _set_source(document, source)
    _refold(document)
    validated_save(document)
    _set_recipients(document, recipient_bodies)
    return document


def _lock(document: Document) -> Document:
    """The document's row, locked, so two users' actions on it run one after the other."""
    return Document.objects.select_for_update(of=("self",)).select_related("issuer", "council").get(pk=document.pk)


@transaction.atomic
def document_update(
    *, document: Document, recipient_bodies: Iterable[Body] | None = None, **fields: object
) -> Document:
    """Change a draft; an issued document is frozen (its text is what was sent)."""
    current = _lock(document)
    if current.is_frozen:
        raise ValidationError(
            "Văn bản đã ban hành, không thể sửa. Nếu có sai sót, hãy thu hồi và ban hành văn bản khác."
        )
    allowed = DRAFT_FIELDS if current.is_outgoing else INCOMING_FIELDS
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(current, name, _text(name, value))
    if current.is_outgoing:
        _check_normative(current.doc_type, current.normative)
        _check_same_council(current.council, issuer=current.issuer)
    else:
        _check_same_council(current.council, sender_body=current.sender_body, handler_person=current.handler_person)
    _refold(current)
    validated_save(current)
    _set_recipients(current, recipient_bodies)
    return current


def issue_missing(document: Document) -> dict[str, str]:
    """What a draft lacks to be issued (Nghị định 30/2020/NĐ-CP, Điều 8: the components of a document)."""
    missing = {}
    if document.issuer_id is None:
        missing["issuer"] = "Thiếu cơ quan ban hành."
    if not document.place:
        missing["place"] = "Thiếu địa danh."
    if not document.subject:
        missing["subject"] = "Thiếu trích yếu nội dung."
    if not document.body:
        missing["body"] = "Thiếu nội dung văn bản."
    if not document.signer_title:
        missing["signer_title"] = "Thiếu chức vụ người ký."
    if not document.signer_name:
        missing["signer_name"] = "Thiếu họ và tên người ký."
    if document.signer_authority and not document.signer_collective:
        missing["signer_collective"] = "Thiếu tên tập thể hoặc người đứng đầu mà người ký thay mặt."
    if not document.recipient_lines and not document.recipient_bodies.exists():
        missing["recipient_lines"] = "Thiếu nơi nhận."
    return missing


def _check_date_order(document: Document, *, series: str, year: int, number: int, day: datetime.date) -> None:
    """Refuse an issue date earlier than the one of the number before it in the same issuer, series and year.

    Called while the series' counter row is locked (take_number), so no other issue of the series runs
    between this check and the save; the refusal rolls the number back.
    """
    before = (
        Document.objects.filter(
            council=document.council, issuer=document.issuer, series=series, year=year, number__lt=number
        )
        .exclude(pk=document.pk)
        .order_by("-number")
        .values_list("number_symbol", "issued_on")
        .first()
    )
    if before is not None and before[1] is not None and day < before[1]:
        raise ValidationError(
            {
                "issued_on": f"Ngày ban hành {day:%d/%m/%Y} sớm hơn ngày của văn bản số {before[0]} "
                f"({before[1]:%d/%m/%Y}), văn bản được đánh số trước trong cùng sổ. "
                "Số văn bản phải theo thứ tự thời gian ban hành."
            }
        )


@transaction.atomic
def document_issue(
    *, document: Document, user: AbstractBaseUser | None, issued_on: datetime.date | None = None
) -> Document:
    """Issue a draft: take the next number of its series in the year of issue, in this transaction.

    Refused, with every missing component listed and nothing changed, when the draft is incomplete.
    """
    current = _lock(document)
    if current.direction == Direction.OUTGOING and current.number is not None:
        # A second click waits on the lock above and finds the first one's number.
        raise ValidationError(f"Văn bản đã được ban hành với số {current.number_symbol}; không ban hành lại.")
    if current.direction != Direction.OUTGOING or current.state != State.DRAFT:
        raise ValidationError("Chỉ dự thảo văn bản đi mới có thể ban hành.")
    missing = issue_missing(current)
    if missing:
        raise ValidationError({field: f"Chưa thể ban hành: {message}" for field, message in missing.items()})
    day = issued_on or current.issued_on or dates.today()
    rule = numbering.series_rule(current.council, current.doc_type, current.normative)
    number = numbering.take_number(
        council=current.council, scope=numbering.issuer_scope(current.issuer), series=rule.series, year=day.year
    )
    _check_date_order(current, series=rule.series, year=day.year, number=number, day=day)
    current.series, current.year, current.number, current.issued_on = rule.series, day.year, number, day
    current.number_symbol = numbering.format_number_symbol(
        pattern=rule.pattern, number=number, year=day.year, doc_type=current.doc_type, issuer=current.issuer
    )
    current.state = State.ISSUED
    _refold(current)
    validated_save(current)
    sources.document_issued(current, user)
    return current


@transaction.atomic
def document_publish(*, document: Document, user: AbstractBaseUser | None) -> Document:
    """Make an issued document public: it appears on the public list, without login."""
    current = _lock(document)
    if current.state != State.ISSUED:
        raise ValidationError("Chỉ văn bản đã ban hành (chưa thu hồi) mới có thể công khai.")
    current.state = State.PUBLISHED
    current.published_at = timezone.now()
    return validated_save(current)


@transaction.atomic
def document_withdraw(
    *, document: Document, user: AbstractBaseUser | None, reason: str, on: datetime.date | None = None
) -> Document:
    """Withdraw an issued or published document; it keeps its number (which is never reused)."""
    current = _lock(document)
    if current.state not in {State.ISSUED, State.PUBLISHED}:
        raise ValidationError("Chỉ văn bản đã ban hành mới có thể thu hồi.")
    reason = clean(reason)
    if not reason:
        raise ValidationError({"reason": "Vui lòng nêu lý do thu hồi."})
    current.state = State.WITHDRAWN
    current.withdrawn_on = on or dates.today()
    current.withdrawn_reason = reason[:500]
    return validated_save(current)


# Incoming documents ----------------------------------------------------------------------------


@transaction.atomic
def incoming_create(
    *,
    council: Council,
    doc_type: str,
    subject: str,
    received_on: datetime.date,
    sender_body: Body | None = None,
    sender_name: str = "",
    external_number: str = "",
    external_date: datetime.date | None = None,
    body: str = "",
    handler_user: AbstractBaseUser | None = None,
    handler_person: Person | None = None,
    user: AbstractBaseUser | None = None,
) -> Document:
    """Register an incoming document; it takes the next arrival number ("số đến") of the year."""
    errors = {}
    if doc_type not in DocType.values:
        errors["doc_type"] = "Loại văn bản không hợp lệ."
    if sender_body is None and not clean(sender_name):
        errors["sender_name"] = "Vui lòng chọn hoặc nhập cơ quan gửi."
    if not clean(subject):
        errors["subject"] = "Vui lòng nhập trích yếu nội dung."
    if external_date and external_date > received_on:
        errors["external_date"] = "Ngày của văn bản không thể sau ngày đến."
    if errors:
        raise ValidationError(errors)
    _check_same_council(council, sender_body=sender_body, handler_person=handler_person)
    document = Document(
        council=council,
        direction=Direction.INCOMING,
        doc_type=doc_type,
        state=State.RECEIVED,
        sender_body=sender_body,
        sender_name=clean(sender_name),
        external_number=clean(external_number),
        external_date=external_date,
        received_on=received_on,
        issued_on=external_date,
        subject=clean(subject),
        body=clean_multiline(body),
        handler_user=handler_user,
        handler_person=handler_person,
        created_by=user,
    )
    document.number = numbering.take_number(
        council=council, scope=numbering.INCOMING_SCOPE, series=numbering.INCOMING_SERIES, year=received_on.year
    )
    document.year, document.series = received_on.year, numbering.INCOMING_SERIES
    _refold(document)
    return validated_save(document)


# Attachments -----------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, document: Document, file: UploadedFile, user: AbstractBaseUser | None) -> Attachment:
    """Attach a file; an issued document still takes attachments (the signed scan comes after issuing)."""
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 20 MB)."})
    name = clean(file.name)[:200] or "tep-dinh-kem"
    return validated_save(Attachment(document=document, file=file, name=name, uploaded_by=user))


# Output ----------------------------------------------------------------------------------------


def recipient_list(document: Document, *, bodies: list[Body] | None = None) -> list[str]:
    """The "Nơi nhận" lines: registry bodies, then free lines, always ending with "- Lưu: VT."."""
    if bodies is None:
        bodies = list(document.recipient_bodies.all())
    names = grouped_names(document.council, bodies)
    archive = ARCHIVE_LINE
    for line in document.recipient_lines.splitlines():
        line = clean(line).lstrip("-–• ").rstrip(";.,").strip()
        if not line:
            continue
        if line.lower().startswith("lưu"):
            archive = f"- {line}."  # the office's own archive line ("Lưu: VT, VP.")
            continue
        names.append(line)
    return [f"- {name};" for name in names] + [archive]


def _upper(text: str) -> str:
    return clean(text).upper()


def docx_data(document: Document, *, bodies: list[Body] | None = None) -> DocxData:
    """The words a template shows for a document, as ND30 wants them (capitals, dates, number).

    `bodies` stands for the recipient bodies of a document not saved (a preview)."""
    issuer = document.issuer
    if document.number is not None and document.number_symbol:
        number_symbol = document.number_symbol
    else:
        rule = numbering.series_rule(document.council, document.doc_type, document.normative)
        year = (document.issued_on or dates.today()).year
        number_symbol = numbering.format_number_symbol(
            pattern=rule.pattern, number=None, year=year, doc_type=document.doc_type, issuer=issuer
        )
    authority = ""
    if document.signer_authority:
        authority = f"{document.signer_authority} {_upper(document.signer_collective)}".strip()
    if bodies is None:
        bodies = list(document.recipient_bodies.all())
    names = [b.name for b in bodies]
    return DocxData(
        parent_name=_upper(issuer.parent_name) if issuer else "",
        issuer_name=_upper(issuer.name) if issuer else "",
        number_symbol=number_symbol,
        place_date=numbering.nd30_date(document.place or document.council.document_place, document.issued_on),
        type_name=_upper(document.get_doc_type_display()),
        subject=document.subject,
        body=document.body,
        recipients=recipient_list(document, bodies=bodies),
        signer_authority_line=authority,
        signer_title=_upper(document.signer_title),
        signer_name=document.signer_name,
        addressees="; ".join(names) if names else "",
    )


def template_for(*, council: Council, doc_type: str) -> bytes:
    """The template a document of this type uses: the council's own, else the shipped one."""
    own = {t.doc_type: t for t in DocumentTemplate.objects.filter(council=council, doc_type__in=[doc_type, ""])}
    if doc_type in own:
        return bytes(own[doc_type].content)
    if doc_type not in SHIPPED and "" in own:
        return bytes(own[""].content)
    return shipped_template(doc_type)


def document_render_docx(document: Document) -> bytes:
    """The document as DOCX, from its type's template; a broken council template is a ValidationError."""
    try:
        return render_docx(template_for(council=document.council, doc_type=document.doc_type), docx_data(document))
    except RenderError as exc:
        raise ValidationError(f"Không tạo được tệp Word từ mẫu của Hội đồng: {exc}") from exc


def document_preview_docx(document: Document) -> bytes:
    """The document as it stands, marked "DỰ THẢO" while it is a draft (its number and date left blank)."""
    draft = document.state == State.DRAFT
    try:
        return render_docx(
            template_for(council=document.council, doc_type=document.doc_type), docx_data(document), draft=draft
        )
    except RenderError as exc:
        raise ValidationError(f"Không tạo được tệp Word từ mẫu của Hội đồng: {exc}") from exc


def unsaved_preview(
    *,
    council: Council,
    doc_type: str,
    subject: str,
    body: str,
    signer_authority: str = Authority.NONE,
    signer_collective: str = "",
    signer_title: str = "",
    signer_name: str = "",
    recipient_lines: str = "",
) -> tuple[DocxData, bytes]:
    """The words and the draft DOCX of a document a workflow has not created yet (the annual report before
    it is issued and numbered): nothing is saved, no number is taken."""
    document = Document(
        council=council,
        direction=Direction.OUTGOING,
        doc_type=doc_type,
        issuer=issuer_default(council=council),
        place=council.document_place,
        issued_on=None,
        subject=clean(subject),
        body=clean_multiline(body),
        signer_authority=signer_authority,
        signer_collective=clean(signer_collective),
        signer_title=clean(signer_title),
        signer_name=clean(signer_name),
        recipient_lines=clean_multiline(recipient_lines),
    )
    data = docx_data(document, bodies=[])
    try:
        content = render_docx(template_for(council=council, doc_type=doc_type), data, draft=True)
    except RenderError as exc:
        raise ValidationError(f"Không tạo được tệp Word từ mẫu của Hội đồng: {exc}") from exc
    return data, content


def document_render_pdf(document: Document) -> bytes | None:
    """The document as PDF through LibreOffice, or None where LibreOffice is not installed."""
    return render_pdf(document_render_docx(document))


# Templates -------------------------------------------------------------------------------------


def template_validate(content: bytes) -> None:
    """Refuse a template that is not a DOCX, does not render, or renders outside the ND30 format."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise ValidationError({"file": "Tệp mẫu quá lớn (tối đa 5 MB)."})
    try:
        rendered = render_docx(content, SAMPLE)
    except RenderError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    problems = check_nd30(rendered)
    if problems:
        raise ValidationError({"file": "Văn bản tạo từ mẫu chưa đúng thể thức: " + " ".join(problems)})


@transaction.atomic
def template_upload(
    *, council: Council, doc_type: str, content: bytes, filename: str, user: AbstractBaseUser | None
) -> DocumentTemplate:
    """Store a council's template for a type ('' = generic) after rendering it with a sample document."""
    if doc_type and doc_type not in DocType.values:
        raise ValidationError({"doc_type": "Loại văn bản không hợp lệ."})
    template_validate(content)
    template, _ = DocumentTemplate.objects.get_or_create(
        council=council, doc_type=doc_type, defaults={"content": content, "filename": filename, "uploaded_by": user}
    )
    template.content, template.filename, template.uploaded_by = content, clean(filename)[:200], user
    template.save()
    return template


@transaction.atomic
def template_reset(*, council: Council, doc_type: str) -> None:
    """Go back to the shipped template for a type."""
    for template in DocumentTemplate.objects.filter(council=council, doc_type=doc_type):
        template.delete()
