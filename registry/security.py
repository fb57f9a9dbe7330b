"""Login security: the second factor, session lifetime per role, and releasing a locked-out account.

Throttling and lockout are django-axes' (settings in `hdnd/settings.py`); the second factor is
django-otp's TOTP and backup-code devices. What a session needs is decided once, at login, and kept in
the session, so that no page pays an extra query for it on every request.
"""

import ipaddress
import time
from collections.abc import Callable

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device

from registry.models import Council, LockoutRelease, RoleGrant

OFFICE_KEY = "hdnd_office"
HAS_DEVICE_KEY = "hdnd_has_device"
LOGIN_AT_KEY = "hdnd_login_at"
SEEN_AT_KEY = "hdnd_seen_at"
# The idle clock is written back to the session at most once a minute: a write on every request would
# cost a query on every page.
SEEN_GRANULARITY = 60
# Pages an unverified user may still reach: the second-factor screens themselves and leaving.
SECOND_FACTOR_OPEN_VIEWS = {"registry:otp_verify", "registry:otp_setup", "logout", "login"}  # + passkeys' below

MESSAGE_2FA_API = "Cần xác thực hai bước: đăng nhập trên màn hình và nhập mã từ ứng dụng xác thực."
MESSAGE_EXPIRED = "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại."


def now() -> float:
    """Seconds since the epoch; one function so tests can move the clock."""
    return time.time()


def holds_office_role(user: AbstractBaseUser) -> bool:
    """Whether the user is an administrator or holds an office role in any council."""
    if user.is_superuser or user.is_staff:
        return True
    return RoleGrant.objects.filter(user=user, role__in=settings.HDND_2FA_ROLES).exists()


@receiver(user_logged_in, dispatch_uid="hdnd_login_security")
def _on_login(sender: object, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: object) -> None:
    """Record, once per login, the role class and the devices that decide what the session needs."""
    if request is None or not hasattr(request, "session"):
        return
    session = request.session
    office = holds_office_role(user)
    session[OFFICE_KEY] = office
    session[HAS_DEVICE_KEY] = user_has_device(user)
    session[LOGIN_AT_KEY] = session[SEEN_AT_KEY] = now()
    max_minutes, _ = session_limits(office)
    session.set_expiry(max_minutes * 60)


def session_limits(office: bool) -> tuple[int, int]:
    """(absolute, idle) lifetime in minutes for an office session or another one."""
    if office:
        return settings.HDND_SESSION_OFFICE_MAX, settings.HDND_SESSION_OFFICE_IDLE
    return settings.HDND_SESSION_OTHER_MAX, settings.HDND_SESSION_OTHER_IDLE


def second_factor_needed(request: HttpRequest) -> bool:
    """Whether this session must pass the second factor: a required role, or a user who set one up."""
    session = request.session
    if OFFICE_KEY not in session:
        # A session opened before these rules: classify it once.
        session[OFFICE_KEY] = holds_office_role(request.user)
        session[HAS_DEVICE_KEY] = user_has_device(request.user)
    return bool((settings.HDND_REQUIRE_2FA and session[OFFICE_KEY]) or session.get(HAS_DEVICE_KEY))


def is_verified(request: HttpRequest) -> bool:
    """Whether the session passed the second factor (django-otp keeps the device's id in the session)."""
    return DEVICE_ID_SESSION_KEY in request.session


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


class SessionLifetimeMiddleware:
    """Ends a session past its absolute lifetime or idle for too long; limits depend on the role."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            session = request.session
            moment = now()
            if LOGIN_AT_KEY not in session:
                session[LOGIN_AT_KEY] = session[SEEN_AT_KEY] = moment
            office = session.get(OFFICE_KEY)
            if office is None:
                office = session[OFFICE_KEY] = holds_office_role(request.user)
            max_minutes, idle_minutes = session_limits(office)
            if moment - session[LOGIN_AT_KEY] > max_minutes * 60 or moment - session[SEEN_AT_KEY] > idle_minutes * 60:
                logout(request)
                if _is_api(request):
                    return JsonResponse({"detail": MESSAGE_EXPIRED}, status=401)
                messages.info(request, MESSAGE_EXPIRED)
                return redirect_to_login(request.get_full_path())
            if moment - session[SEEN_AT_KEY] > SEEN_GRANULARITY:
                session[SEEN_AT_KEY] = moment
        return self.get_response(request)


class SecondFactorMiddleware:
    """Sends a user who must pass the second factor to it before any other page or API route."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, args: tuple, kwargs: dict) -> HttpResponse | None:
        if not request.user.is_authenticated or not hasattr(request, "session"):
            return None
        match = request.resolver_match
        if match is not None and (match.view_name in SECOND_FACTOR_OPEN_VIEWS or match.view_name in _passkey_views()):
            return None
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        if not second_factor_needed(request) or is_verified(request):
            return None
        if _is_api(request):
            return JsonResponse({"detail": MESSAGE_2FA_API}, status=403)
        target = "registry:otp_verify" if request.session.get(HAS_DEVICE_KEY) else "registry:otp_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def _passkey_views() -> set[str]:
    from registry.passkeys import OPEN_VIEWS  # imported late: registry.passkeys imports this module

    return OPEN_VIEWS


def lockout_list(*, council: Council) -> list[dict]:
    """Failed logins of the council's users still counting (within the cool-off), worst first.

    Each row: username, failures, last attempt, and whether the account is locked now.
    """
    since = timezone.now() - timezone.timedelta(hours=settings.AXES_COOLOFF_TIME)
    usernames = RoleGrant.objects.filter(council=council).values("user__username")
    rows = (
        AccessAttempt.objects.filter(username__in=usernames, attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-failures", "username")
    )
    return [dict(row, locked=row["failures"] >= settings.AXES_FAILURE_LIMIT) for row in rows]


@transaction.atomic
def account_unlock(*, council: Council, user: AbstractBaseUser, released_by: AbstractBaseUser) -> LockoutRelease:
    """Clear the failed logins of a user of the council, so the right password works again; recorded."""
    failures = (
        AccessAttempt.objects.filter(username=user.get_username()).aggregate(n=Sum("failures_since_start"))["n"] or 0
    )
    axes_reset(username=user.get_username())
    return LockoutRelease.objects.create(council=council, user=user, released_by=released_by, failures=failures)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """axes' answer to a locked-out login, in Vietnamese: a page on screens, JSON on the API (429)."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60) if settings.AXES_COOLOFF_TIME else 0
    if _is_api(request) or request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"detail": f"Tạm khoá đăng nhập sau {settings.AXES_FAILURE_LIMIT} lần sai."}, status=429)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/lockout.html", context, status=429)


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from, as valid IP text, or None.

    Behind the reverse proxy (BEHIND_PROXY, which also sets SECURE_PROXY_SSL_HEADER) REMOTE_ADDR is the
    proxy's own address; the one proxy we trust appends the client it saw as the last X-Forwarded-For
    entry (the entries before it are the client's word and may be forged), as django-axes reads it with
    AXES_IPWARE_PROXY_COUNT = 1. Without a proxy, X-Forwarded-For is ignored: anyone can send it.
    """
    candidates = []
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            candidates.append(forwarded.split(",")[-1].strip())
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
