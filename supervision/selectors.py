"""Every read of supervision, scoped to the council and shaped for fixed query counts."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from documents.models import Direction, Document
from followup.models import OPEN_STATES, Obligation, State
from followup.selectors import is_late, late_condition, overdue_on, with_lateness
from hdnd.dates import today  # re-exported: callers ask their app's selectors for the day
from hdnd.text import fold
from registry.calendar import successor_version
from registry.models import Body, BodyKind, Council, Delegate
from registry.rules import version_on
from supervision.models import (
    CONDUCTING_KINDS,
    BodyReport,
    MilestoneKey,
    MilestoneObligation,
    Programme,
    ProgrammeItem,
    ProgrammeKind,
    ProgrammeMilestone,
    ProgrammeMilestoneKey,
    Recommendation,
    Review,
    Round,
    RoundKind,
    RoundMember,
    WorkingSession,
)

DONE_STATES = (State.REPORTED_DONE, State.ACCEPTED)
# Every page or route that shows a round's milestones (or its due dates) loads their obligations with it.
MILESTONE_PREFETCH = Prefetch(
    "milestone_obligations", queryset=MilestoneObligation.objects.select_related("obligation").order_by("pk")
)
PROGRAMME_MILESTONE_PREFETCH = Prefetch(
    "milestone_obligations", queryset=ProgrammeMilestone.objects.select_related("obligation").order_by("pk")
)
WARN_DAYS = 7  # a milestone is "due soon" this many days ahead (the round page and the dashboard warn)
KIND_ORDER = {kind: i for i, kind in enumerate(CONDUCTING_KINDS)}


# Rounds ----------------------------------------------------------------------------------------


def round_list(
    *, council: Council, year: int | None = None, body: Body | None = None, search: str = "", published: bool = False
) -> QuerySet[Round]:
    """The council's rounds and surveys, newest first, with conducting body, supervised bodies and the number
    of recommendations loaded."""
    qs = Round.objects.filter(council=council)
    if year:
        qs = qs.filter(set_up_on__year=year)
    if body is not None:
        qs = qs.filter(body=body)
    if search:
        qs = qs.filter(subject_folded__contains=fold(search))
    if published:
        qs = qs.filter(published=True)
    return (
        qs.select_related("body")
        .prefetch_related(Prefetch("supervised", queryset=Body.objects.order_by("name")), MILESTONE_PREFETCH)
        .annotate(recommendation_count=Count("recommendations", distinct=True))
        .order_by("-set_up_on", "-pk")
    )


def _obligation_with_lateness(on: datetime.date) -> Prefetch:
    """A record's obligation with followup's `is_overdue` / `days_overdue` / `days_reported_late` read on
    `on` (`with_lateness`, the one definition of overdue), for `followup/_state.html`: one query."""
    return Prefetch("obligation", queryset=with_lateness(Obligation.objects.all(), on))


def round_get(*, council: Council, pk: int, published: bool = False, on: datetime.date | None = None) -> Round:
    """One round with everything its page shows; 404 outside the council (or unpublished, for the public).
    The obligations of its body reports, recommendations and supervised letters carry their lateness on
    `on` (today by default), as the follow-up screens show it. A fixed number of queries."""
    from reception.models import Case  # the letters whose resolution the round supervises (no identities)

    on = overdue_on(council, on)
    qs = Round.objects.filter(council=council)
    if published:
        qs = qs.filter(published=True)
    return get_object_or_404(
        qs.select_related("council", "body", "decision", "report", "item__programme", "created_by").prefetch_related(
            Prefetch("supervised", queryset=Body.objects.order_by("name")),
            MILESTONE_PREFETCH,
            Prefetch("members", queryset=RoundMember.objects.select_related("delegate__person")),
            Prefetch("sessions", queryset=WorkingSession.objects.select_related("body")),
            Prefetch(
                "body_reports",
                queryset=BodyReport.objects.select_related("body").prefetch_related(_obligation_with_lateness(on)),
            ),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("body")
                .prefetch_related(_obligation_with_lateness(on))
                .order_by("pk"),
            ),
            Prefetch(
                "reception_cases",
                queryset=Case.objects.select_related("letter", "competent_body")
                .prefetch_related(_obligation_with_lateness(on))
                .order_by("letter", "pk"),
            ),
        ),
        pk=pk,
    )


@dataclass
class Milestone:
    key: str
    label: str
    citation: str
    due_on: datetime.date | None
    done_on: datetime.date | None
    state: str  # "done", "late_done", "overdue", "soon", "pending", "unknown", "cancelled", "not_applicable"
    obligation: Obligation | None = None  # its follow-up (the "Vì sao hạn này" page is the obligation's)
    why_url: str = ""  # "Vì sao hạn này": the obligation's page, or the programme's for the proposals' day

    @property
    def state_label(self) -> str:
        return {
            "done": "Đã thực hiện",
            "late_done": "Đã thực hiện (trễ hạn)",
            "overdue": "Quá hạn",
            "soon": "Sắp đến hạn",
            "pending": "Chưa đến hạn",
            "unknown": "Chưa đủ dữ liệu để tính hạn",
            "cancelled": "Đã hủy theo dõi",
            "not_applicable": "Không áp dụng",
        }[self.state]

    @property
    def is_done(self) -> bool:
        """Done, on a known day or not (the proposals, collected outside the system, have none)."""
        return self.state in ("done", "late_done")

    @property
    def warn(self) -> bool:
        return self.state in ("overdue", "soon")


def _state(due_on: datetime.date | None, done_on: datetime.date | None, on: datetime.date) -> str:
    if done_on is not None:
        return "late_done" if due_on is not None and done_on > due_on else "done"
    if due_on is None:
        return "unknown"
    if due_on < on:
        return "overdue"
    return "soon" if (due_on - on).days <= WARN_DAYS else "pending"


def _cite(rule: str, day: datetime.date | None, phrase: str, phrase_unknown: str = "") -> str:
    """The legal basis of a due date, from the rule's version in force on `day` (the day its counting
    starts), so a round of 2026 never cites the law that ended on 28/02/2026. `phrase` may hold `{n}`,
    the version's number; a version without a number uses `phrase_unknown` (the council's regulation)."""
    version = version_on(rule, day or today())
    if version is None:
        return phrase_unknown or phrase.replace("{n} ", "")
    if version.value is None:
        text = phrase_unknown or "theo quy chế làm việc của Hội đồng"
    else:
        text = phrase.replace("{n}", str(version.value))
    return f"{version.citation}: {text}"


def review_reply_basis(on: datetime.date | None = None) -> str:
    """How long an issuer has to reply about an apparently unlawful document, with the basis in force."""
    return _cite("unlawful_document_reply_days", on, "trả lời trong {n} ngày")


def milestones(round: Round, on: datetime.date | None = None) -> list[Milestone]:
    """The legal milestones of a round on a day, read from their obligations (the one holder of their due
    dates and progress: an extension, a report or a cancellation on the follow-up screens shows here). A
    milestone is done on the day the round recorded, else on the day its obligation was reported done.
    Reads the prefetched `milestone_obligations` (MILESTONE_PREFETCH): no query of its own."""
    on = on or today()
    standing = round.body.kind == BodyKind.STANDING_COMMITTEE
    report_rule = "standing_round_report_after_end" if standing else "committee_round_report_after_end"
    rows = [
        (
            MilestoneKey.CONTENT,
            _cite("supervision_content_after_setup", round.set_up_on, "trong {n} ngày kể từ ngày thành lập đoàn"),
            round.content_sent_on,
        ),
        (
            MilestoneKey.SCHEDULE,
            _cite("supervision_schedule_before_visit", round.set_up_on, "chậm nhất {n} ngày trước ngày làm việc"),
            round.schedule_sent_on,
        ),
        (
            MilestoneKey.REPORT,
            _cite(report_rule, round.ends_on or round.set_up_on, "trong {n} ngày kể từ ngày kết thúc"),
            round.report_on,
        ),
        (
            MilestoneKey.CONSIDER,
            _cite(
                "standing_considers_report_within",
                round.report_on or round.ends_on or round.set_up_on,
                "trong {n} ngày kể từ ngày nhận báo cáo",
            ),
            round.considered_on,
        ),
    ]
    out = []
    for key, cite, recorded in rows:
        obligation = round.milestone_obligation(key)
        if obligation is None:
            out.append(Milestone(key, MilestoneKey(key).label, cite, None, recorded, _state(None, recorded, on)))
            continue
        done = recorded or (obligation.reported_on if obligation.state in DONE_STATES else None)
        state = "cancelled" if obligation.state == State.CANCELLED and done is None else None
        due = obligation.due_on if obligation.state != State.CANCELLED else None
        out.append(Milestone(key, MilestoneKey(key).label, cite, due, done, state or _state(due, done, on), obligation))
    return out


def _round_warning(council: Council, on: datetime.date) -> Q:
    """Rounds with something to act on: a legal milestone overdue or due within WARN_DAYS days, or a report
    asked of a supervised body or a recommendation overdue. Overdue is followup's `late_condition` (work
    still owed past its deadline), read from the obligations, the one holder of their state: a report sent
    late waits for the office, it is not overdue. Subqueries only: no query of its own."""
    obligations = Obligation.objects.filter(council=council)
    late = obligations.filter(late_condition(on))
    soon = Q(state__in=OPEN_STATES, due_on__gte=on, due_on__lte=on + datetime.timedelta(days=WARN_DAYS))
    milestones_due = obligations.filter(late_condition(on) | soon)
    return (
        Q(pk__in=MilestoneObligation.objects.filter(obligation__in=milestones_due).values("round_id"))
        | Q(pk__in=BodyReport.objects.filter(obligation__in=late).values("round_id"))
        | Q(pk__in=Recommendation.objects.filter(obligation__in=late).values("round_id"))
    )


def rounds_to_watch(*, council: Council, on: datetime.date | None = None) -> QuerySet[Round]:
    """Rounds with a milestone not done that is overdue or due within WARN_DAYS days, or with a body's
    report or a recommendation overdue (`_round_warning`): the round list's warning filter and the home
    page's card."""
    return round_list(council=council).filter(_round_warning(council, overdue_on(council, on)))


def delegate_choices(*, council: Council, on: datetime.date | None = None) -> QuerySet[Delegate]:
    """Delegates of the council (in office on a day when given), for choosing members."""
    qs = Delegate.objects.filter(term__council=council).select_related("person")
    if on is not None:
        qs = qs.filter(elected_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
    return qs.order_by("person__full_name", "pk")


def conducting_bodies(*, council: Council) -> QuerySet[Body]:
    return Body.objects.filter(council=council, active=True, kind__in=CONDUCTING_KINDS).order_by("kind", "name")


def bodies(*, council: Council) -> QuerySet[Body]:
    return Body.objects.filter(council=council, active=True).order_by("name")


def document_choices(*, council: Council, direction: str | None = None) -> QuerySet[Document]:
    qs = Document.objects.filter(council=council)
    if direction:
        qs = qs.filter(direction=direction)
    return qs.order_by("-pk")


# Recommendations report ------------------------------------------------------------------------


def recommendation_status(rec: Recommendation, on: datetime.date) -> str:
    """done (accepted), overdue (still owed past its deadline), in_progress (a report waiting for acceptance
    too), cancelled — the follow-up engine's definition of lateness (followup.selectors.late_condition)."""
    o = rec.obligation
    if o.state == State.ACCEPTED:
        return "done"
    if o.state == State.CANCELLED:
        return "cancelled"
    if is_late(o, on):
        return "overdue"
    return "in_progress"


STATUS_LABELS = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "overdue": "Quá hạn",
    "cancelled": "Đã hủy",
}


@dataclass
class BodyLine:
    body: Body
    total: int = 0
    done: int = 0
    in_progress: int = 0
    overdue: int = 0


@dataclass
class RecommendationReport:
    year: int
    on: datetime.date
    rows: list[tuple[Recommendation, str]]  # this year's and earlier years' still open, with their status
    by_body: list[BodyLine]
    total: int = 0
    done: int = 0
    in_progress: int = 0
    overdue: int = 0
    earlier_open: int = 0

    @property
    def this_year(self) -> list[tuple[Recommendation, str]]:
        return [(r, s) for r, s in self.rows if r.made_on.year == self.year]

    @property
    def earlier(self) -> list[tuple[Recommendation, str]]:
        return [(r, s) for r, s in self.rows if r.made_on.year < self.year]


def recommendation_report(*, council: Council, year: int, on: datetime.date | None = None) -> RecommendationReport:
    """The state of recommendations for the next session: those made in `year`, and those of earlier years
    still not accepted, each done / in progress / overdue on `on`, and the same counts by addressee.
    Cancelled recommendations are left out. Two queries whatever the number of rows."""
    on = overdue_on(council, on)
    still_open = [*OPEN_STATES, State.REPORTED_DONE]
    qs = (
        Recommendation.objects.filter(round__council=council, made_on__year__lte=year)
        .filter(Q(made_on__year=year) | Q(obligation__state__in=still_open))
        .exclude(obligation__state=State.CANCELLED)
        .select_related("round__body", "body", "obligation")
        .order_by("body__name", "made_on", "pk")
    )
    report = RecommendationReport(year=year, on=on, rows=[], by_body=[])
    lines: dict[int, BodyLine] = {}
    for rec in qs:
        status = recommendation_status(rec, on)
        report.rows.append((rec, status))
        line = lines.setdefault(rec.body_id, BodyLine(body=rec.body))
        line.total += 1
        setattr(line, status, getattr(line, status) + 1)
        report.total += 1
        setattr(report, status, getattr(report, status) + 1)
        report.earlier_open += rec.made_on.year < year
    report.by_body = sorted(lines.values(), key=lambda line: (-line.overdue, line.body.name))
    return report


# Counts for the annual report ------------------------------------------------------------------


@dataclass
class BodyRounds:
    body: Body
    supervisions: list[Round] = field(default_factory=list)
    surveys: list[Round] = field(default_factory=list)

    @property
    def text(self) -> str:
        """ "Ban Kinh tế - Xã hội: 02 đợt giám sát" (seed 000, the counts written with two digits)."""
        parts = []
        if self.supervisions:
            parts.append(f"{len(self.supervisions):02d} đợt giám sát")
        if self.surveys:
            parts.append(f"{len(self.surveys):02d} đợt khảo sát")
        return f"{self.body.short_name or self.body.name}: {' và '.join(parts)}"

    @property
    def footnote(self) -> str:
        """The subjects, as seed 000's footnotes list them: "Về …; về …"."""
        items = []
        for r in [*self.supervisions, *self.surveys]:
            label = r.supervised_label or ", ".join(b.short_name or b.name for b in r.supervised.all())
            items.append(f"về {r.subject}" + (f" đối với {label}" if label else ""))
        text = "; ".join(items)
        return (text[:1].upper() + text[1:] + ".") if text else ""


@dataclass
class SupervisionCounts:
    year: int
    bodies: list[BodyRounds]
    recommendations: RecommendationReport

    @property
    def supervision_count(self) -> int:
        return sum(len(b.supervisions) for b in self.bodies)

    @property
    def survey_count(self) -> int:
        return sum(len(b.surveys) for b in self.bodies)

    @property
    def text(self) -> str:
        """ "Thường trực HĐND: 01 đợt giám sát và 01 đợt khảo sát; Ban Kinh tế - Xã hội: 02 đợt giám sát"."""
        return "; ".join(b.text for b in self.bodies)


def supervision_counts(*, council: Council, year: int, on: datetime.date | None = None) -> SupervisionCounts:
    """Rounds and surveys set up in `year` by conducting body (standing committee, committees, delegate
    groups, in that order), each body's subjects and supervised bodies, and the recommendations report.
    A fixed number of queries."""
    groups: dict[int, BodyRounds] = {}
    for r in round_list(council=council, year=year).order_by("set_up_on", "pk"):
        group = groups.setdefault(r.body_id, BodyRounds(body=r.body))
        (group.surveys if r.kind == RoundKind.SURVEY else group.supervisions).append(r)
    ordered = sorted(groups.values(), key=lambda g: (KIND_ORDER.get(g.body.kind, 99), g.body.name))
    return SupervisionCounts(
        year=year, bodies=ordered, recommendations=recommendation_report(council=council, year=year, on=on)
    )


# Programmes ------------------------------------------------------------------------------------


def programme_list(*, council: Council, year: int | None = None, published: bool = False) -> QuerySet[Programme]:
    """The council's programmes, newest year first, with body, the number of items and the milestones'
    obligations (their due dates)."""
    qs = Programme.objects.filter(council=council)
    if year:
        qs = qs.filter(year=year)
    if published:
        qs = qs.filter(published=True)
    return (
        qs.select_related("body", "resolution")
        .prefetch_related(PROGRAMME_MILESTONE_PREFETCH)
        .annotate(item_count=Count("items"))
        .order_by("-year", "kind", "pk")
    )


def programme_get(*, council: Council, pk: int, published: bool = False) -> Programme:
    """One programme with its items, each with its conducting body and the rounds that carried it out, and
    the milestones' obligations."""
    qs = Programme.objects.filter(council=council)
    if published:
        qs = qs.filter(published=True)
    items = ProgrammeItem.objects.select_related("body").prefetch_related(
        Prefetch("rounds", queryset=Round.objects.order_by("set_up_on", "pk"))
    )
    return get_object_or_404(
        qs.select_related("council", "body", "resolution").prefetch_related(
            Prefetch("items", queryset=items), PROGRAMME_MILESTONE_PREFETCH
        ),
        pk=pk,
    )


def proposals_why_url(programme: Programme) -> str:
    """The "Vì sao hạn này" page of the proposals' day ("" when the programme has none to explain)."""
    return reverse("supervision:programme_proposals_why", args=[programme.pk]) if programme.proposals_basis else ""


def proposals_why(programme: Programme) -> dict:
    """The stored basis of the proposals' day with its days as dates (for the page; the API gives it as is),
    and the version that replaced the one used when that one has ended (`successor`)."""
    out = dict(programme.proposals_basis)
    for name in ("valid_from", "valid_to", "due"):
        out[name] = datetime.date.fromisoformat(out[name]) if out.get(name) else None
    if out.get("rule"):
        from_setting = bool(out.get("from_setting"))
        out["successor"] = successor_version(programme.council, out["rule"], out["valid_to"], from_setting=from_setting)
    return out


def programme_milestones(programme: Programme, on: datetime.date | None = None) -> list[Milestone]:
    """The programme's legal due dates with their state on a day: the proposals' day (a date-type rule,
    explained by its own "Vì sao hạn này"), then the draft, the adoption and the results report read from
    their obligations (an extension, a report or a cancellation on the follow-up screens shows here); a
    programme other than the council's shows its results session as a plain date (no rule sets it).
    Reads the prefetched `milestone_obligations` (PROGRAMME_MILESTONE_PREFETCH): no query of its own."""
    on = on or today()
    out = []
    basis = programme.proposals_basis
    if basis:
        citation = basis.get("citation", "")
        if basis.get("missing"):
            citation += ": chưa có ngày theo quy định, Văn phòng cần thiết lập trong phần Cài đặt"
        elif basis.get("not_applicable"):
            citation += f". {basis['note']}"
        else:
            citation += f": chậm nhất ngày {basis['value_label']} năm trước"
        due = programme.proposals_due_on
        # Proposals are collected outside the system: past their day they are taken as done.
        state = "not_applicable" if basis.get("not_applicable") else _state(due, None, on)
        out.append(
            Milestone(
                "proposals",
                "Gửi đề xuất nội dung giám sát",
                citation,
                due,
                None,
                "done" if state == "overdue" else state,
                why_url=proposals_why_url(programme),
            )
        )
    recorded = {
        ProgrammeMilestoneKey.DRAFT: programme.draft_sent_on,
        ProgrammeMilestoneKey.ADOPT: programme.adopted_on,
        ProgrammeMilestoneKey.RESULTS: programme.results_reported_on,
    }
    for key in ProgrammeMilestoneKey.values:
        obligation = programme.milestone_obligation(key)
        if obligation is None:
            continue
        done = recorded[key] or (obligation.reported_on if obligation.state in DONE_STATES else None)
        state = "cancelled" if obligation.state == State.CANCELLED and done is None else None
        due = obligation.due_on if obligation.state != State.CANCELLED else None
        label = ProgrammeMilestoneKey(key).label
        if key == ProgrammeMilestoneKey.ADOPT and programme.kind == ProgrammeKind.COUNCIL:
            label = "Trình HĐND thông qua chương trình"
        why = reverse("followup:obligation_why", args=[obligation.pk]) if due else ""
        out.append(
            Milestone(key, label, obligation.due_citation, due, done, state or _state(due, done, on), obligation, why)
        )
    if programme.results_session_on and programme.kind != ProgrammeKind.COUNCIL:
        out.append(
            Milestone(
                ProgrammeMilestoneKey.RESULTS,
                ProgrammeMilestoneKey.RESULTS.label,
                "Ngày kỳ họp báo cáo kết quả do Văn phòng ghi",
                programme.results_session_on,
                programme.results_reported_on,
                _state(programme.results_session_on, programme.results_reported_on, on),
            )
        )
    return out


def programmes_to_watch(*, council: Council, on: datetime.date | None = None) -> QuerySet[Programme]:
    """Programmes with a draft or an adoption not done whose obligation is overdue or due within WARN_DAYS."""
    soon = overdue_on(council, on) + datetime.timedelta(days=WARN_DAYS)
    due = ProgrammeMilestone.objects.filter(obligation__state__in=OPEN_STATES, obligation__due_on__lte=soon)
    return programme_list(council=council).filter(pk__in=due.values("programme_id"))


# Regular supervision ---------------------------------------------------------------------------


def review_list(*, council: Council, outcome: str = "") -> QuerySet[Review]:
    """Documents under regular supervision, newest first, with document, issuer and obligation loaded."""
    qs = Review.objects.filter(council=council)
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs.select_related("council", "document__sender_body", "obligation").order_by("-pk")


def review_get(*, council: Council, pk: int) -> Review:
    return get_object_or_404(
        Review.objects.select_related("document__sender_body", "obligation"), council=council, pk=pk
    )


def incoming_not_reviewed(*, council: Council) -> QuerySet[Document]:
    """Incoming documents not yet in the review register, for choosing one."""
    return (
        Document.objects.filter(council=council, direction=Direction.INCOMING)
        .exclude(pk__in=Review.objects.filter(council=council).values("document_id"))
        .order_by("-received_on", "-pk")
    )


# --- The public portal (issue 20) ---


def public_rounds(*, council: Council, search: str = "") -> QuerySet[Round]:
    """The council's published rounds, newest first, with their recommendations (body and obligation
    loaded) so each one's state is read from its obligation without another query."""
    return round_list(council=council, search=search, published=True).prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.select_related("body", "obligation").order_by("pk"))
    )


def public_recommendation_states(round: Round, on: datetime.date) -> dict[str, int]:
    """How many of a loaded round's recommendations are done, in progress, overdue, cancelled (labels)."""
    counts: dict[str, int] = {}
    for rec in round.recommendations.all():
        label = STATUS_LABELS[recommendation_status(rec, on)]
        counts[label] = counts.get(label, 0) + 1
    return counts
