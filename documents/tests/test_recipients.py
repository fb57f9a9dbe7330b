"""Nơi nhận as offices write it: bodies of a kind grouped, a default per type and level, editable."""

import pytest
from django.urls import reverse

from documents import services, wording
from documents.recipients import default_lines, lower_units
from documents.tests.factories import draft
from registry import services as registry
from registry.models import BodyKind, CouncilLevel, UnitType


@pytest.mark.django_db
def test_bodies_of_one_kind_are_written_as_their_group(world) -> None:
    council = world.council
    council.level, council.unit_type = CouncilLevel.DISTRICT, UnitType.THI_XA
    council.save()
    lower = [
        registry.body_create(council=council, kind=BodyKind.LOWER_COUNCIL, name=f"HĐND xã {n}", short_name="")
        for n in range(15)
    ]
    committees = [
        registry.body_create(council=council, kind=BodyKind.COMMITTEE, name=name, short_name=name)
        for name in ("Ban Kinh tế - Xã hội", "Ban Pháp chế")
    ]
    document = draft(council, recipients=[*committees, world.agency, *lower], recipient_lines="TT Thị ủy")
    lines = wording.recipient_list(document)
    short = council.short_title
    assert lines == [
        f"- Các Ban {short};",
        "- Phòng TC-KH;",
        "- Thường trực HĐND các xã, phường;",
        "- TT Thị ủy;",
        "- Lưu: VT.",
    ]
    # One body of a kind keeps its own name.
    single = draft(council, recipients=[committees[0]], recipient_lines="")
    assert wording.recipient_list(single) == ["- Ban Kinh tế - Xã hội;", "- Lưu: VT."]


@pytest.mark.django_db
def test_defaults_per_type_and_level(world) -> None:
    council = world.council
    council.level, council.unit_type = CouncilLevel.DISTRICT, UnitType.THI_XA
    council.save()
    notice = default_lines(council, "thong_bao").splitlines()
    assert notice[-1] == "Lưu: VT."
    assert "Các Ban HĐND thị xã" in notice and "Thường trực HĐND các xã, phường" in notice
    assert "Thường trực HĐND các xã, phường" not in default_lines(council, "giay_moi")
    commune = registry.council_create(
        level=CouncilLevel.COMMUNE, unit_type=UnitType.XA, unit_name="Phổ An", unit_code="81001", parent=council
    )
    lines = default_lines(commune, "thong_bao").splitlines()
    assert "Các Ban HĐND xã" in lines and not any("các xã, phường" in line for line in lines)
    assert lower_units(commune) == ""


@pytest.mark.django_db
def test_the_drafting_form_starts_with_the_types_default_and_the_office_edits_it(world, as_user) -> None:
    client = as_user("office")
    html = client.get(reverse("documents:document_create") + "?loai=nghi_quyet").content.decode()
    assert "Ban Thường trực UBMTTQVN" in html
    document = draft(world.council, recipient_lines=default_lines(world.council, "thong_bao"))
    document = services.document_update(document=document, recipient_lines="UBND thị xã\nLưu: VT, VP.")
    assert wording.recipient_list(document) == ["- UBND thị xã;", "- Lưu: VT, VP."]
