"""WebAuthn passkeys as a second factor, beside the TOTP app (issue 12, item 2), with django-otp-webauthn.

The library does the ceremonies (its JSON views and its JavaScript, served from our static files: nothing
from a CDN, no inline script, so the strict CSP holds). hdnd adds:
- the relying party from the request's own host (validated by ALLOWED_HOSTS), or OTP_WEBAUTHN_RP_ID;
- second factor only: no passwordless login, so the password, axes' lockout and its rules stay in front;
- the session marks of registry.security after a ceremony (a new session key; "has a device");
- the screen that registers, lists and removes a user's passkeys, and the texts of the script in Vietnamese.
"""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from registry import security


def relying_party_id(request: HttpRequest) -> str:
    """The passkeys' domain: OTP_WEBAUTHN_RP_ID when set, else the host the user opened (no port)."""
    return settings.HDND_WEBAUTHN_RP_ID or request.get_host().rsplit(":", 1)[0].strip("[]")


class Helper(WebAuthnHelper):
    """The library's helper with the expected origin taken from the request (scheme and validated host)."""

    def get_allowed_origins(self) -> list[str]:
        # A page of another site cannot pass: the browser writes that site's origin into the signed data.
        return [f"{self.request.scheme}://{self.request.get_host()}", *settings.OTP_WEBAUTHN_ALLOWED_ORIGINS]


def _mark_verified(request: HttpRequest) -> None:
    request.session.cycle_key()
    request.session[security.HAS_DEVICE_KEY] = True


class _SessionVerified:
    """The library asks `request.user.is_verified()`, which django-otp's OTPMiddleware would add on every
    request at the cost of a query; hdnd reads the session mark instead (registry.security), here only."""

    def initial(self, request: HttpRequest, *args: object, **kwargs: object) -> None:
        if request.user.is_authenticated and not hasattr(request.user, "is_verified"):
            request.user.is_verified = partial(security.is_verified, request)
        super().initial(request, *args, **kwargs)


class BeginRegistration(_SessionVerified, webauthn_views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(_SessionVerified, webauthn_views.CompleteCredentialRegistrationView):
    """Registering the first device also passes the second factor (the library's rule); record it."""

    def post(self, *args: object, **kwargs: object) -> JsonResponse:
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            self.request.session[security.HAS_DEVICE_KEY] = True
        return response


class BeginAuthentication(_SessionVerified, webauthn_views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(_SessionVerified, webauthn_views.CompleteCredentialAuthenticationView):
    """A passkey verified after the password: the session passes the second factor, under a new key."""

    def complete_auth(self, device: WebAuthnCredential) -> None:
        super().complete_auth(device)
        _mark_verified(self.request)


# The library's script texts, in Vietnamese (the library ships no Vietnamese catalogue).
SCRIPT_TEXTS = {
    "An error occurred during verification.": "Đã xảy ra lỗi khi xác minh.",
    "Finishing verification...": "Đang hoàn tất xác minh...",
    "Verification aborted.": "Đã huỷ xác minh.",
    "Verification canceled or not allowed.": "Xác minh bị huỷ hoặc không được phép.",
    "Verification failed. A server error occurred.": "Xác minh không thành công: máy chủ gặp lỗi.",
    "Verification failed. An unknown error occurred.": "Xác minh không thành công: lỗi không xác định.",
    "Verification failed. An unknown server error occurred.": "Xác minh không thành công: máy chủ gặp lỗi.",
    "Verification failed. Could not retrieve parameters from the server.": (
        "Xác minh không thành công: không nhận được tham số từ máy chủ."
    ),
    "Verification successful!": "Xác minh thành công.",
    "Verify with Passkey": "Xác minh bằng khoá truy cập",
    "Verifying...": "Đang xác minh...",
    "An error occurred during registration.": "Đã xảy ra lỗi khi đăng ký.",
    "Finishing registration...": "Đang hoàn tất đăng ký...",
    "Register a Passkey": "Đăng ký khoá truy cập",
    "Registering...": "Đang đăng ký...",
    "Registration aborted or not allowed.": "Đăng ký bị huỷ hoặc không được phép.",
    "Registration aborted.": "Đã huỷ đăng ký.",
    "Registration failed. A server error occurred.": "Đăng ký không thành công: máy chủ gặp lỗi.",
    "Registration failed. A technical problem occurred that prevents you from registering a Passkey for this site.": (
        "Đăng ký không thành công: trình duyệt hoặc thiết bị không cho phép đăng ký khoá truy cập cho trang này."
    ),
    "Registration failed. An unknown error occurred.": "Đăng ký không thành công: lỗi không xác định.",
    "Registration failed. The server was unable to verify this passkey.": (
        "Đăng ký không thành công: máy chủ không xác minh được khoá truy cập này."
    ),
    "Registration failed. Unable to fetch registration options from server.": (
        "Đăng ký không thành công: không nhận được tham số từ máy chủ."
    ),
    "Registration failed. You most likely already have a Passkey registered for this site.": (
        "Đăng ký không thành công: thiết bị này có lẽ đã có khoá truy cập cho trang này."
    ),
    "Registration successful!": "Đăng ký thành công.",
}


class ScriptCatalog(JavaScriptCatalog):
    """The gettext catalogue the library's script loads (a script file, not inline), in Vietnamese."""

    packages = ["django_otp_webauthn"]

    def get_catalog(self) -> dict:
        return {**super().get_catalog(), **SCRIPT_TEXTS}


# Mounted in hdnd/urls.py under the namespace "otp_webauthn", which the library's template tags reverse.
urlpatterns = [
    path("dang-ky/bat-dau/", BeginRegistration.as_view(), name="credential-registration-begin"),
    path("dang-ky/hoan-tat/", CompleteRegistration.as_view(), name="credential-registration-complete"),
    path("xac-minh/bat-dau/", BeginAuthentication.as_view(), name="credential-authentication-begin"),
    path("xac-minh/hoan-tat/", CompleteAuthentication.as_view(), name="credential-authentication-complete"),
    path("ngon-ngu.js", ScriptCatalog.as_view(), name="js-i18n-catalog"),
]
# An unverified session reaches these: they are how it passes (or sets up) the second factor.
OPEN_VIEWS = {f"otp_webauthn:{p.name}" for p in urlpatterns} | {"registry:passkey_list"}


def _other_factors(user: object, keep: WebAuthnCredential) -> int:
    """Confirmed second-factor devices of the user other than `keep` (backup codes are no factor alone)."""
    return sum(
        1
        for device in devices_for_user(user)
        if not isinstance(device, StaticDevice) and device.persistent_id != keep.persistent_id
    )


@login_required
def passkey_list(request: HttpRequest) -> HttpResponse:
    """The user's passkeys: register one (in the browser), see when each was used, remove one.

    A user who already has a second factor must have passed it in this session first, as for replacing
    the authenticator app: a password alone must not let someone add their own key to the account.
    """
    if list(devices_for_user(request.user)) and not security.is_verified(request):
        messages.info(request, "Xác minh bằng mã hoặc khoá truy cập hiện có trước khi quản lý khoá truy cập.")
        return redirect(f"{reverse('registry:otp_verify')}?{urlencode({'next': request.path})}")
    passkeys = WebAuthnCredential.objects.filter(user=request.user).order_by("created_at", "pk")
    return render(request, "registry/passkey_list.html", {"passkeys": list(passkeys)})


@login_required
@require_POST
def passkey_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not security.is_verified(request):
        raise PermissionDenied("Cần xác thực hai bước trước khi xoá khoá truy cập.")
    passkey = get_object_or_404(WebAuthnCredential, pk=pk, user=request.user)
    if security.second_factor_needed(request) and _other_factors(request.user, passkey) == 0:
        messages.error(
            request,
            "Không xoá được: đây là phương thức xác thực hai bước duy nhất của tài khoản. "
            "Đăng ký khoá truy cập khác hoặc ứng dụng xác thực trước.",
        )
        return redirect("registry:passkey_list")
    name = passkey.name
    passkey.delete()
    request.session[security.HAS_DEVICE_KEY] = user_has_device(request.user)
    messages.success(request, f"Đã xoá khoá truy cập «{name}».")
    return redirect("registry:passkey_list")
