"""Reminders to receivers before their reception day: each published day on duty is reminded once, within
the council's reminder setting (`reminder_days_before_due`, the same as the follow-up engine's), by mail
and in the top bar's notifications (followup's general `notify`), each linking to the schedule.

Run daily by cron (`manage.py send_reception_reminders`) or by the tasks worker
(`reception.tasks.send_reception_reminders`).
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse

from followup.reminders import due_soon_until
from followup.services import notify
from hdnd.dates import format_date, today
from reception.models import Slot, SlotReminder
from registry.models import Council, RoleGrant

logger = logging.getLogger(__name__)


def _message(slot: Slot) -> str:
    return (
        f"Nhắc lịch tiếp công dân: {slot.person.full_name} tiếp công dân ngày {format_date(slot.day)} tại {slot.place}."
    )


def slots_due(council: Council, on: datetime.date) -> list[Slot]:
    """Published reception days of the council from `on` to the reminder horizon, not yet reminded."""
    return list(
        Slot.objects.filter(
            council=council, published_on__isnull=False, day__gte=on, day__lte=due_soon_until(council, on)
        )
        .exclude(reminder__isnull=False)
        .select_related("person")
        .order_by("day", "pk")
    )


def reception_reminders_send(*, on: datetime.date | None = None) -> int:
    """Remind each receiver on duty (the users linked to that person, and the person's own address) of
    their published reception day, once per day on duty however often this runs. Returns how many days
    were reminded."""
    on = on or today()
    count = 0
    councils = Council.objects.filter(
        pk__in=Slot.objects.filter(published_on__isnull=False, day__gte=on).values("council_id")
    )
    for council in councils:
        slots = slots_due(council, on)
        if not slots:
            continue
        users = defaultdict(list)
        for grant in RoleGrant.objects.filter(
            council=council, person_id__in={s.person_id for s in slots}, user__is_active=True
        ).select_related("user"):
            if grant.user not in users[grant.person_id]:
                users[grant.person_id].append(grant.user)
        for slot in slots:
            addresses = {u.email for u in users[slot.person_id] if u.email}
            if slot.person.email:
                addresses.add(slot.person.email)
            link = f"{reverse('reception:schedule')}?year={slot.day.year}"
            try:
                with transaction.atomic():
                    SlotReminder.objects.create(slot=slot, recipients=len(addresses))
                    notify(users=users[slot.person_id], message=_message(slot), url=link)
            except IntegrityError:  # another run reminded it first: once per day on duty
                continue
            count += 1
            for address in sorted(addresses):
                try:
                    EmailMessage(
                        subject=f"[HĐND] Lịch tiếp công dân ngày {format_date(slot.day)}",
                        body=f"{_message(slot)}\n\nXem lịch tiếp: {link}\n",
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        to=[address],
                    ).send()
                except OSError:  # a mail server down must not stop the other reminders
                    logger.exception("Không gửi được thư nhắc lịch tiếp công dân tới %s", address)
    return count
