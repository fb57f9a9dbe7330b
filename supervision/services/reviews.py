"""Regular review of documents (rà soát văn bản)."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents.models import Direction, Document
from followup import services as followup
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean_multiline
from registry.services import council_accepts
from supervision.models import (
    Review,
    ReviewOutcome,
)
from supervision.services._common import UNLAWFUL_DOCUMENT


@transaction.atomic
def review_create(*, document: Document, user: AbstractBaseUser | None = None) -> Review:
    """Put an incoming document (a UBND decision, a commune council's resolution) in the review register."""
    council_accepts(document.council, dates.today(), field="document")  # entered today: dated today
    if document.direction != Direction.INCOMING:
        raise ValidationError({"document": "Chỉ đưa vào giám sát văn bản đến."})
    if Review.objects.filter(document=document).exists():
        raise ValidationError({"document": "Văn bản này đã có trong sổ giám sát."})
    return validated_save(Review(council=document.council, document=document), user)


@transaction.atomic
def review_record(
    *,
    review: Review,
    outcome: str,
    reviewed_on: datetime.date,
    notes: str = "",
    user: AbstractBaseUser | None = None,
) -> Review:
    """Record the review's outcome. An apparently unlawful document is a request to its issuer to fix it,
    followed as an obligation to reply within 30 days (Luật 87/2015/QH13, Điều 79)."""
    current = Review.objects.select_for_update(of=("self",)).select_related("document", "council").get(pk=review.pk)
    council_accepts(current.council, reviewed_on, field="reviewed_on")
    notes = clean_multiline(notes)
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": "Kết quả xem xét không hợp lệ."})
    if current.obligation_id is not None:
        raise ValidationError({"outcome": "Đã yêu cầu cơ quan ban hành xử lý văn bản này."})
    if outcome == ReviewOutcome.UNLAWFUL:
        issuer = current.document.sender_body
        errors = {}
        if issuer is None:
            errors["outcome"] = "Văn bản đến chưa ghi cơ quan ban hành (chọn trong danh mục) để gửi yêu cầu."
        if not notes:
            errors["notes"] = "Vui lòng nêu nội dung có dấu hiệu trái pháp luật."
        if errors:
            raise ValidationError(errors)
        current.obligation = followup.obligation_create(
            council=current.council,
            owner=issuer,
            title=f"Xem xét, xử lý và trả lời về văn bản: {current.document.subject}"[:500],
            description=notes,
            kind=UNLAWFUL_DOCUMENT,
            source_date=reviewed_on,
            source=current,
            rule="unlawful_document_reply_days",
            start_event="Ngày yêu cầu cơ quan ban hành xử lý văn bản",
            user=user,
        )
    current.outcome, current.notes, current.reviewed_on = outcome, notes, reviewed_on
    return validated_save(current, user)
