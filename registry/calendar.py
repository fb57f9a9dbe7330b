"""The working-day calendar and the one function that computes every deadline.

Vietnam's public holidays come from the `holidays` package (Bộ luật Lao động 2019, Điều 112, and the
yearly compensatory days it publishes); a council adds its own days off and compensatory working days
(a Saturday worked in exchange) as `CalendarDay` rows.
"""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from django.utils import timezone

from registry.models import CalendarDay, Council, DayKind, LegalSetting
from registry.rules import (
    CALENDAR,
    DAY_OF_YEAR,
    RULES_BY_KEY,
    UNIT_LABELS,
    VERSIONS,
    WORKING,
    day_of_year_label,
    version_on,
)


class MissingSetting(LookupError):
    """A rule without a default that the council has not filled in."""

    def __init__(self, key: str) -> None:
        self.key = key
        rule = RULES_BY_KEY[key]
        super().__init__(f"Chưa thiết lập quy định “{rule.label}”. Văn phòng cần điền giá trị trong phần Cài đặt.")


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


@dataclass(frozen=True)
class RuleInForce:
    """The value of a rule a deadline uses, and where it comes from: the law's version in force on the
    day the counting starts, or the council's own setting in force that day (a version too)."""

    key: str
    value: int
    unit: str
    citation: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    setting_decision: str = ""
    from_setting: bool = False


def _setting_on(council: Council, key: str, on: datetime.date) -> tuple[LegalSetting | None, datetime.date | None]:
    """The council's setting in force on `on` (the latest start not after it) and the last day it holds
    (the day before the council's next setting of the rule; None when open)."""
    rows = sorted(
        LegalSetting.objects.filter(council=council, key=key), key=lambda row: row.valid_from or datetime.date.min
    )
    current = next_from = None
    for row in rows:
        if row.applies_on(on):
            current = row
        elif next_from is None:
            next_from = row.valid_from
    return current, (next_from - datetime.timedelta(days=1) if next_from else None)


def rule_in_force(council: Council, key: str, on: datetime.date | None = None) -> RuleInForce:
    """The rule's value on `on` (today when not given): the council's setting in force that day, else the
    law's version in force that day; raises MissingSetting when neither gives a number."""
    on = on or timezone.localdate()
    rule = RULES_BY_KEY[key]
    version = version_on(key, on)
    row, row_to = _setting_on(council, key, on)
    if row is not None and row.value is not None:
        return RuleInForce(
            key=key,
            value=row.value,
            unit=row.unit or (version.unit if version else rule.unit),
            citation=row.decision or "Thiết lập của Hội đồng (quy chế làm việc)",
            valid_from=row.valid_from,
            valid_to=row_to,
            setting_decision=row.decision,
            from_setting=True,
        )
    if version is None or version.value is None:
        raise MissingSetting(key)
    return RuleInForce(
        key=key,
        value=version.value,
        unit=version.unit,
        citation=version.citation_for(council.level),
        valid_from=version.valid_from,
        valid_to=version.valid_to,
    )


def rule_value(council: Council, key: str, on: datetime.date | None = None) -> tuple[int, str]:
    """The council's value and unit for a rule on `on` (today when not given), else the law's version in
    force that day; raises MissingSetting if none."""
    found = rule_in_force(council, key, on)
    return found.value, found.unit


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

    def why_off(self, day: datetime.date) -> str:
        """Why `day` is not a working day ("" when it is one)."""
        if self.is_working_day(day):
            return ""
        if day in self.extra_off:
            return "Ngày nghỉ của Hội đồng"
        name = holidays.country_holidays("VN", years=day.year).get(day)
        if name:
            return f"Ngày lễ: {name}"
        return "Thứ Bảy" if day.weekday() == 5 else "Chủ nhật"

    def count(self, start: datetime.date, days: int, unit: str) -> "Counting":
        """`days` after `start` (before it when negative), counting calendar or working days, with the days
        the counting skipped and the make-up days it counted.

        Counting calendar days, a deadline that falls on a day off moves to the next working day
        (forward) or the previous one (backward), as the Bộ luật Dân sự 2015, Điều 148 does.
        """
        step = 1 if days >= 0 else -1
        result = Counting()
        if unit == WORKING:
            current, left = start, abs(days)
            while left:
                current += datetime.timedelta(days=step)
                if self.is_working_day(current):
                    left -= 1
                    if current in self.extra_working:
                        result.made_up.append(current)
                else:
                    result.skipped.append((current, self.why_off(current)))
            result.due = current
            return result
        current = start + datetime.timedelta(days=days)
        while not self.is_working_day(current):
            result.moved.append((current, self.why_off(current)))
            current += datetime.timedelta(days=step)
        result.due = current
        return result

    def add(self, start: datetime.date, days: int, unit: str) -> datetime.date:
        """`days` after `start` (before it when negative), counting calendar or working days."""
        return self.count(start, days, unit).due


@dataclass
class Counting:
    due: datetime.date | None = None
    skipped: list[tuple[datetime.date, str]] = field(default_factory=list)  # working days: days not counted
    made_up: list[datetime.date] = field(default_factory=list)  # make-up working days that were counted
    moved: list[tuple[datetime.date, str]] = field(default_factory=list)  # calendar days: end moved past days off


@dataclass
class DeadlineBasis:
    """How a deadline was computed: what "Why this date" shows and what an obligation keeps."""

    start: datetime.date
    due: datetime.date
    value: int
    unit: str
    before: bool = False
    rule: str = ""
    label: str = ""
    citation: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    setting_decision: str = ""
    from_setting: bool = False
    counting: Counting = field(default_factory=Counting)

    @property
    def unit_label(self) -> str:
        return UNIT_LABELS.get(self.unit, self.unit)


def compute(
    council: Council,
    start: datetime.date,
    *,
    rule: str | None = None,
    days: int | None = None,
    unit: str = CALENDAR,
    before: bool = False,
    calendar: WorkCalendar | None = None,
) -> DeadlineBasis:
    """The one deadline computation: `start` plus the number of days of the rule version in force on
    `start` (the day the counting starts; the council's setting in force that day first), or the given
    number of days. `before=True` counts backwards ("at least N days before the opening")."""
    found = None
    if rule is not None:
        found = rule_in_force(council, rule, start)
        days, unit = found.value, found.unit
    if days is None:
        raise ValueError("Cần số ngày hoặc quy định.")
    counting = (calendar or WorkCalendar(council)).count(start, -days if before else days, unit)
    return DeadlineBasis(
        start=start,
        due=counting.due,
        value=days,
        unit=unit,
        before=before,
        rule=rule or "",
        label=RULES_BY_KEY[rule].label if rule else "",
        citation=found.citation if found else "",
        valid_from=found.valid_from if found else None,
        valid_to=found.valid_to if found else None,
        setting_decision=found.setting_decision if found else "",
        from_setting=found.from_setting if found else False,
        counting=counting,
    )


def deadline(
    council: Council,
    start: datetime.date,
    *,
    rule: str | None = None,
    days: int | None = None,
    unit: str = CALENDAR,
    before: bool = False,
) -> datetime.date:
    """`start` plus the rule's (or the given) number of days; the rule's version is the one in force on
    `start`. `before=True` counts backwards ("at least N days before the opening")."""
    return compute(council, start, rule=rule, days=days, unit=unit, before=before).due


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

    Raises MissingSetting when that version has no number and the council set none.
    """
    basis = compute(council, start, rule=rule, before=before)
    return {
        "rule": rule,
        "label": basis.label,
        "start": start,
        "due": basis.due,
        "value": basis.value,
        "unit": basis.unit,
        "citation": basis.citation,
        "valid_from": basis.valid_from,
        "valid_to": basis.valid_to,
    }


@dataclass(frozen=True)
class Period:
    """One period of a rule as the settings screen lists it: the law's version or the council's own."""

    valid_from: datetime.date | None
    valid_to: datetime.date | None
    value: int | None
    unit: str
    citation: str
    from_setting: bool

    @property
    def value_label(self) -> str:
        if self.value is None:
            return ""
        if self.unit == DAY_OF_YEAR:
            return day_of_year_label(self.value)
        return f"{self.value} {UNIT_LABELS.get(self.unit, self.unit)}"


def rule_periods(key: str, settings: list[LegalSetting], level: str | None = None) -> list[Period]:
    """The law's versions of a rule (with the basis a council of `level` cites) and the council's own
    settings of it (`settings`, already loaded), oldest first."""
    out = [Period(v.valid_from, v.valid_to, v.value, v.unit, v.citation_for(level), False) for v in VERSIONS[key]]
    mine = sorted((s for s in settings if s.key == key), key=lambda s: s.valid_from or datetime.date.min)
    for i, row in enumerate(mine):
        nxt = mine[i + 1].valid_from if i + 1 < len(mine) else None
        out.append(
            Period(
                row.valid_from,
                nxt - datetime.timedelta(days=1) if nxt else None,
                row.value,
                row.unit or RULES_BY_KEY[key].unit,
                row.decision or "Thiết lập của Hội đồng",
                True,
            )
        )
    return sorted(out, key=lambda p: (p.valid_from or datetime.date.min, p.from_setting))


def value_on(key: str, settings: list[LegalSetting], on: datetime.date, level: str | None = None) -> Period | None:
    """The period in force on `on` from already loaded settings (the council's first, then the law's, with
    the basis a council of `level` cites)."""
    periods = rule_periods(key, settings, level)
    mine = [
        p for p in periods if p.from_setting and p.value is not None and (p.valid_from is None or p.valid_from <= on)
    ]
    if mine:
        return mine[-1]
    version = version_on(key, on)
    return (
        Period(version.valid_from, version.valid_to, version.value, version.unit, version.citation_for(level), False)
        if version
        else None
    )


def successor_version(
    council: Council, key: str, valid_to: datetime.date | None, *, from_setting: bool = False
) -> Period | None:
    """The version of a rule that follows one ending on `valid_to`: after a version of the law, the law's next
    version (its number may be unknown: `value` None, the council sets it); after one of the council's own
    settings, its next setting, else the law's version then. None when the version used is open-ended or
    nothing follows. A query only after a council's setting (its settings of the rule)."""
    if valid_to is None:
        return None
    day = valid_to + datetime.timedelta(days=1)
    row, row_to = _setting_on(council, key, day) if from_setting else (None, None)
    if row is not None and row.value is not None:
        return Period(
            max(row.valid_from or day, day),
            row_to,
            row.value,
            row.unit or RULES_BY_KEY[key].unit,
            row.decision or "Thiết lập của Hội đồng",
            True,
        )
    version = version_on(key, day)
    if version is None:
        return None
    return Period(
        version.valid_from or day,
        version.valid_to,
        version.value,
        version.unit,
        version.citation_for(council.level),
        False,
    )
