"""Numbers and symbols of documents (Nghị định 30/2020/NĐ-CP, Điều 15 and Phụ lục I, mục 3).

A number is the order of the document among those of the same issuer and series in a calendar year:
it restarts at 01 on 1 January, is written with at least two digits, and is taken only when the
document is issued, inside the issuing transaction, by locking the counter row of
(council, issuer, series, year). A rolled-back issue gives its number back, so numbers never skip.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from documents.models import NORMATIVE_TYPES, TYPE_ABBREVIATIONS, DocType, Issuer, NumberCounter, NumberingSeries
from hdnd import dates
from hdnd.text import clean
from registry.models import Council

# Luật Ban hành văn bản quy phạm pháp luật: a normative resolution's number carries its year
# ("05/2025/NQ-HĐND"); other documents do not ("12/NQ-HĐND"); a letter has no type ("15/HĐND-VP").
NORMATIVE_PATTERN = "{so}/{nam}/{loai}-{ky_hieu}"
TYPED_PATTERN = "{so}/{loai}-{ky_hieu}"
LETTER_PATTERN = "{so}/{ky_hieu_cv}"
INCOMING_SCOPE = "den"
INCOMING_SERIES = "DEN"
PLACEHOLDERS = ("so", "nam", "loai", "ky_hieu", "ky_hieu_cv")


@dataclass(frozen=True)
class SeriesRule:
    series: str
    pattern: str


def default_rule(doc_type: str, normative: bool) -> SeriesRule:
    """The default series of a type: one per type, normative documents in their own series."""
    abbreviation = TYPE_ABBREVIATIONS[DocType(doc_type)]
    if doc_type == DocType.CONG_VAN:
        return SeriesRule("CV", LETTER_PATTERN)
    if normative:
        return SeriesRule(f"{abbreviation}-QPPL", NORMATIVE_PATTERN)
    return SeriesRule(abbreviation, TYPED_PATTERN)


# Placeholder values for examples and for comparing two patterns: the council's own symbols are the
# same on both sides of a comparison, so any fixed pair will do.
EXAMPLE_ISSUER = Issuer(symbol="HĐND", letter_symbol="HĐND-VP")


def series_keys() -> list[tuple[str, bool]]:
    """Every (type, normative) a council can number: each type, and the normative variant where it exists."""
    keys = []
    for doc_type in DocType.values:
        keys.append((doc_type, False))
        if doc_type in NORMATIVE_TYPES:
            keys.append((doc_type, True))
    return keys


def effective_rules(council: Council) -> list[tuple[str, bool, SeriesRule]]:
    """The series and pattern each (type, normative) uses now: the council's override or the default (one query)."""
    own = {
        (r.doc_type, r.normative): SeriesRule(r.series, r.pattern)
        for r in NumberingSeries.objects.filter(council=council)
    }
    return [(t, n, own.get((t, n)) or default_rule(t, n)) for t, n in series_keys()]


def example(
    *, pattern: str, doc_type: str, issuer: Issuer | None = None, number: int = 5, year: int | None = None
) -> str:
    """What a number of this pattern looks like ("05/2025/NQ-HĐND"); "" when the pattern does not format."""
    if validate_pattern(pattern):
        return ""
    year = year or dates.today().year
    return format_number_symbol(
        pattern=clean(pattern), number=number, year=year, doc_type=doc_type, issuer=issuer or EXAMPLE_ISSUER
    )


def series_rule(council: Council, doc_type: str, normative: bool) -> SeriesRule:
    """The council's series and pattern for a type, or the default."""
    row = NumberingSeries.objects.filter(council=council, doc_type=doc_type, normative=normative).first()
    if row is not None:
        return SeriesRule(row.series, row.pattern)
    return default_rule(doc_type, normative)


def format_number_symbol(*, pattern: str, number: int | None, year: int, doc_type: str, issuer: Issuer | None) -> str:
    """'05/2025/NQ-HĐND'; a draft without a number keeps a blank where the number goes ('    /TB-HĐND')."""
    values = {
        "so": f"{number:02d}" if number is not None else "    ",
        "nam": str(year),
        "loai": TYPE_ABBREVIATIONS[DocType(doc_type)],
        "ky_hieu": issuer.symbol if issuer else "",
        "ky_hieu_cv": issuer.letter_symbol if issuer else "",
    }
    return pattern.format(**values)


def validate_pattern(pattern: str) -> str | None:
    """None if the pattern formats; else the Vietnamese reason."""
    pattern = clean(pattern)
    if "{so}" not in pattern:
        return "Mẫu số, ký hiệu phải có {so}."
    try:
        pattern.format(**dict.fromkeys(PLACEHOLDERS, "x"))
    except (KeyError, IndexError, ValueError):
        return "Mẫu chỉ được dùng {so}, {nam}, {loai}, {ky_hieu}, {ky_hieu_cv}."
    return None


def take_number(*, council: Council, scope: str, series: str, year: int) -> int:
    """The next number of a series in a year. Call inside the transaction that records it.

    The counter row is created on first use; two first issuers racing both try to insert, one waits
    on the unique index and then finds the other's row, so both end up locking the same row.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the issuing transaction.")
    key = {"council": council, "scope": scope, "series": series, "year": year}
    counter = NumberCounter.objects.select_for_update().filter(**key).first()
    if counter is None:
        try:
            with transaction.atomic():
                NumberCounter.objects.create(**key, last=0)
        except IntegrityError:
            pass  # created meanwhile by a concurrent issuer; lock theirs below
        counter = NumberCounter.objects.select_for_update().get(**key)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def issuer_scope(issuer: Issuer) -> str:
    return f"issuer:{issuer.pk}"


def nd30_date(place: str, day: datetime.date | None, year: int | None = None) -> str:
    """'Đức Phổ, ngày 12 tháng 01 năm 2022' (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 4).

    Days below 10 and the months 1 and 2 take a leading zero; a draft without a date leaves blanks.
    """
    if day is None:
        return f"{place}, ngày     tháng     năm {year or dates.today().year}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
