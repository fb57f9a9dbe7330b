"""Documents and reports follow the council's level after the 2025 reform: a commune council meets voters
in villages and residential groups and reports to the province's standing committee; a province has no
council above (never "Thường trực HĐND cấp trên")."""

import datetime

import pytest

from registry import services as registry
from registry.models import BodyKind, Council, CouncilLevel, MemberRole, UnitType
from registry.tests.factories import CouncilFactory, PersonFactory
from reports import figures as figures_mod
from reports import services, texts
from standing import services as standing

D = datetime.date


def _commune(province: Council) -> Council:
    return CouncilFactory(level=CouncilLevel.COMMUNE, unit_type=UnitType.PHUONG, unit_name="Đức Phổ", parent=province)


def _with_meeting(council: Council) -> None:
    body = registry.body_create(council=council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    chair = registry.membership_create(
        person=PersonFactory(council=council), body=body, role=MemberRole.CHAIR, starts_on=D(2026, 4, 1)
    )
    standing.meeting_create(
        council=council, held_on=D(2026, 9, 14), place="Phòng họp", purpose="Cho ý kiến", chair=chair
    )


@pytest.mark.django_db
def test_commune_council_activity_report_wording() -> None:
    province = CouncilFactory(level=CouncilLevel.PROVINCE, unit_type=UnitType.TINH, unit_name="Quảng Ngãi")
    council = _commune(province)
    _with_meeting(council)
    document = services.activity_report_create(council=council, year=2026, half=False)
    assert "Thường trực HĐND tỉnh Quảng Ngãi" in document.recipient_lines
    assert "cấp trên" not in document.recipient_lines
    assert "thôn, tổ dân phố" in document.body and "xã, phường;" not in document.body
    assert document.subject.startswith("Kết quả hoạt động của Thường trực HĐND phường năm 2026")


@pytest.mark.django_db
def test_commune_council_annual_report_wording() -> None:
    province = CouncilFactory(level=CouncilLevel.PROVINCE, unit_type=UnitType.TINH, unit_name="Quảng Ngãi")
    council = _commune(province)
    figures = figures_mod.compute(council=council, year=2026)
    upper = texts.render(texts.DEFAULTS["I.2.i"], figures, []).text
    regular = texts.render(texts.DEFAULTS["I.2.c"], figures, []).text
    contacts = texts.render(texts.DEFAULTS["I.2.e"], figures, []).text
    assert "giữ mối liên hệ phối hợp công tác với Thường trực HĐND tỉnh Quảng Ngãi" in upper
    assert "HĐND các xã, phường" not in regular and "Quyết định, Chỉ thị của UBND phường" in regular
    assert "thôn, tổ dân phố" in contacts


@pytest.mark.django_db
def test_province_has_no_council_above() -> None:
    province = CouncilFactory(level=CouncilLevel.PROVINCE, unit_type=UnitType.TINH, unit_name="Quảng Ngãi")
    _with_meeting(province)
    document = services.activity_report_create(council=province, year=2026, half=False)
    assert "cấp trên" not in document.recipient_lines and "Ủy ban Thường vụ Quốc hội" in document.recipient_lines
    figures = figures_mod.compute(council=province, year=2026)
    upper = texts.render(texts.DEFAULTS["I.2.i"], figures, []).text
    regular = texts.render(texts.DEFAULTS["I.2.c"], figures, []).text
    assert "cấp trên" not in upper and "Ủy ban Thường vụ Quốc hội" in upper
    assert "HĐND các xã, phường, đặc khu" in regular
    assert "xã, phường, đặc khu" in document.body
