"""What every petitions service shares: the validated save, the obligation kind, the answer deadline."""

import datetime

from django.core.exceptions import ValidationError

from registry.calendar import DeadlineBasis, MissingSetting, compute
from registry.models import Council

OBLIGATION_KIND = "forwarded_petition"
ANSWER_RULE = "petition_answer_days"


def _answer_basis(council: Council, on: datetime.date) -> DeadlineBasis:
    """The answer deadline of petitions forwarded on `on`, by the version of the rule in force that day
    (the council's setting first): the letter's number and every obligation's due date come from it."""
    try:
        return compute(council, on, rule=ANSWER_RULE)
    except MissingSetting as exc:
        raise ValidationError(
            "Hội đồng chưa thiết lập “Thời hạn cơ quan trả lời kiến nghị cử tri” (Nghị quyết liên tịch 72/2025): "
            "Văn phòng cần điền số ngày trong phần Cài đặt trước khi chuyển kiến nghị."
        ) from exc
