import pytest
from django.core.management import call_command

from registry.models import Council, CouncilLevel


@pytest.mark.django_db
def test_load_every_current_unit_idempotently() -> None:
    call_command("load_units", verbosity=0)
    current = Council.objects.filter(historical=False)
    assert current.filter(level=CouncilLevel.PROVINCE).count() == 34
    assert current.filter(level=CouncilLevel.COMMUNE).count() == 3321
    quang_ngai = current.get(level=CouncilLevel.PROVINCE, unit_code="51")
    assert str(quang_ngai) == "HĐND tỉnh Quảng Ngãi"
    assert current.filter(parent=quang_ngai).count() > 0
    assert current.filter(level=CouncilLevel.COMMUNE, parent__isnull=True).count() == 0
    call_command("load_units", verbosity=0)
    assert current.count() == 3355
    assert quang_ngai.history.count() == 1
