"""What the session screens share: paging and the form page."""

from collections.abc import Callable

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hdnd.views import NOT_DONE, run_form

PAGE_SIZE = 50


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[dict], object],
    *,
    title: str,
    success: str,
    back: str,
    intro: str = "",
) -> HttpResponse:
    """Run `action` with the cleaned data of a valid POST (`run_form`); a refusal lands on the form."""
    result = run_form(request, form, action, success)
    if result is not NOT_DONE:
        return redirect(result if isinstance(result, str) else back)
    return render(request, "plenary/form.html", {"form": form, "title": title, "back": back, "intro": intro})
