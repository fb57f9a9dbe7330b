"""The agency user's home lists the drafts its body still has to give an opinion on, with the deadline of its
obligation: a consultation the office closed early is no longer offered."""

import datetime

from consultation import services
from consultation.tests.conftest import DRAFT, make
from hdnd import dates


def _section(page: str, title: str) -> str:
    """The home section under `title`, up to the next one."""
    start = page.index(f">{title}")
    end = page.find("<h3", start)
    return page[start : end if end != -1 else None]


def test_agency_home_lists_only_consultations_taking_opinions(world: object, min_days: None, as_user: object) -> None:
    today = dates.today()
    running = make(world, title="Dự thảo đang lấy ý kiến")
    closed = make(world, title="Dự thảo đã đóng sớm")
    later = services.consultation_create(
        council=world.council,
        title="Dự thảo sắp lấy ý kiến",
        opens_on=today + datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=40),
        text=DRAFT,
        user=None,
    )
    later = services.consultation_publish(consultation=later, user=None)
    for c in (running, closed, later):
        services.invitation_add(consultation=c, bodies=[world.agency], user=None)
    services.consultation_close(consultation=closed, user=None)

    page = _section(as_user("agency").get("/").content.decode(), "Dự thảo cần góp ý")
    assert "Dự thảo đang lấy ý kiến" in page and f"hạn {dates.format_date(running.closes_on)}" in page
    assert "Dự thảo đã đóng sớm" not in page and "Dự thảo sắp lấy ý kiến" not in page
    body_list = as_user("agency").get("/y-kien-du-thao/co-quan/").content.decode()
    assert "Dự thảo đã đóng sớm" in body_list  # still on its own list, as closed


def test_agency_home_shows_the_obligation_deadline(world: object, min_days: None, as_user: object) -> None:
    """The deadline shown is the obligation's, which the office may have moved, not the close date."""
    from followup.models import Obligation

    c = make(world, title="Dự thảo có hạn riêng")
    (invitation,) = services.invitation_add(consultation=c, bodies=[world.agency], user=None)
    due = c.closes_on - datetime.timedelta(days=3)
    Obligation.objects.filter(pk=invitation.obligation_id).update(due_on=due)
    page = _section(as_user("agency").get("/").content.decode(), "Dự thảo cần góp ý")
    assert f"hạn {dates.format_date(due)}" in page
    assert f"hạn {dates.format_date(c.closes_on)}" not in page
