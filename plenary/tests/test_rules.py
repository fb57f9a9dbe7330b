"""The pass/fail rule on edge counts: more than half of ALL delegates in office; two thirds for dismissal."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plenary import services
from plenary.models import Choice, Vote, VoteRule
from plenary.rules import enough_requesters, vote_passes
from plenary.tests.factories import make_delegates, make_session, make_submission, set_due_days

D = datetime.date


@pytest.mark.parametrize(
    ("yes", "base", "passed"),
    [(15, 30, False), (16, 30, True), (14, 29, False), (15, 29, True), (0, 0, False), (30, 30, True)],
)
def test_ordinary_needs_more_than_half_of_all(yes: int, base: int, passed: bool) -> None:
    assert vote_passes(yes=yes, base=base, percent=50, rule=VoteRule.ORDINARY) is passed


@pytest.mark.parametrize(("yes", "base", "passed"), [(20, 30, True), (19, 30, False), (19, 28, True), (18, 28, False)])
def test_dismissal_needs_two_thirds(yes: int, base: int, passed: bool) -> None:
    assert vote_passes(yes=yes, base=base, percent=67, rule=VoteRule.DISMISSAL) is passed


def test_one_third_of_delegates_may_ask() -> None:
    assert enough_requesters(count=10, base=30, percent=34)
    assert not enough_requesters(count=9, base=30, percent=34)


@pytest.fixture
def draft(world):
    set_due_days(world.council)
    delegates = make_delegates(world.term, 10)
    session = make_session(world.council, world.term)
    return make_submission(session, world.agency), delegates


@pytest.mark.django_db
def test_exactly_half_of_all_delegates_fails(world, draft) -> None:
    submission, delegates = draft
    # 5 of 10 in office vote yes; every one present, none against: exactly half is not "more than half".
    vote = services.vote_record(
        submission=submission,
        voted_on=D(2024, 12, 18),
        ballots={d.pk: (Choice.YES if i < 5 else Choice.ABSTAIN) for i, d in enumerate(delegates)},
        user=None,
    )
    assert (vote.yes, vote.in_office, vote.passed) == (5, 10, False)
    with pytest.raises(ValidationError, match="chưa được biểu quyết thông qua"):
        services.resolution_issue(
            submission=submission, subject="", text="Nội dung", issued_on=D(2024, 12, 19), signer_name="A", user=None
        )


@pytest.mark.django_db
def test_a_vacancy_changes_the_base(world, draft) -> None:
    submission, delegates = draft
    left = delegates[0]
    left.left_on = D(2024, 6, 1)
    left.save()
    # 9 in office: 5 yes is more than half of 9, though it would be exactly half of the 10 elected.
    vote = services.vote_record(submission=submission, voted_on=D(2024, 12, 18), yes=5, no=0, abstain=0, user=None)
    assert (vote.in_office, vote.passed) == (9, True)


@pytest.mark.django_db
def test_totals_over_delegates_in_office_refused(world, draft) -> None:
    submission, _ = draft
    with pytest.raises(ValidationError, match="vượt quá số đại biểu đương nhiệm"):
        services.vote_record(submission=submission, voted_on=D(2024, 12, 18), yes=8, no=2, abstain=1, user=None)
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_ballot_from_someone_not_in_office_refused(world, draft) -> None:
    submission, delegates = draft
    gone = delegates[0]
    gone.left_on = D(2024, 6, 1)
    gone.save()
    with pytest.raises(ValidationError, match="không phải đại biểu đương nhiệm"):
        services.vote_record(
            submission=submission, voted_on=D(2024, 12, 18), ballots={d.pk: Choice.YES for d in delegates}, user=None
        )
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_dismissal_uses_two_thirds_setting(world) -> None:
    set_due_days(world.council)
    make_delegates(world.term, 30)
    session = make_session(world.council, world.term)
    submission = make_submission(session, world.agency, title="Bãi nhiệm đại biểu", vote_rule=VoteRule.DISMISSAL)
    vote = services.vote_record(submission=submission, voted_on=D(2024, 12, 18), yes=20, no=10, abstain=0, user=None)
    assert vote.passed and vote.threshold_percent == 67
