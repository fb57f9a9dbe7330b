"""What the standing committee's screens share: paging, the form page, flashing a service's refusal, record buttons."""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hdnd.views import run_action
from registry.access import require
from standing.access import EDIT

PAGE_SIZE = 50


def _page(request: HttpRequest, qs: object) -> object:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))


def _form_page(request: HttpRequest, form: BaseForm, title: str, back: str, submit: str = "Lưu") -> HttpResponse:
    return render(request, "standing/form.html", {"form": form, "title": title, "back": back, "submit": submit})


def _record_action(
    request: HttpRequest, pk: int, get: Callable, detail: str, action: Callable, done: str, perms: tuple[str, ...]
) -> HttpResponse:
    """A POST button on a record's page: run `action(record, user)`, flash the outcome, back to the page."""
    council = require(request, EDIT)
    for perm in perms:
        require(request, perm)
    record = get(council=council, pk=pk)
    run_action(request, lambda: action(record, request.user), done)
    return redirect(detail, pk=pk)
