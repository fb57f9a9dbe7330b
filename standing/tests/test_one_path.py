"""Issue 13, item 3: what follows an issue runs once, in the source's on_issue hook, whichever screen issues
the document — the meeting's, the conference's, the opinion request's own step, or the document register."""

import datetime

import pytest

from documents.services import document_issue
from followup.models import Obligation, ObligationUpdate
from followup.models import State as ObligationState
from hdnd import dates
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


def _opinion_shown(town, request, as_user) -> dict:
    from reports import figures
    from standing.models import OpinionRequest
    from standing.selectors import opinion_request_list

    office = as_user("office")
    current = OpinionRequest.objects.select_related("obligation").get(pk=request.pk)
    return {
        "state": current.state,
        "page": office.get(f"/thuong-truc/y-kien/{request.pk}/").content.decode(),
        "answered_listed": opinion_request_list(council=town.council, state=OpinionState.ANSWERED).count(),
        "open_listed": opinion_request_list(council=town.council, state=OpinionState.OPEN).count(),
        # The report of the year the answer was reported in (today, on the follow-up screen).
        "figure": figures.compute(council=town.council, year=dates.today().year).items["written_opinions"].value,
    }


def test_opinion_request_reads_its_progress_from_the_followup_engine(town, as_user) -> None:
    """The office moves the request's obligation on /theo-doi/ and the API: the request's page, its list
    and the annual report's count of written opinions follow."""
    request = make_request(town)
    ob = request.obligation
    before = _opinion_shown(town, request, as_user)
    assert before["state"] == OpinionState.OPEN and (before["answered_listed"], before["open_listed"]) == (0, 1)
    response = as_user("office").post(
        f"/theo-doi/{ob.pk}/bao-cao/", {"kind": "hoan_thanh", "text": "Đã trả lời bằng điện thoại, có văn bản sau."}
    )
    assert response.status_code == 302
    now = _opinion_shown(town, request, as_user)
    assert now["state"] == OpinionState.ANSWERED and (now["answered_listed"], now["open_listed"]) == (1, 0)
    assert "Đã có văn bản trả lời" in now["page"]
    assert now["figure"] == before["figure"] + 1
    response = as_user("office").post(f"/theo-doi/{ob.pk}/tra-lai/", {"reason": "Chưa có văn bản."})
    assert response.status_code == 302
    now = _opinion_shown(town, request, as_user)
    assert now["state"] == OpinionState.OPEN and now["figure"] == before["figure"]
    api = f"/api/v1/councils/{town.council.pk}/obligations/{ob.pk}/cancel"
    response = as_user("office").post(api, {"reason": "UBND rút đề nghị."}, content_type="application/json")
    assert response.status_code == 200
    now = _opinion_shown(town, request, as_user)
    assert now["state"] == OpinionState.CANCELLED and "Đã hủy theo dõi" in now["page"]
    assert (now["answered_listed"], now["open_listed"]) == (0, 0)
