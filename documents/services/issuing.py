"""Issuing, publishing and withdrawing outgoing documents: the number is taken on issue, in its transaction."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from documents import numbering, sources
from documents.models import Direction, Document, State
from documents.services._common import _lock, _refold
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean
from registry.services import council_accepts


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
    # A council that ceased issues nothing dated after its last day: its successors speak for it since.
    council_accepts(current.council, day, field="issued_on")
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
    council_accepts(current.council, None)  # a ceased council's register stays as it was
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
    council_accepts(current.council, None, field="reason")  # a ceased council's register stays as it was
    if current.state not in {State.ISSUED, State.PUBLISHED}:
        raise ValidationError("Chỉ văn bản đã ban hành mới có thể thu hồi.")
    reason = clean(reason)
    if not reason:
        raise ValidationError({"reason": "Vui lòng nêu lý do thu hồi."})
    current.state = State.WITHDRAWN
    current.withdrawn_on = on or dates.today()
    current.withdrawn_reason = reason[:500]
    return validated_save(current)
