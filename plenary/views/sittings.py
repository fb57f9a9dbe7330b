"""During the session: attendance, speeches, group discussions."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from hdnd.dates import format_date
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, run_form
from plenary import forms, selectors, services
from plenary.access import EDIT, VIEW
from plenary.views._common import _form_page
from registry.access import require
from registry.selectors import delegates_in_office


def _day(value: str, days: list[datetime.date]) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return days[0]


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    days = selectors.sitting_days(session)
    day = _day(request.GET.get("ngay", ""), days)
    rows = selectors.attendance_grid(session=session, day=day)
    form = forms.AttendanceForm(request.POST or None, rows=rows)
    done = run_form(
        request,
        form,
        lambda d: services.attendance_record(
            session=session, day=day, presence=form.presence(), reasons=form.reasons(), user=request.user
        ),
        f"Đã lưu điểm danh ngày {format_date(day)}.",
    )
    if done is not NOT_DONE:
        return redirect(f"{reverse('plenary:attendance', args=[pk])}?ngay={day.isoformat()}")
    return render(
        request,
        "plenary/attendance.html",
        {"session": session, "days": days, "day": day, "form": form, "recorded": any(r.presence for r in rows)},
    )


@login_required
def speech_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    on = session.opened_on or session.opens_on
    delegates = delegates_in_office(council=council, on=on).select_related("person").order_by("person__name_folded")
    form = forms.SpeechForm(request.POST or None, session=session, delegates=delegates, initial={"spoken_on": on})

    def action(data: dict) -> None:
        services.speech_add(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(request, form, action, title=f"Ghi phát biểu {session}", success="Đã ghi phát biểu.", back=back)


@login_required
def group_discussion_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    on = session.opened_on or session.opens_on
    form = forms.GroupDiscussionForm(request.POST or None, council=council, initial={"held_on": on})

    def action(data: dict) -> None:
        services.group_discussion_add(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request, form, action, title=f"Ghi thảo luận tổ {session}", success="Đã ghi thảo luận tổ.", back=back
    )


@login_required
def group_discussion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    discussion = selectors.group_discussion_get(council=council, pk=pk)
    return render(
        request,
        "plenary/group_discussion_detail.html",
        {"d": discussion, "session": discussion.session, "history": history_rows(discussion)},
    )
