"""Recommendations after supervision and the report on them for the next session."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents import services as documents
from documents.models import Authority, DocType, Document
from followup import services as followup
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean_multiline
from registry.models import Body, Council
from registry.services import council_accepts
from supervision.models import (
    Recommendation,
    RecommendationReportRecord,
    Round,
)
from supervision.services._common import RECOMMENDATION, _lock
from supervision.wording import recommendation_report_body, signer


@transaction.atomic
def recommendation_add(
    *,
    round: Round,
    body: Body | None,
    text: str,
    due_on: datetime.date | None,
    made_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> Recommendation:
    """Address a recommendation to `body` by `due_on`; it becomes a "supervision_recommendation" obligation.

    Refused (nothing saved): no addressee, an addressee of another council, no text, no deadline, a deadline
    before the day it is made. `made_on` defaults to the report's date.
    """
    current = _lock(round)
    text = clean_multiline(text)
    made_on = made_on or current.report_on or current.ends_on or current.set_up_on
    council_accepts(current.council, made_on, field="made_on")
    errors = {}
    if body is None:
        errors["body"] = "Vui lòng chọn cơ quan được kiến nghị."
    elif body.council_id != current.council_id:
        errors["body"] = "Cơ quan được kiến nghị phải thuộc cùng Hội đồng."
    if not text:
        errors["text"] = "Vui lòng nhập nội dung kiến nghị."
    if due_on is None:
        errors["due_on"] = "Vui lòng nhập thời hạn thực hiện kiến nghị."
    elif due_on < made_on:
        errors["due_on"] = f"Thời hạn ({format_date(due_on)}) không thể trước ngày kiến nghị ({format_date(made_on)})."
    if errors:
        raise ValidationError(errors)
    obligation = followup.obligation_create(
        council=current.council,
        owner=body,
        title=text[:500],
        kind=RECOMMENDATION,
        source_date=made_on,
        source=current,
        source_label=str(current)[:300],
        due_on=due_on,
        user=user,
    )
    return validated_save(
        Recommendation(round=current, body=body, text=text, made_on=made_on, obligation=obligation), user
    )


@transaction.atomic
def recommendation_report_document(
    *, council: Council, year: int, on: datetime.date | None = None, user: AbstractBaseUser | None = None
) -> Document:
    """Draft the report on the state of recommendations after supervision for the next session (a Báo cáo of
    the standing committee in the document register), as of `on` (today by default); its source is a
    RecommendationReportRecord, so the document's page links back to the report screen."""
    from supervision.selectors import recommendation_report, today

    on = on or today()
    council_accepts(council, on, field="year")  # a ceased council drafts nothing
    report = recommendation_report(council=council, year=year, on=on)
    title, name = signer(council, on)
    record = validated_save(RecommendationReportRecord(council=council, year=year, on=on, created_by=user), user)
    document = documents.document_create(
        council=council,
        doc_type=DocType.BAO_CAO,
        subject=f"Kết quả thực hiện kiến nghị sau giám sát năm {year}",
        body=recommendation_report_body(report),
        issued_on=on,
        signer_authority=Authority.TM,
        signer_collective="Thường trực HĐND",
        signer_title=title,
        signer_name=name,
        recipient_lines=f"Đại biểu {council.short_title};\nUBND {council.unit_word};\nLưu: VT.",
        source=record,
        user=user,
    )
    record.document = document
    validated_save(record, user)
    return document
