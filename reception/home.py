"""Reception on the home page: a receiver's next reception day (published on the schedule)."""

from django.http import HttpRequest
from django.urls import reverse

from hdnd.dates import today
from hdnd.home import HomeSection
from reception.models import Slot
from registry.access import grants_of


def sections(request: HttpRequest) -> list[HomeSection]:
    council = getattr(request, "council", None)
    if council is None or not request.user.is_authenticated:
        return []
    people = {g.person_id for g in grants_of(request.user, council) if g.person_id}
    if not people:
        return []
    slot = (
        Slot.objects.filter(council=council, person_id__in=people, day__gte=today(), published_on__isnull=False)
        .order_by("day")
        .first()
    )
    if slot is None:
        return []
    return [
        HomeSection(
            title="Ngày tiếp công dân của tôi",
            text=f"{slot.day:%d/%m/%Y} tại {slot.place}.",
            more_url=reverse("reception:schedule"),
            order=30,
        )
    ]
