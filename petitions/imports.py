"""What the shared importer (hdnd.imports) needs to bring voters' petitions into a contact round.

The columns, their usual wordings, how a cell is matched against the council's communes, villages,
fields and bodies, which rows are already in the round (same text, same commune or village), the
near-duplicates (petitions.duplicates), and the save through `petitions_bulk_create`.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from hdnd.imports import Choices, Field, Target, own_council, register
from hdnd.imports.cells import choice_of, sheet, yes_no
from hdnd.text import fold
from petitions import selectors, services
from petitions.access import EDIT
from petitions.duplicates import Candidate, duplicate_groups
from petitions.excel import petitions_workbook, template_workbook
from petitions.models import (
    OPEN_STATES,
    REFORM_DAY,
    Channel,
    ContactPlace,
    ContactRound,
    Level,
    Petition,
    PlaceKind,
    state_q,
)
from registry.models import Body, Council

# Wordings of the level of competence offices write, folded and without punctuation.
LEVEL_WORDS = {
    "trung uong": Level.CENTRAL,
    "tw": Level.CENTRAL,
    "tinh": Level.PROVINCE,
    "cap tinh": Level.PROVINCE,
    "huyen": Level.DISTRICT,
    "cap huyen": Level.DISTRICT,
    "thi xa": Level.DISTRICT,
    "huyen thi xa": Level.DISTRICT,
    "cap huyen truoc 01 07 2025": Level.DISTRICT,
    "thanh pho": Level.DISTRICT,
    "xa": Level.COMMUNE,
    "cap xa": Level.COMMUNE,
    "xa phuong": Level.COMMUNE,
    "phuong": Level.COMMUNE,
}
YES = {"x", "co", "1", "khieu nai", "to cao"}
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _context(contact_round: ContactRound) -> dict[str, Any]:
    council = contact_round.council
    places = list(services.contact_places(council))
    where = "xã, phường hoặc thôn, tổ dân phố" if places else "xã, phường"
    units = []
    for unit in services.child_units(council):
        units += [(unit.unit_name, ("unit", unit)), (unit.unit_label, ("unit", unit))]
    # A commune council writes its village or residential group in the same column.
    units += [(name, ("place", p)) for p in places for name in (p.name, p.label)]
    bodies = list(Body.objects.filter(council=council))
    return {
        "round": contact_round,
        "units": Choices(units, where, "trong địa bàn"),
        "fields": Choices(((f.name, f) for f in services.field_defaults_ensure(council=council)), "lĩnh vực"),
        "bodies": Choices([(n, b) for b in bodies for n in (b.name, b.short_name)], "cơ quan", "trong danh mục"),
    }


def _level(text: str, context: dict) -> str:
    level = LEVEL_WORDS.get(_NON_WORD.sub(" ", fold(text)).strip())
    if level is None:
        raise ValueError(f"cấp thẩm quyền “{text}” không hợp lệ (Trung ương, Tỉnh, Huyện/Thị xã, Xã)")
    if level == Level.DISTRICT and context["round"].reference_day >= REFORM_DAY:
        raise ValueError("cấp huyện/thị xã không còn sau 01/07/2025")
    return level


def _voters(text: str, context: dict) -> int:
    if not text.isdigit() or int(text) < 1:
        raise ValueError("số cử tri phải là số nguyên từ 1 trở lên")
    return int(text)


FIELDS = [
    Field(
        "text",
        "Nội dung kiến nghị",
        ("nội dung", "ý kiến, kiến nghị", "nội dung ý kiến, kiến nghị", "kiến nghị", "ý kiến", "nội dung ý kiến"),
        required=True,
        multiline=True,
    ),
    Field(
        "unit",
        "Xã, phường",
        ("xã/phường", "địa phương", "đơn vị", "xã, phường, thị trấn", "địa bàn", "thôn, tổ dân phố", "nơi tiếp xúc"),
        required=True,
        parse=lambda text, c: c["units"].match(text),
    ),
    Field("field", "Lĩnh vực", ("nhóm lĩnh vực",), parse=lambda text, c: c["fields"].match(text)),
    Field(
        "level",
        "Cấp thẩm quyền",
        ("cấp giải quyết", "thẩm quyền giải quyết", "cấp", "cấp có thẩm quyền"),
        required=True,
        parse=_level,
    ),
    Field(
        "body",
        "Cơ quan giải quyết",
        ("cơ quan có thẩm quyền", "cơ quan thẩm quyền", "cơ quan trả lời"),
        parse=lambda text, c: c["bodies"].match(text),
    ),
    Field("voters", "Số cử tri", ("số cử tri kiến nghị",), parse=_voters),
    Field("name", "Người kiến nghị", ("họ tên", "họ và tên", "họ tên cử tri")),
    Field("address", "Địa chỉ", ()),
    Field("phone", "Điện thoại", ("số điện thoại",)),
    Field("complaint", "Khiếu nại, tố cáo (x)", ("khiếu nại, tố cáo", "khiếu nại tố cáo")),
]


def _build(values: dict[str, Any], context: dict) -> services.PetitionData:
    kind, where = values["unit"]
    return services.PetitionData(
        text=values["text"],
        unit=where if kind == "unit" else None,
        contact_place=where if kind == "place" else None,
        level=values["level"],
        field=values.get("field"),
        body=values.get("body"),
        channel=Channel.MEETING,
        voters=values.get("voters") or 1,
        complaint=fold(values.get("complaint") or "") in YES,
        people=[(values["name"], values.get("address") or "", values.get("phone") or "")] if values.get("name") else [],
    )


def _key(data: services.PetitionData) -> tuple:
    return (fold(data.text), data.unit.pk if data.unit else None, data.contact_place.pk if data.contact_place else None)


def _existing(context: dict) -> set[tuple]:
    rows = Petition.objects.filter(round=context["round"]).values_list("text_folded", "unit_id", "contact_place_id")
    return set(rows)


def _near(contact_round: ContactRound, items: list[services.PetitionData], numbers: list[int]) -> dict[int, str]:
    """Near-duplicates of each new row, by the matcher of the duplicates screen (the same similarity:
    diacritics, case, spacing, word order and typos aside, different places kept apart): among the
    round's and the council's open petitions, and among the other rows of the file itself.

    The new rows count as "of the round" for the matcher, whose prefix filtering compares only pairs that
    share a rare word, so a file of thousands of rows stays near-linear.
    """
    current = Q(round=contact_round)
    earlier = reduce(or_, (state_q(s) for s in OPEN_STATES)) & ~current
    rows = list(
        Petition.objects.filter(council=contact_round.council, merged_into__isnull=True, complaint=False)
        .filter(current | earlier)
        .values_list("pk", "text")
    )
    texts = dict(rows)
    candidates = [Candidate(pk, text, True) for pk, text in rows]
    candidates += [Candidate(-1 - i, item.text, True) for i, item in enumerate(items)]
    notes: dict[int, str] = {}
    for group in duplicate_groups(candidates):
        there = [f"“{texts[pk][:80]}”" for pk in group if pk >= 0][:2]
        mine = sorted(-1 - pk for pk in group if pk < 0)
        for index in mine:
            parts = ["gần trùng với " + "; ".join(there)] if there else []
            others = [str(numbers[j]) for j in mine if j != index][:5]
            if others:
                parts.append(f"gần trùng với dòng {', '.join(others)} của tệp")
            if parts:
                notes[index] = "; ".join(parts)
    return notes


def _show(data: services.PetitionData) -> list[str]:
    where = data.unit.unit_name if data.unit else data.contact_place.label
    return [
        where,
        data.text,
        data.field.name if data.field else "",
        Level(data.level).label,
        data.body.short_name if data.body else "",
        str(data.voters),
    ]


def _save(contact_round: ContactRound, items: list, user: Any) -> list:
    return services.petitions_bulk_create(contact_round=contact_round, items=items, user=user)


def _export(contact_round: ContactRound) -> bytes:
    petitions = (
        Petition.objects.filter(round=contact_round, merged_into__isnull=True)
        .select_related("round", "unit", "contact_place", "field", "body")
        .prefetch_related("origins__unit", "origins__contact_place")
        .order_by("pk")
    )
    return petitions_workbook(petitions, personal=False)


def _owner(council: Council, pk: int) -> ContactRound:
    return selectors.round_get(council=council, pk=pk)


PETITIONS = register(
    Target(
        key="kien-nghi",
        label="Kiến nghị cử tri",
        fields=FIELDS,
        context=_context,
        build=_build,
        save=_save,
        existing=_existing,
        existing_key=_key,
        noun="kiến nghị",
        permission=EDIT,
        owner=_owner,
        owner_label=lambda r: f"đợt tiếp xúc cử tri {r.label}",
        done_url=lambda r: reverse("petitions:round_detail", args=[r.pk]),
        show=_show,
        show_headers=("Xã, phường", "Nội dung", "Lĩnh vực", "Cấp", "Cơ quan", "Cử tri"),
        near=_near,
        template=lambda r: template_workbook(),
        export=_export,
    )
)


# Contact places (villages, residential groups) --------------------------------------------------


@dataclass
class PlaceRow:
    name: str
    kind: str
    active: bool


def _place_context(council: Council) -> dict[str, Any]:
    rows = ContactPlace.objects.filter(council=council).values_list("kind", "name_folded")
    return {"council": council, "existing": set(rows)}


@transaction.atomic
def _place_save(council: Council, rows: list[PlaceRow], user: Any) -> list[ContactPlace]:
    return [services.place_create(council=council, name=r.name, kind=r.kind, active=r.active, user=user) for r in rows]


def _place_export(council: Council) -> bytes:
    places = services.contact_places(council, active_only=False)
    return sheet(PLACES, ([p.name, p.get_kind_display(), "x" if p.active else ""] for p in places), widths=[40, 16, 12])


PLACES = register(
    Target(
        key="thon-to-dan-pho",
        label="Thôn, tổ dân phố",
        fields=[
            Field(
                "name",
                "Tên thôn, tổ dân phố",
                ("tên", "thôn, tổ dân phố", "thôn", "tổ dân phố", "địa bàn"),
                required=True,
            ),
            Field(
                "kind",
                "Loại",
                ("loại địa bàn",),
                parse=choice_of(PlaceKind, "loại địa bàn", [("Tổ", PlaceKind.RESIDENTIAL_GROUP)]),
            ),
            Field("active", "Đang dùng", ("còn dùng", "đang hoạt động"), parse=yes_no),
        ],
        context=_place_context,
        build=lambda v, c: PlaceRow(v["name"], v.get("kind") or PlaceKind.VILLAGE, v["active"] is not False),
        save=_place_save,
        existing=lambda c: c["existing"],
        existing_key=lambda r: (r.kind, fold(r.name)),
        noun="thôn, tổ dân phố",
        permission=EDIT,
        owner=own_council,
        owner_label=str,
        done_url=lambda c: reverse("petitions:place_list"),
        show=lambda r: [r.name, PlaceKind(r.kind).label, "Có" if r.active else "Không"],
        show_headers=("Tên", "Loại", "Đang dùng"),
        template=lambda c: sheet(PLACES, []),
        export=_place_export,
    )
)
