"""Consultations set up the way the office makes them: through the services, with the council's minimum
period set (DOMAIN.md leaves it to the council)."""

import datetime

import pytest
from django.core.cache import cache

from consultation import services
from consultation.models import Consultation
from hdnd import dates
from registry.services import setting_set

DRAFT = """Căn cứ Luật Tổ chức chính quyền địa phương;
Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định mức hỗ trợ cán bộ tiếp công dân.
Điều 2. Đối tượng áp dụng
Cán bộ, công chức tiếp công dân tại trụ sở.
Điều 3. Mức hỗ trợ
Mức hỗ trợ 100.000 đồng/người/ngày."""


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the rate limit's counters


@pytest.fixture
def min_days(world: object) -> None:
    setting_set(council=world.council, key=services.MIN_DAYS_RULE, value=20, decision="Quy chế làm việc, Điều 5")
    setting_set(council=world.other_council, key=services.MIN_DAYS_RULE, value=20)


def make(
    world: object, *, council: object = None, publish: bool = True, title: str = "Dự thảo nghị quyết hỗ trợ"
) -> Consultation:
    today = dates.today()
    consultation = services.consultation_create(
        council=council or world.council,
        title=title,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        text=DRAFT,
        user=world.users["office"],
    )
    if publish:
        consultation = services.consultation_publish(consultation=consultation, user=world.users["office"])
    return consultation


@pytest.fixture
def open_consultation(world: object, min_days: None) -> Consultation:
    return make(world)
