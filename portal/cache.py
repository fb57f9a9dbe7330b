"""The public pages' cache: a page is kept under its address and the version of its council (and the
national version), and a change to any record the portal shows gives its council a new version, so the
next visitor gets a freshly built page while untouched councils keep theirs.

A version is a random token, not a counter: if the cache evicts it, the new token can never match a page
built before, so eviction only costs a rebuild. With several server processes the cache must be shared
(CACHES: database, Redis or Memcached): a process-local cache would keep another process's stale pages
until PAGE_SECONDS runs out.
"""

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

# A cached page lives at most ten minutes even if no change reaches this process.
PAGE_SECONDS = 600
NATIONAL = "national"

# Every model whose records a public page or feed shows ("app.Model"); a save or delete of one bumps the
# version of its council and the national one.
WATCHED = [
    "registry.Council",
    "registry.Term",
    "registry.Body",
    "registry.Person",
    "registry.Delegate",
    "registry.Membership",
    "documents.Document",
    "followup.Obligation",
    "plenary.Session",
    "plenary.AgendaItem",
    "plenary.Submission",
    "plenary.Vote",
    "plenary.Resolution",
    "plenary.SessionDocument",
    "plenary.Attendance",
    "plenary.Speech",
    "plenary.Question",
    "supervision.Programme",
    "supervision.Round",
    "supervision.Recommendation",
    "petitions.ContactRound",
    "petitions.ContactMeeting",
    "petitions.Petition",
    "petitions.PetitionField",
    "reception.Slot",
    "reports.AnnualReport",
    # The council's home page lists open drafts, its search finds them, its feed announces them.
    "consultation.Consultation",
]

# How a record reaches its council when it has no `council_id` of its own, tried in order.
_COUNCIL_PATHS = [
    ("session", "council_id"),
    ("round", "council_id"),
    ("term", "council_id"),
    ("body", "council_id"),
    ("person", "council_id"),
    ("submission", "session", "council_id"),
]


def _key(scope: object) -> str:
    return f"portal:version:{scope}"


def version(scope: object) -> str:
    """The current version token of a council (its id) or of the national pages (NATIONAL)."""
    token = cache.get(_key(scope))
    if token is None:
        token = uuid.uuid4().hex
        cache.set(_key(scope), token, None)
    return token


def bump(scope: object) -> None:
    """Give a council (or the national pages) a new version: its cached pages are no longer served."""
    cache.set(_key(scope), uuid.uuid4().hex, None)


def council_of(instance: Model, *, load: bool) -> int | None:
    """The id of the council a record belongs to, directly or through its parent record. With `load`
    False only what is already in memory is read (no query: a write's query count stays its own)."""
    if instance._meta.label == "registry.Council":
        return instance.pk
    council_id = getattr(instance, "council_id", None)
    if council_id is not None:
        return council_id
    for path in _COUNCIL_PATHS:
        value: object = instance
        for attr in path[:-1]:
            try:
                field = value._meta.get_field(attr)
            except FieldDoesNotExist:
                value = None
                break
            if not load and not field.is_cached(value):
                value = None
                break
            value = getattr(value, attr, None)
            if value is None:
                break
        found = getattr(value, path[-1], None) if value is not None else None
        if found is not None:
            return int(found)
    return None


def record_changed(sender: type[Model], instance: Model, **kwargs: object) -> None:
    """post_save/post_delete receiver: new versions for the record's council and the national pages, at
    once (from what is in memory), and again when the transaction commits, then reading the record's
    parents if need be (a page another process built meanwhile from the data before the commit would
    otherwise stay cached under the first new version)."""
    bump(NATIONAL)
    council_id = council_of(instance, load=False)
    if council_id is not None:
        bump(council_id)

    def renew() -> None:
        bump(NATIONAL)
        try:
            later = council_id if council_id is not None else council_of(instance, load=True)
        except ObjectDoesNotExist:  # a parent deleted with the record: its pages are 404 now anyway
            later = None
        if later is not None:
            bump(later)

    transaction.on_commit(renew)


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a public GET page from the cache while its version holds (its council's, or the national one
    for pages without a council); only 200 answers are kept. The pages carry no per-visitor content (no
    form token, no user name)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        council_id = kwargs.get("council_id")
        token = version(council_id if council_id is not None else NATIONAL)
        raw = f"{request.get_full_path()}|{token}"
        key = "portal:page:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_SECONDS)
        return response

    return wrapper
