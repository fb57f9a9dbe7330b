"""The session's draft minutes say so on their page when the session's record changes after they were drafted,
until they are drafted again (issue 18)."""

import datetime

import pytest
from django.urls import reverse

from documents.sources import draft_is_stale
from plenary import services
from plenary.tests.factories import make_delegates, make_session, set_due_days

D = datetime.date
WARNING = "Dự thảo không còn khớp với hồ sơ."


@pytest.mark.django_db
def test_minutes_warn_after_a_speech_is_added_until_redrafted(world, as_user, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    set_due_days(world.council)
    delegates = make_delegates(world.term, 2)
    session = make_session(world.council, world.term)
    draft = services.minutes_generate(session=session, signer_name="Nguyễn Xuân Văn", user=None)
    page = reverse("documents:document_detail", args=[draft.pk])
    client = as_user("office")
    assert not draft_is_stale(draft) and WARNING not in client.get(page).content.decode()
    services.speech_add(session=session, delegate=delegates[0], spoken_on=D(2024, 12, 18))
    draft.refresh_from_db()
    assert draft_is_stale(draft)
    html = client.get(page).content.decode()
    assert WARNING in html and reverse("plenary:session_detail", args=[session.pk]) in html
    draft = services.minutes_generate(session=session, signer_name="Nguyễn Xuân Văn", user=None)
    assert not draft_is_stale(draft) and WARNING not in client.get(page).content.decode()
