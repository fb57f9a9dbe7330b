"""What differs by level of council after the 2025 reform (Luật Tổ chức chính quyền địa phương
72/2025/QH15, in force 01/07/2025): the standing committee's shape, the committees, the places where
delegates meet voters, the council above, and the words documents and reports use for them.

A commune council (xã, phường, đặc khu) has a chair and one vice-chair (NQ 106/2025/UBTVQH15, M), the
committees Kinh tế - Ngân sách and Văn hóa - Xã hội (Art. 29, M) and meets voters in its villages and
residential groups; a province has Pháp chế, Kinh tế - Ngân sách, Văn hóa - Xã hội, no council above.
"""

from dataclasses import dataclass

from registry.models import Council, CouncilLevel, UnitType


@dataclass(frozen=True)
class LevelShape:
    # The most vice-chairs of the standing committee at once (None: the council's own number).
    max_vice_chairs: int | None
    # Whether the standing committee holds only its chair and vice-chairs (no committee heads).
    standing_chair_and_vice_only: bool
    committees: tuple[tuple[str, str], ...]  # (name, short name) of the committees set up by the law
    contact_place_word: str  # where delegates meet voters: "thôn, tổ dân phố" / "xã, phường, đặc khu"
    lower_units_word: str  # the units of the councils below ("" when none)


COMMUNE_COMMITTEES = (("Ban Kinh tế - Ngân sách", "Ban KT-NS"), ("Ban Văn hóa - Xã hội", "Ban VH-XH"))
PROVINCE_COMMITTEES = (
    ("Ban Pháp chế", "Ban Pháp chế"),
    ("Ban Kinh tế - Ngân sách", "Ban KT-NS"),
    ("Ban Văn hóa - Xã hội", "Ban VH-XH"),
)

SHAPES = {
    CouncilLevel.COMMUNE: LevelShape(1, True, COMMUNE_COMMITTEES, "thôn, tổ dân phố", ""),
    CouncilLevel.PROVINCE: LevelShape(None, False, PROVINCE_COMMITTEES, "xã, phường, đặc khu", "xã, phường, đặc khu"),
    # Before 01/07/2025 (kept for history): a district or town council above the communes and wards.
    CouncilLevel.DISTRICT: LevelShape(
        None,
        False,
        (("Ban Kinh tế - Xã hội", "Ban Kinh tế - Xã hội"), ("Ban Pháp chế", "Ban Pháp chế")),
        "xã, phường",
        "xã, phường",
    ),
}


def shape(council: Council) -> LevelShape:
    return SHAPES[CouncilLevel(council.level)]


def contact_place_word(council: Council) -> str:
    """Where the council's delegates meet voters, in words ("thôn, tổ dân phố" for a commune)."""
    if council.level == CouncilLevel.COMMUNE and council.unit_type == UnitType.DAC_KHU:
        return "thôn, tổ dân phố, khu dân cư"
    return shape(council).contact_place_word


def upper_standing(council: Council) -> str:
    """The standing committee above, as a recipient or a partner ("" for a province: none above it).

    A commune (or, before 01/07/2025, a district) council always has a province council above it; when its
    parent is not recorded the words name the level, never the National Assembly's Standing Committee."""
    if council.level == CouncilLevel.PROVINCE:
        return ""
    if council.parent_id is None:
        return "Thường trực HĐND cấp tỉnh"
    return f"Thường trực HĐND {council.parent.unit_label}"


def upper_relation(council: Council) -> str:
    """The sentence part on the standing committee's work with the level above."""
    upper = upper_standing(council)
    if upper:
        return f"giữ mối liên hệ phối hợp công tác với {upper}"
    # A province has no council above; the National Assembly's Standing Committee guides it (wording kept
    # as it was: DOMAIN.md neither states nor rules out this relation).
    return "thực hiện sự hướng dẫn, kiểm tra của Ủy ban Thường vụ Quốc hội"


def lower_supervision(council: Council) -> str:
    """What the standing committee regularly supervises below it, in words."""
    lower = shape(council).lower_units_word
    if lower:
        return f"các Quyết định của UBND {council.unit_word} và Nghị quyết của HĐND các {lower}"
    return f"các Quyết định, Chỉ thị của UBND {council.unit_word}"


def recipients(council: Council) -> str:
    """The "Nơi nhận" lines of a standing committee's report, by level."""
    lines = [
        upper_standing(council),
        "Thường trực cấp ủy",
        "UBND, UBMTTQVN cùng cấp",
        "Đại biểu HĐND",
        "Văn phòng HĐND",
    ]
    if council.level == CouncilLevel.PROVINCE:
        lines.insert(0, "Ủy ban Thường vụ Quốc hội")
    return ";\n".join(line for line in lines if line)
