"""`council_accepts`, the one rule every workflow service asks before it writes: a council at work takes
everything; one whose ceasing is known but still ahead takes records up to its last day; one past its last
day is read-only for history and takes nothing, backdated or not (DOMAIN.md, "The law changes")."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hdnd import dates
from registry.models import Council
from registry.services import council_accepts

D = datetime.date


@pytest.mark.django_db
def test_a_council_takes_records_up_to_its_last_day_and_none_once_it_has_passed(world) -> None:
    council = world.council
    today = dates.today()
    council_accepts(council, today + datetime.timedelta(days=4000))
    assert council.open_on(today)

    # Ceasing in ten days: records up to the ninth day go in, later ones are refused.
    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=today + datetime.timedelta(days=10))
    council.refresh_from_db()
    assert council.open_on(today) and not council.open_on(today + datetime.timedelta(days=10))
    council_accepts(council, today + datetime.timedelta(days=9))
    with pytest.raises(ValidationError) as refused:
        council_accepts(council, today + datetime.timedelta(days=10), field="held_on")
    last = (today + datetime.timedelta(days=9)).strftime("%d/%m/%Y")
    assert f"không ghi hoạt động sau ngày {last}" in refused.value.message_dict["held_on"][0]

    # Past its last day: nothing, not even a record dated before it.
    Council.objects.filter(pk=council.pk).update(ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    assert not council.open_on(today)
    for day in (D(2025, 6, 30), D(2024, 1, 2), today, None):
        with pytest.raises(ValidationError) as refused:
            council_accepts(council, day, field="held_on")
        message = refused.value.message_dict["held_on"][0]
        assert "đã chấm dứt hoạt động từ ngày 01/07/2025; hồ sơ chỉ xem" in message
        assert "kể cả ghi lùi về ngày 30/06/2025 trở về trước" in message
