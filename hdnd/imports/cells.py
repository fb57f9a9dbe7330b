"""Parsers the targets share (dates, whole numbers, yes/no, fixed choices) and the sheet of a target's
fields, used as its template and by its export, so an exported sheet imports back as it is."""

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db.models import TextChoices

from hdnd.excel import streamed_workbook
from hdnd.imports.core import Choices, Target
from hdnd.text import fold

YES = frozenset({"x", "co", "1", "dung", "yes"})
NO = frozenset({"", "khong", "0", "no"})
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(text: str, context: dict) -> datetime.date:
    """dd/mm/yyyy (as Vietnamese offices write it; a date cell arrives already in that form)."""
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError
        day, month, year = (int(g) for g in match.groups())
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"“{text}” không phải ngày hợp lệ (ngày/tháng/năm, ví dụ 15/06/2024)") from None


def whole_number(low: int, high: int, what: str) -> Callable[[str, dict], int]:
    def parse(text: str, context: dict) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"{what} phải là số nguyên từ {low} đến {high}")
        return int(text)

    return parse


def yes_no(text: str, context: dict) -> bool:
    key = fold(text)
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(f"“{text}” không hợp lệ; ghi “x” (có) hoặc để trống (không)")


def choice_of(choices: type[TextChoices], what: str, extra: Iterable[tuple[str, str]] = ()) -> Callable:
    """A cell matched against a fixed list's labels (and values, and extra wordings)."""
    names = [(c.label, c.value) for c in choices] + [(c.value, c.value) for c in choices] + list(extra)
    table = Choices(names, what)

    def parse(text: str, context: dict) -> tuple[str, str]:
        value, _name = table.match(text)
        return value, choices(value).label

    return parse


def sheet(target: Target, rows: Iterable[Sequence[Any]], *, title: str = "", widths: Sequence[int] = ()) -> bytes:
    """An .xlsx headed by the target's field labels; with no rows it is the template to fill in."""
    labels = [f.label for f in target.fields]
    return streamed_workbook(
        title=(title or target.label)[:31],
        heading=[labels],
        rows=rows,
        widths=list(widths) or [max(14, min(len(label) + 6, 60)) for label in labels],
        freeze="A2",
    )
