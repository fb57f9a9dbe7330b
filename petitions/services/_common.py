"""What every petitions service shares: the validated save, the obligation kind, the answer deadline."""

from django.core.exceptions import ValidationError

from registry.calendar import MissingSetting, rule_value
from registry.models import Council

OBLIGATION_KIND = "forwarded_petition"
ANSWER_RULE = "petition_answer_days"


def _answer_days(council: Council) -> int:
    try:
        return rule_value(council, ANSWER_RULE)[0]
    except MissingSetting as exc:
        raise ValidationError(
            "Hội đồng chưa thiết lập “Thời hạn cơ quan trả lời kiến nghị cử tri” (Nghị quyết liên tịch 72/2025): "
            "Văn phòng cần điền số ngày trong phần Cài đặt trước khi chuyển kiến nghị."
        ) from exc
