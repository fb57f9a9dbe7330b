"""What the petitions screens share: paging, the any-of permission check."""

from django.http import HttpRequest

from registry.access import has_perm, require
from registry.models import Council

PAGE_SIZE = 50


def _require_any(request: HttpRequest, *perms: str) -> Council:
    """The current council if the user holds any of `perms` there (403 otherwise)."""
    for perm in perms[:-1]:
        council = getattr(request, "council", None)
        if council is not None and has_perm(request.user, council, perm):
            return council
    return require(request, perms[-1])
