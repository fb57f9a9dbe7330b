"""Project-level views: home, health, error pages, and the helper that turns service errors into form errors."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hdnd.home import home_sections

# Each app appends a callable(request) -> list[(label, value, url)] for the dashboard.
DASHBOARD_CARDS: list = []


def add_service_errors(form: BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, on the fields it names when the form has them."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class _NotDone:
    def __repr__(self) -> str:
        return "NOT_DONE"


NOT_DONE = _NotDone()


def run_form(request: HttpRequest, form: BaseForm, action: Callable[[dict], object], success: str) -> object:
    """The write step every form view shares: on a valid POST run `action(cleaned_data)` (a service),
    put a refusal's Vietnamese messages on the form, and flash `success` when it went through.

    Returns what the action returned, or NOT_DONE when nothing was written (GET, invalid, refused).
    """
    if request.method != "POST" or not form.is_valid():
        return NOT_DONE
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return NOT_DONE
    messages.success(request, success)
    return result


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    cards, sections = [], []
    if request.council is not None:
        # Each provider shows only what the user's role allows (an agency user sees its own obligations).
        for provider in DASHBOARD_CARDS:
            cards.extend(provider(request))
        sections = home_sections(request)
    return render(request, "home.html", {"cards": cards, "sections": sections})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = "ok"
    except Exception as exc:  # health must answer, whatever broke
        db = f"lỗi: {exc.__class__.__name__}"
    status = 200 if db == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": db}, status=status)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A page on its own (no base template): a request refused as malformed may lack what the menu reads."""
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "Bạn không có quyền truy cập trang này."
    return render(request, "403.html", {"message": message}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
