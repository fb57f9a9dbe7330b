"""Every read of obligations, scoped to what the user may see and shaped for fixed query counts."""

import datetime
import statistics
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DurationField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from followup.access import VIEW, VIEW_OWN
from followup.models import OPEN_STATES, Notification, Obligation, ObligationFile, ObligationUpdate, State
from hdnd.dates import today  # re-exported: callers ask their app's selectors for the day
from registry.access import agency_bodies, has_perm
from registry.models import Body, Council

# What "overdue" means, written once. Every screen, count, report and reminder asks one of these.
# Overdue (quá hạn) is work still owed past its deadline. A report sent after the deadline is late-reported
# (báo cáo chậm), whether the office has accepted it yet or not: the owner has done its part and the wait
# is the office's, so it is never counted overdue — as on the dashboard, the home page and the scorecard.


def overdue_on(council: Council, on: datetime.date | None = None) -> datetime.date:
    """The day a council's lateness is counted to: `on` (today by default), but never past the last day of a
    council that ceased — its work stopped then, so what was overdue on its last day stays the overdue, and
    days overdue stop growing there (min(today, last day)). Every caller of the conditions below for one
    council asks this for its day; no query (the council is loaded)."""
    on = on or today()
    last = council.last_day
    return min(on, last) if last is not None else on


def late_condition(on: datetime.date) -> Q:
    """Overdue on a day: still owed (assigned, in progress or returned) on a day past its deadline; whom
    reminders chase."""
    return Q(state__in=OPEN_STATES, due_on__lt=on)


def reported_late_condition() -> Q:
    """Reported done after the deadline, accepted since or still waiting for the office's acceptance."""
    return Q(state__in=[State.REPORTED_DONE, State.ACCEPTED], reported_on__gt=F("due_on"))


def ever_late_condition(on: datetime.date) -> Q:
    """Late at some point up to a day: overdue on it, or reported after the deadline (accepted or not)."""
    return late_condition(on) | reported_late_condition()


def is_late(obligation: Obligation, on: datetime.date) -> bool:
    """`late_condition` for one loaded obligation, in Python (the same rule, for rows already read)."""
    return obligation.state in OPEN_STATES and obligation.due_on < on


def with_lateness(qs: QuerySet[Obligation], on: datetime.date) -> QuerySet[Obligation]:
    """Annotate `is_overdue` and `days_overdue` (a timedelta, None when not overdue: today − deadline), and
    `days_reported_late` (report − deadline, None unless reported after the deadline), computed in SQL."""
    late = late_condition(on)
    return qs.annotate(
        is_overdue=ExpressionWrapper(late, output_field=BooleanField()),
        days_overdue=Case(
            When(late, then=ExpressionWrapper(Value(on) - F("due_on"), output_field=DurationField())),
            default=None,
            output_field=DurationField(),
        ),
        days_reported_late=Case(
            When(
                reported_late_condition(),
                then=ExpressionWrapper(F("reported_on") - F("due_on"), output_field=DurationField()),
            ),
            default=None,
            output_field=DurationField(),
        ),
    )


def obligation_visible(*, user: AbstractBaseUser | AnonymousUser, council: Council) -> QuerySet[Obligation]:
    """The council's obligations the user may see: all of them, or those owed by the user's agency."""
    qs = Obligation.objects.filter(council=council)
    if has_perm(user, council, VIEW):
        return qs
    if has_perm(user, council, VIEW_OWN):
        return qs.filter(owner_id__in=agency_bodies(user, council))
    return qs.none()


def obligation_list(
    *, user: AbstractBaseUser | AnonymousUser, council: Council, on: datetime.date | None = None
) -> QuerySet[Obligation]:
    """Visible obligations with owner loaded and lateness annotated (as of `overdue_on`), most days overdue
    first."""
    on = overdue_on(council, on)
    return (
        with_lateness(obligation_visible(user=user, council=council), on)
        .select_related("owner", "owner_person")
        .order_by(F("days_overdue").desc(nulls_last=True), "due_on", "pk")
    )


class _PagedInOrder:
    """What a Paginator takes from a list paged in its order from an index on PostgreSQL: the count read once
    (no join, no sort), and a page as the rows of the pks that `_page_pks` gives (SQLite: the plain ordered
    queryset's slice)."""

    ordered = True

    def __init__(self, qs: QuerySet[Obligation], on: datetime.date) -> None:
        self._ordered = qs
        self._on = on
        self._count: int | None = None
        self._plain = connection.vendor != "postgresql"

    def all(self) -> "_PagedInOrder":
        return self

    def count(self) -> int:
        if self._count is None:
            self._count = self._ordered.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[Obligation]:
        if self._plain:
            return list(self._ordered[page])
        start, stop = page.start or 0, self.count() if page.stop is None else page.stop
        if stop <= start or self._ordered.query.is_empty():
            return []
        return rows_by_pk(self._ordered, self._page_pks(start, stop))

    def _page_pks(self, start: int, stop: int) -> list[int]:
        raise NotImplementedError


class OverdueInOrder(_PagedInOrder):
    """The overdue list — `obligation_list` filtered to late obligations (`late_condition`) — in its order,
    most days overdue first (then deadline, then entry), paged from the index on (council, state, due_on)
    instead of a sort of every overdue obligation: what a Paginator takes.

    No one index holds that order across the open states (today − deadline: the oldest deadline first). The
    late rows are three parts that each are in order in an index: per open state, the owed ones by deadline
    (oldest first is most days overdue first). On PostgreSQL a page is one query taking from each part at
    most as many rows as the page ends at (a Limit over each index walk), their union sorted (at most three
    pages' keys), then the page's rows fetched by pk. SQLite keeps the plain ordered queryset.
    """

    def __init__(self, qs: QuerySet[Obligation], on: datetime.date) -> None:
        super().__init__(qs.filter(late_condition(on)), on)

    def _page_pks(self, start: int, stop: int) -> list[int]:
        return self.page_pks(start, stop)

    def page_pks(self, start: int, stop: int) -> list[int]:
        """The pks of the rows [start:stop] in the list's order (PostgreSQL): one query."""
        if stop <= start or self._ordered.query.is_empty():
            return []
        parts = self._parts(stop, ("pk", "days_overdue", "due_on"))
        return [pk for pk, _days, _due in parts.order_by(F("days_overdue").desc(), "due_on", "pk")[start:stop]]

    def count_until(self, stop: int) -> int:
        """How many rows there are, counted no further than `stop`: the same index walks as a page's, each
        under a Limit of `stop`."""
        if stop <= 0 or self._ordered.query.is_empty():
            return 0
        return min(self._parts(stop, ("pk",), ordered=False).count(), stop)

    def _parts(self, stop: int, keys: tuple[str, ...], ordered: bool = True) -> QuerySet:
        """The three parts' first `stop` rows (`keys` of them), each in its index's order (any `stop` of them
        when not `ordered`: to count), as one union."""
        base = self._ordered.order_by()
        owed = [
            base.filter(state=state, due_on__lt=self._on).order_by(*(("due_on", "pk") if ordered else ()))
            for state in OPEN_STATES
        ]
        owed = [part.values_list(*keys)[:stop] for part in owed]
        return owed[0].union(*owed[1:], all=True)


def rows_by_pk(qs: QuerySet[Obligation], pks: list[int]) -> list[Obligation]:
    """The rows of `qs` (its annotations and related rows) with these pks, in the order of `pks`: one query
    by primary key, so the joins of the page's owners and people are over its rows only."""
    if not pks:
        return []
    rank = {pk: index for index, pk in enumerate(pks)}
    return sorted(qs.order_by().filter(pk__in=pks), key=lambda o: rank[o.pk])


class ListInOrder(_PagedInOrder):
    """The obligation list — `obligation_list`'s queryset with the screen's filters — in its order (the
    overdue ones first, most days overdue first; then the others by deadline, then entry), paged from the
    index on (council, state, due_on) instead of sorting the council's rows after joining the national
    tables of bodies and people: what a Paginator takes (issue 17).

    The overdue rows come first, paged by OverdueInOrder; how many there are is counted only up to the
    page's end (a COUNT over the same index walks under a Limit: all that is needed to know where the page
    starts among the others).
    The others are six parts, each in deadline order in the index: the open states from today on, every
    report (a late one is late-reported, not overdue), and every accepted or cancelled one; each part read
    to at most the page's end (a Limit over an index walk), their union sorted, and the page's rows then
    fetched by pk with their owners and people. The list's count is one COUNT of the filtered rows, with no
    join and no sort. SQLite keeps the plain ordered queryset.
    """

    def __init__(self, qs: QuerySet[Obligation], on: datetime.date) -> None:
        super().__init__(qs, on)
        self._late = OverdueInOrder(qs, on)

    def _page_pks(self, start: int, stop: int) -> list[int]:
        # The overdue rows up to the page's end: their number is exact when the page reaches past them.
        late = self._late.count_until(stop)
        pks = self._late.page_pks(start, min(stop, late)) if start < late else []
        if stop > late:
            pks += self._on_time_pks(max(start - late, 0), stop - late)
        return pks

    def _on_time_pks(self, start: int, stop: int) -> list[int]:
        """The pks of the rows [start:stop] of those not overdue, by deadline then entry: one query."""
        base = self._ordered.order_by()
        parts = []
        for state in State:
            part = base.filter(state=state)
            if state in OPEN_STATES:
                part = part.filter(due_on__gte=self._on)
            parts.append(part.order_by("due_on", "pk").values_list("pk", "due_on")[:stop])
        union = parts[0].union(*parts[1:], all=True).order_by("due_on", "pk")[start:stop]
        return [pk for pk, _due in union]


def list_in_order(qs: QuerySet[Obligation], *, on: datetime.date) -> ListInOrder:
    """`qs` (from obligation_list, the list's filters applied) as the list to page: see ListInOrder."""
    return ListInOrder(qs, on)


def overdue_in_order(qs: QuerySet[Obligation], *, on: datetime.date) -> OverdueInOrder:
    """`qs` (from obligation_list, the list's other filters applied) as the overdue list to page: see
    OverdueInOrder."""
    return OverdueInOrder(qs, on)


def obligation_get(
    *, user: AbstractBaseUser | AnonymousUser, council: Council, pk: int, on: datetime.date | None = None
) -> Obligation:
    """One visible obligation with its timeline, files and people loaded; 404 outside the user's scope."""
    updates = ObligationUpdate.objects.select_related("user", "reply_type").prefetch_related(
        Prefetch("files", queryset=ObligationFile.objects.order_by("pk"))
    )
    qs = with_lateness(obligation_visible(user=user, council=council), overdue_on(council, on))
    return get_object_or_404(
        qs.select_related("council", "owner", "owner_person", "created_by", "source_type").prefetch_related(
            Prefetch("updates", queryset=updates.order_by("created_at", "pk"))
        ),
        pk=pk,
    )


def owner_choices(*, user: AbstractBaseUser | AnonymousUser, council: Council) -> QuerySet[Body]:
    """Bodies that may owe obligations, for filters and forms (an agency user: only its own)."""
    qs = Body.objects.filter(council=council, active=True)
    if not has_perm(user, council, VIEW):
        qs = qs.filter(pk__in=agency_bodies(user, council))
    return qs.order_by("name")


@dataclass
class Score:
    owner_id: int
    owner_name: str
    total: int
    done_on_time: int
    overdue: int
    reported_late: int
    median_days_late: float | None

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.done_on_time / self.total, 1) if self.total else None


def scorecard_period(
    date_from: datetime.date | None, date_to: datetime.date | None, year: int
) -> tuple[datetime.date, datetime.date]:
    """The scorecard's period: what was chosen, by default the calendar year `year` (the council's current
    year, `hdnd.years.council_year`: a ceased council's last year of work); refused reversed."""
    date_from = date_from or datetime.date(year, 1, 1)
    date_to = date_to or datetime.date(year, 12, 31)
    if date_from > date_to:
        raise ValidationError({"date_to": "Ngày kết thúc kỳ đánh giá phải sau ngày bắt đầu."})
    return date_from, date_to


def scorecard(
    *,
    user: AbstractBaseUser | AnonymousUser,
    council: Council,
    date_from: datetime.date,
    date_to: datetime.date,
    on: datetime.date | None = None,
) -> list[Score]:
    """Per owner, over obligations due in [date_from, date_to] and not cancelled: how many, how many
    accepted and reported on time, how many overdue now (still owed past the deadline: `late_condition`),
    how many reported after the deadline (accepted or waiting: `reported_late_condition`), and the median
    days late of both.

    One query whatever the number of owners or obligations.
    """
    on = overdue_on(council, on)
    rows = (
        obligation_visible(user=user, council=council)
        .filter(due_on__gte=date_from, due_on__lte=date_to)
        .exclude(state=State.CANCELLED)
        .values_list("owner_id", "owner__name", "state", "due_on", "reported_on")
    )
    groups: dict[int, dict] = {}
    for owner_id, owner_name, state, due_on, reported_on in rows:
        group = groups.setdefault(
            owner_id, {"name": owner_name, "total": 0, "on_time": 0, "overdue": 0, "reported_late": 0, "late": []}
        )
        group["total"] += 1
        if reported_on is not None and state in (State.REPORTED_DONE, State.ACCEPTED):
            if reported_on <= due_on:
                group["on_time"] += state == State.ACCEPTED
            else:
                group["late"].append((reported_on - due_on).days)
                group["reported_late"] += 1
        elif state in OPEN_STATES and due_on < on:
            group["late"].append((on - due_on).days)
            group["overdue"] += 1
    scores = [
        Score(
            owner_id=owner_id,
            owner_name=g["name"],
            total=g["total"],
            done_on_time=g["on_time"],
            overdue=g["overdue"],
            reported_late=g["reported_late"],
            median_days_late=statistics.median(g["late"]) if g["late"] else None,
        )
        for owner_id, g in groups.items()
    ]
    scores.sort(key=lambda s: (-s.overdue, s.on_time_percent or 0, s.owner_name))
    return scores


def notification_list(*, user: AbstractBaseUser) -> QuerySet[Notification]:
    """The user's notifications, newest first, with the obligation each is about."""
    return Notification.objects.filter(user=user).select_related("reminder__obligation")


def unread_count(*, user: AbstractBaseUser | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def file_get(*, user: AbstractBaseUser | AnonymousUser, council: Council, pk: int) -> ObligationFile:
    """An evidence file, only if its obligation is visible to the user."""
    return get_object_or_404(
        ObligationFile.objects.filter(update__obligation__in=obligation_visible(user=user, council=council)),
        pk=pk,
    )
