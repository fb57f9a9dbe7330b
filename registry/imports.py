"""The registry's lists for the shared importer (hdnd.imports): bodies, people, delegates of a term.

Each declaration names its columns and their usual wordings, matches names against the council's own
records, says which rows are already there, and saves through the registry's services.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse

from hdnd.dates import format_date
from hdnd.imports import Choices, Field, Target, own_council, register
from hdnd.imports.cells import choice_of, parse_date, sheet, whole_number
from hdnd.text import fold
from registry import services
from registry.access import EDIT_REGISTRY
from registry.models import Body, BodyKind, Council, Delegate, Gender, Person, Term


def _d(day: datetime.date | None) -> str:
    return format_date(day) if day else ""


# Bodies ----------------------------------------------------------------------------------------


@dataclass
class BodyRow:
    name: str
    short_name: str
    kind: str
    parent: Body | None
    email: str


def _body_context(council: Council) -> dict[str, Any]:
    bodies = list(Body.objects.filter(council=council))
    return {
        "council": council,
        "bodies": Choices([(n, b) for b in bodies for n in (b.name, b.short_name)], "cơ quan", "trong danh mục"),
        "names": {b.name_folded for b in bodies},
    }


BODY_FIELDS = [
    Field("name", "Tên cơ quan", ("tên", "cơ quan", "tên cơ quan, đơn vị", "đơn vị", "tên đơn vị"), required=True),
    Field("short_name", "Tên ngắn", ("tên viết tắt", "viết tắt", "tên ngắn dùng trên văn bản", "tên gọn")),
    Field(
        "kind",
        "Loại",
        ("loại cơ quan", "nhóm"),
        parse=choice_of(BodyKind, "loại cơ quan", [("Ban", BodyKind.COMMITTEE), ("UBND", BodyKind.PEOPLES_COMMITTEE)]),
    ),
    Field("parent", "Cơ quan cấp trên", ("trực thuộc", "cấp trên"), parse=lambda t, c: c["bodies"].match(t)),
    Field("email", "Thư điện tử", ("email", "e-mail", "địa chỉ thư điện tử")),
]


def _body_build(values: dict[str, Any], context: dict) -> BodyRow:
    return BodyRow(
        values["name"],
        values.get("short_name") or values["name"],
        values.get("kind") or BodyKind.AGENCY,
        values.get("parent"),
        values.get("email") or "",
    )


@transaction.atomic
def _body_save(council: Council, rows: list[BodyRow], user: Any) -> list[Body]:
    return [
        services.body_create(
            council=council, kind=r.kind, name=r.name, short_name=r.short_name, parent=r.parent, email=r.email
        )
        for r in rows
    ]


def _body_export(council: Council) -> bytes:
    bodies = Body.objects.filter(council=council).select_related("parent").order_by("kind", "name")
    return sheet(
        BODIES,
        ([b.name, b.short_name, b.get_kind_display(), b.parent.name if b.parent else "", b.email] for b in bodies),
        widths=[50, 24, 24, 40, 30],
    )


BODIES = register(
    Target(
        key="co-quan",
        label="Cơ quan, tổ chức",
        fields=BODY_FIELDS,
        context=_body_context,
        build=_body_build,
        save=_body_save,
        existing=lambda c: c["names"],
        existing_key=lambda r: fold(r.name),
        noun="cơ quan",
        permission=EDIT_REGISTRY,
        owner=own_council,
        owner_label=lambda c: str(c),
        done_url=lambda c: reverse("registry:body_list"),
        show=lambda r: [r.name, r.short_name, BodyKind(r.kind).label, r.parent.short_name if r.parent else "", r.email],
        show_headers=("Tên", "Tên ngắn", "Loại", "Cấp trên", "Thư điện tử"),
        template=lambda c: sheet(BODIES, []),
        export=_body_export,
    )
)


# People and delegates --------------------------------------------------------------------------

PERSON_FIELDS = [
    Field("full_name", "Họ và tên", ("họ tên", "tên", "họ và tên đại biểu", "đại biểu"), required=True),
    Field("gender", "Giới tính", ("nam/nữ", "phái"), parse=choice_of(Gender, "giới tính")),
    Field("birth_year", "Năm sinh", ("sinh năm",), parse=whole_number(1900, 2020, "năm sinh")),
    Field("position", "Chức vụ", ("chức vụ hiện nay", "chức danh")),
    Field("workplace", "Nơi công tác", ("cơ quan công tác", "đơn vị công tác")),
]


@dataclass
class PersonRow:
    full_name: str
    gender: str
    birth_year: int | None
    position: str
    workplace: str
    email: str = ""
    group: Body | None = None
    constituency: str = ""
    elected_on: datetime.date | None = None
    person: Person | None = None  # the council's person this delegate is, when already in the registry


def _person_build(values: dict[str, Any], context: dict) -> PersonRow:
    term = context.get("term")
    elected_on = values.get("elected_on")
    # registry.services.delegate_create accepts an election up to 120 days before the term starts.
    early = term is not None and elected_on is not None and elected_on < term.starts_on - datetime.timedelta(days=120)
    late = term is not None and elected_on is not None and term.ends_on and elected_on > term.ends_on
    if early or late:
        raise ValueError(f"ngày trúng cử {_d(elected_on)} không thuộc nhiệm kỳ {term.name}")
    return PersonRow(
        values["full_name"],
        values.get("gender") or "",
        values.get("birth_year"),
        values.get("position") or "",
        values.get("workplace") or "",
        values.get("email") or "",
        values.get("group"),
        values.get("constituency") or "",
        values.get("elected_on") or context.get("elected_on"),
    )


def _person_key(r: PersonRow) -> tuple:
    return (fold(r.full_name), r.birth_year)


def _person_context(council: Council) -> dict[str, Any]:
    people = Person.objects.filter(council=council).values_list("name_folded", "birth_year")
    return {"council": council, "existing": set(people)}


@transaction.atomic
def _person_save(council: Council, rows: list[PersonRow], user: Any) -> list[Person]:
    return [
        services.person_create(
            council=council,
            full_name=r.full_name,
            gender=r.gender,
            birth_year=r.birth_year,
            position=r.position,
            workplace=r.workplace,
            email=r.email,
        )
        for r in rows
    ]


def _person_export(council: Council) -> bytes:
    people = Person.objects.filter(council=council).order_by("name_folded")
    return sheet(
        PEOPLE,
        ([p.full_name, p.get_gender_display(), p.birth_year, p.position, p.workplace, p.email] for p in people),
    )


PEOPLE = register(
    Target(
        key="ca-nhan",
        label="Cá nhân",
        fields=[*PERSON_FIELDS, Field("email", "Thư điện tử", ("email", "e-mail"))],
        context=_person_context,
        build=_person_build,
        save=_person_save,
        existing=lambda c: c["existing"],
        existing_key=_person_key,
        noun="người",
        permission=EDIT_REGISTRY,
        owner=own_council,
        owner_label=lambda c: str(c),
        done_url=lambda c: reverse("registry:delegate_list"),
        show=lambda r: [r.full_name, Gender(r.gender).label if r.gender else "", str(r.birth_year or ""), r.position],
        show_headers=("Họ và tên", "Giới tính", "Năm sinh", "Chức vụ"),
        template=lambda c: sheet(PEOPLE, []),
        export=_person_export,
    )
)


def _term(council: Council, pk: int) -> Term:
    return get_object_or_404(Term.objects.select_related("council"), council=council, pk=pk)


def _people_by_name(council: Council) -> dict[str, list[Person]]:
    """The council's people by folded name: the registry's key for matching a row, with the year of birth."""
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(council=council).order_by("pk"):
        people.setdefault(person.name_folded, []).append(person)
    return people


def _delegate_context(term: Term) -> dict[str, Any]:
    groups = Body.objects.filter(council=term.council, kind=BodyKind.DELEGATE_GROUP)
    rows = Delegate.objects.filter(term=term).values_list("person__name_folded", "person__birth_year")
    return {
        "term": term,
        "elected_on": term.starts_on,
        "groups": Choices([(n, g) for g in groups for n in (g.name, g.short_name)], "tổ đại biểu", "của Hội đồng"),
        "existing": set(rows),
        "people": _people_by_name(term.council),
    }


def _describe(person: Person) -> str:
    born = f", sinh năm {person.birth_year}" if person.birth_year else ", chưa ghi năm sinh"
    return f"{person.full_name}{born}" + (f", {person.position}" if person.position else "")


def _existing_person(row: PersonRow, people: dict[str, list[Person]]) -> Person | None:
    """The council's person a delegate's row names, by the registry's key: the name (folded) and the year of
    birth. A name alone matches when the row gives no year and one person has that name. Several people
    who fit are refused (ValueError, naming them): the office says which by the year of birth, or merges
    the duplicates in the registry first. None: a new person."""
    same_name = people.get(fold(row.full_name), [])
    fitting = same_name if row.birth_year is None else [p for p in same_name if p.birth_year == row.birth_year]
    if len(fitting) > 1:
        names = "; ".join(_describe(p) for p in fitting[:3])
        hint = (
            "ghi năm sinh để chọn đúng người" if row.birth_year is None else "hãy gộp các cá nhân trùng trong danh mục"
        )
        raise ValueError(f"“{row.full_name}” trùng với {len(fitting)} cá nhân trong danh mục ({names}): {hint}")
    return fitting[0] if fitting else None


def _delegate_build(values: dict[str, Any], context: dict) -> PersonRow:
    row = _person_build(values, context)
    row.person = _existing_person(row, context["people"])
    return row


def _delegate_near(term: Term, rows: list[PersonRow], numbers: list[int]) -> dict[int, str]:
    """A new person whose name is already in the registry with another year of birth (or none): perhaps the
    same person, typed differently; the office checks before saving a second one."""
    people = _people_by_name(term.council)
    notes = {}
    for index, row in enumerate(rows):
        if row.person is None and (namesakes := people.get(fold(row.full_name))):
            others = "; ".join(_describe(p) for p in namesakes[:3])
            notes[index] = f"sẽ thêm cá nhân mới; danh mục đã có người cùng tên ({others})"
    return notes


@transaction.atomic
def _delegate_save(term: Term, rows: list[PersonRow], user: Any) -> list[Delegate]:
    """A row that names a person of the registry makes that person a delegate; any other row records a new
    person and their seat (both or neither)."""
    return [
        services.delegate_create(
            term=term, person=r.person, elected_on=r.elected_on, group=r.group, constituency=r.constituency
        )
        if r.person is not None
        else services.delegate_register(
            term=term,
            full_name=r.full_name,
            elected_on=r.elected_on,
            gender=r.gender,
            birth_year=r.birth_year,
            position=r.position,
            workplace=r.workplace,
            group=r.group,
            constituency=r.constituency,
        )
        for r in rows
    ]


def _delegate_export(term: Term) -> bytes:
    delegates = Delegate.objects.filter(term=term).select_related("person", "group").order_by("person__name_folded")
    rows = (
        [
            d.person.full_name,
            d.person.get_gender_display(),
            d.person.birth_year,
            d.person.position,
            d.person.workplace,
            d.group.name if d.group else "",
            d.constituency,
            _d(d.elected_on),
        ]
        for d in delegates
    )
    return sheet(DELEGATES, rows)


DELEGATES = register(
    Target(
        key="dai-bieu",
        label="Đại biểu HĐND",
        fields=[
            *PERSON_FIELDS,
            Field("group", "Tổ đại biểu", ("tổ", "sinh hoạt tại tổ"), parse=lambda t, c: c["groups"].match(t)),
            Field("constituency", "Đơn vị bầu cử", ("đơn vị bầu cử số", "đơn vị")),
            Field("elected_on", "Ngày trúng cử", ("ngày bầu", "ngày trúng cử đại biểu"), parse=parse_date),
        ],
        context=_delegate_context,
        build=_delegate_build,
        save=_delegate_save,
        existing=lambda c: c["existing"],
        existing_key=_person_key,
        noun="đại biểu",
        permission=EDIT_REGISTRY,
        owner=_term,
        owner_label=lambda t: f"Nhiệm kỳ {t.name}",
        done_url=lambda t: reverse("registry:delegate_list"),
        show=lambda r: [
            r.full_name,
            str(r.birth_year or ""),
            r.position,
            r.group.short_name if r.group else "",
            r.constituency,
            _d(r.elected_on),
            "đã có trong danh mục" if r.person is not None else "thêm mới",
        ],
        show_headers=("Họ và tên", "Năm sinh", "Chức vụ", "Tổ", "Đơn vị bầu cử", "Ngày trúng cử", "Cá nhân"),
        near=_delegate_near,
        template=lambda t: sheet(DELEGATES, []),
        export=_delegate_export,
    )
)
