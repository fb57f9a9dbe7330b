"""What the session screens share: paging and the form page."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hdnd.views import add_service_errors

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
    """Run `action` with the cleaned data of a valid POST; a service's ValidationError lands on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                result = action(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(result if isinstance(result, str) else back)
    return render(request, "plenary/form.html", {"form": form, "title": title, "back": back, "intro": intro})
