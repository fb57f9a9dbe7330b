"""Documents for tests, made through the services as the product makes them."""

import datetime

from documents import services
from documents.models import Authority, DocType, Document
from registry.models import Body, Council

BODY = (
    "Ngày 12/01/2022, Thường trực HĐND tổ chức phiên họp.\n# 1. Kết quả đạt được\n- Kỳ họp được thực hiện nghiêm túc."
)


def draft(
    council: Council,
    *,
    doc_type: str = DocType.THONG_BAO,
    subject: str = "Kết luận của Thường trực HĐND tại phiên họp",
    recipients: list[Body] | None = None,
    **fields: object,
) -> Document:
    """A complete draft: everything issuing needs is there."""
    values = {
        "body": BODY,
        "signer_authority": Authority.TL,
        "signer_collective": "Thường trực HĐND",
        "signer_title": "Chánh Văn phòng",
        "signer_name": "Nguyễn Viết Thanh",
        "recipient_lines": "TT Thị ủy\nUBND thị xã",
        **fields,
    }
    return services.document_create(
        council=council, doc_type=doc_type, subject=subject, recipient_bodies=recipients or [], **values
    )


def issued(council: Council, *, on: datetime.date | None = None, **fields: object) -> Document:
    return services.document_issue(document=draft(council, **fields), user=None, issued_on=on)


def published(council: Council, **fields: object) -> Document:
    return services.document_publish(document=issued(council, **fields), user=None)


def incoming(council: Council, *, sender: Body | None = None, **fields: object) -> Document:
    values = {
        "doc_type": DocType.BAO_CAO,
        "subject": "Báo cáo kết quả giải quyết kiến nghị cử tri",
        "received_on": datetime.date(2025, 3, 10),
        "external_number": "45/BC-UBND",
        "external_date": datetime.date(2025, 3, 7),
        **fields,
    }
    if sender is None and "sender_name" not in values:
        values["sender_name"] = "UBND thị xã"
    return services.incoming_create(council=council, sender_body=sender, **values)
