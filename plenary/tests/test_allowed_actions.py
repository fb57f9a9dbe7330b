"""`submission_allowed_actions(submission, user)`: the buttons of a submission's page, from one rule."""

import datetime

import pytest
from django.urls import reverse

from plenary import selectors, services
from plenary.tests.factories import make_session, make_submission, set_due_days

D = datetime.date


@pytest.mark.django_db
def test_actions_follow_the_submission_and_the_role(world, as_user) -> None:
    set_due_days(world.council, 10)
    session = make_session(world.council, world.term, opens_on=D(2025, 2, 11), created_on=D(2025, 1, 2))
    sub = make_submission(session, world.agency)

    def actions(key: str) -> set[str]:
        fresh = selectors.submission_get(council=world.council, pk=sub.pk)
        return services.submission_allowed_actions(fresh, world.users[key])

    assert actions("office") == {"receive", "assign", "vote"}  # a draft resolution may be voted on
    assert actions("delegate") == set()
    assert actions("agency") == set()
    services.submission_receive(submission=sub, received_on=D(2025, 1, 20), checklist=["to_trinh"], user=None)
    assert actions("office") == {"return", "assign", "vote"}
    services.submission_return(submission=sub, reason="Thiếu dự thảo", returned_on=D(2025, 1, 21), user=None)
    assert actions("office") == {"resubmit", "assign", "vote"}
    html = as_user("office").get(reverse("plenary:submission_detail", args=[sub.pk])).content.decode()
    assert reverse("plenary:submission_resubmit", args=[sub.pk]) in html
    assert reverse("plenary:submission_receive", args=[sub.pk]) not in html
