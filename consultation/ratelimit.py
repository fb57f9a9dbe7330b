"""How many comments one client may send: a counter in Django's cache per client address (hashed: the
address itself is never stored), reset after the window. Enough against a flood from one machine; the
moderation before display is what keeps abuse off the pages."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from registry.security import client_address

TOO_MANY = "Bạn đã gửi quá nhiều góp ý trong thời gian ngắn. Vui lòng thử lại sau ít phút."


def _limits() -> tuple[int, int]:
    return (
        getattr(settings, "HDND_COMMENT_RATE_COUNT", 5),
        getattr(settings, "HDND_COMMENT_RATE_SECONDS", 600),
    )


def _key(request: HttpRequest) -> str:
    address = client_address(request) or "khong-ro"
    return "consultation-comment:" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def allow(request: HttpRequest) -> bool:
    """Count one comment of this client; False once it went past the limit within the window."""
    count, seconds = _limits()
    key = _key(request)
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        return cache.incr(key) <= count
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return True
