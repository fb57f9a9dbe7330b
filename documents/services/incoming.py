"""Registering incoming documents, each with the next arrival number of its year."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents import numbering
from documents.models import Direction, DocType, Document, State
from documents.services._common import _check_same_council, _refold
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline
from registry.models import Body, Council, Person
from registry.services import council_accepts


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
    council_accepts(council, received_on, field="received_on")  # a ceased council registers nothing
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
