"""The administrative units, read from the `vietnam-provinces` package (never typed by hand)."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history
from vietnam_provinces import Province, VietNamDivisionType, Ward

from hdnd.text import fold
from registry.models import Council, CouncilLevel, UnitType
from registry.services import council_link_successors

PROVINCE_TYPES = {
    VietNamDivisionType.TINH: UnitType.TINH,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: UnitType.THANH_PHO_TW,
}
COMMUNE_TYPES = {
    VietNamDivisionType.XA: UnitType.XA,
    VietNamDivisionType.PHUONG: UnitType.PHUONG,
    VietNamDivisionType.DAC_KHU: UnitType.DAC_KHU,
}
PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị xã ", "Huyện ", "Quận ", "Thị trấn ")


def bare_name(name: str) -> str:
    """'Tỉnh Quảng Ngãi' -> 'Quảng Ngãi'."""
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@transaction.atomic
def load_administrative_units() -> tuple[int, int]:
    """Create a council (inactive) for every current province and commune that has none; idempotent.

    Returns (created, total). Existing councils keep their state and activation.
    """
    existing = {
        (level, code): pk
        for level, code, pk in Council.objects.filter(historical=False).values_list("level", "unit_code", "pk")
    }
    created = 0
    province_ids: dict[int, int] = {}
    new = []
    for province in Province.iter_all():
        key = (CouncilLevel.PROVINCE, str(int(province.code)))
        if key not in existing:
            name = bare_name(province.name)
            new.append(
                Council(
                    level=CouncilLevel.PROVINCE,
                    unit_type=PROVINCE_TYPES[province.division_type],
                    unit_name=name,
                    unit_code=key[1],
                    name_folded=fold(f"{province.division_type} {name}"),
                )
            )
    bulk_create_with_history(new, Council, batch_size=500)
    created += len(new)
    for level, code, pk in Council.objects.filter(level=CouncilLevel.PROVINCE, historical=False).values_list(
        "level", "unit_code", "pk"
    ):
        province_ids[int(code)] = pk
        existing[(level, code)] = pk
    new = []
    for ward in Ward.iter_all():
        key = (CouncilLevel.COMMUNE, str(int(ward.code)))
        if key not in existing:
            name = bare_name(ward.name)
            new.append(
                Council(
                    level=CouncilLevel.COMMUNE,
                    unit_type=COMMUNE_TYPES[ward.division_type],
                    unit_name=name,
                    unit_code=key[1],
                    parent_id=province_ids[int(ward.province_code)],
                    name_folded=fold(f"{ward.division_type} {name}"),
                )
            )
    bulk_create_with_history(new, Council, batch_size=500)
    created += len(new)
    return created, Council.objects.filter(
        historical=False, level__in=[CouncilLevel.PROVINCE, CouncilLevel.COMMUNE]
    ).count()


def successor_codes(council: Council) -> set[str]:
    """The codes of the current communes that took over a pre-2025 council's area, as the
    `vietnam-provinces` conversion table (01/07/2025) gives them: for a district or town, the new
    communes of all its old communes; for an old commune, its own new commune(s)."""
    if not council.historical:
        return set()
    if council.level == CouncilLevel.DISTRICT:
        found = Ward.search_from_legacy_district(code=int(council.unit_code))
    elif council.level == CouncilLevel.COMMUNE:
        found = Ward.search_from_legacy(code=int(council.unit_code))
    else:
        return set()
    return {str(int(item.ward.code)) for item in found}


def link_successors(council: Council) -> list[Council]:
    """Link a pre-2025 council to the current communes that took over its area; returns them."""
    codes = successor_codes(council)
    successors = list(
        Council.objects.filter(level=CouncilLevel.COMMUNE, historical=False, unit_code__in=codes).order_by(
            "name_folded"
        )
    )
    if successors:
        council_link_successors(council=council, successors=successors)
    return successors
