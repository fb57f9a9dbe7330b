"""Read-only pages and reports on a read replica (issue 17, item 5), when one is configured.

`DATABASE_REPLICA_URL` adds the `replica` database; `REPLICA_PATHS` (URL prefixes, comma-separated) names
the pages that may read from it. Only GET and HEAD requests to those pages read there, and only after the
session and the user were loaded from the primary (the middleware sits after authentication), so a user
who just logged in or saved something never reads a lagging copy of their own write. Every write, and
every read elsewhere, goes to `default`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
_reading = ContextVar("hdnd_replica_reading", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Inside this block reads go to the replica (if configured); for reports run outside a request."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """Reads inside `replica_reads()` go to the replica; everything else, and every write, to default."""

    def db_for_read(self, model: type, **hints: object) -> str | None:
        if _reading.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model: type, **hints: object) -> str:
        return "default"

    def allow_relation(self, obj1: object, obj2: object, **hints: object) -> bool:
        # The replica is a copy of the primary: rows read from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
        return db != REPLICA


class ReplicaMiddleware:
    """GET and HEAD requests to the pages of `REPLICA_PATHS` read from the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefixes = tuple(settings.REPLICA_PATHS)
        if REPLICA in settings.DATABASES and request.method in ("GET", "HEAD") and request.path.startswith(prefixes):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
