"""A ceased council (e.g. the old Đức Phổ town council, last day 30/06/2025) keeps its letters, receptions and
reception schedule readable but takes no step on them afterwards (`registry.services.council_accepts`): no
page offers a form or a link that writes, the form pages (GET and POST) go back with the Vietnamese refusal,
and the API and the services refuse, nothing saved."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reception import notices, refusals, schedule, services
from reception.models import Category, Field, Letter, RefusalGround, RefusalNotice, RosterRule, SessionKind, Slot
from reception.services import CaseIn, SenderIn
from registry.models import BodyKind, Council, Person
from registry.tests.factories import BodyFactory

D = datetime.date
REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"
pytestmark = pytest.mark.django_db


def _post(client: object, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def _refused(response: object) -> None:
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content


def test_ceased_council_takes_no_step_on_letters_receptions_or_schedule(world, as_user) -> None:
    council = world.council
    BodyFactory(council=council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND", short_name="TT")
    receivers = [Person.objects.create(council=council, full_name=n) for n in ("An Văn A", "Bùi Thị B")]
    letter = services.letter_receive(
        council=council,
        received_on=D(2025, 6, 2),
        cases=[CaseIn(Category.RECOMMENDATION, "Kiến nghị làm đường", Field.ADMIN_OTHER)],
        senders=[SenderIn("Lê Văn Tố", "Tổ 3, phường Nguyễn Nghiêm", "0912000111")],
        user=world.users["office"],
    )
    case = letter.cases.get()
    roster = {"rule": RosterRule.DAY_OF_MONTH, "day": 15, "place": "Trụ sở", "decision": "Quy chế, Điều 12"}
    schedule.roster_set(council=council, receivers=receivers, user=None, **roster)
    (slot,) = schedule.schedule_generate(council=council, start=D(2025, 6, 1), end=D(2025, 6, 30), user=None)
    session = services.session_create(
        council=council,
        held_on=D(2025, 6, 16),
        kind=SessionKind.PERIODIC,
        place="Trụ sở",
        receivers=[receivers[0]],
        citizens=1,
        group=False,
        content="Hỏi về đất đai",
        user=None,
    )
    office = as_user("office")
    letter_page = reverse("reception:letter_detail", args=[letter.pk])
    schedule_page = reverse("reception:schedule") + "?nam=2025"
    assert reverse("reception:letter_refusal", args=[letter.pk]) in office.get(letter_page).content.decode()
    assert reverse("reception:slot_change", args=[slot.pk]) in office.get(schedule_page).content.decode()

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()

    # No page offers a step: the letter, the reception, the schedule.
    url = lambda name, *args: reverse(f"reception:{name}", args=args)  # noqa: E731
    for page, steps in (
        (
            letter_page,
            [
                url("letter_refusal", letter.pk),
                url("letter_scan_upload", letter.pk),
                url("case_classify", case.pk),
                url("case_forward", case.pk),
                url("case_split", case.pk),
                url("case_round", case.pk),
            ],
        ),
        (url("session_detail", session.pk), [url("session_task_add", session.pk), url("session_notice", session.pk)]),
        (schedule_page, [url("slot_change", slot.pk), url("schedule_generate"), url("roster_edit")]),
        (url("letter_list"), [url("from_petitions")]),
    ):
        html = office.get(page).content.decode()
        assert 'method="post"' not in html.split("<main", 1)[-1], page
        for step in steps:
            assert f'"{step}"' not in html, (page, step)
        assert "Lập lịch theo quy định" not in html and "Lập thông báo từ chối" not in html

    # The form pages: GET and POST go back with the refusal, nothing saved.
    refusal = {"ground": RefusalGround.ANSWERED, "established_on": "01/07/2025", "earlier": "Công văn 12/UBND"}
    for url, back, data in (
        (reverse("reception:letter_refusal", args=[letter.pk]), letter_page, refusal),
        (reverse("reception:letter_scan_upload", args=[letter.pk]), letter_page, {}),
        (reverse("reception:slot_change", args=[slot.pk]), reverse("reception:schedule"), {"reason": "Đi họp"}),
        (reverse("reception:roster_edit"), reverse("reception:schedule"), roster),
        (reverse("reception:from_petitions"), reverse("reception:letter_list"), {}),
    ):
        for response in (office.get(url), office.post(url, data)):
            assert response.status_code == 302 and response.url == back, (url, response)
        assert REFUSED in office.get(url, follow=True).content.decode(), url
    response = office.post(reverse("reception:schedule_generate"), {"start": "01/07/2025", "end": "31/07/2025"})
    assert response.status_code == 400 and REFUSED in response.content.decode()

    # The API.
    base = f"/api/v1/councils/{council.pk}"
    _refused(_post(office, f"{base}/letter-cases/{case.pk}/classify", {"eligible": True}))
    _refused(
        _post(
            office,
            f"{base}/letters/{letter.pk}/refusal",
            {
                "ground": RefusalGround.ANSWERED,
                "established_on": "2025-06-30",
                "earlier": "Công văn 12/UBND",
                "signer_title": "Phó Chủ tịch",
                "signer_name": "Trần B",
            },
        )
    )
    _refused(_post(office, f"{base}/reception-schedule/generate", {"start": "2025-07-01", "end": "2025-07-31"}))
    _refused(_post(office, f"{base}/reception-schedule/{slot.pk}/change", {"reason": "Đi họp"}))
    _refused(_post(office, f"{base}/receptions/{session.pk}/tasks", {"body_id": world.agency.pk, "text": "Trả lời"}))

    # The services themselves.
    for call in (
        lambda: services.case_classify(case=case, user=None, eligible=True),
        lambda: services.case_split(case=case, parts=[], user=None),
        lambda: services.case_link_round(case=case, round=None, user=None),
        lambda: schedule.roster_set(council=council, receivers=receivers, user=None, **roster),
        lambda: schedule.schedule_generate(council=council, start=D(2025, 7, 1), end=D(2025, 7, 31), user=None),
        lambda: schedule.slot_change(slot=slot, reason="Đi họp", user=None),
        lambda: schedule.schedule_publish(council=council, start=D(2025, 6, 1), end=D(2025, 6, 30), user=None),
        lambda: notices.task_add(session=session, body=world.agency, text="Trả lời", user=None),
        lambda: notices.notice_draft(
            session=session, conclusion="Kết luận", signer_title="PCT", signer_name="B", user=None
        ),
        lambda: refusals.chase_letters_make(council=council, signer_title="PCT", signer_name="B", user=None),
        lambda: refusals.refusal_notice_draft(
            letter=letter,
            ground=RefusalGround.ANSWERED,
            established_on=D(2025, 6, 30),
            earlier="Công văn 12/UBND",
            signer_title="PCT",
            signer_name="B",
            user=None,
        ),
    ):
        with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
            call()
    case.refresh_from_db()
    slot.refresh_from_db()
    assert case.eligible is None and slot.reason == "" and slot.published_on is None
    assert Slot.objects.filter(council=council).count() == 1
    assert not RefusalNotice.objects.exists() and not session.tasks.exists()
    assert Letter.objects.filter(council=council).count() == 1
