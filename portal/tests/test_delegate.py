"""The delegate's public page: group, constituency, committees, sessions attended, speeches, questions,
voter contacts and reception days; and sessions or votes the council has not made public stay off."""

import datetime

from django.test import Client
from django.urls import reverse

from petitions import services as petitions
from plenary import services as plenary
from plenary.models import Presence, SessionState
from plenary.tests.factories import make_session, make_submission
from portal.tests.conftest import grow
from registry.models import MemberRole
from registry.services import membership_create

D = datetime.date


def test_the_delegate_page_shows_the_public_record_of_their_activity(site) -> None:
    grow(site, 3)
    council = site.council
    d = site.delegates[0]
    membership_create(person=d.person, body=site.committee, role=MemberRole.MEMBER, starts_on=D(2021, 7, 1))
    session = site.sessions[0]
    plenary.attendance_record(session=session, day=session.opens_on, presence={d.pk: Presence.PRESENT}, user=None)
    plenary.speech_add(session=session, delegate=d, spoken_on=session.opens_on, summary="Đề nghị làm đường ven biển")
    plenary.question_create(
        session=session,
        delegate=d,
        addressee=site.receiver,
        addressee_body=site.town.bodies["UBND thị xã"],
        content="Khi nào sửa cầu Phổ An?",
        asked_on=session.opens_on,
        user=None,
    )
    petitions.meeting_create(
        contact_round=site.town.round,
        held_on=D(2024, 6, 5),
        place="Nhà văn hóa xã Phổ An",
        form="truc_tiep",
        unit=site.town.units["Phổ An"],
        delegates=[d],
    )
    text = Client().get(reverse("portal:delegate", args=[council.pk, d.pk])).content.decode()
    for shown in (
        d.person.full_name,
        "Tổ đại biểu số 1",
        "Đơn vị bầu cử số 0",
        "Ủy viên Ban Kinh tế - Xã hội HĐND thị xã",
        "có mặt 1/1 ngày họp",
        "Đề nghị làm đường ven biển",
        "Khi nào sửa cầu Phổ An?",
        "Nhà văn hóa xã Phổ An",
    ):
        assert shown in text, shown
    assert "@riengtu.vn" not in text  # a delegate's e-mail is not one of the public facts
    bodies = Client().get(reverse("portal:bodies", args=[council.pk])).content.decode()
    assert "Phạm Văn Tiếp — Chủ tịch" in bodies and d.person.full_name in bodies
    assert "@riengtu.vn" not in bodies


def test_a_planned_session_is_404_and_votes_wait_for_the_close_or_the_published_resolution(site) -> None:
    grow(site, 3)
    c = site.council.pk
    planned = make_session(site.council, site.town.world.term, number=90, opens_on=D(2024, 11, 1))
    assert Client().get(reverse("portal:session", args=[c, planned.pk])).status_code == 404
    assert "Kỳ họp thứ 90" not in Client().get(reverse("portal:sessions", args=[c])).content.decode()
    open_session = plenary.session_update(session=planned, state=SessionState.OPEN)
    draft = make_submission(open_session, site.town.world.agency, title="Tờ trình về chợ Phổ Châu")
    plenary.vote_record(submission=draft, voted_on=D(2024, 11, 1), yes=1, no=12, abstain=0, user=None)
    page = reverse("portal:session", args=[c, open_session.pk])
    assert "Tờ trình về chợ Phổ Châu" not in Client().get(page).content.decode()
    plenary.session_update(session=open_session, state=SessionState.CLOSED)
    text = Client().get(page).content.decode()
    assert "Tờ trình về chợ Phổ Châu</strong>: không thông qua" in text
