"""Overdue is derived from the deadline and the day; reminders follow the council's calendar and go once."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from followup.models import Notification, Reminder, State, Threshold
from followup.reminders import due_soon_until, reminders_send
from followup.selectors import obligation_list, scorecard, with_lateness
from followup.tasks import send_reminders
from followup.tests.factories import make_in_state, make_obligation
from registry import services as registry_services
from registry.models import CalendarDay, DayKind

D = datetime.date


def _lateness(obligation: object, on: datetime.date) -> tuple[bool, int | None]:
    row = with_lateness(type(obligation).objects.filter(pk=obligation.pk), on).get()
    return row.is_overdue, row.days_overdue.days if row.days_overdue is not None else None


@pytest.mark.django_db
def test_overdue_is_derived(world) -> None:
    make = lambda **kw: make_obligation(council=world.council, owner=world.agency, due_on=D(2024, 1, 31), **kw)  # noqa: E731
    open_one = make()
    assert _lateness(open_one, D(2024, 1, 31)) == (False, None)
    assert _lateness(open_one, D(2024, 2, 5)) == (True, 5)
    late_report = make_in_state(make(), State.REPORTED_DONE, on=D(2024, 2, 3))
    # Reported after the deadline: late-reported (3 days), not overdue while the office has to accept it.
    assert _lateness(late_report, D(2024, 2, 10)) == (False, None)
    assert (
        with_lateness(type(late_report).objects.filter(pk=late_report.pk), D(2024, 2, 10)).get().days_reported_late.days
        == 3
    )
    on_time_report = make_in_state(make(), State.REPORTED_DONE, on=D(2024, 1, 30))
    assert _lateness(on_time_report, D(2024, 2, 10)) == (False, None)  # waiting for the office is not late
    accepted_late = make_in_state(make(), State.ACCEPTED, on=D(2024, 2, 3))
    assert _lateness(accepted_late, D(2024, 2, 10)) == (False, None)
    cancelled = make_in_state(make(), State.CANCELLED)
    assert _lateness(cancelled, D(2024, 2, 10)) == (False, None)
    returned = make_in_state(make(), State.RETURNED, on=D(2024, 1, 30))
    assert _lateness(returned, D(2024, 2, 10)) == (True, 10)  # open again: late until today
    assert "overdue" not in {f.name for f in type(open_one)._meta.fields}


@pytest.mark.django_db
def test_list_sorted_by_days_overdue(world) -> None:
    a = make_obligation(council=world.council, owner=world.agency, title="A", due_on=D(2024, 1, 20))
    b = make_obligation(council=world.council, owner=world.agency, title="B", due_on=D(2024, 1, 10))
    c = make_obligation(council=world.council, owner=world.agency, title="C", due_on=D(2024, 3, 1))
    d = make_in_state(
        make_obligation(council=world.council, owner=world.agency, title="D", due_on=D(2024, 1, 5)),
        State.REPORTED_DONE,
        on=D(2024, 1, 8),
    )
    rows = list(obligation_list(user=world.users["office"], council=world.council, on=D(2024, 2, 1)))
    assert [o.title for o in rows] == [b.title, a.title, d.title, c.title]
    # The late report waits for the office: not overdue, but its badge says it was reported 3 days late.
    assert [o.days_overdue.days if o.days_overdue else None for o in rows] == [22, 12, None, None]
    assert [o.days_reported_late.days if o.days_reported_late else None for o in rows] == [None, None, 3, None]


@pytest.mark.django_db
def test_scorecard(world) -> None:
    on = D(2024, 6, 1)
    make = lambda owner, due, **kw: make_obligation(council=world.council, owner=owner, due_on=due, **kw)  # noqa: E731
    make_in_state(make(world.agency, D(2024, 2, 1)), State.ACCEPTED, on=D(2024, 1, 30))  # on time
    make_in_state(make(world.agency, D(2024, 2, 1)), State.ACCEPTED, on=D(2024, 2, 5))  # 4 days late
    make(world.agency, D(2024, 5, 25))  # open, 7 days overdue
    make_in_state(make(world.agency, D(2024, 3, 1)), State.CANCELLED)  # not counted
    make(world.agency, D(2025, 1, 1))  # outside the period
    make(world.other_agency, D(2024, 7, 1))  # not yet due
    scores = scorecard(
        user=world.users["office"], council=world.council, date_from=D(2024, 1, 1), date_to=D(2024, 12, 31), on=on
    )
    by_owner = {s.owner_id: s for s in scores}
    mine = by_owner[world.agency.pk]
    assert (mine.total, mine.done_on_time, mine.overdue, mine.reported_late, mine.median_days_late) == (3, 1, 1, 1, 5.5)
    assert mine.on_time_percent == 33.3
    other = by_owner[world.other_agency.pk]
    assert (other.total, other.done_on_time, other.overdue, other.median_days_late) == (1, 0, 0, None)
    assert scores[0].owner_id == world.agency.pk  # most overdue first
    agency_view = scorecard(
        user=world.users["agency"], council=world.council, date_from=D(2024, 1, 1), date_to=D(2024, 12, 31), on=on
    )
    assert [s.owner_id for s in agency_view] == [world.agency.pk]


@pytest.mark.django_db
def test_due_soon_window_across_tet(world) -> None:
    # On 07/02/2024, 3 working days (the default) with Tết 08-14/02 off: 15/02, 16/02, 19/02.
    assert due_soon_until(world.council, D(2024, 2, 7)) == D(2024, 2, 19)
    # On Thursday 01/02/2024: 02/02, 05/02, 06/02; the weekend after the 3rd day is not in the window.
    assert due_soon_until(world.council, D(2024, 2, 1)) == D(2024, 2, 6)
    # On Friday 02/02/2024: 05, 06, 07/02; Tết follows, so deadlines until 14/02 are as near as 07/02.
    assert due_soon_until(world.council, D(2024, 2, 2)) == D(2024, 2, 14)


@pytest.mark.django_db
def test_due_soon_window_with_compensatory_saturday(world) -> None:
    # On 02/05/2024: 03/05 Fri, 06/05 Mon, 07/05 Tue -> deadlines up to 07/05 are due soon ...
    assert due_soon_until(world.council, D(2024, 5, 2)) == D(2024, 5, 7)
    # ... unless the council works Saturday 04/05 (compensating 29/04): 03/05, 04/05, 06/05.
    CalendarDay.objects.create(council=world.council, day=D(2024, 5, 4), kind=DayKind.WORKING)
    assert due_soon_until(world.council, D(2024, 5, 2)) == D(2024, 5, 6)
    assert due_soon_until(world.other_council, D(2024, 5, 2)) == D(2024, 5, 7)


@pytest.mark.django_db
def test_due_soon_window_follows_council_setting(world) -> None:
    registry_services.setting_set(council=world.council, key="reminder_days_before_due", value=1, unit="")
    assert due_soon_until(world.council, D(2024, 2, 7)) == D(2024, 2, 15)
    registry_services.setting_set(council=world.council, key="reminder_days_before_due", value=10, unit="ngay")
    assert due_soon_until(world.council, D(2024, 2, 7)) == D(2024, 2, 17)


@pytest.fixture
def mailboxes(world):
    for key in ("agency", "office", "office_chief", "delegate"):
        world.users[key].email = f"{key}@example.vn"
        world.users[key].save(update_fields=["email"])
    world.agency.email = "tckh@example.vn"
    world.agency.save(update_fields=["email"])
    return world


@pytest.mark.django_db
def test_reminders_once_per_threshold(mailboxes) -> None:
    world = mailboxes
    on = D(2024, 2, 7)
    soon = make_obligation(
        council=world.council, owner=world.agency, title="Sắp hạn", source_date=D(2024, 2, 1), due_on=D(2024, 2, 19)
    )
    later = make_obligation(
        council=world.council, owner=world.agency, title="Còn xa", source_date=D(2024, 2, 1), due_on=D(2024, 2, 20)
    )
    late = make_obligation(council=world.council, owner=world.agency, title="Trễ", due_on=D(2024, 2, 6))
    done = make_in_state(
        make_obligation(council=world.council, owner=world.agency, due_on=D(2024, 2, 6)),
        State.REPORTED_DONE,
        on=D(2024, 2, 5),
    )
    other_council = make_obligation(
        council=world.other_council,
        owner=world.other_council.bodies.create(kind="co_quan", name="Phòng X", short_name="X"),
        due_on=D(2024, 2, 1),
    )

    out = StringIO()
    call_command("send_reminders", "--ngay", "07/02/2024", stdout=out)
    assert "Đã nhắc 1 việc sắp đến hạn, 2 việc quá hạn." in out.getvalue()
    assert set(Reminder.objects.values_list("obligation__title", "threshold")) == {
        ("Sắp hạn", Threshold.DUE_SOON),
        ("Trễ", Threshold.OVERDUE),
        (other_council.title, Threshold.OVERDUE),
    }
    assert not Reminder.objects.filter(obligation__in=[later, done]).exists()
    # Due soon: the owner's agency users; overdue: the owner's users and the office.
    assert set(Notification.objects.filter(reminder__obligation=soon).values_list("user__username", flat=True)) == {
        "agency"
    }
    assert set(Notification.objects.filter(reminder__obligation=late).values_list("user__username", flat=True)) == {
        "agency",
        "office",
        "office_chief",
    }
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [
            *["agency@example.vn", "tckh@example.vn"],  # due soon: the owner's user and the body's address
            *["agency@example.vn", "office@example.vn", "office_chief@example.vn", "tckh@example.vn"],
        ]
    )
    assert any("Sắp đến hạn" in m.subject and "19/02/2024" in m.body for m in mail.outbox)

    sent = len(mail.outbox)
    call_command("send_reminders", "--ngay", "07/02/2024", stdout=StringIO())
    assert reminders_send(on=on) == {"sap_den_han": 0, "qua_han": 0}
    assert len(mail.outbox) == sent
    assert Notification.objects.filter(reminder__obligation__council=world.council).count() == 1 + 3
    assert Notification.objects.filter(user=world.users["outsider"]).count() == 1  # the other council's office

    # Days later the due-soon one becomes overdue (a new threshold, reminded once more) and the later one due soon.
    assert reminders_send(on=D(2024, 2, 20)) == {"sap_den_han": 1, "qua_han": 1}
    assert reminders_send(on=D(2024, 2, 20)) == {"sap_den_han": 0, "qua_han": 0}


@pytest.mark.django_db
def test_task_runs_the_same_job(world) -> None:
    make_obligation(council=world.council, owner=world.agency, due_on=D(2020, 1, 31), source_date=D(2020, 1, 2))
    assert send_reminders.call() == {"sap_den_han": 0, "qua_han": 1, "tep_nhap_da_xoa": 0}


@pytest.mark.django_db
def test_command_refuses_bad_date(world) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call_command("send_reminders", "--ngay", "2024-02-07", stdout=StringIO())


@pytest.mark.django_db
def test_notification_page_and_read(world, as_user) -> None:
    from django.urls import reverse

    make_obligation(
        council=world.council,
        owner=world.agency,
        title="Việc trễ hạn",
        due_on=D(2020, 1, 31),
        source_date=D(2020, 1, 2),
    )
    reminders_send(on=D(2020, 2, 3))
    client = as_user("agency")
    html = client.get(reverse("followup:notification_list")).content.decode()
    assert "Đã quá hạn 31/01/2020: Việc trễ hạn" in html and "Mới" in html
    client.post(reverse("followup:notification_read"))
    assert not Notification.objects.filter(user=world.users["agency"], read_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.users["office"], read_at__isnull=True).exists()
