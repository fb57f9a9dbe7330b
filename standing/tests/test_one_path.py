"""Issue 13, item 3: what follows an issue runs once, in the source's on_issue hook, whichever screen issues
the document — the meeting's, the conference's, the opinion request's own step, or the document register."""

import datetime

import pytest

from documents.services import document_issue
from followup.models import Obligation, ObligationUpdate
from followup.models import State as ObligationState
from standing import services
from standing.models import OpinionState, Stance
from standing.tests.conftest import make_meeting, make_request

D = datetime.date
pytestmark = pytest.mark.django_db


def test_notice_issue_assigns_each_task_once(town) -> None:
    meeting = make_meeting(town, tasks=2)
    services.notice_generate(meeting=meeting, user=None)
    services.notice_issue(meeting=meeting, user=None, issued_on=D(2022, 1, 14))
    obligations = Obligation.objects.filter(source_id=meeting.pk, kind=services.CONCLUSION_TASK)
    assert obligations.count() == 2
    # One creation step per obligation: the hook ran once, nothing assigned them a second time by hand.
    assert ObligationUpdate.objects.filter(obligation__in=obligations, action="giao").count() == 2
    assert services.tasks_assign(meeting=meeting) == []


def test_reply_letter_issued_from_the_register_answers_the_request(town) -> None:
    request = make_request(town)
    letter = services.reply_generate(request=request)
    document_issue(document=letter, user=None, issued_on=D(2024, 8, 8))  # the document register's step
    request.refresh_from_db()
    request.obligation.refresh_from_db()
    assert request.state == OpinionState.ANSWERED and request.answered_on == D(2024, 8, 8)
    assert request.obligation.state == ObligationState.ACCEPTED
    report = request.obligation.updates.get(action="bao_cao_hoan_thanh")
    assert report.reply == letter


def test_reply_issue_reports_once(town) -> None:
    request = make_request(town)
    services.opinion_add(request=request, person=town.people["Nguyễn Thị Kiều"], stance=Stance.AGREE)
    services.reply_generate(request=request)
    request = services.reply_issue(request=request, user=None, issued_on=D(2024, 8, 8))
    assert request.state == OpinionState.ANSWERED
    assert request.obligation.updates.filter(action="bao_cao_hoan_thanh").count() == 1
    assert request.obligation.updates.filter(action="chap_nhan").count() == 1
