"""Reads of reception: the register scoped to the council, one case's page, the statistics of a period."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.http import urlencode

from followup.models import State
from hdnd.text import fold
from hdnd.years import council_year
from reception.models import (
    Case,
    CaseGrant,
    Category,
    Classification,
    Field,
    Handling,
    Letter,
    ReceptionSession,
    Roster,
    Slot,
)
from registry.models import Body, BodyKind, Council


def granted_cases(user: AbstractBaseUser | AnonymousUser, council: Council) -> set[int]:
    """Ids of the protected cases of the council the user was granted (one query)."""
    if not user.is_authenticated:
        return set()
    return set(CaseGrant.objects.filter(user=user, case__council=council).values_list("case_id", flat=True))


def _cases(only: QuerySet[Case] | None = None) -> Prefetch:
    """A letter's cases for its rows; with `only`, the cases a filter matched, as `matched_cases` (a
    figure's drill-down lists the very contents it counts), the full `cases` kept for the identity rules."""
    cases = Case.objects.select_related(
        "competent_body", "obligation", "forward_document", "duplicate_of__letter", "supervision_round"
    ).prefetch_related(
        Prefetch(
            "classifications",
            queryset=Classification.objects.select_related("competent_body", "recorded_by").order_by(
                "effective_on", "pk"
            ),
        )
    )
    if only is None:
        return Prefetch("cases", queryset=cases.order_by("position"))
    return Prefetch(
        "cases", queryset=cases.filter(pk__in=only.values("pk")).order_by("position"), to_attr="matched_cases"
    )


def _end_of(day: datetime.date) -> datetime.datetime:
    """The first instant after `day` in the council's time zone (a timestamp before it falls on `day` or earlier)."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def progress_day(end: datetime.date, today: datetime.date | None = None) -> datetime.date:
    """The day a period's progress is read at: its last day, or today while it runs."""
    return min(end, today or timezone.localdate())


def classified_as_of(on: datetime.date) -> QuerySet[Classification]:
    """Each case's classification as it stood at the end of `on`: its latest row in effect by then (the last
    recorded of a day); a case with none by then (a part split from it later) has no row."""
    later = Classification.objects.filter(case_id=OuterRef("case_id"), effective_on__lte=on).filter(
        Q(effective_on__gt=OuterRef("effective_on")) | Q(effective_on=OuterRef("effective_on"), pk__gt=OuterRef("pk"))
    )
    return Classification.objects.filter(effective_on__lte=on).exclude(Exists(later))


def progress_as_of(on: datetime.date, prefix: str = "") -> dict[str, Q]:
    """Conditions on a case (through its obligation, the one holder of its progress) as things stood at the
    end of `on`, read from the dates the engine keeps, never from today's state: forwarded by then (the
    obligation's source date is the day of forwarding), answered by then (the body's report date; a report
    the office returned was cleared by the engine and is no answer), on time or late against the deadline,
    waiting (forwarded, not answered and not cancelled by then) and overdue (waiting past its deadline).

    The engine's timeline (`ObligationUpdate.created_at`, the simple-history rows) is dated when the office
    typed a step, not when it happened: a report entered days later, or a past year imported today, would
    read as unanswered, so only the obligation's own dates are used.

    `prefix` is the path from the rows filtered to the case ("case__" from its classifications)."""
    o = f"{prefix}obligation__"

    def q(**conditions: object) -> Q:
        return Q(**{f"{o}{key}": value for key, value in conditions.items()})

    forwarded = Q(**{f"{prefix}obligation__isnull": False}) & q(source_date__lte=on)
    answered = forwarded & q(reported_on__lte=on)
    unanswered = q(reported_on__isnull=True) | q(reported_on__gt=on)
    cancelled = q(state=State.CANCELLED, closed_at__lt=_end_of(on))
    waiting = forwarded & unanswered & ~cancelled
    return {
        "forwarded": forwarded,
        "answered": answered,
        "on_time": answered & q(reported_on__lte=F(f"{o}due_on")),
        "late": answered & q(reported_on__gt=F(f"{o}due_on")),
        "waiting": waiting,
        "overdue": waiting & q(due_on__lt=on),
    }


# The `answered` filter of the register: which condition of `progress_as_of` each value keeps.
ANSWERED = {"da": "answered", "dung_han": "on_time", "tre_han": "late", "chua": "waiting", "qua_han": "overdue"}


@dataclass
class LetterFilter:
    year: int | None = None
    category: str = ""
    field: str = ""
    handling: str = ""
    eligible: str = ""  # "1" eligible, "0" not, "" any
    body: int | None = None
    duplicates: str = ""  # "1" only duplicates, "0" without duplicates
    forwarded: str = ""  # "1": cases forwarded to a competent body (by `as_of`)
    answered: str = ""  # a key of ANSWERED — forwarded cases by their body's report (as of `as_of`)
    chased: str = ""  # "1": cases a chasing letter (đôn đốc) pressed for (by `as_of`)
    q: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    as_of: datetime.date | None = None  # the day progress is read at (a period's end); today when None


def _case_filter(f: LetterFilter) -> Q:
    """The cases a filter keeps. With `as_of` (a figure's drill-down) the classification is the one of
    that day (`classified_as_of`), and only the cases classified by then, as the statistics count them."""
    classified = Q()
    if f.category:
        classified &= Q(category=f.category)
    if f.field:
        classified &= Q(field=f.field)
    if f.handling:
        classified &= Q(handling=f.handling)
    if f.eligible in ("0", "1"):
        classified &= Q(eligible=f.eligible == "1")
    if f.body:
        classified &= Q(competent_body_id=f.body)
    as_of = classified_as_of(f.as_of) if f.as_of is not None else None
    q = classified if as_of is None else Q(pk__in=as_of.filter(classified).values("case_id"))
    if f.duplicates == "1":
        q &= Q(duplicate_of__isnull=False)
    elif f.duplicates == "0":
        q &= Q(duplicate_of__isnull=True)
    on = f.as_of or timezone.localdate()
    progress = progress_as_of(on)
    if f.forwarded == "1":
        q &= progress["forwarded"]
    if f.answered in ANSWERED:
        q &= progress[ANSWERED[f.answered]]
    if f.chased == "1":
        q &= Q(pk__in=_chased(on))
    if f.q:
        q &= Q(summary_folded__contains=fold(f.q))
    return q


def letter_list(*, council: Council, filters: LetterFilter) -> QuerySet[Letter]:
    """Letters of the council (newest first) whose contents match the filter, cases prefetched."""
    letters = Letter.objects.filter(council=council)
    if filters.year:
        letters = letters.filter(year=filters.year)
    if filters.date_from:
        letters = letters.filter(received_on__gte=filters.date_from)
    if filters.date_to:
        letters = letters.filter(received_on__lte=filters.date_to)
    case_q = _case_filter(filters)
    matched = None
    if case_q:
        matched = Case.objects.filter(case_q, council=council)
        letters = letters.filter(pk__in=matched.values("letter_id"))
    extra = [_cases(matched)] if matched is not None else []
    return (
        letters.select_related("council", "unit", "forwarded_by", "from_body")
        .prefetch_related(_cases(), *extra, "senders")
        .order_by("-year", "-number")
    )


def letter_get(*, council: Council, pk: int) -> Letter:
    """One letter of the council with its cases and senders; 404 outside it."""
    letter = (
        Letter.objects.filter(council=council, pk=pk)
        .select_related("council", "reception", "forwarded_by", "from_body", "unit", "origin_petition")
        .prefetch_related(_cases(), "senders")
        .first()
    )
    if letter is None:
        raise Http404("Không tìm thấy đơn thư.")
    return letter


def letter_with_identity(*, council: Council, pk: int, user: AbstractBaseUser | AnonymousUser) -> Letter:
    """One letter whose senders (and so its scanned handwriting) `user` may see; 404 otherwise, as outside
    the council: an anonymous letter has no identity to protect."""
    from reception.access import identity_visible

    letter = letter_get(council=council, pk=pk)
    if not letter.anonymous and not identity_visible(user, letter, granted=granted_cases(user, council)):
        raise Http404("Không tìm thấy đơn thư.")
    return letter


def standing_body(council: Council) -> Body:
    """The council's standing committee as a body of its register (who owes the office's own obligations)."""
    body = Body.objects.filter(council=council, kind=BodyKind.STANDING_COMMITTEE).order_by("pk").first()
    if body is None:
        raise ValidationError("Hội đồng chưa có Thường trực HĐND trong danh mục cơ quan.")
    return body


def case_get(*, council: Council, pk: int) -> Case:
    case = Case.objects.filter(council=council, pk=pk).select_related("letter", "council", "obligation").first()
    if case is None:
        raise Http404("Không tìm thấy nội dung đơn.")
    return case


def session_list(*, council: Council, year: int | None = None) -> QuerySet[ReceptionSession]:
    sessions = ReceptionSession.objects.filter(council=council)
    if year:
        sessions = sessions.filter(held_on__year=year)
    return sessions.prefetch_related("receivers").annotate(letter_count=Count("letters"))


def session_get(*, council: Council, pk: int) -> ReceptionSession:
    session = (
        ReceptionSession.objects.filter(council=council, pk=pk)
        .select_related("notice", "council")
        .prefetch_related("receivers")
        .first()
    )
    if session is None:
        raise Http404("Không tìm thấy buổi tiếp công dân.")
    return session


def latest_year(council: Council) -> int:
    """The latest year with letters or receptions of the council, not after its current year
    (`hdnd.years.council_year`: a ceased council's last year of work); that year when there is none."""
    years = [
        Letter.objects.filter(council=council).order_by("-year").values_list("year", flat=True).first(),
        ReceptionSession.objects.filter(council=council)
        .order_by("-held_on")
        .values_list("held_on__year", flat=True)
        .first(),
    ]
    this_year = council_year(council)
    years = [y for y in years if y and y <= this_year]
    return max(years) if years else this_year


@dataclass
class Figure:
    label: str
    value: int
    params: dict  # the list's filter that shows the records behind the figure


@dataclass
class Statistics:
    year: int
    date_from: datetime.date
    date_to: datetime.date
    as_of: datetime.date  # the day progress is read at: the period's end, or today while it runs
    sessions: int
    citizens: int
    group_sessions: int
    letters: int
    cases: int
    duplicates: int
    by_category: list[Figure]
    by_field: list[Figure]
    eligible: int
    ineligible: int
    by_handling: list[Figure]
    forwarded: int
    answered: int
    answered_on_time: int
    answered_late: int
    waiting: int
    overdue: int
    chased: int
    by_body: list[dict]

    @property
    def period(self) -> dict[str, str]:
        """The register's filter of the period: every figure's list adds its own keys to it."""
        return {
            "year": str(self.year),
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "as_of": self.as_of.isoformat(),
        }

    @property
    def query(self) -> str:
        return urlencode(self.period)


def period_of(
    year: int, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> tuple[datetime.date, datetime.date]:
    """The period of a year's statistics (the whole year by default); ValidationError for days outside it."""
    start, end = date_from or datetime.date(year, 1, 1), date_to or datetime.date(year, 12, 31)
    errors = {}
    if start.year != year:
        errors["date_from"] = f"Từ ngày phải thuộc năm {year}."
    if end.year != year:
        errors["date_to"] = f"Đến ngày phải thuộc năm {year}."
    if not errors and end < start:
        errors["date_to"] = "Đến ngày không thể trước từ ngày."
    if errors:
        raise ValidationError(errors)
    return start, end


def _chased(on: datetime.date) -> QuerySet:
    """Ids of the cases a chasing letter made by `on` pressed for."""
    return Case.chase_letters.through.objects.filter(chaseletter__made_on__lte=on).values("case_id")


def statistics(
    *,
    council: Council,
    year: int,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Statistics:
    """The figures offices report for a period of a year (the whole year by default): the receptions held
    and the letters received in it, and how far their handling had gone at the period's end (today while
    the period runs), from the obligations' dates (`progress_as_of`): a letter answered after the end is
    not answered for that period. Each figure carries the filter of the register list that shows exactly
    the contents it counts. Duplicates are counted once (in `duplicates`, not again in the categories).
    Each content counts as it was classified on that day (`classified_as_of`): its category, field,
    eligibility and handling of then, whatever was changed since. Five queries whatever the number of rows."""
    start, end = period_of(year, date_from, date_to)
    on = progress_day(end, today)
    held = ReceptionSession.objects.filter(council=council, held_on__gte=start, held_on__lte=end)
    sessions = held.aggregate(n=Count("pk"), group=Count("pk", filter=Q(group=True)), people=Sum("citizens"))
    # Each content of the period's letters with its classification as of the period's end.
    cases = classified_as_of(on).filter(
        case__council=council,
        case__letter__year=year,
        case__letter__received_on__gte=start,
        case__letter__received_on__lte=end,
    )
    originals = cases.filter(case__duplicate_of__isnull=True)
    progress = progress_as_of(on, prefix="case__")
    totals = originals.aggregate(
        cases=Count("pk"),
        n_eligible=Count("pk", filter=Q(eligible=True)),
        n_ineligible=Count("pk", filter=Q(eligible=False)),
        letters=Count("case__letter_id", distinct=True),
        chased=Count("pk", filter=Q(case_id__in=_chased(on))),
        **{key: Count("pk", filter=condition) for key, condition in progress.items()},
    )
    grouped = list(originals.order_by().values("category", "field", "handling").annotate(n=Count("pk")))
    duplicates = cases.filter(case__duplicate_of__isnull=False).count()

    def by(key: str, choices: type) -> list[Figure]:
        counts: dict[str, int] = {}
        for row in grouped:
            counts[row[key]] = counts.get(row[key], 0) + row["n"]
        return [
            Figure(label, counts.get(value, 0), {key: value, "duplicates": "0"}) for value, label in choices.choices
        ]

    bodies = list(
        originals.filter(progress["forwarded"])
        .order_by()
        .values("competent_body_id", "competent_body__name")
        .annotate(
            n=Count("pk"), done=Count("pk", filter=progress["answered"]), late=Count("pk", filter=progress["overdue"])
        )
        .order_by("competent_body__name")
    )
    return Statistics(
        year=year,
        date_from=start,
        date_to=end,
        as_of=on,
        sessions=sessions["n"],
        citizens=sessions["people"] or 0,
        group_sessions=sessions["group"],
        letters=totals["letters"],
        cases=totals["cases"],
        duplicates=duplicates,
        by_category=by("category", Category),
        by_field=by("field", Field),
        eligible=totals["n_eligible"],
        ineligible=totals["n_ineligible"],
        by_handling=by("handling", Handling),
        forwarded=totals["forwarded"],
        answered=totals["answered"],
        answered_on_time=totals["on_time"],
        answered_late=totals["late"],
        waiting=totals["waiting"],
        overdue=totals["overdue"],
        chased=totals["chased"],
        by_body=bodies,
    )


# The figures `statistics_by_day` counts, each per day of receipt (of the letter; of the session for the two
# reception figures), so a report of part of the year counts only the days of its period.
DAILY_KEYS = (
    "sessions",
    "citizens",
    "letters",
    "duplicates",
    "eligible",
    "ineligible",
    "forwarded",
    "answered",
    "answered_late",
    "waiting",
)


def statistics_by_day(
    *, council: Council, year: int, on: datetime.date | None = None
) -> dict[str, list[tuple[datetime.date, int]]]:
    """The year's figures of `statistics` split by day (sessions by the day held, letters' contents by the
    day their letter was received), days without any left out: key -> [(day, count), ...] in day order.
    Progress (forwarded, answered, waiting) is read as it stood at the end of `on` — the last day of the
    report's period (today at the latest) — so a report of the first half-year does not count the answers
    of July, and each content counts as classified on `on` (`classified_as_of`). With `on` the period's
    end, the sums of the days up to it are `statistics`'s totals of the period. Three queries whatever the
    number of rows."""
    on = progress_day(on or datetime.date(year, 12, 31))
    out: dict[str, list[tuple[datetime.date, int]]] = {key: [] for key in DAILY_KEYS}
    sessions = (
        ReceptionSession.objects.filter(council=council, held_on__year=year)
        .values("held_on")
        .annotate(n=Count("pk"), people=Sum("citizens"))
        .order_by("held_on")
    )
    for row in sessions:
        out["sessions"].append((row["held_on"], row["n"]))
        out["citizens"].append((row["held_on"], row["people"] or 0))
    cases = classified_as_of(on).filter(case__council=council, case__letter__year=year)
    progress = progress_as_of(on, prefix="case__")
    days = (
        cases.filter(case__duplicate_of__isnull=True)
        .order_by()
        .values("case__letter__received_on")
        .annotate(
            n_letters=Count("case__letter_id", distinct=True),
            n_eligible=Count("pk", filter=Q(eligible=True)),
            n_ineligible=Count("pk", filter=Q(eligible=False)),
            n_forwarded=Count("pk", filter=progress["forwarded"]),
            n_answered=Count("pk", filter=progress["answered"]),
            n_answered_late=Count("pk", filter=progress["late"]),
            n_waiting=Count("pk", filter=progress["waiting"]),
        )
        .order_by("case__letter__received_on")
    )
    for row in days:
        for key in ("letters", "eligible", "ineligible", "forwarded", "answered", "answered_late", "waiting"):
            if row[f"n_{key}"]:
                out[key].append((row["case__letter__received_on"], row[f"n_{key}"]))
    duplicates = (
        cases.filter(case__duplicate_of__isnull=False)
        .values("case__letter__received_on")
        .annotate(n=Count("pk"))
        .order_by("case__letter__received_on")
    )
    out["duplicates"] = [(row["case__letter__received_on"], row["n"]) for row in duplicates]
    return out


def petitions_waiting(*, council: Council) -> QuerySet:
    """Complaints and denunciations raised at voter contacts (flagged on the petition) not yet in the register."""
    from petitions.models import Petition

    entered = Letter.objects.filter(council=council, origin_petition__isnull=False).values("origin_petition_id")
    return (
        Petition.objects.filter(council=council, complaint=True)
        .exclude(pk__in=entered)
        .select_related("meeting", "unit", "round")
        .order_by("pk")
    )


def roster_of(*, council: Council) -> Roster | None:
    """The council's reception roster rule with its receivers, or None before one is set."""
    return Roster.objects.filter(council=council).prefetch_related("receivers").first()


def slot_list(*, council: Council, year: int) -> QuerySet[Slot]:
    """The reception days of a year, with their receiver, in date order."""
    return Slot.objects.filter(council=council, day__year=year).select_related("person").order_by("day")


# --- The public portal (issue 20) ---


def public_slots(*, council: Council, since: datetime.date, person_id: int | None = None) -> QuerySet[Slot]:
    """The council's published reception days from `since` on (a leader's name, the day and the place:
    public facts), optionally only one person's."""
    qs = Slot.objects.filter(council=council, published_on__isnull=False, day__gte=since)
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    return qs.select_related("person").only("id", "day", "place", "planned_day", "reason", "person__full_name")
