"""Reminders: obligations about to fall due and overdue ones, notified once per threshold.

Run daily by cron (`manage.py send_reminders`) or by the tasks worker (`followup.tasks.send_reminders`).
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from followup.models import OPEN_STATES, Notification, Obligation, Reminder, Threshold
from followup.selectors import late_condition, today
from hdnd.dates import format_date
from registry.calendar import WorkCalendar, rule_value
from registry.models import Council, Role, RoleGrant
from registry.rules import WORKING

logger = logging.getLogger(__name__)

REMINDER_RULE = "reminder_days_before_due"  # Quy chế làm việc của HĐND; default in registry.rules
OFFICE_ROLES = (Role.OFFICE_CHIEF, Role.OFFICE_STAFF)


def due_soon_until(council: Council, on: datetime.date) -> datetime.date:
    """The last deadline that counts as "due soon" on `on`: within the council's reminder setting,
    counted in working days of its calendar (holidays and compensatory working days included).
    """
    days, unit = rule_value(council, REMINDER_RULE)
    if unit != WORKING:
        return on + datetime.timedelta(days=days)
    # Deadlines on the days off right after the Nth working day are also N working days away.
    return WorkCalendar(council).add(on, days + 1, WORKING) - datetime.timedelta(days=1)


def due_soon(council: Council, on: datetime.date) -> QuerySet[Obligation]:
    """Open obligations of the council due from `on` to `due_soon_until`, not yet reminded at this threshold."""
    return (
        Obligation.objects.filter(
            council=council, state__in=OPEN_STATES, due_on__gte=on, due_on__lte=due_soon_until(council, on)
        )
        .exclude(reminders__threshold=Threshold.DUE_SOON)
        .select_related("owner")
    )


def overdue(council: Council, on: datetime.date) -> QuerySet[Obligation]:
    """Open obligations of the council past their deadline on `on`, not yet reminded as overdue."""
    return (
        Obligation.objects.filter(late_condition(on), council=council)
        .exclude(reminders__threshold=Threshold.OVERDUE)
        .select_related("owner")
    )


def _message(obligation: Obligation, threshold: str) -> str:
    due = format_date(obligation.due_on)
    if threshold == Threshold.DUE_SOON:
        text = f"Sắp đến hạn {due}: {obligation.title} ({obligation.owner.short_name or obligation.owner.name})"
    else:
        text = f"Đã quá hạn {due}: {obligation.title} ({obligation.owner.short_name or obligation.owner.name})"
    return text[:600]


def _recipients(council: Council) -> tuple[dict[int, list[AbstractBaseUser]], list[AbstractBaseUser]]:
    """Agency users per owner body, and the office's users, of one council (one query)."""
    by_body: dict[int, list[AbstractBaseUser]] = defaultdict(list)
    office: list[AbstractBaseUser] = []
    grants = RoleGrant.objects.filter(
        council=council, role__in=[Role.AGENCY_USER, *OFFICE_ROLES], user__is_active=True
    ).select_related("user")
    for grant in grants:
        if grant.role == Role.AGENCY_USER:
            by_body[grant.body_id].append(grant.user)
        elif grant.user not in office:
            office.append(grant.user)
    return by_body, office


def _notify(obligation: Obligation, threshold: str, users: list[AbstractBaseUser]) -> Reminder | None:
    """Record the reminder and the users' notices; None when this threshold was already reminded."""
    message = _message(obligation, threshold)
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(obligation=obligation, threshold=threshold, recipients=len(users))
            Notification.objects.bulk_create(Notification(user=u, reminder=reminder, message=message) for u in users)
    except IntegrityError:  # another run reminded it first: the unique constraint keeps it to once
        return None
    link = reverse("followup:obligation_detail", args=[obligation.pk])
    addresses = {u.email for u in users if u.email}
    if obligation.owner.email:
        addresses.add(obligation.owner.email)
    for address in sorted(addresses):
        try:
            EmailMessage(
                subject=f"[HĐND] {Threshold(threshold).label}: {obligation.title}"[:200],
                body=f"{message}\n\nXem chi tiết: {link}\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
            ).send()
        except OSError:  # a mail server down must not stop the other reminders; the in-app notice exists
            logger.exception("Không gửi được thư nhắc việc tới %s", address)
    return reminder


def reminders_send(*, on: datetime.date | None = None) -> dict[str, int]:
    """Remind owners of obligations due soon, and owners plus the office of overdue ones; each
    obligation is reminded at most once per threshold, however often this runs. Returns the counts.
    """
    on = on or today()
    counts = {Threshold.DUE_SOON.value: 0, Threshold.OVERDUE.value: 0}
    # A ceased council is read-only for its history: nobody is chased for its work after its last day.
    going_on = Q(ceased_on__isnull=True) | Q(ceased_on__gt=on)
    councils = Council.objects.filter(going_on, obligations__state__in=OPEN_STATES).distinct()
    for council in councils:
        by_body, office = _recipients(council)
        for obligation in due_soon(council, on):
            if _notify(obligation, Threshold.DUE_SOON, by_body.get(obligation.owner_id, [])):
                counts[Threshold.DUE_SOON] += 1
        for obligation in overdue(council, on):
            users = by_body.get(obligation.owner_id, []) + [u for u in office if u not in by_body[obligation.owner_id]]
            if _notify(obligation, Threshold.OVERDUE, users):
                counts[Threshold.OVERDUE] += 1
    return counts
