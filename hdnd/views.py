"""Project-level views: home, health, error pages, and the helper that turns service errors into form errors."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from hdnd.closed import council_refusal, refusal_of
from hdnd.home import home_sections

# Each app appends a callable(request) -> list[(label, value, url)] for the dashboard.
DASHBOARD_CARDS: list = []


def add_service_errors(form: BaseForm, exc: ValidationError, field_of: Callable[[str], str] | None = None) -> None:
    """Put a service's ValidationError on the form, on the fields it names when the form has them
    (`field_of` maps a service's field name to the form's, e.g. "fin" -> "text_fin")."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            name = field_of(field) if field_of else field
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class _NotDone:
    def __repr__(self) -> str:
        return "NOT_DONE"


NOT_DONE = _NotDone()


def run_form(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict], object],
    success: str,
    *,
    field_of: Callable[[str], str] | None = None,
) -> object:
    """The write step every form view shares: on a valid POST run `action(cleaned_data)` (one or more
    services) in one transaction, put a refusal's Vietnamese messages on the form, and flash `success`
    when it went through. A PermissionDenied raised by a service is not caught: the answer is 403.

    Returns what the action returned, or NOT_DONE when nothing was written (GET, invalid, refused).
    """
    if request.method != "POST" or not form.is_valid():
        return NOT_DONE
    if refusal := refusal_of(request):  # a ceased council writes nothing, whatever the service checks
        add_service_errors(form, refusal, field_of)
        return NOT_DONE
    try:
        with transaction.atomic():
            result = action(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc, field_of)
        return NOT_DONE
    messages.success(request, success)
    return result


def flash_errors(request: HttpRequest, exc: ValidationError, refused: str = "") -> None:
    """A refusal shown on the next page: its Vietnamese messages flashed as errors, one each, or in one
    line after `refused` ("Chưa thể ban hành: ...") when given."""
    if refused:
        messages.error(request, refused + " ".join(exc.messages))
        return
    for message in exc.messages:
        messages.error(request, message)


def run_action(request: HttpRequest, action: Callable[[], object], success: str, *, refused: str = "") -> object:
    """The write step of a button (a POST without a form): run `action()` in one transaction, flash
    `success` (unless empty) or the refusal's messages. Returns what the action returned, or NOT_DONE
    when refused. A PermissionDenied raised by a service is not caught: the answer is 403."""
    if refusal := refusal_of(request):  # a ceased council writes nothing, whatever the service checks
        flash_errors(request, refusal, refused)
        return NOT_DONE
    try:
        with transaction.atomic():
            result = action()
    except ValidationError as exc:
        flash_errors(request, exc, refused)
        return NOT_DONE
    if success:
        messages.success(request, success)
    return result


def refuse_closed(request: HttpRequest, council: object, to: str, *args: object) -> HttpResponse | None:
    """The guard of a page that writes, its GET as its POST: None while the council takes records today; once
    it has ceased (past its last day, read-only for history), the refusal of `registry.services.council_accepts`
    flashed in Vietnamese and a redirect to `to` (a URL name, with `args`), so no form is offered at all. The
    services refuse the same step themselves, for the API and any other caller."""
    if refusal := council_refusal(council):
        flash_errors(request, refusal)
        return redirect(to, *args)
    return None


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
