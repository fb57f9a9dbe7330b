"""What open data may show: published records of public councils, nothing else, read with a fixed number
of queries whatever the number of rows.

The rules, once: a council is public while it is active and after it ceased
(`registry.selectors.public_council_q`); its organizations are its standing committee, committees and
delegate groups (in activity); its people are its delegates (public facts only: names, offices,
memberships); a session is public once one of its documents is posted or its convening decision is
published; a standing-committee meeting once its concluding notice is published; a paper is a published
outgoing document; a file is a session document marked public with a file to download; a vote is public
with its session (counts only, never a delegate's ballot)."""

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from documents.models import Direction, Document
from documents.selectors import PUBLIC_STATES
from plenary.models import AgendaItem, Resolution, Session, SessionDocument, Vote
from plenary.selectors import downloadable_q
from registry.models import Body, BodyKind, Council, Delegate, Membership, Person
from registry.selectors import public_council_q
from standing.models import AgendaItem as StandingItem
from standing.models import Meeting

PUBLIC_KINDS = [BodyKind.STANDING_COMMITTEE, BodyKind.COMMITTEE, BodyKind.DELEGATE_GROUP]
SESSION_PREFIX, STANDING_PREFIX = "ky-hop", "phien-hop"


def _in(qs: QuerySet, council_id: int | None, field: str = "council_id") -> QuerySet:
    return qs.filter(**{field: council_id}) if council_id else qs


def public_councils(*, council_id: int | None = None) -> QuerySet[Council]:
    """Active councils with their terms."""
    return _in(Council.objects.filter(public_council_q()), council_id, "pk").prefetch_related("terms").order_by("pk")


def public_organizations(*, council_id: int | None = None) -> QuerySet[Body]:
    """The council's own bodies in activity: standing committee, committees, delegate groups."""
    qs = Body.objects.filter(public_council_q("council__"), kind__in=PUBLIC_KINDS, active=True)
    return _in(qs, council_id).select_related("parent").order_by("pk")


def public_people(*, council_id: int | None = None) -> QuerySet[Person]:
    """Delegates of public councils, with their terms of office and their memberships of public bodies."""
    delegacy = Delegate.objects.filter(person=OuterRef("pk"))
    memberships = Membership.objects.filter(body__kind__in=PUBLIC_KINDS, body__active=True).order_by("starts_on", "pk")
    return (
        _in(Person.objects.filter(public_council_q("council__")), council_id)
        .filter(Exists(delegacy))
        .prefetch_related(
            Prefetch("delegacies", queryset=Delegate.objects.select_related("term").order_by("elected_on", "pk")),
            Prefetch("memberships", queryset=memberships),
        )
        .order_by("pk")
    )


def _downloadable() -> Q:
    """A posted session document `plenary:public_file` serves (`plenary.selectors.downloadable_q`, the one
    rule). A title alone (a submission listed without its file) or a withdrawn document is no OParl File:
    its download address would be a 404."""
    return downloadable_q()


def _public_session() -> Q:
    posted = SessionDocument.objects.filter(session=OuterRef("pk"), public=True)
    return Q(Exists(posted)) | Q(convening_document__state__in=PUBLIC_STATES)


def public_sessions(*, council_id: int | None = None) -> QuerySet[Session]:
    """Public sessions with their agenda and posted documents."""
    posted = SessionDocument.objects.filter(_downloadable(), public=True).order_by("pk")
    return (
        _in(Session.objects.filter(public_council_q("council__")), council_id)
        .filter(_public_session())
        .select_related("term")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("order", "pk")),
            Prefetch("documents", queryset=posted, to_attr="posted"),
        )
    )


def public_standing_meetings(*, council_id: int | None = None) -> QuerySet[Meeting]:
    """Standing-committee meetings whose concluding notice is published, with their agenda."""
    qs = Meeting.objects.filter(public_council_q("council__"), notice__state__in=PUBLIC_STATES)
    return _in(qs, council_id).prefetch_related(
        Prefetch("agenda", queryset=StandingItem.objects.order_by("order", "pk"))
    )


def public_meeting_keys(*, council_id: int | None = None) -> QuerySet:
    """(kind, pk, day) of every public meeting, sessions and standing meetings together, oldest first:
    one query to count, one to page, whatever the two tables hold."""
    sessions = (
        public_sessions(council_id=council_id)
        .prefetch_related(None)
        .select_related(None)
        .annotate(kind_key=Value(SESSION_PREFIX), day=Coalesce("opened_on", "opens_on"))
        .values_list("kind_key", "pk", "day")
    )
    meetings = (
        public_standing_meetings(council_id=council_id)
        .prefetch_related(None)
        .annotate(kind_key=Value(STANDING_PREFIX), day=F("held_on"))
        .values_list("kind_key", "pk", "day")
    )
    return sessions.order_by().union(meetings.order_by(), all=True).order_by("day", "kind_key", "pk")


def standing_committees(council_ids: set[int]) -> dict[int, Body]:
    """The standing committee of each council, for a meeting's organization (one query)."""
    rows = Body.objects.filter(council_id__in=council_ids, kind=BodyKind.STANDING_COMMITTEE, active=True)
    return {body.council_id: body for body in rows.order_by("pk")}


def public_agenda_items(*, council_id: int | None = None) -> QuerySet[AgendaItem]:
    """Agenda items of public sessions."""
    sessions = public_sessions(council_id=council_id).prefetch_related(None).values("pk")
    return AgendaItem.objects.filter(session__in=sessions).select_related("session").order_by("pk")


def public_papers(*, council_id: int | None = None) -> QuerySet[Document]:
    """Published outgoing documents of public councils."""
    qs = Document.objects.filter(public_council_q("council__"), direction=Direction.OUTGOING, state__in=PUBLIC_STATES)
    return _in(qs, council_id).select_related("issuer").order_by("pk")


def resolutions_of(document_ids: list[int]) -> dict[int, Resolution]:
    """The resolution (with its vote) each of these documents records, if any (one query)."""
    rows = Resolution.objects.filter(document_id__in=document_ids).select_related("submission__vote")
    return {row.document_id: row for row in rows}


def public_files(*, council_id: int | None = None) -> QuerySet[SessionDocument]:
    """Session documents marked public with something to download, of public councils."""
    qs = SessionDocument.objects.filter(public_council_q("session__council__"), _downloadable(), public=True)
    return _in(qs, council_id, "session__council_id").select_related("session", "document").order_by("pk")


def public_votes(*, council_id: int | None = None) -> QuerySet[Vote]:
    """Votes taken at public sessions: their published counts, never a delegate's ballot."""
    sessions = public_sessions(council_id=council_id).prefetch_related(None).values("pk")
    return (
        Vote.objects.filter(submission__session__in=sessions)
        .select_related("submission__session", "submission__resolution__document")
        .order_by("pk")
    )


def latest_exports() -> list:
    """The newest bulk export of the country (first) and of each active council, by council (two queries:
    the newest ids, then their rows with their councils)."""
    from django.db.models import Max

    from opendata.models import BulkExport

    newest = (
        BulkExport.objects.filter(Q(council__isnull=True) | public_council_q("council__"))
        .values("council")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    rows = BulkExport.objects.filter(pk__in=list(newest)).select_related("council")
    return sorted(rows, key=lambda row: (row.council_id is not None, str(row.council or "")))


def exports_of(*, council_id: int | None, limit: int = 30) -> QuerySet:
    """The most recent exports of a council (None: of the whole country), newest first."""
    from opendata.models import BulkExport

    qs = (
        BulkExport.objects.filter(council__isnull=True)
        if council_id is None
        else BulkExport.objects.filter(council_id=council_id)
    )
    return qs.select_related("council").order_by("-created_at", "-pk")[:limit]
