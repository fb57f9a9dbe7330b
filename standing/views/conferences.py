"""The conference screens: the record, its tasks and its documents."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from documents.access import ISSUE
from hdnd import dates
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from registry.access import has_perm, require
from standing import selectors, services, wording
from standing.access import EDIT, VIEW
from standing.forms import (
    ConferenceDocumentForm,
    ConferenceFilterForm,
    ConferenceForm,
    ConferenceTaskForm,
    IssueForm,
)
from standing.views._common import _form_page, _page, _record_action


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = ConferenceFilterForm(request.GET or None)
    year, search, kind = None, "", ""
    if form.is_valid():
        year, search, kind = form.cleaned_data["year"], form.cleaned_data["q"], form.cleaned_data["kind"]
    qs = selectors.conference_list(council=council, year=year, kind=kind, search=search)
    return render(
        request,
        "standing/conference_list.html",
        {"page": _page(request, qs), "form": form, "can_edit": has_perm(request.user, council, EDIT)},
    )


@login_required
def conference_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = ConferenceForm(request.POST or None, council=council)
    conference = run_form(
        request, form, lambda d: services.conference_create(council=council, user=request.user, **d), "Đã ghi hội nghị."
    )
    if conference is not NOT_DONE:
        return redirect("standing:conference_detail", pk=conference.pk)
    return _form_page(request, form, "Ghi hội nghị liên tịch, trực báo", "standing:conference_list")


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    conference = selectors.conference_get(council=council, pk=pk)
    document = conference.document
    issued = document is not None and document.is_frozen
    return render(
        request,
        "standing/conference_detail.html",
        {
            "conference": conference,
            "issued": issued,
            "left": wording.placeholders(document) if document is not None and not issued else [],
            "actions": services.conference_allowed_actions(conference, request.user),
            "document_form": ConferenceDocumentForm(initial={"doc_type": document.doc_type} if document else None),
            "issue_form": IssueForm(initial={"issued_on": dates.today()}),
            "history": history_rows(conference),
        },
    )


@login_required
def conference_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    conference = selectors.conference_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "standing:conference_detail", pk):
        return refused
    initial = {name: getattr(conference, name) for name in services.CONFERENCE_FIELDS if name != "participants"}
    initial["participants"] = list(conference.participants.all())
    form = ConferenceForm(request.POST or None, initial=initial, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.conference_update(conference=conference, user=request.user, **d),
        "Đã lưu hội nghị.",
    )
    if done is not NOT_DONE:
        return redirect("standing:conference_detail", pk=pk)
    return _form_page(request, form, f"Sửa: {conference.get_kind_display()}", "standing:conference_list")


@login_required
def conference_task_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    conference = selectors.conference_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "standing:conference_detail", pk):
        return refused
    form = ConferenceTaskForm(request.POST or None, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.conference_task_add(conference=conference, user=request.user, **d),
        "Đã thêm nhiệm vụ.",
    )
    if done is not NOT_DONE:
        return redirect("standing:conference_detail", pk=pk)
    return _form_page(request, form, f"Giao nhiệm vụ — {conference.get_kind_display()}", "standing:conference_list")


@login_required
@require_POST
def conference_task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    task = selectors.conference_task_get(council=council, pk=pk)
    run_action(request, lambda: services.conference_task_delete(task=task, user=request.user), "Đã xóa nhiệm vụ.")
    return redirect("standing:conference_detail", pk=task.conference_id)


def _conference_action(
    request: HttpRequest, pk: int, action: Callable, done: str, perms: tuple[str, ...]
) -> HttpResponse:
    return _record_action(request, pk, selectors.conference_get, "standing:conference_detail", action, done, perms)


@login_required
@require_POST
def conference_document_generate(request: HttpRequest, pk: int) -> HttpResponse:
    form = ConferenceDocumentForm(request.POST)
    doc_type = form.cleaned_data["doc_type"] if form.is_valid() else ""
    return _conference_action(
        request,
        pk,
        lambda c, u: services.conference_document_generate(conference=c, doc_type=doc_type, user=u),
        "Đã tạo dự thảo văn bản của hội nghị từ hồ sơ.",
        (),
    )


@login_required
@require_POST
def conference_document_issue(request: HttpRequest, pk: int) -> HttpResponse:
    form = IssueForm(request.POST)
    issued_on = form.cleaned_data["issued_on"] if form.is_valid() else None
    return _conference_action(
        request,
        pk,
        lambda c, u: services.conference_document_issue(conference=c, user=u, issued_on=issued_on),
        "Đã ban hành văn bản của hội nghị; các nhiệm vụ đã được giao và theo dõi.",
        (ISSUE,),
    )
