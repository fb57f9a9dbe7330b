"""The demo's consultations load once, through the services, and keep their commenters private."""

from consultation.demo import seed
from consultation.models import Consultation, Moderation, Opinion
from registry.models import BodyKind


def test_demo_seeder_is_idempotent_and_names_no_commenter(world: object, as_user: object) -> None:
    assert world.agency.kind == BodyKind.AGENCY and world.other_agency.kind == BodyKind.AGENCY
    seed(world.council)
    seed(world.council)
    ended, running = Consultation.objects.filter(council=world.council).order_by("pk")
    assert ended.closed_on is not None and ended.report is not None and ended.versions.count() == 2
    assert running.published_on is not None and running.closed_on is None
    statuses = sorted(Opinion.objects.filter(consultation=ended, origin="cong_chung").values_list("status", flat=True))
    assert statuses == sorted([Moderation.APPROVED, Moderation.REJECTED, Moderation.PENDING])
    public = as_user(None)
    for c in (ended, running):
        page = public.get(f"/y-kien-du-thao/{world.council.pk}/{c.pk}/").content.decode()
        assert "Trần Văn Bình" not in page
    assert "Trần Văn Bình" not in ended.report.body


def test_demo_story_is_coherent(world: object, as_user: object) -> None:
    """Posted, with version 1, before opening; the unanswered body owes its opinion by the day the
    consultation ended; the running draft's text is its own (guest expenses), not draft 1's; no "00"."""
    from django.utils import timezone

    seed(world.council)
    ended, running = Consultation.objects.filter(council=world.council).order_by("pk")
    for c in (ended, running):
        first = c.versions.get(number=1)
        assert c.published_on <= c.opens_on and timezone.localdate(first.created_at) <= c.opens_on
    from followup.models import OPEN_STATES

    owing = [i.obligation for i in ended.invitations.select_related("obligation") if i.obligation.state in OPEN_STATES]
    assert owing and all(o.due_on == ended.closed_on for o in owing)
    text = "\n".join(a.text for a in running.versions.get(number=1).articles.all())
    assert "tiếp khách" in text and "tiếp công dân" not in text
    assert " 00 " not in ended.report.body and "00/" not in ended.report.body
