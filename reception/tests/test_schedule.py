"""The delegates' reception schedule: the council's rule, days off moved, turns, changes, publishing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from followup.models import Obligation
from hdnd import dates
from reception import schedule
from reception.models import HolidayShift, RosterRule, Slot
from registry.calendar import WorkCalendar
from registry.models import BodyKind, Person
from registry.services import setting_set
from registry.tests.factories import BodyFactory

D = datetime.date


@pytest.fixture
def receivers(world):
    return [Person.objects.create(council=world.council, full_name=n) for n in ("An Văn A", "Bùi Thị B", "Cao Văn C")]


def roster(world, receivers, **kwargs):
    args = {"rule": RosterRule.DAY_OF_MONTH, "day": 1, "place": "Trụ sở tiếp công dân", "decision": "Quy chế, Điều 12"}
    return schedule.roster_set(council=world.council, receivers=receivers, user=None, **(args | kwargs))


def test_days_off_move_as_the_roster_says_and_receivers_take_turns(world, receivers):
    roster(world, receivers, minimum_per_year=3)
    slots = schedule.schedule_generate(council=world.council, start=D(2026, 1, 1), end=D(2026, 6, 30), user=None)
    cal = WorkCalendar(world.council)
    assert [s.planned_day for s in slots] == [D(2026, m, 1) for m in range(1, 7)]
    assert all(cal.is_working_day(s.day) and s.day >= s.planned_day for s in slots)
    may_day = next(s for s in slots if s.planned_day == D(2026, 5, 1))  # Ngày Quốc tế lao động, a Friday
    assert may_day.day == D(2026, 5, 4)  # the next working day, Monday
    assert [s.person.full_name for s in slots] == ["An Văn A", "Bùi Thị B", "Cao Văn C"] * 2
    assert schedule.schedule_generate(council=world.council, start=D(2026, 1, 1), end=D(2026, 6, 30), user=None) == []
    later = schedule.schedule_generate(council=world.council, start=D(2026, 7, 1), end=D(2026, 7, 31), user=None)
    assert later[0].person.full_name == "An Văn A"  # the turn goes on after the last one on duty
    assert [(p.full_name, n) for p, n, _ in schedule.shortfalls(council=world.council, year=2026)] == [
        ("Bùi Thị B", 2),
        ("Cao Văn C", 2),
    ]


def test_weekday_rule_and_previous_working_day(world, receivers):
    roster(world, receivers, rule=RosterRule.WEEKDAY, day=None, weekday=0, week=5, shift=HolidayShift.PREVIOUS)
    (slot,) = schedule.schedule_generate(council=world.council, start=D(2026, 8, 1), end=D(2026, 8, 31), user=None)
    assert slot.planned_day == D(2026, 8, 31)  # the last Monday of August 2026


def test_roster_needs_the_councils_own_figures(world, receivers):
    with pytest.raises(ValidationError) as exc:
        schedule.roster_set(
            council=world.council, rule=RosterRule.DAY_OF_MONTH, place="", decision="", receivers=[], user=None
        )
    assert {"day", "place", "decision", "receivers"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError, match="chưa quy định"):
        schedule.schedule_generate(council=world.council, start=D(2026, 1, 1), end=D(2026, 2, 1), user=None)


def test_change_keeps_the_planned_day_and_says_why(world, receivers):
    roster(world, receivers)
    (slot,) = schedule.schedule_generate(council=world.council, start=D(2027, 3, 1), end=D(2027, 3, 31), user=None)
    with pytest.raises(ValidationError) as exc:
        schedule.slot_change(slot=slot, reason="", user=None)
    assert "reason" in exc.value.message_dict
    changed = schedule.slot_change(slot=slot, day=D(2027, 3, 3), person=receivers[2], reason="Đi công tác", user=None)
    assert (changed.day, changed.planned_day, changed.person, changed.reason) == (
        D(2027, 3, 3),
        D(2027, 3, 1),
        receivers[2],
        "Đi công tác",
    )
    assert changed.history.count() == 2


def test_publishing_asks_for_the_report_limit_then_owes_each_receiver_a_report(world, receivers):
    BodyFactory(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND", short_name="TT")
    roster(world, receivers)
    schedule.schedule_generate(council=world.council, start=D(2027, 1, 1), end=D(2027, 3, 31), user=None)
    with pytest.raises(ValidationError) as exc:
        schedule.schedule_publish(council=world.council, start=D(2027, 1, 1), end=D(2027, 3, 31), user=None)
    assert "rule" in exc.value.message_dict and not Obligation.objects.exists()
    setting_set(council=world.council, key=schedule.REPORT_RULE, value=5)
    assert schedule.schedule_publish(council=world.council, start=D(2027, 1, 1), end=D(2027, 3, 31), user=None) == 3
    slot = Slot.objects.filter(council=world.council).select_related("obligation").first()
    assert slot.obligation.owner_person == slot.person
    assert slot.obligation.due_on == WorkCalendar(world.council).add(slot.day, 5, "ngay")


def test_public_page_shows_only_published_days_without_login(world, receivers, as_user):
    roster(world, receivers)
    setting_set(council=world.council, key=schedule.REPORT_RULE, value=5)
    BodyFactory(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND", short_name="TT")
    today = dates.today()
    schedule.schedule_generate(council=world.council, start=today, end=today + datetime.timedelta(days=70), user=None)
    first = Slot.objects.filter(council=world.council).order_by("day").first()
    schedule.schedule_publish(council=world.council, start=first.day, end=first.day, user=None)
    page = as_user(None).get(f"/don-thu/cong-khai/{world.council.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert first.person.full_name in text and f"{first.day:%d/%m/%Y}" in text
    unpublished = Slot.objects.filter(council=world.council, published_on__isnull=True).first()
    assert f"{unpublished.day:%d/%m/%Y}" not in text


def test_notice_of_conclusions_gives_its_tasks_on_issue(world, as_user):
    from documents.services import document_issue
    from reception import notices, services

    session = services.session_create(
        council=world.council, held_on=D(2026, 7, 15), content="Công dân trình bày việc cấp giấy đất", user=None
    )
    notices.task_add(
        session=session, body=world.agency, text="Kiểm tra, trả lời công dân", due_on=D(2026, 8, 15), user=None
    )
    document = notices.notice_draft(
        session=session,
        conclusion="Giao Phòng TC-KH kiểm tra.",
        signer_title="Chánh Văn phòng",
        signer_name="Lê C",
        user=None,
    )
    assert "Giao nhiệm vụ" in document.body and world.agency.name in document.body
    assert not Obligation.objects.filter(kind=notices.TASK_KIND).exists()  # a draft gives no task yet
    document_issue(document=document, user=None, issued_on=D(2026, 7, 16))
    task = session.tasks.get()
    assert task.obligation.owner == world.agency and task.obligation.due_on == D(2026, 8, 15)
    with pytest.raises(ValidationError, match="đã ban hành"):
        notices.task_add(session=session, body=world.agency, text="Thêm", user=None)
    page = as_user("office").get(f"/don-thu/tiep-cong-dan/{session.pk}/").content.decode()
    assert document.number_symbol in page and "Kiểm tra, trả lời công dân" in page


def test_the_receivers_home_shows_their_next_reception_day(world, receivers, as_user):
    from registry.services import role_grant
    from registry.tests.factories import UserFactory

    roster(world, receivers)
    setting_set(council=world.council, key=schedule.REPORT_RULE, value=5)
    BodyFactory(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND", short_name="TT")
    today = dates.today()
    schedule.schedule_generate(council=world.council, start=today, end=today + datetime.timedelta(days=100), user=None)
    schedule.schedule_publish(council=world.council, start=today, end=today + datetime.timedelta(days=100), user=None)
    slot = Slot.objects.filter(council=world.council, person=receivers[0]).order_by("day").first()
    user = UserFactory(username="nguoitiep")
    role_grant(user=user, council=world.council, role="dai_bieu", person=receivers[0])
    world.users["nguoitiep"] = user
    page = as_user("nguoitiep").get("/").content.decode()
    assert "Ngày tiếp công dân của tôi" in page and f"{slot.day:%d/%m/%Y}" in page


def published(world, receivers, *, until):
    """The roster's days from 01/01/2027 to `until` generated, January and February published."""
    roster(world, receivers)
    setting_set(council=world.council, key=schedule.REPORT_RULE, value=5)
    BodyFactory(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND", short_name="TT")
    schedule.schedule_generate(council=world.council, start=D(2027, 1, 1), end=until, user=None)
    schedule.schedule_publish(council=world.council, start=D(2027, 1, 1), end=D(2027, 2, 28), user=None)


def receiver_user(world, person, email=""):
    """A delegate's account linked to the receiver `person`, logged in as "nguoitiep" by `as_user`."""
    from registry.services import role_grant
    from registry.tests.factories import UserFactory

    user = UserFactory(username="nguoitiep", email=email)
    role_grant(user=user, council=world.council, role="dai_bieu", person=person)
    world.users["nguoitiep"] = user
    return user


def test_receivers_reminded_once_before_their_day(world, receivers, mailoutbox):
    from django.core.management import call_command

    from reception.models import SlotReminder

    published(world, receivers, until=D(2027, 3, 31))
    receiver_user(world, receivers[0], email="a@example.vn")
    first = Slot.objects.filter(council=world.council).order_by("day").first()
    assert first.person == receivers[0]
    far = first.day - datetime.timedelta(days=20)
    call_command("send_reception_reminders", ngay=f"{far:%d/%m/%Y}")
    assert not SlotReminder.objects.exists()  # too early
    on = first.day - datetime.timedelta(days=1)
    call_command("send_reception_reminders", ngay=f"{on:%d/%m/%Y}")
    call_command("send_reception_reminders", ngay=f"{on:%d/%m/%Y}")  # twice: still once
    assert list(SlotReminder.objects.values_list("slot_id", flat=True)) == [first.pk]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["a@example.vn"]
    assert f"{first.day:%d/%m/%Y}" in mailoutbox[0].subject and "An Văn A" in mailoutbox[0].body


def test_reception_reminder_appears_in_the_receivers_top_bar_and_opens_their_schedule(world, receivers, as_user):
    from django.urls import reverse

    from followup.models import Notification
    from reception.reminders import reception_reminders_send

    published(world, receivers, until=D(2027, 2, 28))
    receiver = receiver_user(world, receivers[0])  # no mail address: the top bar still tells them
    first = Slot.objects.filter(council=world.council).order_by("day").first()
    assert reception_reminders_send(on=first.day - datetime.timedelta(days=1)) == 1
    assert reception_reminders_send(on=first.day - datetime.timedelta(days=1)) == 0  # once per day on duty
    notice = Notification.objects.get()
    assert notice.user == receiver and notice.reminder is None
    client = as_user("nguoitiep")
    bar = client.get("/").content.decode()
    assert '<span class="count">1</span>' in bar
    listing = client.get(reverse("followup:notification_list")).content.decode()
    link = f"{reverse('reception:schedule')}?year={first.day.year}"
    assert f"{first.day:%d/%m/%Y}" in listing and f'href="{link}"' in listing
    page = client.get(notice.link)
    assert page.status_code == 200 and f"{first.day:%d/%m/%Y}" in page.content.decode()
    others = as_user("office").get("/").content.decode()
    assert '<span class="count zero">0</span>' in others  # only the receiver on duty is told


def test_notify_refuses_an_address_outside_the_site(world):
    from followup.models import Notification
    from followup.services import notify

    with pytest.raises(ValidationError):
        notify(users=[world.users["office"]], message="Xem", url="https://example.com/")
    with pytest.raises(ValidationError):
        notify(users=[world.users["office"]], message="   ", url="/don-thu/")
    assert not Notification.objects.exists()
