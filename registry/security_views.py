"""Screens of the second factor (set up, verify) and of locked-out accounts (list, unlock)."""

import base64
import secrets

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from registry import security
from registry.access import UNLOCK_ACCOUNTS, require
from registry.forms import OtpCodeForm
from registry.models import LockoutRelease

TOTP_NAME = "Ứng dụng xác thực"
BACKUP_NAME = "Mã dự phòng"
BACKUP_COUNT = 10


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _redirect_next(name: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': _next_url(request)})}")


def _verified(request: HttpRequest, device: object) -> None:
    """Mark the session as passed the second factor, under a new session key (no fixation)."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session[security.HAS_DEVICE_KEY] = True


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the user's authenticator (or a backup code) after the password."""
    devices = list(devices_for_user(request.user))
    if not devices:
        return _redirect_next("registry:otp_setup", request)
    form = OtpCodeForm(request.POST or None, initial={"next": _next_url(request)})
    if request.method == "POST" and form.is_valid():
        for device in devices:
            # verify_token applies each device's throttling: repeated wrong codes slow the next tries.
            matched = verify_token(request.user, device.persistent_id, form.cleaned_data["code"])
            if matched is not None:
                _verified(request, matched)
                return redirect(_next_url(request))
        form.add_error("code", "Mã không đúng hoặc đã hết hạn. Nếu nhập sai nhiều lần, hãy chờ một lúc rồi thử lại.")
    has_passkey = any(isinstance(device, WebAuthnCredential) for device in devices)
    context = {
        "form": form,
        "next": _next_url(request),
        "has_passkey": has_passkey,
        "has_code_device": has_passkey is False
        or len(devices) > sum(isinstance(d, WebAuthnCredential) for d in devices),
    }
    return render(request, "registry/otp_verify.html", context)


def _qr_svg(url: str) -> str:
    """The provisioning URL as an inline SVG QR code, drawn here (nothing is fetched)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=5, title="Mã QR thiết lập xác thực hai bước"))


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) the authenticator: QR code and manual key, confirmed by a first code.

    Replacing a device needs a session that already passed the second factor: a password alone must not
    be enough to swap someone's authenticator for the attacker's.
    """
    user = request.user
    has_device = bool(list(devices_for_user(user)))
    if has_device and not security.is_verified(request):
        return _redirect_next("registry:otp_verify", request)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    form = OtpCodeForm(request.POST or None, initial={"next": _next_url(request)})
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_backup_codes(user)
            _verified(request, device)
            messages.success(request, "Đã bật xác thực hai bước.")
            return render(request, "registry/otp_backup_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("code", "Mã không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã đang hiển thị.")
    key = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registry/otp_setup.html",
        {
            "form": form,
            "qr": _qr_svg(device.config_url),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "has_device": has_device,
            "next": _next_url(request),
        },
    )


def _new_backup_codes(user: object) -> list[str]:
    """Ten single-use backup codes, replacing any earlier ones; shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [secrets.token_hex(4) for _ in range(BACKUP_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@login_required
def lockout_list(request: HttpRequest) -> HttpResponse:
    """The council's accounts with wrong passwords still counting; locked ones can be unlocked."""
    council = require(request, UNLOCK_ACCOUNTS)
    releases = LockoutRelease.objects.filter(council=council).select_related("user", "released_by")[:20]
    context = {
        "rows": security.lockout_list(council=council),
        "releases": list(releases),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registry/lockout_list.html", context)


@login_required
@require_POST
def lockout_release(request: HttpRequest, username: str) -> HttpResponse:
    council = require(request, UNLOCK_ACCOUNTS)
    users = get_user_model().objects.filter(grants__council=council).distinct()
    user = get_object_or_404(users, username=username)
    security.account_unlock(council=council, user=user, released_by=request.user)
    messages.success(request, f"Đã mở khoá tài khoản {user.get_username()}.")
    return redirect("registry:lockout_list")
