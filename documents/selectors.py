"""Every read of the document register, scoped to the user's council and role, with fixed query counts."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from documents import numbering
from documents.access import VIEW, VIEW_ALL, VIEW_DRAFTS
from documents.models import (
    Attachment,
    Direction,
    DocType,
    Document,
    DocumentTemplate,
    Issuer,
    NumberCounter,
    NumberingSeries,
    State,
)
from hdnd.text import fold
from registry.access import agency_bodies, grants_of, has_perm
from registry.models import Body, Council, Person

PUBLIC_STATES = [State.PUBLISHED]


def _shaped(qs: QuerySet[Document]) -> QuerySet[Document]:
    return qs.select_related("issuer", "sender_body", "council").prefetch_related(
        Prefetch("recipient_bodies", queryset=Body.objects.order_by("name"))
    )


def signed_by(user: AbstractBaseUser | AnonymousUser, council: Council) -> Q:
    """Documents whose signer is a person the user's roles name (a subquery: no query of its own)."""
    people = {g.person_id for g in grants_of(user, council) if g.person_id}
    if not people:
        return Q(pk__in=[])
    return Q(signer_name__in=Person.objects.filter(pk__in=people).values("full_name"))


def last_signer(*, council: Council, doc_type: str) -> dict:
    """The signer and recipients of the council's latest outgoing document of `doc_type` (one query), so a
    form for the next one starts from them instead of blank fields; {} when there is none."""
    latest = (
        Document.objects.filter(council=council, direction=Direction.OUTGOING, doc_type=doc_type)
        .exclude(signer_name="")
        .order_by("-pk")
        .values("signer_authority", "signer_collective", "signer_title", "signer_name", "recipient_lines")
        .first()
    )
    return latest or {}


def document_scope(*, user: AbstractBaseUser | AnonymousUser, council: Council) -> QuerySet[Document]:
    """The documents of the council the user may see.

    Readers see every issued document; only those who draft see drafts (and a signer those naming them);
    an agency user sees only
    documents addressed to (or sent by) their body, never a draft.
    """
    qs = Document.objects.filter(council=council)
    if not has_perm(user, council, VIEW_DRAFTS):
        # A signer (the chair) sees the drafts that name them, to read what waits for their signature.
        qs = qs.exclude(Q(state=State.DRAFT) & ~signed_by(user, council))
    if not has_perm(user, council, VIEW_ALL):
        bodies = agency_bodies(user, council)
        addressed = Document.recipient_bodies.through.objects.filter(body_id__in=bodies).values("document_id")
        qs = qs.filter(Q(pk__in=addressed) | Q(sender_body_id__in=bodies))
    return qs


def openable_ids(
    *, user: AbstractBaseUser | AnonymousUser, council: Council, documents: Iterable[Document | None]
) -> set[int]:
    """The pks of those of `documents` whose page the user may open (`document_scope`, the check of
    `documents:document_detail`): one query for all of them, none when there is no document. A page listing
    several documents passes the set to `{% document_link ... openable=... %}`."""
    pks = {d.pk for d in documents if d is not None}
    if not pks or not has_perm(user, council, VIEW):
        return set()
    return set(document_scope(user=user, council=council).filter(pk__in=pks).values_list("pk", flat=True))


def document_list(
    *,
    user: AbstractBaseUser | AnonymousUser,
    council: Council,
    direction: str = Direction.OUTGOING,
    search: str = "",
    doc_type: str = "",
    state: str = "",
    body: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Document]:
    """The register of outgoing or incoming documents, filtered.

    `search` matches the number and symbol or the subject without diacritics; `body` is the issuer's
    registry body, a recipient or the sender; dates bound the date of issue (outgoing) or arrival (incoming).
    """
    qs = document_scope(user=user, council=council)
    if direction:
        qs = qs.filter(direction=direction)
    if search:
        key = fold(search)
        qs = qs.filter(Q(subject_folded__contains=key) | Q(number_folded__contains=key))
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if state:
        qs = qs.filter(state=state)
    if body:
        addressed = Document.recipient_bodies.through.objects.filter(body_id=body).values("document_id")
        qs = qs.filter(Q(pk__in=addressed) | Q(sender_body_id=body) | Q(issuer__body_id=body))
    date_field = "received_on" if direction == Direction.INCOMING else "issued_on"
    if date_from:
        qs = qs.filter(**{f"{date_field}__gte": date_from})
    if date_to:
        qs = qs.filter(**{f"{date_field}__lte": date_to})
    order = ["-received_on", "-number", "-pk"] if direction == Direction.INCOMING else ["-created_at", "-pk"]
    return _shaped(qs).order_by(*order)


def document_get(*, user: AbstractBaseUser | AnonymousUser, council: Council, pk: int) -> Document:
    """One document the user may see, with what its page shows; 404 otherwise (another council included)."""
    qs = _shaped(document_scope(user=user, council=council)).select_related(
        "handler_user", "handler_person", "created_by", "source_type"
    )
    qs = qs.prefetch_related(Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")))
    document = qs.filter(pk=pk).first()
    if document is None:
        raise Http404("Không tìm thấy văn bản.")
    return document


def attachment_get(*, user: AbstractBaseUser | AnonymousUser, council: Council, pk: int) -> Attachment:
    """An attachment of a document the user may see; 404 otherwise."""
    visible = document_scope(user=user, council=council).values("pk")
    attachment = Attachment.objects.filter(pk=pk, document__in=visible).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    return attachment


def public_list(*, council: int | None = None, search: str = "") -> QuerySet[Document]:
    """Published documents, for everyone; nothing else ever appears here."""
    qs = Document.objects.filter(state__in=PUBLIC_STATES, direction=Direction.OUTGOING)
    if council:
        qs = qs.filter(council_id=council)
    if search:
        key = fold(search)
        qs = qs.filter(Q(subject_folded__contains=key) | Q(number_folded__contains=key))
    return qs.select_related("council", "issuer").order_by("-published_at", "-pk")


def public_get(*, pk: int) -> Document:
    document = public_list().filter(pk=pk).first()
    if document is None:
        raise Http404("Không tìm thấy văn bản.")
    return document


def documents_for_source(*, source: Model) -> QuerySet[Document]:
    """The documents made from a record (a meeting, a resolution...), for the record's own page."""
    from django.contrib.contenttypes.models import ContentType

    return _shaped(
        Document.objects.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)
    ).order_by("created_at", "pk")


def council_templates(*, council: Council) -> dict[str, DocumentTemplate]:
    """The council's own templates by type ('' = generic), without their content."""
    return {t.doc_type: t for t in DocumentTemplate.objects.filter(council=council).defer("content")}


# Settings of numbering -------------------------------------------------------------------------


def issuer_list(*, council: Council) -> QuerySet[Issuer]:
    """The council's issuers, the default first, each with its registry body and how many numbers it took."""
    numbered = (
        Document.objects.filter(issuer=OuterRef("pk"), number__isnull=False, direction=Direction.OUTGOING)
        .values("issuer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Issuer.objects.filter(council=council).select_related("body").annotate(numbered=Coalesce(Subquery(numbered), 0))
    )


def issuer_get(*, council: Council, pk: int) -> Issuer:
    """One issuer of the council; 404 otherwise (another council included)."""
    issuer = Issuer.objects.filter(council=council, pk=pk).select_related("body", "council").first()
    if issuer is None:
        raise Http404("Không tìm thấy cơ quan ban hành.")
    return issuer


@dataclass(frozen=True)
class SeriesRow:
    doc_type: str
    normative: bool
    label: str
    series: str
    pattern: str
    custom: bool
    example: str
    taken_this_year: int

    @property
    def kind(self) -> str:
        return "qppl" if self.normative else "thuong"


def series_rows(*, council: Council, year: int, issuer: Issuer | None = None) -> list[SeriesRow]:
    """The series each type uses now (the default or the council's), with an example number and how
    many numbers the series took in `year` (all issuers); two queries whatever the council changed."""
    own = {(r.doc_type, r.normative) for r in NumberingSeries.objects.filter(council=council)}
    rules = numbering.effective_rules(council)
    taken: dict[str, int] = {}
    for series, last in (
        NumberCounter.objects.filter(council=council, year=year)
        .exclude(scope=numbering.INCOMING_SCOPE)
        .values_list("series", "last")
    ):
        taken[series] = taken.get(series, 0) + last
    return [
        SeriesRow(
            doc_type=doc_type,
            normative=normative,
            label=DocType(doc_type).label + (" (quy phạm pháp luật)" if normative else ""),
            series=rule.series,
            pattern=rule.pattern,
            custom=(doc_type, normative) in own,
            example=numbering.example(pattern=rule.pattern, doc_type=doc_type, issuer=issuer, year=year),
            taken_this_year=taken.get(rule.series, 0),
        )
        for doc_type, normative, rule in rules
    ]


def series_get(*, council: Council, doc_type: str, normative: bool) -> NumberingSeries | None:
    """The council's own numbering series for a type, if it set one (None: the default applies)."""
    return NumberingSeries.objects.filter(council=council, doc_type=doc_type, normative=normative).first()
