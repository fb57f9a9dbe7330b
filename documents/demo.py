"""Demo documents for the demo council: a conclusions notice like the seed's, issued and published."""

import datetime

from documents import services
from documents.models import Authority, DocType, Document
from registry.models import Body, Council

BODY = "\n".join(
    [
        "Ngày 12/01/2022, tại Phòng họp số 1 Thị ủy Đức Phổ, Thường trực HĐND thị xã tổ chức phiên họp "
        "để cho ý kiến về Kế hoạch công tác của HĐND thị xã năm 2022.",
        "# 1. Đánh giá công tác chuẩn bị, tổ chức kỳ họp cuối năm 2021",
        "## a) Kết quả đạt được",
        "- Kỳ họp HĐND thị xã được thực hiện nghiêm túc; công tác điều hành kỳ họp của Chủ tọa được đổi mới.",
        "## b) Tồn tại, hạn chế",
        "- Một số nội dung trình kỳ họp của UBND thị xã chưa đảm bảo về thời gian cũng như chất lượng.",
        "# 2. Một số nhiệm vụ trong năm 2022",
        "- Giao Văn phòng thị xã tiếp thu ý kiến góp ý, hoàn chỉnh dự thảo Kế hoạch công tác năm 2022.",
        "Thừa lệnh Thường trực HĐND thị xã, Văn phòng thị xã thông báo đến các cơ quan, đơn vị, "
        "địa phương liên quan biết, phối hợp thực hiện đạt hiệu quả./.",
    ]
)


def seed_documents(council: Council) -> None:
    """Idempotent: does nothing when the council already has documents."""
    if Document.objects.filter(council=council).exists():
        return
    recipients = list(Body.objects.filter(council=council).order_by("kind", "name")[:4])
    notice = services.document_create(
        council=council,
        doc_type=DocType.THONG_BAO,
        subject="Kết luận của Thường trực HĐND thị xã tại phiên họp ngày 12/01/2022",
        body=BODY,
        signer_authority=Authority.TL,
        signer_collective="Thường trực HĐND",
        signer_title="Chánh Văn phòng",
        signer_name="Nguyễn Viết Thanh",
        recipient_bodies=recipients,
        recipient_lines="TT Thị ủy\nĐại biểu HĐND thị xã",
    )
    notice = services.document_issue(document=notice, user=None, issued_on=datetime.date(2022, 1, 12))
    services.document_publish(document=notice, user=None)
    services.document_create(
        council=council,
        doc_type=DocType.CONG_VAN,
        subject="Đề nghị báo cáo kết quả giải quyết kiến nghị cử tri",
        body="Thường trực HĐND thị xã đề nghị UBND thị xã báo cáo kết quả giải quyết kiến nghị cử tri.",
        signer_authority=Authority.TM,
        signer_collective="Thường trực HĐND",
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
        recipient_bodies=recipients[:1],
    )
