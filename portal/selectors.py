"""The portal's reads: each app's public selectors put together for a council's pages, its search and
its feed. Only published records ever reach these; each function runs a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from consultation import selectors as consultation
from consultation.models import Consultation
from documents import selectors as documents
from documents.models import Document
from petitions import selectors as petitions
from petitions.models import Petition, with_answer_q
from plenary import selectors as plenary
from plenary.models import Resolution, Session, SessionState
from reception.selectors import public_slots
from registry import selectors as registry
from registry.models import Council, Delegate, Term
from registry.selectors import public_council_q, term_current
from supervision import selectors as supervision
from supervision.models import Round

# How many of each kind the council's home page and a search answer show.
OVERVIEW_ROWS = 5
SEARCH_ROWS = 20
FEED_ROWS = 30


def as_of(council: Council, today: datetime.date) -> datetime.date:
    """The day a council's public page describes: today, or its last day of work once it has ceased (its
    term, delegates and members as they were then, never "now")."""
    last = council.last_day
    return min(today, last) if last is not None else today


@dataclass
class Overview:
    upcoming: list[Session]
    sessions: list[Session]
    resolutions: list[Resolution]
    documents: list[Document]
    rounds: list[Round]
    slots: list
    delegate_count: int
    consultations: list[Consultation] = field(default_factory=list)
    term: Term | None = None


def council_overview(*, council: Council, today: datetime.date) -> Overview:
    """What a council's home page shows: the latest of each section, the drafts open for opinions, and the
    term of `as_of` (the current one, or the one a ceased council ended with) with its number of delegates
    (nine queries)."""
    term = term_current(council=council, on=as_of(council, today))
    sessions = list(plenary.public_session_list(council_id=council.pk)[:OVERVIEW_ROWS])
    upcoming = [s for s in sessions if s.state != SessionState.CLOSED and s.closes_on >= today]
    return Overview(
        upcoming=upcoming,
        sessions=sessions,
        resolutions=list(plenary.public_resolutions(council_id=council.pk)[:OVERVIEW_ROWS]),
        documents=list(documents.public_list(council=council.pk)[:OVERVIEW_ROWS]),
        rounds=list(supervision.round_list(council=council, published=True)[:OVERVIEW_ROWS]),
        slots=list(public_slots(council=council, since=today).order_by("day")[:OVERVIEW_ROWS]),
        delegate_count=Delegate.objects.filter(term=term).count() if term else 0,
        consultations=list(consultation.public_open(council=council, today=today)[:OVERVIEW_ROWS]),
        term=term,
    )


def petition_counts_by_place(*, council: Council) -> list[dict]:
    """The council's published petitions counted by village or residential group (a commune or ward council
    meets its voters there: it has no communes below it), each origin of an aggregate under its own, with
    how many have an answer (one query)."""
    answered = with_answer_q()
    return list(
        Petition.objects.filter(
            public_council_q("round__council__"),
            council=council,
            round__published=True,
            complaint=False,
            is_aggregate=False,
            contact_place__isnull=False,
        )
        .values("contact_place_id", "contact_place__name")
        .annotate(n=Count("pk"), answered=Count("pk", filter=answered))
        .order_by("contact_place__name")
    )


@dataclass
class Results:
    councils: list[Council] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    petitions: list = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    delegates: list[Delegate] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(rows)
            for rows in (
                self.councils,
                self.documents,
                self.petitions,
                self.rounds,
                self.delegates,
                self.consultations,
            )
        )


def search(*, query: str, council: Council | None, today: datetime.date) -> Results:
    """Published records matching `query` without regard to diacritics ("duong" finds "đường"), in one
    council or (None) in every public one: documents and resolutions, voters' petitions and answers, drafts
    put out for opinions, supervision rounds and delegates of the council; councils by name nationally."""
    results = Results()
    if not query.strip():
        return results
    found = documents.public_list(council=council.pk if council else None, search=query)
    results.documents = list(found.filter(public_council_q("council__"))[:SEARCH_ROWS])
    results.petitions = list(petitions.public_council_petitions(council=council, search=query)[:SEARCH_ROWS])
    results.consultations = list(consultation.public_search(council=council, search=query)[:SEARCH_ROWS])
    if council is None:
        results.councils = list(registry.public_councils(search=query)[:SEARCH_ROWS])
    else:
        results.rounds = list(supervision.round_list(council=council, published=True, search=query)[:SEARCH_ROWS])
        results.delegates = list(
            registry.public_delegates(council=council, on=as_of(council, today), search=query)[:SEARCH_ROWS]
        )
    return results


@dataclass
class FeedItem:
    title: str
    description: str
    link: str
    updated: datetime.datetime
    kind: str


def _at(day: datetime.date) -> datetime.datetime:
    """A day as the moment a feed entry carries: its start in Vietnam time, written `…T00:00:00+07:00`.
    Atom's dates are RFC 3339 date-times (RFC 4287 §3.3: a time is required, a bare day is invalid), so a
    record known only by its day takes the day's first moment in the project's zone (Asia/Ho_Chi_Minh,
    whatever zone a request activated). The earlier 07:00+07:00 (midnight in UTC) showed readers in
    Vietnam an hour of 7 o'clock the record never had; the day's start invents none and is that day in
    Vietnam, where the council's records are dated."""
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=timezone.get_default_timezone())


def feed_items(*, council: Council, today: datetime.date) -> list[FeedItem]:
    """The council's feed: published documents (resolutions among them), petition answers, upcoming
    sessions and drafts opened for opinions, newest first (four queries).

    Each entry carries its own date, never the moment its row was written (a council entering its archive
    publishes years of documents in one afternoon): a document the day it was issued, an answer the day
    the body reported it, a session the day it was convened, a draft the day it opened for opinions."""
    items: list[FeedItem] = []
    for doc in documents.public_list(council=council.pk).order_by("-issued_on", "-pk")[:FEED_ROWS]:
        kind = "Nghị quyết" if doc.doc_type == "nghi_quyet" else doc.get_doc_type_display()
        items.append(
            FeedItem(
                title=f"{kind} {doc.number_symbol}: {doc.subject}".strip(),
                description=doc.subject,
                link=reverse("portal:document", args=[council.pk, doc.pk]),
                updated=_at(doc.issued_on) if doc.issued_on else doc.published_at,
                kind=kind,
            )
        )
    for p in petitions.public_answers(council=council)[:FEED_ROWS]:
        items.append(
            FeedItem(
                title=f"Trả lời kiến nghị cử tri {p.round.label}: {p.text[:120]}",
                description=p.answer_text,
                link=reverse("portal:petitions", args=[council.pk]) + f"#kien-nghi-{p.pk}",
                updated=_at(p.obligation.reported_on or p.obligation.source_date),
                kind="Trả lời kiến nghị cử tri",
            )
        )
    upcoming = plenary.public_session_list(council_id=council.pk).filter(closes_on__gte=today)
    for s in upcoming.exclude(state=SessionState.CLOSED)[:FEED_ROWS]:
        items.append(
            FeedItem(
                title=f"{s} ({s.get_kind_display().lower()}) khai mạc ngày {s.opens_on:%d/%m/%Y}",
                description=f"{s} của {council}, {s.get_kind_display().lower()}, khai mạc ngày "
                f"{s.opens_on:%d/%m/%Y}" + (f" tại {s.place}" if s.place else "") + ".",
                link=reverse("portal:session", args=[council.pk, s.pk]),
                updated=_at(s.created_on),
                kind="Kỳ họp sắp tới",
            )
        )
    for c in consultation.public_opened(council=council, today=today)[:FEED_ROWS]:
        items.append(
            FeedItem(
                title=f"Lấy ý kiến dự thảo: {c.title}",
                description=f"{council} lấy ý kiến nhân dân về dự thảo {c.title} từ ngày {c.opens_on:%d/%m/%Y} "
                f"đến ngày {(c.closed_on or c.closes_on):%d/%m/%Y}." + (f" {c.summary}" if c.summary else ""),
                link=reverse("consultation:public_detail", args=[council.pk, c.pk]),
                updated=_at(c.opens_on),
                kind="Lấy ý kiến dự thảo",
            )
        )
    items.sort(key=lambda i: i.updated, reverse=True)
    return items[:FEED_ROWS]


# A feed's date when its council has no recorded change at all (a row loaded without history).
FEED_EPOCH = datetime.date(2000, 1, 1)


def council_last_change(council: Council) -> datetime.datetime:
    """The last recorded change of the council itself (its history): the stable date of a feed with no
    entry (one query)."""
    last = council.history.order_by("-history_date").values_list("history_date", flat=True).first()
    return last or _at(council.ceased_on or FEED_EPOCH)
