"""A vote and a resolution recorded twice (double click, two tabs) are recorded once."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hdnd.testing import at_once, postgres_only
from plenary import services
from plenary.models import Resolution, Submission, Vote
from plenary.tests.factories import make_delegates, make_session, make_submission, set_due_days

D = datetime.date


@pytest.fixture
def draft(world) -> Submission:
    set_due_days(world.council)
    make_delegates(world.term, 10)
    return make_submission(make_session(world.council, world.term), world.agency)


def _vote(pk: int) -> Vote:
    submission = Submission.objects.get(pk=pk)
    return services.vote_record(submission=submission, voted_on=D(2024, 12, 18), yes=8, no=1, abstain=1, user=None)


def _resolve(pk: int) -> Resolution:
    return services.resolution_issue(
        submission=Submission.objects.get(pk=pk),
        subject="",
        text="Nội dung nghị quyết",
        issued_on=D(2024, 12, 19),
        signer_name="Nguyễn Văn A",
        user=None,
    )


@pytest.mark.django_db
def test_voting_twice_in_a_row_is_refused(draft) -> None:
    _vote(draft.pk)
    with pytest.raises(ValidationError, match="Dự thảo này đã được biểu quyết"):
        _vote(draft.pk)
    _resolve(draft.pk)
    with pytest.raises(ValidationError, match="Nghị quyết của dự thảo này đã được ban hành"):
        _resolve(draft.pk)
    assert Vote.objects.count() == 1 and Resolution.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_voting_and_issuing_twice_at_once_happen_once(draft) -> None:
    postgres_only()
    votes = at_once(lambda: _vote(draft.pk), lambda: _vote(draft.pk))
    assert sum(isinstance(o, Vote) for o in votes) == 1, votes
    assert any(isinstance(o, ValidationError) and "đã được biểu quyết" in str(o) for o in votes), votes
    resolutions = at_once(lambda: _resolve(draft.pk), lambda: _resolve(draft.pk))
    assert sum(isinstance(o, Resolution) for o in resolutions) == 1, resolutions
    assert any(isinstance(o, ValidationError) and "đã được ban hành" in str(o) for o in resolutions), resolutions
    assert Vote.objects.count() == 1 and Resolution.objects.count() == 1
