"""What every petitions service shares: the validated save, the obligation kind, the answer deadline."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models

from registry.calendar import MissingSetting, rule_value
from registry.models import Council

OBLIGATION_KIND = "forwarded_petition"
ANSWER_RULE = "petition_answer_days"


def _save(obj: models.Model, user: AbstractBaseUser | None = None, update_fields: list[str] | None = None) -> None:
    obj.full_clean()
    if user is not None:
        obj._history_user = user
    try:
        obj.save(update_fields=update_fields)
    except IntegrityError as exc:  # a concurrent duplicate that passed full_clean
        raise ValidationError("Dữ liệu trùng với một bản ghi đã có.") from exc


def _answer_days(council: Council) -> int:
    try:
        return rule_value(council, ANSWER_RULE)[0]
    except MissingSetting as exc:
        raise ValidationError(
            "Hội đồng chưa thiết lập “Thời hạn cơ quan trả lời kiến nghị cử tri” (Nghị quyết liên tịch 72/2025): "
            "Văn phòng cần điền số ngày trong phần Cài đặt trước khi chuyển kiến nghị."
        ) from exc
