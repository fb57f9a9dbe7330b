"""Questioning: questions, answers, commitments."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from hdnd import dates
from plenary import forms, selectors, services
from plenary.access import EDIT, QUESTION
from plenary.models import AnswerMode
from plenary.views._common import _form_page
from registry.access import has_perm, require
from registry.selectors import delegates_in_office


@login_required
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, QUESTION)
    session = selectors.session_get(council=council, pk=pk)
    delegates = delegates_in_office(council=council, on=session.opens_on).select_related("person")
    own = selectors.delegate_for_user(request.user, council)
    if not has_perm(request.user, council, EDIT):
        # A delegate registers their own slips only.
        delegates = delegates.filter(pk=own.pk if own else 0)
    form = forms.QuestionForm(
        request.POST or None,
        council=council,
        delegates=delegates.order_by("person__name_folded"),
        initial={"asked_on": dates.today(), "delegate": own.pk if own else None},
    )

    def action(data: dict) -> None:
        services.question_create(session=session, user=request.user, **data)

    back = reverse("plenary:session_detail", args=[pk])
    return _form_page(
        request, form, action, title=f"Đăng ký chất vấn {session}", success="Đã gửi phiếu chất vấn.", back=back
    )


def _question_action(request: HttpRequest, pk: int, make_form: Callable, run: Callable, title: str) -> HttpResponse:
    council = require(request, EDIT)
    question = selectors.question_get(council=council, pk=pk)
    back = reverse("plenary:session_detail", args=[question.session_id])
    form = make_form(question)
    return _form_page(request, form, lambda d: run(question, d), title=title, success="Đã lưu.", back=back)


@login_required
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_action(
        request,
        pk,
        lambda q: forms.AnswerForm(
            request.POST or None,
            initial={"answered_on": dates.today(), "mode": q.mode if q.obligation_id else AnswerMode.AT_SESSION},
        ),
        lambda q, d: services.question_answer(question=q, user=request.user, **d),
        "Trả lời chất vấn",
    )


@login_required
def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_action(
        request,
        pk,
        lambda q: forms.CommitmentForm(request.POST or None, sessions=selectors.later_sessions(session=q.session)),
        lambda q, d: services.commitment_create(question=q, user=request.user, **d),
        "Ghi nhận lời hứa sau chất vấn",
    )
