"""Who may do what: roles in a council map to permissions; every view and route asks here.

A record outside the user's current council is answered 404 by the selectors (never 403, which would
confirm it exists); a council the user has a role in but a page their role does not allow is 403.
"""

from collections.abc import Callable, Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from registry.models import Council, Role, RoleGrant

VIEW_REGISTRY = "registry.view"
EDIT_REGISTRY = "registry.edit"
EDIT_SETTINGS = "settings.edit"
MANAGE_USERS = "users.manage"
UNLOCK_ACCOUNTS = "users.unlock"
VIEW_ACCESS_LOG = "personal_data.log"  # read the log of who saw citizens' personal data

_OFFICE = {VIEW_REGISTRY, EDIT_REGISTRY}
PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: {VIEW_REGISTRY, EDIT_REGISTRY, EDIT_SETTINGS, MANAGE_USERS, UNLOCK_ACCOUNTS, VIEW_ACCESS_LOG},
    Role.OFFICE_CHIEF: _OFFICE | {EDIT_SETTINGS, UNLOCK_ACCOUNTS, VIEW_ACCESS_LOG},
    Role.OFFICE_STAFF: set(_OFFICE),
    Role.STANDING_MEMBER: {VIEW_REGISTRY},
    Role.COMMITTEE_MEMBER: {VIEW_REGISTRY},
    Role.DELEGATE: {VIEW_REGISTRY},
    Role.AGENCY_USER: set(),
}


def register_permissions(role: str, perms: Iterable[str]) -> None:
    """Let a workflow app add its permissions to a role (apps plug in; the registry does not import them)."""
    PERMISSIONS[role] |= set(perms)


def councils_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Council]:
    """The councils a user holds a role in (every council for a superuser)."""
    if not user.is_authenticated:
        return Council.objects.none()
    if user.is_superuser:
        return Council.objects.all()
    return Council.objects.filter(grants__user=user).distinct()


def grants_of(user: AbstractBaseUser | AnonymousUser, council: Council | None) -> list[RoleGrant]:
    if council is None or not user.is_authenticated:
        return []
    cache = getattr(user, "_grant_cache", None)
    if cache is None:
        cache = {}
        for grant in RoleGrant.objects.filter(user=user).select_related("body"):
            cache.setdefault(grant.council_id, []).append(grant)
        user._grant_cache = cache
    return cache.get(council.pk, [])


def roles_of(user: AbstractBaseUser | AnonymousUser, council: Council | None) -> set[str]:
    roles = {g.role for g in grants_of(user, council)}
    if user.is_authenticated and user.is_superuser and council is not None:
        roles.add(Role.ADMIN)
    return roles


def has_perm(user: AbstractBaseUser | AnonymousUser, council: Council | None, perm: str) -> bool:
    return any(perm in PERMISSIONS.get(role, set()) for role in roles_of(user, council))


def agency_bodies(user: AbstractBaseUser | AnonymousUser, council: Council | None) -> set[int]:
    """The bodies an agency user answers for in the council."""
    return {g.body_id for g in grants_of(user, council) if g.role == Role.AGENCY_USER and g.body_id}


def require(request: HttpRequest, perm: str) -> Council:
    """The current council, if the user's role there grants `perm`; 403 otherwise."""
    council = getattr(request, "council", None)
    if council is None:
        raise PermissionDenied("Bạn chưa được phân quyền trong Hội đồng nào.")
    if not has_perm(request.user, council, perm):
        raise PermissionDenied("Vai trò của bạn không được phép thực hiện thao tác này.")
    return council


def council_for_api(user: AbstractBaseUser | AnonymousUser, council_id: int, perm: str) -> Council:
    """The council of an API path: 404 when the user has no role in it, 403 when the role lacks `perm`."""
    council = councils_for(user).filter(pk=council_id).first()
    if council is None:
        raise Http404("Không tìm thấy Hội đồng.")
    if not has_perm(user, council, perm):
        raise PermissionDenied("Vai trò của bạn không được phép thực hiện thao tác này.")
    return council


def record_for_api[T](request: HttpRequest, council_id: int, perm: str, get: Callable[..., T], pk: int) -> T:
    """A route's first step on one record: the council of the path for a user whose role there grants `perm`
    (`council_for_api`: 404, else 403), then the record through its council-scoped selector
    `get(council=, pk=)` (404 when it is not the council's)."""
    return get(council=council_for_api(request.user, council_id, perm), pk=pk)


def same_council(council: Council, **related: object) -> None:
    """A service's own defence: every record given (None aside) belongs to `council`, else a ValidationError
    naming each field. Routes and views resolve ids through council-scoped selectors first (a 404); this
    guards the services' other callers (imports, demo, tasks)."""
    errors = {
        name: "Phải thuộc cùng Hội đồng."
        for name, obj in related.items()
        if obj is not None and getattr(obj, "council_id", None) != council.pk
    }
    if errors:
        raise ValidationError(errors)
