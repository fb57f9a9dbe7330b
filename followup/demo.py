"""Demo obligations for the demo council: a few open, one overdue, one done (idempotent); and the story's
dates on the timelines of every obligation a demo seeding made (`story_dates`).

The demo council is the town that ceased on 01/07/2025 (registry.demo.REFORM_DAY): its obligations are dated
from its last day backwards (registry.demo.LAST_DAY), never from the day the demo is seeded, so each was given,
fell due and was reported while the town still worked."""

import datetime

from django.utils import timezone

from followup import services
from followup.kinds import TASK
from followup.models import Action, Obligation, ObligationUpdate, State
from hdnd import dates
from registry.demo import LAST_DAY
from registry.models import Body, Council

D = datetime.date

# (owner short name, title, source label, days from source date to deadline, days before the town's last day
# the source is dated): each deadline falls on or before the last day (the days before it are at least the
# days to the deadline, a deadline on a day off moving to the next working day).
DEMO = [
    (
        "Phòng TC-KH",
        "Báo cáo tình hình thu ngân sách 5 tháng đầu năm",
        "Thông báo kết luận phiên họp Thường trực",
        10,
        40,
    ),
    ("UBND thị xã", "Trả lời kiến nghị về sửa chữa đường liên xã Phổ Nhơn", "Kiến nghị cử tri trước kỳ họp", 30, 45),
    ("Văn phòng thị xã", "Chuẩn bị tài liệu kỳ họp chuyên đề", "Kế hoạch tổ chức kỳ họp", 20, 20),
    ("Phòng TC-KH", "Rà soát các khoản nợ đọng xây dựng cơ bản", "Kết luận giám sát chuyên đề", 15, 18),
]
# The last one is reported done this many days before its deadline.
REPORTED_EARLY = 2


def seed(council: Council) -> None:
    if Obligation.objects.filter(council=council).exists():
        return
    end = min(dates.today(), LAST_DAY)  # the day the town's story is told from
    bodies = {b.short_name: b for b in Body.objects.filter(council=council)}
    created = []
    for short_name, title, source_label, days, age in DEMO:
        owner = bodies.get(short_name)
        if owner is None:
            continue
        obligation = services.obligation_create(
            council=council,
            owner=owner,
            title=title,
            kind=TASK,
            source_label=source_label,
            source_date=end - datetime.timedelta(days=age),
            days=days,
        )
        created.append(obligation)
    if created:
        # One reported done before its deadline, so the office has something to accept in the demo.
        done = created[-1]
        services.obligation_report(
            obligation=done,
            user=None,
            text="Đã rà soát, gửi kèm danh sách các khoản nợ đọng.",
            done=True,
            on=max(done.source_date, done.due_on - datetime.timedelta(days=REPORTED_EARLY)),
        )


# A step of a story happens at office hours: the first at 08:00, the next ones of the same day a little later.
STORY_HOUR = datetime.time(8, 0)
STEP = datetime.timedelta(minutes=10)


def _moment(day: datetime.date, index: int, now: datetime.datetime) -> datetime.datetime:
    """The step's moment in the story: office hours of its day, never later than `now` (a step of today made
    before 08:00 would otherwise be later than the clock)."""
    return min(timezone.make_aware(datetime.datetime.combine(day, STORY_HOUR)) + index * STEP, now)


def _story_days(obligation: Obligation, updates: list[ObligationUpdate], today: datetime.date) -> list[datetime.date]:
    """The day each step happened in the story, read from the obligation's own dates: given on its source's
    date, reported done on its report date, progress between, accepted or returned two days after the report;
    never before the step before it, nor after `today` (the story's last day: today, or the last day of a
    council that ceased)."""
    days: list[datetime.date] = []
    last_done = max((i for i, u in enumerate(updates) if u.action == Action.DONE), default=None)
    for index, update in enumerate(updates):
        before = days[-1] if days else obligation.source_date
        if update.action == Action.CREATE:
            day = obligation.source_date
        elif update.action == Action.DONE:
            day = obligation.reported_on or before
        elif update.action == Action.PROGRESS:
            until = obligation.reported_on if last_done is not None and index < last_done else None
            until = until or min(today, obligation.due_on)
            day = before + (max(until, before) - before) / 2
        elif update.action in (Action.ACCEPT, Action.RETURN):
            day = before + datetime.timedelta(days=2)
        else:
            day = before
        days.append(min(max(day, before), today))
    return days


def story_dates(*, since: datetime.datetime, until: datetime.date | None = None) -> int:
    """Date the timeline of every obligation a demo seeding made since `since` by its story, not by the
    seeding run: the seeders call the services as the screens do, so each step is stamped with the moment
    the seeding ran, and "Người giao" and "Tiến trình thực hiện" would show the day `make demo` ran as the
    day a task was given. In real use those moments are the day the office typed each step, which is what
    the timeline should keep (reception.selectors.progress_as_of reads the obligation's own dates for that
    reason); a demo's steps were typed by nobody, so they carry the story's days. The obligation's creation
    and closing moments and the history rows follow their step. Only steps made by the seeding (no user)
    since `since` move, so a demo visitor's own steps and a second run change nothing. Returns the steps
    dated.

    No step is dated after `until` (the last day of the story a seeding tells: the ceased town's last day),
    nor after its council's last day, nor after today; no moment is later than now."""
    history = Obligation.history.model
    update_history = ObligationUpdate.history.model
    now = timezone.now()
    today = min(dates.today(), until) if until is not None else dates.today()
    touched = Obligation.objects.filter(updates__created_at__gte=since, updates__user__isnull=True).distinct()
    moved: list[ObligationUpdate] = []
    for obligation in touched.select_related("council").prefetch_related("updates"):
        updates = sorted(obligation.updates.all(), key=lambda u: (u.created_at, u.pk))
        if any(u.created_at >= since and u.user_id is not None for u in updates):
            continue  # a visitor acted during the run: leave this timeline as it was typed
        seeded = [u.created_at >= since for u in updates]
        if not all(seeded):
            continue  # an older timeline (a demo database made before): left as it is
        originals = [u.created_at for u in updates]
        last = obligation.council.last_day
        end = min(today, last) if last is not None else today
        moments = [_moment(day, i, now) for i, day in enumerate(_story_days(obligation, updates, end))]
        for update, moment in zip(updates, moments, strict=True):
            update.created_at = moment
            moved.append(update)
            # Its saved versions keep its moment too, as when it happened and as the value they hold.
            update_history.objects.filter(id=update.pk, history_date__gte=since).update(
                history_date=moment, created_at=moment
            )
        closed = moments[-1] if obligation.state in (State.ACCEPTED, State.CANCELLED) else None
        Obligation.objects.filter(pk=obligation.pk).update(
            created_at=moments[0], closed_at=closed if closed is not None else obligation.closed_at
        )
        # Each saved version of the obligation is followed by the step it made: it takes that step's moment, and
        # holds the obligation's creation and closing moments of the story, not the seeding's.
        for row in history.objects.filter(id=obligation.pk, history_date__gte=since):
            after = [m for original, m in zip(originals, moments, strict=True) if original >= row.history_date]
            kept = {"closed_at": closed} if closed is not None and row.closed_at is not None else {}
            history.objects.filter(pk=row.pk).update(
                history_date=after[0] if after else moments[-1], created_at=moments[0], **kept
            )
    ObligationUpdate.objects.bulk_update(moved, ["created_at"], batch_size=500)
    return len(moved)
