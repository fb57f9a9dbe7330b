"""A draft generated from a record says so when the record changes after it, until it is generated again.

Issue 18: "a warning stays after its cause is fixed until the draft is regenerated" — the draft's page and the
record's page now tell the office that the draft no longer matches its record, and stop once it does again.
"""

import datetime

from django.urls import reverse

from documents.models import Document, State
from documents.services import document_issue, document_update
from documents.sources import draft_is_stale
from standing import services
from standing.models import Stance
from standing.tests.conftest import make_meeting, make_request

D = datetime.date
DRAFT_WARNING = "Dự thảo không còn khớp với hồ sơ."
RECORD_WARNING = "Hồ sơ đã thay đổi sau khi tạo dự thảo này"


def _pages(as_user, meeting, notice) -> tuple[str, str]:
    client = as_user("office")
    document_page = client.get(reverse("documents:document_detail", args=[notice.pk]))
    meeting_page = client.get(reverse("standing:meeting_detail", args=[meeting.pk]))
    assert document_page.status_code == meeting_page.status_code == 200
    return document_page.content.decode(), meeting_page.content.decode()


def test_notice_warns_after_its_meeting_changes_until_regenerated(town, as_user) -> None:
    meeting = make_meeting(town)
    notice = services.notice_generate(meeting=meeting)
    assert not draft_is_stale(notice)
    document_html, meeting_html = _pages(as_user, meeting, notice)
    assert DRAFT_WARNING not in document_html and RECORD_WARNING not in meeting_html

    # A conclusion added after the draft was made: the notice no longer says what the meeting concluded.
    section = meeting.sections.get()
    services.paragraph_add(section=section, text="Giao Văn phòng tổng hợp ý kiến cử tri")
    notice.refresh_from_db()
    assert draft_is_stale(notice)
    document_html, meeting_html = _pages(as_user, meeting, notice)
    assert DRAFT_WARNING in document_html
    assert RECORD_WARNING in meeting_html
    assert reverse("standing:meeting_detail", args=[meeting.pk]) in document_html  # the way back to the record

    # Generated again: the warning goes.
    notice = services.notice_generate(meeting=meeting)
    assert "Giao Văn phòng tổng hợp ý kiến cử tri" in notice.body
    assert not draft_is_stale(notice)
    document_html, meeting_html = _pages(as_user, meeting, notice)
    assert DRAFT_WARNING not in document_html and RECORD_WARNING not in meeting_html


def test_office_edit_of_the_draft_is_not_a_change_of_the_record(town) -> None:
    meeting = make_meeting(town)
    notice = services.notice_generate(meeting=meeting)
    edited = document_update(document=notice, body=notice.body + "\nĐoạn văn phòng tự viết thêm.")
    assert not draft_is_stale(edited)
    # The record changes after the edit: the edited draft is out of date too.
    services.paragraph_add(section=meeting.sections.get(), text="Nhiệm vụ bổ sung")
    edited.refresh_from_db()
    assert draft_is_stale(edited)


def test_other_meeting_documents_and_issued_ones(town, as_user) -> None:
    meeting = make_meeting(town)
    invitation = services.meeting_document_generate(meeting=meeting, kind="giay_moi")
    assert not draft_is_stale(invitation)
    services.agenda_add(meeting=meeting, content="báo cáo tình hình kinh tế - xã hội", presenter="đồng chí Chủ tịch")
    invitation.refresh_from_db()
    assert draft_is_stale(invitation)
    page = as_user("office").get(reverse("standing:meeting_detail", args=[meeting.pk])).content.decode()
    assert RECORD_WARNING in page
    invitation = services.meeting_document_generate(meeting=meeting, kind="giay_moi")
    assert not draft_is_stale(invitation)
    # An issued document is what was sent: never marked, whatever the record does afterwards.
    issued = document_issue(document=invitation, user=None, issued_on=meeting.held_on)
    services.agenda_add(meeting=meeting, content="việc khác", presenter="Văn phòng")
    assert issued.state == State.ISSUED
    assert not draft_is_stale(Document.objects.get(pk=issued.pk))


def test_reply_letter_warns_after_a_new_opinion(town, as_user) -> None:
    request = make_request(town)
    services.opinion_add(request=request, person=town.people["Nguyễn Thị Kiều"], stance=Stance.AGREE)
    reply = services.reply_generate(request=request)
    assert not draft_is_stale(reply)
    services.opinion_add(
        request=request, person=town.people["Trần Văn Hùng"], stance=Stance.OTHER, text="Đề nghị làm rõ nguồn kinh phí."
    )
    reply.refresh_from_db()
    assert draft_is_stale(reply)
    page = as_user("office").get(reverse("standing:opinion_detail", args=[request.pk])).content.decode()
    assert RECORD_WARNING in page
    reply = services.reply_generate(request=request)
    assert not draft_is_stale(reply)
