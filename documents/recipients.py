"""Nơi nhận as offices write it: bodies of one kind grouped ("Các Ban HĐND thị xã", "Thường trực HĐND các
xã, phường"), and a default list per type of document and level of council that the office then edits.

Seed 001 (a notice of conclusions) and seed 000 (the annual report) are the models.
"""

from registry.models import Body, BodyKind, Council, CouncilLevel, UnitType

ARCHIVE = "Lưu: VT."


def lower_units(council: Council) -> str:
    """The units under the council as its documents name them ("các xã, phường"); empty for a commune."""
    if council.level == CouncilLevel.COMMUNE:
        return ""
    return {
        UnitType.HUYEN: "các xã, thị trấn",
        UnitType.QUAN: "các phường",
        UnitType.TINH: "các xã, phường, đặc khu",
        UnitType.THANH_PHO_TW: "các xã, phường, đặc khu",
    }.get(UnitType(council.unit_type), "các xã, phường")


def _groups(council: Council) -> dict[str, str]:
    short, units = council.short_title, lower_units(council)
    return {
        BodyKind.COMMITTEE: f"Các Ban {short}",
        BodyKind.DELEGATE_GROUP: f"Các Tổ đại biểu {short}",
        BodyKind.LOWER_COUNCIL: f"Thường trực HĐND {units}" if units else "",
        BodyKind.LOWER_PEOPLES_COMMITTEE: f"UBND {units}" if units else "",
    }


def grouped_names(council: Council, bodies: list[Body], *, full: bool = False) -> list[str]:
    """The bodies' names for Nơi nhận, two or more bodies of a groupable kind written as their group, in
    the place of the first of them; others by their short name (`full`: their full name, for a text)."""
    groups = _groups(council)
    counts: dict[str, int] = {}
    for body in bodies:
        counts[body.kind] = counts.get(body.kind, 0) + 1
    out: list[str] = []
    for body in bodies:
        group = groups.get(body.kind, "")
        own = body.name if full else (body.short_name or body.name)
        name = group if group and counts[body.kind] > 1 else own
        if name not in out:
            out.append(name)
    return out


def default_lines(council: Council, doc_type: str) -> str:
    """The default Nơi nhận of a type at this council's level (one line each, ending "Lưu: VT.")."""
    short, unit = council.short_title, council.unit_word
    units = lower_units(council)
    lower = f"Thường trực HĐND {units}" if units else ""
    upper = "" if council.level == CouncilLevel.PROVINCE else "Thường trực HĐND cấp trên"
    # The council's own party committee and office, by the names the registry gives them (one query).
    named = {b.kind: b for b in Body.objects.filter(council=council, kind__in=[BodyKind.PARTY, BodyKind.OFFICE])}
    party = f"TT {named[BodyKind.PARTY].short_name}" if BodyKind.PARTY in named else "TT cấp ủy cùng cấp"
    office = named[BodyKind.OFFICE].short_name if BodyKind.OFFICE in named else f"Văn phòng {short}"
    by_type = {
        # Seed 001.
        "thong_bao": [
            party,
            f"TT {short}",
            f"UBND {unit}",
            f"Các Ban {short}",
            f"Tổ đại biểu {short}",
            f"Đại biểu {short}",
            lower,
            office,
        ],
        # Seed 000.
        "bao_cao": [
            party.replace("TT ", "Ban Thường vụ ", 1),
            f"Thường trực {short}",
            "Ban Tổ chức cấp ủy cùng cấp",
            f"Cơ quan nội vụ {unit}",
            office,
        ],
        "nghi_quyet": [
            upper,
            party,
            f"TT {short}",
            f"UBND {unit}",
            f"Ban Thường trực UBMTTQVN {unit}",
            f"Các Ban {short}",
            f"Đại biểu {short}",
            lower,
        ],
        "quyet_dinh": ["Như Điều 3", f"TT {short}"],
        "ke_hoach": [party, f"TT {short}", f"UBND {unit}", f"Các Ban {short}", f"Tổ đại biểu {short}", lower],
        "chuong_trinh": [party, f"TT {short}", f"UBND {unit}", f"Các Ban {short}", f"Tổ đại biểu {short}", lower],
        "giay_moi": ["Như thành phần mời"],
        "cong_van": ["Như trên", f"TT {short} (b/c)"],
        "bien_ban": [f"TT {short}", f"Đại biểu {short}"],
        "to_trinh": [f"TT {short}", f"Đại biểu {short}"],
    }
    lines = by_type.get(doc_type, [f"TT {short}"])
    return "\n".join([line for line in lines if line] + [ARCHIVE])
