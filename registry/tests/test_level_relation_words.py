"""The words for the level above, by level (registry.levels): a commune council works with the province
council's standing committee, named when its parent is recorded and by its level when not, never with the
National Assembly's Standing Committee; a province has no council above, and its report goes to UBTVQH."""

import pytest

from registry import levels
from registry.models import Council, CouncilLevel, UnitType
from registry.tests.factories import CouncilFactory

UBTVQH = "Ủy ban Thường vụ Quốc hội"


def _province() -> Council:
    return CouncilFactory(level=CouncilLevel.PROVINCE, unit_type=UnitType.TINH, unit_name="Quảng Ngãi", parent=None)


def _lines(council: Council) -> list[str]:
    return levels.recipients(council).split(";\n")


@pytest.mark.django_db
def test_province_has_no_standing_committee_above() -> None:
    province = _province()
    assert levels.upper_standing(province) == ""
    assert levels.upper_relation(province) == f"thực hiện sự hướng dẫn, kiểm tra của {UBTVQH}"
    assert _lines(province) == [
        UBTVQH,
        "Thường trực cấp ủy",
        "UBND, UBMTTQVN cùng cấp",
        "Đại biểu HĐND",
        "Văn phòng HĐND",
    ]


@pytest.mark.django_db
def test_commune_works_with_its_province_standing_committee() -> None:
    commune = CouncilFactory(
        level=CouncilLevel.COMMUNE, unit_type=UnitType.PHUONG, unit_name="Đức Phổ", parent=_province()
    )
    assert levels.upper_relation(commune) == "giữ mối liên hệ phối hợp công tác với Thường trực HĐND tỉnh Quảng Ngãi"
    assert _lines(commune) == [
        "Thường trực HĐND tỉnh Quảng Ngãi",
        "Thường trực cấp ủy",
        "UBND, UBMTTQVN cùng cấp",
        "Đại biểu HĐND",
        "Văn phòng HĐND",
    ]


@pytest.mark.django_db
def test_commune_without_recorded_parent_never_names_ubtvqh() -> None:
    commune = CouncilFactory(level=CouncilLevel.COMMUNE, unit_type=UnitType.XA, unit_name="Phổ An", parent=None)
    assert levels.upper_relation(commune) == "giữ mối liên hệ phối hợp công tác với Thường trực HĐND cấp tỉnh"
    assert UBTVQH not in levels.recipients(commune)
    assert _lines(commune)[0] == "Thường trực HĐND cấp tỉnh"


@pytest.mark.django_db
def test_historical_district_works_with_its_province() -> None:
    town = CouncilFactory(
        level=CouncilLevel.DISTRICT, unit_type=UnitType.THI_XA, unit_name="Đức Phổ", parent=_province()
    )
    assert levels.upper_relation(town) == "giữ mối liên hệ phối hợp công tác với Thường trực HĐND tỉnh Quảng Ngãi"
    assert UBTVQH not in levels.recipients(town)
