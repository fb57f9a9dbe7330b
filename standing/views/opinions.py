"""The written-opinion screens: requests, the members' opinions, the reply letter."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from documents.access import ISSUE
from hdnd import dates
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, run_form
from registry.access import has_perm, require
from standing import selectors, services, wording
from standing.access import EDIT, OPINE, VIEW
from standing.forms import (
    IssueForm,
    OpinionForm,
    OpinionRequestForm,
    YearForm,
)
from standing.models import OpinionState
from standing.views._common import _form_page, _page, _record_action


@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = YearForm(request.GET or None)
    year, search = None, ""
    if form.is_valid():
        year, search = form.cleaned_data["year"], form.cleaned_data["q"]
    state = request.GET.get("trang_thai", "")
    qs = selectors.opinion_request_list(
        council=council, year=year, search=search, state=state if state in OpinionState.values else ""
    )
    return render(
        request,
        "standing/opinion_list.html",
        {
            "page": _page(request, qs),
            "form": form,
            "state": state,
            "states": OpinionState.choices,
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def opinion_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = OpinionRequestForm(request.POST or None, council=council)
    opinion_request = run_form(
        request,
        form,
        lambda d: services.opinion_request_create(council=council, user=request.user, **d),
        "Đã vào sổ đề nghị cho ý kiến và giao Thường trực theo dõi.",
    )
    if opinion_request is not NOT_DONE:
        return redirect("standing:opinion_detail", pk=opinion_request.pk)
    return _form_page(request, form, "Đề nghị Thường trực cho ý kiến bằng văn bản", "standing:opinion_list")


@login_required
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    opinion_request = selectors.opinion_request_get(council=council, pk=pk)
    is_open = opinion_request.state == OpinionState.OPEN
    return render(
        request,
        "standing/opinion_detail.html",
        {
            "req": opinion_request,
            "is_open": is_open,
            "actions": services.opinion_allowed_actions(opinion_request, request.user),
            "left": wording.placeholders(opinion_request.reply) if opinion_request.reply and is_open else [],
            "issue_form": IssueForm(initial={"issued_on": dates.today()}),
            "history": history_rows(opinion_request),
        },
    )


@login_required
def opinion_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, OPINE)
    opinion_request = selectors.opinion_request_get(council=council, pk=pk)
    form = OpinionForm(request.POST or None, council=council)
    done = run_form(
        request, form, lambda d: services.opinion_add(request=opinion_request, user=request.user, **d), "Đã ghi ý kiến."
    )
    if done is not NOT_DONE:
        return redirect("standing:opinion_detail", pk=pk)
    return _form_page(request, form, f"Ý kiến thành viên — {opinion_request.subject}", "standing:opinion_list")


def _opinion_action(request: HttpRequest, pk: int, action: Callable, done: str, perms: tuple[str, ...]) -> HttpResponse:
    return _record_action(request, pk, selectors.opinion_request_get, "standing:opinion_detail", action, done, perms)


@login_required
@require_POST
def reply_generate(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_action(
        request,
        pk,
        lambda r, u: services.reply_generate(request=r, user=u),
        "Đã tạo dự thảo công văn cho ý kiến.",
        (),
    )


@login_required
@require_POST
def reply_issue(request: HttpRequest, pk: int) -> HttpResponse:
    form = IssueForm(request.POST)
    issued_on = form.cleaned_data["issued_on"] if form.is_valid() else None
    return _opinion_action(
        request,
        pk,
        lambda r, u: services.reply_issue(request=r, user=u, issued_on=issued_on),
        "Đã ban hành công văn cho ý kiến; đề nghị đã được trả lời.",
        (ISSUE,),
    )
