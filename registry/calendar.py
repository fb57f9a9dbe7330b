"""The working-day calendar and the one function that computes every deadline.

Vietnam's public holidays come from the `holidays` package (Bộ luật Lao động 2019, Điều 112, and the
yearly compensatory days it publishes); a council adds its own days off and compensatory working days
(a Saturday worked in exchange) as `CalendarDay` rows.
"""

import datetime
from functools import lru_cache

import holidays

from registry.models import CalendarDay, Council, DayKind, LegalSetting
from registry.rules import CALENDAR, RULES_BY_KEY, WORKING, version_on


class MissingSetting(LookupError):
    """A rule without a default that the council has not filled in."""

    def __init__(self, key: str) -> None:
        self.key = key
        rule = RULES_BY_KEY[key]
        super().__init__(f"Chưa thiết lập quy định “{rule.label}”. Văn phòng cần điền giá trị trong phần Cài đặt.")


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def rule_value(council: Council, key: str, on: datetime.date | None = None) -> tuple[int, str]:
    """The council's value and unit for a rule, else the legal default; raises MissingSetting if none.

    With `on` (the day the deadline's counting starts) the default is the version in force that day.
    """
    rule = RULES_BY_KEY[key]
    default, default_unit = rule.default, rule.unit
    if on is not None:
        version = version_on(key, on)
        default = version.value if version is not None else None
        default_unit = version.unit if version is not None else rule.unit
    row = LegalSetting.objects.filter(council=council, key=key).first()
    value = row.value if row is not None and row.value is not None else default
    unit = row.unit if row is not None and row.unit else default_unit
    if value is None:
        raise MissingSetting(key)
    return value, unit


class WorkCalendar:
    """Working days of one council over a span; loads the council's own days once."""

    def __init__(self, council: Council) -> None:
        self.council = council
        days = CalendarDay.objects.filter(council=council).values_list("day", "kind")
        self.extra_off = {d for d, k in days if k == DayKind.DAY_OFF}
        self.extra_working = {d for d, k in days if k == DayKind.WORKING}

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.extra_working:
            return True
        if day in self.extra_off or day in _national_holidays(day.year):
            return False
        return day.weekday() < 5

    def add(self, start: datetime.date, days: int, unit: str) -> datetime.date:
        """`days` after `start` (before it when negative), counting calendar or working days.

        Counting calendar days, a deadline that falls on a day off moves to the next working day
        (forward) or the previous one (backward), as the Bộ luật Dân sự 2015, Điều 148 does.
        """
        step = 1 if days >= 0 else -1
        if unit == WORKING:
            current, left = start, abs(days)
            while left:
                current += datetime.timedelta(days=step)
                if self.is_working_day(current):
                    left -= 1
            return current
        current = start + datetime.timedelta(days=days)
        while not self.is_working_day(current):
            current += datetime.timedelta(days=step)
        return current


def deadline(
    council: Council,
    start: datetime.date,
    *,
    rule: str | None = None,
    days: int | None = None,
    unit: str = CALENDAR,
    before: bool = False,
) -> datetime.date:
    """The one deadline function: `start` plus the rule's (or the given) number of days.

    `before=True` counts backwards ("at least N days before the opening").
    """
    if rule is not None:
        days, unit = rule_value(council, rule)
    if days is None:
        raise ValueError("Cần số ngày hoặc quy định.")
    return WorkCalendar(council).add(start, -days if before else days, unit)


def working_days_between(council: Council, start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    cal = WorkCalendar(council)
    lo, hi, sign = (start, end, 1) if end >= start else (end, start, -1)
    count, day = 0, lo
    while day < hi:
        day += datetime.timedelta(days=1)
        count += cal.is_working_day(day)
    return sign * count


def deadline_in_force(council: Council, start: datetime.date, rule: str, *, before: bool = False) -> dict:
    """The deadline computed with the rule version in force on `start`, and why (for "Why this date").

    Returns the date, the version's dates and citation, the unit and the value used; a running deadline
    keeps this record. Raises MissingSetting when that version has no number and the council set none.
    """
    version = version_on(rule, start)
    days, unit = rule_value(council, rule, on=start)
    due = WorkCalendar(council).add(start, -days if before else days, unit)
    return {
        "rule": rule,
        "label": RULES_BY_KEY[rule].label,
        "start": start,
        "due": due,
        "value": days,
        "unit": unit,
        "citation": version.citation if version is not None else RULES_BY_KEY[rule].citation,
        "valid_from": version.valid_from if version is not None else None,
        "valid_to": version.valid_to if version is not None else None,
    }
