"""Reads of consultations: the office's list and page, the public's, the invited body's, and the opinions
grouped by article. Every read is scoped to the council; the public sees only published consultations and
approved comments, and no read here ever returns a commenter's name or contact to a page."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from consultation.models import (
    WHOLE_DRAFT,
    Article,
    Consultation,
    DraftVersion,
    Invitation,
    Moderation,
    Opinion,
    Origin,
)
from consultation.models import Response as ArticleResponse
from hdnd.text import fold
from registry.access import agency_bodies
from registry.models import Council
from registry.selectors import public_council_q

# The fields a public read may load from an opinion: never `name` nor `contact`.
PUBLIC_OPINION_FIELDS = ("id", "consultation_id", "article", "text", "created_at", "origin", "status")


def consultation_list(*, council: Council) -> QuerySet[Consultation]:
    """The council's consultations (newest first) with their counts of opinions and of pending comments."""
    return Consultation.objects.filter(council=council).annotate(
        opinion_count=Count("opinions", distinct=True),
        pending_count=Count(
            "opinions",
            filter=Q(opinions__origin=Origin.PUBLIC, opinions__status=Moderation.PENDING),
            distinct=True,
        ),
        invitation_count=Count("invitations", distinct=True),
    )


def consultation_get(*, council: Council, pk: int) -> Consultation:
    """One consultation of the council, or 404 (another council's included)."""
    found = (
        Consultation.objects.filter(council=council, pk=pk).select_related("council", "submission", "report").first()
    )
    if found is None:
        raise Http404("Không tìm thấy đợt lấy ý kiến.")
    return found


def public_list(*, council: Council) -> QuerySet[Consultation]:
    """Published consultations of the council, with their count of comments shown (approved)."""
    return (
        Consultation.objects.filter(council=council, published_on__isnull=False)
        .annotate(
            shown_count=Count(
                "opinions",
                filter=Q(opinions__origin=Origin.PUBLIC, opinions__status=Moderation.APPROVED),
                distinct=True,
            )
        )
        .only("id", "council_id", "title", "summary", "opens_on", "closes_on", "published_on", "closed_on")
    )


def _public() -> QuerySet[Consultation]:
    return Consultation.objects.filter(public_council_q("council__"), published_on__isnull=False).only(
        "id", "council_id", "title", "summary", "opens_on", "closes_on", "published_on", "closed_on"
    )


def public_open(*, council: Council, today: datetime.date) -> QuerySet[Consultation]:
    """Published consultations of the council still taking opinions or about to (not closed, close date not
    past), the soonest to close first: what the council's public home page announces."""
    return (
        _public()
        .filter(council=council, closed_on__isnull=True, closes_on__gte=today)
        .order_by("closes_on", "opens_on", "pk")
    )


def public_opened(*, council: Council, today: datetime.date) -> QuerySet[Consultation]:
    """Published consultations of the council whose period has begun, the latest opened first (the feed)."""
    return _public().filter(council=council, opens_on__lte=today).order_by("-opens_on", "-pk")


def public_search(*, council: Council | None, search: str) -> QuerySet[Consultation]:
    """Published consultations of a public council (one, or all with None) whose title or summary
    contains `search` without regard to diacritics; the latest opened first."""
    qs = _public().filter(search_folded__contains=fold(search)).select_related("council")
    if council is not None:
        qs = qs.filter(council=council)
    return qs.order_by("-opens_on", "-pk")


def public_get(*, council_id: int, pk: int) -> Consultation:
    """A published consultation of the council, or 404 (unpublished ones do not exist for the public)."""
    found = (
        Consultation.objects.filter(
            public_council_q("council__"), council_id=council_id, pk=pk, published_on__isnull=False
        )
        .select_related("council")
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy dự thảo.")
    return found


def versions(consultation: Consultation) -> list[DraftVersion]:
    """Every version of the draft with its articles (two queries)."""
    return list(
        DraftVersion.objects.filter(consultation=consultation)
        .defer("text")
        .prefetch_related("articles")
        .order_by("number")
    )


def public_comments(consultation: Consultation) -> list[Opinion]:
    """The approved public comments, oldest first, without the commenter's name or contact (not loaded)."""
    return list(
        Opinion.objects.filter(consultation=consultation, origin=Origin.PUBLIC, status=Moderation.APPROVED)
        .only(*PUBLIC_OPINION_FIELDS)
        .order_by("article", "created_at", "pk")
    )


@dataclass
class ArticleGroup:
    number: int
    heading: str
    text: str = ""
    opinions: list[Opinion] = field(default_factory=list)
    response: ArticleResponse | None = None
    removed: bool = False


def opinions_by_article(consultation: Consultation, *, approved_only: bool) -> list[ArticleGroup]:
    """The opinions grouped by the article of the current version they are on (general opinions first),
    with the office's answer of each article; articles dropped since an opinion was given keep their
    group. `approved_only` leaves out public comments pending or rejected (the report's view)."""
    latest = DraftVersion.objects.filter(consultation=consultation).order_by("-number").first()
    articles = list(Article.objects.filter(version=latest).order_by("number")) if latest else []
    opinions = Opinion.objects.filter(consultation=consultation).select_related("body").defer("name", "contact")
    if approved_only:
        opinions = opinions.filter(status=Moderation.APPROVED)
    responses = {r.article: r for r in ArticleResponse.objects.filter(consultation=consultation)}
    groups = {WHOLE_DRAFT: ArticleGroup(WHOLE_DRAFT, "")}
    for article in articles:
        if article.number != WHOLE_DRAFT:
            groups[article.number] = ArticleGroup(article.number, article.heading, article.text)
        else:
            groups[WHOLE_DRAFT].text = article.text
    for opinion in opinions.order_by("article", "origin", "created_at", "pk"):
        group = groups.get(opinion.article)
        if group is None:
            group = groups[opinion.article] = ArticleGroup(opinion.article, f"Điều {opinion.article}", removed=True)
        group.opinions.append(opinion)
    for number, response in responses.items():
        if number in groups:
            groups[number].response = response
    return [groups[n] for n in sorted(groups)]


def pending_comments(consultation: Consultation) -> list[Opinion]:
    """Public comments waiting for moderation (text only), oldest first."""
    return list(
        Opinion.objects.filter(consultation=consultation, origin=Origin.PUBLIC, status=Moderation.PENDING)
        .defer("name", "contact")
        .order_by("created_at", "pk")
    )


def opinion_get(*, council: Council, pk: int) -> Opinion:
    found = Opinion.objects.filter(consultation__council=council, pk=pk).select_related("consultation").first()
    if found is None:
        raise Http404("Không tìm thấy ý kiến.")
    return found


def invited_consultations(user: AbstractBaseUser | AnonymousUser, council: Council | None) -> QuerySet[Invitation]:
    """The invitations of the bodies the agency user answers for, to published consultations of the council."""
    bodies = agency_bodies(user, council)
    return (
        Invitation.objects.filter(
            body_id__in=bodies, consultation__council=council, consultation__published_on__isnull=False
        )
        .select_related("consultation", "body", "obligation")
        .order_by("-consultation__opens_on", "pk")
    )


def open_invitations(
    user: AbstractBaseUser | AnonymousUser, council: Council | None, *, today: datetime.date
) -> QuerySet[Invitation]:
    """The user's invitations to consultations taking opinions today (opened, not closed by the office, close
    date not past): the ones the body still has to answer; the earliest deadline of its obligation first."""
    return (
        invited_consultations(user, council)
        .filter(
            consultation__closed_on__isnull=True,
            consultation__opens_on__lte=today,
            consultation__closes_on__gte=today,
        )
        .order_by("obligation__due_on", "consultation_id")
    )


def invitation_for(user: AbstractBaseUser | AnonymousUser, council: Council | None, consultation_id: int) -> Invitation:
    """The user's body's invitation to one consultation, or 404 (not invited, or another council)."""
    found = invited_consultations(user, council).filter(consultation_id=consultation_id).first()
    if found is None:
        raise Http404("Không tìm thấy dự thảo được lấy ý kiến.")
    return found
