"""The delegates' reception schedule: the council's roster rule, the days it gives, changes, publishing.

Writes of the schedule (kept apart from the letters' services, which they do not touch)."""

import calendar
import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from followup.services import obligation_create
from hdnd.saving import validated_save
from hdnd.text import clean
from reception.models import HolidayShift, Roster, RosterRule, Slot
from reception.selectors import standing_body
from registry.calendar import MissingSetting, WorkCalendar, compute
from registry.models import Body, BodyKind, Council, Membership, Person
from registry.services import council_accepts

REPORT_KIND = "reception_report"
REPORT_RULE = "reception_report_days"
MAX_MONTHS = 24


@transaction.atomic
def roster_set(
    *,
    council: Council,
    rule: str,
    place: str,
    decision: str,
    receivers: Iterable[Person],
    user: AbstractBaseUser | None,
    day: int | None = None,
    weekday: int | None = None,
    week: int | None = None,
    shift: str = HolidayShift.NEXT,
    minimum_per_year: int | None = None,
) -> Roster:
    """Set the council's roster rule (its own regulation: nothing here is a national default)."""
    council_accepts(council, None, field="rule")  # a ceased council's records stay as they were
    receivers = list(receivers)
    errors = {}
    if rule == RosterRule.DAY_OF_MONTH and not (day and 1 <= day <= 28):
        errors["day"] = "Vui lòng nhập ngày tiếp trong tháng, từ 1 đến 28."
    if rule == RosterRule.WEEKDAY and (weekday is None or not week):
        errors["weekday"] = "Vui lòng chọn thứ và tuần trong tháng."
    if rule not in RosterRule.values:
        errors["rule"] = "Cách xác định ngày tiếp không hợp lệ."
    if not receivers:
        errors["receivers"] = "Vui lòng chọn người tiếp công dân luân phiên."
    if any(p.council_id != council.pk for p in receivers):
        errors["receivers"] = "Người tiếp không thuộc Hội đồng này."
    if not clean(place):
        errors["place"] = "Vui lòng nhập địa điểm tiếp công dân."
    if not clean(decision):
        errors["decision"] = "Vui lòng ghi văn bản quy định lịch tiếp (quy chế, nghị quyết của Hội đồng)."
    if errors:
        raise ValidationError(errors)
    roster = Roster.objects.filter(council=council).first() or Roster(council=council)
    roster.rule, roster.shift, roster.place, roster.decision = rule, shift, clean(place), clean(decision)
    roster.day = day if rule == RosterRule.DAY_OF_MONTH else None
    roster.weekday, roster.week = (weekday, week) if rule == RosterRule.WEEKDAY else (None, None)
    roster.minimum_per_year = minimum_per_year
    validated_save(roster, user)
    roster.receivers.set(receivers)
    return roster


def _rule_day(roster: Roster, year: int, month: int) -> datetime.date:
    if roster.rule == RosterRule.DAY_OF_MONTH:
        return datetime.date(year, month, roster.day)
    days = [
        d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == roster.weekday
    ]
    return days[-1] if roster.week == 5 else days[min(roster.week, len(days)) - 1]


def _working(cal: WorkCalendar, day: datetime.date, shift: str) -> datetime.date:
    step = datetime.timedelta(days=1 if shift == HolidayShift.NEXT else -1)
    while not cal.is_working_day(day):
        day += step
    return day


def _months(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    out, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@transaction.atomic
def schedule_generate(
    *, council: Council, start: datetime.date, end: datetime.date, user: AbstractBaseUser | None
) -> list[Slot]:
    """The reception days of `start`..`end` by the roster, a day off moved as the roster says (Tết, Giỗ Tổ
    and the council's own days off included), the receivers taking turns after the last one on duty.
    Days already scheduled are kept (generating twice adds nothing)."""
    council_accepts(council, None, field="end")  # a ceased council's records stay as they were
    roster = Roster.objects.filter(council=council).first()
    if roster is None:
        raise ValidationError("Hội đồng chưa quy định lịch tiếp công dân (ngày tiếp, người tiếp luân phiên).")
    if start is None or end is None or end < start:
        raise ValidationError({"end": "Khoảng thời gian lập lịch không hợp lệ."})
    months = _months(start, end)
    if len(months) > MAX_MONTHS:
        raise ValidationError({"end": f"Lập lịch tối đa {MAX_MONTHS} tháng một lần."})
    receivers = list(roster.receivers.order_by("full_name", "pk"))
    cal = WorkCalendar(council)
    last = Slot.objects.filter(council=council, day__lt=start).order_by("-day", "-pk").first()
    turn = receivers.index(last.person) + 1 if last is not None and last.person in receivers else 0
    taken = set(Slot.objects.filter(council=council, day__range=(start, end)).values_list("planned_day", flat=True))
    made = []
    for year, month in months:
        planned = _rule_day(roster, year, month)
        if not start <= planned <= end or planned in taken:
            continue
        slot = Slot(
            council=council,
            day=_working(cal, planned, roster.shift),
            planned_day=planned,
            person=receivers[turn % len(receivers)],
            place=roster.place,
        )
        validated_save(slot, user)
        made.append(slot)
        turn += 1
    return made


@transaction.atomic
def slot_change(
    *,
    slot: Slot,
    reason: str,
    user: AbstractBaseUser | None,
    day: datetime.date | None = None,
    person: Person | None = None,
    place: str = "",
) -> Slot:
    """Move a reception day or change who receives, with the reason (kept in the history and shown on the
    published schedule); the day first planned stays recorded."""
    current = Slot.objects.select_for_update(of=("self",)).select_related("obligation").get(pk=slot.pk)
    council_accepts(current.council, day, field="reason")  # a ceased council's records stay as they were
    errors = {}
    if not clean(reason):
        errors["reason"] = "Vui lòng ghi lý do thay đổi lịch tiếp."
    if person is not None and person.council_id != current.council_id:
        errors["person"] = "Người tiếp không thuộc Hội đồng này."
    if day is not None and day < timezone.localdate() and day != current.day:
        errors["day"] = "Không dời lịch tiếp về một ngày đã qua."
    if current.obligation is not None and current.obligation.reported_on is not None:
        errors["day"] = "Buổi tiếp đã có báo cáo kết quả, không thay đổi được."
    if errors:
        raise ValidationError(errors)
    current.day = day or current.day
    current.person = person or current.person
    current.place = clean(place) or current.place
    current.reason = clean(reason)
    validated_save(current, user)
    if current.obligation is not None:
        obligation = current.obligation
        obligation.owner_person, obligation.source_date = current.person, current.day
        obligation.due_on = compute(current.council, current.day, rule=REPORT_RULE).due
        obligation.due_start = current.day
        validated_save(obligation, user, update_fields=["owner_person", "source_date", "due_on", "due_start"])
    return current


def _report_body(council: Council, person: Person, day: datetime.date) -> Body:
    """The body a receiver reports through: their delegates' group that day, else the standing committee."""
    membership = (
        Membership.objects.filter(
            person=person, body__council=council, body__kind=BodyKind.DELEGATE_GROUP, starts_on__lte=day
        )
        .exclude(ends_on__lt=day)
        .select_related("body")
        .first()
    )
    if membership is not None:
        return membership.body
    return standing_body(council)


@transaction.atomic
def schedule_publish(
    *, council: Council, start: datetime.date, end: datetime.date, user: AbstractBaseUser | None
) -> int:
    """Publish the days of `start`..`end` on the public pages; each receiver then owes a report on their day
    (an obligation due by the council's `reception_report_days`: no national number, so the office sets it
    first — refused with that message until it does)."""
    council_accepts(council, None, field="end")  # a ceased council's records stay as they were
    slots = list(
        Slot.objects.select_for_update(of=("self",))
        .filter(council=council, day__range=(start, end), published_on__isnull=True)
        .select_related("person")
    )
    if not slots:
        raise ValidationError("Không có ngày tiếp nào chưa công bố trong khoảng thời gian này.")
    today = timezone.localdate()
    for slot in slots:
        try:
            basis = compute(council, slot.day, rule=REPORT_RULE)
        except MissingSetting as exc:
            raise ValidationError({"rule": str(exc)}) from exc
        slot.obligation = obligation_create(
            council=council,
            owner=_report_body(council, slot.person, slot.day),
            owner_person=slot.person,
            title=f"Báo cáo kết quả tiếp công dân ngày {slot.day:%d/%m/%Y}",
            kind=REPORT_KIND,
            source_date=slot.day,
            source=slot,
            source_label=f"Lịch tiếp công dân ngày {slot.day:%d/%m/%Y}",
            basis=basis,
            start_event="Ngày tiếp công dân",
            user=user,
        )
        slot.published_on = today
        validated_save(slot, user, update_fields=["obligation", "published_on"])
    return len(slots)


def shortfalls(*, council: Council, year: int) -> list[tuple[Person, int, int]]:
    """Receivers of the roster below the council's minimum for the year: (person, days scheduled, minimum)."""
    roster = Roster.objects.filter(council=council).first()
    if roster is None or not roster.minimum_per_year:
        return []
    counts = dict(Slot.objects.filter(council=council, day__year=year).values_list("person_id").annotate(n=Count("pk")))
    return [
        (p, counts.get(p.pk, 0), roster.minimum_per_year)
        for p in roster.receivers.order_by("full_name")
        if counts.get(p.pk, 0) < roster.minimum_per_year
    ]
