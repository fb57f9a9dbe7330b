"""Every read of the sessions app, scoped to the council and shaped for fixed query counts.

The annual report (reports app) calls `plenary_counts(council=, year=)` and `lateness_report(council=,
year=)`; both work from the records only.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from documents.models import State as DocumentState
from followup.models import OPEN_STATES
from hdnd import dates
from hdnd.text import fold
from plenary.models import (
    AnswerMode,
    Attendance,
    DocumentOpen,
    GroupDiscussion,
    Presence,
    Question,
    Resolution,
    Session,
    SessionDocument,
    SessionKind,
    SessionState,
    Speech,
    Submission,
)
from registry.access import agency_bodies, grants_of
from registry.models import Council, Delegate, Role
from registry.selectors import delegates_in_office


def session_list(*, council: Council, year: int | None = None) -> QuerySet[Session]:
    """Sessions of the council (optionally those opening in a year), with their counts, newest first."""
    qs = (
        Session.objects.filter(council=council)
        .select_related("term")
        .annotate(
            submission_count=Count("submissions", distinct=True),
            resolution_count=Count("submissions__resolution", distinct=True),
        )
    )
    if year:
        qs = qs.filter(opens_on__year=year)
    return qs.order_by("-opens_on", "-number")


def _submissions() -> QuerySet[Submission]:
    return Submission.objects.select_related(
        "agency",
        "verification__committee",
        "verification__report",
        "verification__obligation",
        "vote",
        "resolution__document",
    ).order_by("obligation_due_on", "pk")


def session_held_on(council: Council, day: datetime.date) -> tuple[str, str] | None:
    """The council's session opening or closing on `day` (planned or actual dates), as a supervision
    programme names its session: ("Kỳ họp thứ 7, ngày 12/07/2023", its page). One query."""
    on_day = Q(opens_on=day) | Q(opened_on=day) | Q(closes_on=day) | Q(closed_on=day)
    session = Session.objects.filter(on_day, council=council).order_by("opens_on", "pk").first()
    if session is None:
        return None
    return f"{session}, ngày {dates.format_date(day)}", reverse("plenary:session_detail", args=[session.pk])


def session_get(*, council: Council, pk: int) -> Session:
    """A session of the council with its agenda, submissions (verification, vote, resolution), questions
    and documents loaded in a fixed number of queries; 404 outside the council."""
    questions = Question.objects.select_related("delegate__person", "addressee", "addressee_body")
    return get_object_or_404(
        Session.objects.select_related("term", "council", "convening_document", "minutes_document").prefetch_related(
            "agenda",
            Prefetch("submissions", queryset=_submissions()),
            Prefetch("questions", queryset=questions.prefetch_related("commitments__next_session")),
            Prefetch(
                "documents",
                queryset=SessionDocument.objects.select_related("document", "submission").annotate(
                    open_count=Count("opens")
                ),
            ),
            Prefetch("speeches", queryset=Speech.objects.select_related("delegate__person", "item")),
            Prefetch("group_discussions", queryset=GroupDiscussion.objects.select_related("group")),
        ),
        council=council,
        pk=pk,
    )


def submission_get(*, council: Council, pk: int) -> Submission:
    return get_object_or_404(_submissions().select_related("session__council"), session__council=council, pk=pk)


def question_get(*, council: Council, pk: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("session__council", "delegate__person", "addressee", "addressee_body"),
        session__council=council,
        pk=pk,
    )


def questions_unanswered(*, council: Council, delegate: Delegate) -> QuerySet[Question]:
    """The delegate's questions still owed an answer: none given yet, or a written one whose obligation is
    open (not reported, or returned by the office); a written answer reported on the follow-up screens or
    a cancelled obligation takes the question off."""
    written_open = Q(mode=AnswerMode.IN_WRITING) & (
        Q(obligation_state__isnull=True) | Q(obligation_state__in=OPEN_STATES)
    )
    return (
        Question.objects.filter(session__council=council, delegate=delegate)
        .filter(Q(mode=AnswerMode.PENDING) | written_open)
        .select_related("session", "addressee")
        .order_by("asked_on", "pk")
    )


def later_sessions(*, session: Session) -> QuerySet[Session]:
    return Session.objects.filter(council_id=session.council_id, opens_on__gt=session.opens_on).order_by("opens_on")


# Lateness --------------------------------------------------------------------------------------


@dataclass
class SessionLateness:
    session: Session
    late: list[Submission] = field(default_factory=list)
    incomplete: list[Submission] = field(default_factory=list)
    total: int = 0


@dataclass
class AgencyLateness:
    name: str
    total: int = 0
    late: int = 0
    incomplete: int = 0
    days_late: int = 0


@dataclass
class LatenessReport:
    year: int
    sessions: list[SessionLateness]
    agencies: list[AgencyLateness]
    sentence: str


def lateness_sentence(numbers: list[int]) -> str:
    """The sentence of the annual report on late preparation ("chỉ còn nội dung tại kỳ họp thứ 21 chuẩn bị chậm")."""
    if not numbers:
        return "không có nội dung trình kỳ họp nào chuẩn bị chậm"
    if len(numbers) == 1:
        return f"chỉ còn nội dung tại kỳ họp thứ {numbers[0]} chuẩn bị chậm"
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" và {numbers[-1]}"
    return f"còn nội dung tại các kỳ họp thứ {listed} chuẩn bị chậm"


def lateness_report(*, council: Council, year: int, on: datetime.date | None = None) -> LatenessReport:
    """Late and incomplete submissions of the sessions opening in `year`, per session and per agency
    (two queries). A file still missing counts as late from its due date up to `on` (today)."""
    on = on or dates.today()
    sessions = list(
        Session.objects.filter(council=council, opens_on__year=year)
        .prefetch_related(Prefetch("submissions", queryset=Submission.objects.select_related("agency")))
        .order_by("opens_on", "number")
    )
    rows, agencies = [], {}
    for session in sessions:
        row = SessionLateness(session=session)
        for sub in session.submissions.all():
            row.total += 1
            agency = agencies.setdefault(sub.agency_id, AgencyLateness(name=sub.agency.name))
            agency.total += 1
            late = sub.days_late(on)
            sub.late_days = late
            if late:
                row.late.append(sub)
                agency.late += 1
                agency.days_late += late
            if sub.is_incomplete:
                row.incomplete.append(sub)
                agency.incomplete += 1
        rows.append(row)
    late_numbers = [r.session.number for r in rows if r.late]
    ranked = sorted(agencies.values(), key=lambda a: (-a.late, -a.incomplete, -a.days_late, a.name))
    return LatenessReport(year=year, sessions=rows, agencies=ranked, sentence=lateness_sentence(late_numbers))


# Counts for the annual report ------------------------------------------------------------------


def plenary_counts(*, council: Council, year: int) -> dict:
    """The session figures of a year, from the records: sessions by kind (of those opening in the year)
    and resolutions passed (voted in the year and issued) — one number, with the records behind it."""
    sessions = list(Session.objects.filter(council=council, opens_on__year=year).order_by("opens_on", "number"))
    by_kind = {kind: 0 for kind in SessionKind.values}
    for session in sessions:
        by_kind[session.kind] += 1
    resolutions = list(
        Resolution.objects.filter(submission__session__council=council, passed_on__year=year)
        .select_related("document", "submission__session")
        .order_by("passed_on", "pk")
    )
    return {
        "year": year,
        "sessions": len(sessions),
        "sessions_by_kind": by_kind,
        "regular_sessions": by_kind[SessionKind.REGULAR_MID] + by_kind[SessionKind.REGULAR_END],
        "thematic_sessions": by_kind[SessionKind.THEMATIC],
        "extraordinary_sessions": by_kind[SessionKind.EXTRAORDINARY],
        "resolutions_passed": len(resolutions),
        "session_records": sessions,
        "resolution_records": resolutions,
    }


# Documents to delegates ------------------------------------------------------------------------


def delegate_for_user(user: AbstractBaseUser | AnonymousUser, council: Council) -> Delegate | None:
    """The delegate a user's "Đại biểu" role names (its person, in a term of the council), if any."""
    people = [g.person_id for g in grants_of(user, council) if g.role == Role.DELEGATE and g.person_id]
    if not people:
        return None
    return (
        Delegate.objects.filter(term__council=council, person_id__in=people)
        .select_related("person")
        .order_by("-elected_on")
        .first()
    )


def my_documents(*, council: Council, delegate: Delegate, on: datetime.date) -> QuerySet[SessionDocument]:
    """Documents sent to delegates for sessions not yet closed on `on`, marking those this delegate opened."""
    opened = DocumentOpen.objects.filter(session_document=OuterRef("pk"), delegate=delegate)
    return (
        SessionDocument.objects.filter(session__council=council, sent_on__isnull=False, sent_on__lte=on)
        .filter(Q(session__closed_on__isnull=True, session__closes_on__gte=on) | Q(session__closed_on__gte=on))
        .select_related("session")
        .annotate(opened=Exists(opened))
        .order_by("session__opens_on", "pk")
    )


def session_document_get(*, council: Council, pk: int) -> SessionDocument:
    return get_object_or_404(
        SessionDocument.objects.select_related("session", "submission"), session__council=council, pk=pk
    )


def not_opened(*, session: Session) -> list[tuple[SessionDocument, list[Delegate]]]:
    """For each document sent, the delegates in office who have not opened it (three queries)."""
    docs = list(session.documents.filter(sent_on__isnull=False).prefetch_related("opens").order_by("pk"))
    delegates = list(
        delegates_in_office(council=session.council, on=session.opens_on)
        .select_related("person")
        .order_by("person__name_folded", "pk")
    )
    result = []
    for doc in docs:
        opened = {o.delegate_id for o in doc.opens.all()}
        result.append((doc, [d for d in delegates if d.pk not in opened]))
    return result


# During the session ----------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    delegate: Delegate
    presence: str = ""
    reason: str = ""


def attendance_grid(*, session: Session, day: datetime.date) -> list[AttendanceRow]:
    """Every delegate in office on a sitting day with what was recorded for them (two queries)."""
    recorded = {a.delegate_id: a for a in Attendance.objects.filter(session=session, day=day)}
    delegates = (
        delegates_in_office(council=session.council, on=day)
        .select_related("person", "group")
        .order_by("group__name", "person__name_folded", "pk")
    )
    rows = []
    for delegate in delegates:
        row = recorded.get(delegate.pk)
        rows.append(AttendanceRow(delegate, row.presence if row else "", row.reason if row else ""))
    return rows


def sitting_days(session: Session) -> list[datetime.date]:
    first, last = session.opened_on or session.opens_on, session.closed_on or session.closes_on
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


def speech_list(*, session: Session) -> QuerySet[Speech]:
    return session.speeches.select_related("delegate__person", "item").order_by("spoken_on", "pk")


def group_discussion_list(*, session: Session) -> QuerySet[GroupDiscussion]:
    return session.group_discussions.select_related("group").order_by("held_on", "pk")


def group_discussion_get(*, council: Council, pk: int) -> GroupDiscussion:
    return get_object_or_404(
        GroupDiscussion.objects.select_related("session", "group"), session__council=council, pk=pk
    )


# Agencies --------------------------------------------------------------------------------------


def agency_submissions(*, user: AbstractBaseUser | AnonymousUser, council: Council) -> QuerySet[Submission]:
    """The submissions owed by the agencies the user answers for (an agency user's grants), and nothing else;
    newest session first, then by due date."""
    return (
        Submission.objects.filter(session__council=council, agency_id__in=agency_bodies(user, council))
        .select_related("session", "agency", "verification__obligation")
        .order_by("-session__opens_on", "obligation_due_on", "pk")
    )


# Public ----------------------------------------------------------------------------------------


def public_sessions(*, council_id: int) -> QuerySet[Session]:
    """Sessions of a council that have at least one public document, newest first (no login)."""
    public = SessionDocument.objects.filter(session=OuterRef("pk"), public=True)
    return (
        Session.objects.filter(council_id=council_id)
        .filter(Exists(public))
        .select_related("council", "term")
        .annotate(public_count=Count("documents", filter=Q(documents__public=True)))
        .order_by("-opens_on", "-number")
    )


def public_session_get(*, council_id: int, pk: int) -> tuple[Session, list[SessionDocument]]:
    """A session and its public documents only; 404 when it has none."""
    session = get_object_or_404(Session.objects.select_related("council", "term"), council_id=council_id, pk=pk)
    docs = list(session.documents.filter(public=True).select_related("document").order_by("pk"))
    if not docs:
        raise Http404("Không có tài liệu công khai.")
    return session, docs


def downloadable_q() -> Q:
    """The one rule of a public session document's download, for `plenary:public_file`, the portal's and
    the public session page's links and open data's files and bulk export (`SessionDocument.is_downloadable`
    in Python): something to serve — its uploaded file, or its register document past the draft — and a
    register document not withdrawn. A withdrawn document (thu hồi) is not served at all, its uploaded copy
    neither: it was taken back as no longer valid, and a copy handed out with a notice would still
    circulate without it; its title stays listed, marked withdrawn. The safer of the two ways."""
    withdrawn = Q(document__isnull=False, document__state=DocumentState.WITHDRAWN)
    something = ~Q(file="") | (Q(document__isnull=False) & ~Q(document__state=DocumentState.DRAFT))
    return something & ~withdrawn


def public_document_get(*, pk: int) -> SessionDocument:
    """A session document marked public that may be downloaded (`downloadable_q`); 404 otherwise, whatever
    exists behind the number."""
    return get_object_or_404(
        SessionDocument.objects.select_related("document", "session").filter(downloadable_q()), pk=pk, public=True
    )


def attendance_counts(session: Session) -> list[dict]:
    """Per sitting day recorded: present, excused, absent, and the delegates in office that day (the base
    the law counts from). Two queries plus one per day recorded (a session sits a few days)."""
    rows = (
        Attendance.objects.filter(session=session)
        .values("day")
        .annotate(
            present=Count("pk", filter=Q(presence=Presence.PRESENT)),
            excused=Count("pk", filter=Q(presence=Presence.EXCUSED)),
            absent=Count("pk", filter=Q(presence=Presence.ABSENT)),
        )
        .order_by("day")
    )
    result = []
    for row in rows:
        row["in_office"] = delegates_in_office(council=session.council, on=row["day"]).count()
        result.append(row)
    return result


# --- The public portal (issue 20) ---


def _published_resolution() -> Q:
    return Q(resolution__document__state=DocumentState.PUBLISHED)


def public_session_list(*, council_id: int) -> QuerySet[Session]:
    """The sessions the public knows of: convened or later (the convening decision is public), or with a
    public document; newest first, with the number of agenda items and public documents."""
    public = SessionDocument.objects.filter(session=OuterRef("pk"), public=True)
    return (
        Session.objects.filter(council_id=council_id)
        .filter(~Q(state=SessionState.PLANNED) | Exists(public))
        .select_related("term")
        .annotate(
            agenda_count=Count("agenda", distinct=True),
            public_count=Count("documents", filter=Q(documents__public=True), distinct=True),
        )
        .order_by("-opens_on", "-number")
    )


@dataclass
class PublicSession:
    session: Session
    agenda: list
    documents: list[SessionDocument]
    votes: list[Submission]


def public_session_detail(*, council_id: int, pk: int) -> PublicSession:
    """A public session with its agenda, public documents, and its drafts' votes: a vote is shown once the
    session has closed or the resolution it led to is published (as the council publishes its results)."""
    session = get_object_or_404(public_session_list(council_id=council_id), pk=pk)
    docs = list(session.documents.filter(public=True).select_related("document").order_by("pk"))
    votes = Submission.objects.filter(session=session, vote__isnull=False)
    if session.state != SessionState.CLOSED:
        votes = votes.filter(_published_resolution())
    votes = list(votes.select_related("vote", "resolution__document").order_by("pk"))
    for submission in votes:
        resolution = getattr(submission, "resolution", None)
        submission.public_resolution = (
            resolution if resolution is not None and resolution.document.state == DocumentState.PUBLISHED else None
        )
    return PublicSession(session, list(session.agenda.order_by("order", "pk")), docs, votes)


def public_resolutions(*, council_id: int, search: str = "") -> QuerySet[Resolution]:
    """The council's resolutions whose document is published, newest first, with vote and session."""
    qs = Resolution.objects.filter(submission__session__council_id=council_id, document__state=DocumentState.PUBLISHED)
    if search:
        key = fold(search)
        qs = qs.filter(Q(document__subject_folded__contains=key) | Q(document__number_folded__contains=key))
    return qs.select_related("document", "submission__session", "submission__vote").order_by("-passed_on", "-pk")


@dataclass
class DelegateRecord:
    attended: list[dict] = field(default_factory=list)
    speeches: list[Speech] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


def public_delegate_record(*, delegate: Delegate) -> DelegateRecord:
    """A delegate's public record in sessions: days present per session, speeches, questions (three
    queries whatever the number)."""
    attended = list(
        Attendance.objects.filter(delegate=delegate)
        .values("session_id", "session__number", "session__opens_on")
        .annotate(
            days=Count("pk"),
            present=Count("pk", filter=Q(presence=Presence.PRESENT)),
        )
        .order_by("-session__opens_on")
    )
    speeches = list(
        Speech.objects.filter(delegate=delegate).select_related("session", "item").order_by("-spoken_on", "-pk")
    )
    questions = list(
        Question.objects.filter(delegate=delegate)
        .select_related("session", "addressee", "addressee_body")
        .order_by("-asked_on", "-pk")
    )
    return DelegateRecord(attended, speeches, questions)
