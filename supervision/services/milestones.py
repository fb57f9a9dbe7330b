"""A round's milestones (Luật Hoạt động giám sát 87/2015/QH13) followed as obligations."""

import datetime

from django.contrib.auth.models import AbstractBaseUser

from followup import services as followup
from followup.models import CLOSED_STATES, OPEN_STATES, Obligation, State
from hdnd.saving import validated_save
from registry.models import Body
from registry.selectors import standing_committee
from supervision.models import (
    MilestoneKey,
    MilestoneObligation,
    Round,
)
from supervision.services._common import MILESTONE


def _milestone_owner(round: Round, key: str) -> Body:
    """The conducting body owes its milestones; the standing committee owes the consideration (Điều 71)."""
    if key == MilestoneKey.CONSIDER:
        return standing_committee(round.council) or round.body
    return round.body


def _milestone_close(obligation: Obligation, done_on: datetime.date, user: AbstractBaseUser | None) -> None:
    if obligation.state in OPEN_STATES:
        followup.obligation_report(
            obligation=obligation, user=user, text="Đã thực hiện (ghi tại đợt giám sát).", done=True, on=done_on
        )
    followup.obligation_accept(obligation=obligation, user=user, text="Đã ghi ngày thực hiện tại đợt giám sát.")


def milestones_follow(*, round: Round, user: AbstractBaseUser | None = None) -> list[MilestoneObligation]:
    """Follow each pending legal milestone of the round (content, schedule, report, consideration) as a
    "supervision_milestone" obligation due on the stored due date, so the follow-up reminders and overdue list
    include it; close it (accepted) when the milestone is recorded. Idempotent: called after every write of a
    round, it creates nothing while nothing changed. A moved due date extends the obligation (later) or
    replaces it (earlier); a due date that can no longer be computed cancels it. Returns the rows created."""
    from supervision.selectors import milestones

    round = Round.objects.select_related("council", "body").get(pk=round.pk)  # the stored dates, not a stale copy
    current: dict[str, MilestoneObligation] = {}
    for link in round.milestone_obligations.select_related("obligation").order_by("pk"):
        current[link.key] = link
    created = []
    for milestone in milestones(round):
        link = current.get(milestone.key)
        obligation = link.obligation if link else None
        is_open = obligation is not None and obligation.state not in CLOSED_STATES
        due, done = milestone.due_on, milestone.done_on
        if done is not None:
            if is_open:
                _milestone_close(obligation, done, user)
            continue
        if due is None:
            if is_open:
                followup.obligation_cancel(
                    obligation=obligation, user=user, reason="Chưa đủ dữ liệu để tính hạn của mốc này."
                )
            continue
        if obligation is not None and obligation.due_on == due and obligation.state != State.CANCELLED:
            continue  # followed already (or accepted by the office at this due date: not reopened)
        if is_open and obligation.state in OPEN_STATES and due > obligation.due_on:
            followup.obligation_extend(
                obligation=obligation, user=user, due_on=due, reason="Hạn tính lại theo ngày mới của đợt giám sát."
            )
            continue
        if is_open:
            followup.obligation_cancel(
                obligation=obligation, user=user, reason="Hạn tính lại theo ngày mới của đợt giám sát."
            )
        start = {
            MilestoneKey.CONTENT: round.set_up_on,
            MilestoneKey.SCHEDULE: round.set_up_on,
            MilestoneKey.REPORT: round.ends_on,
            MilestoneKey.CONSIDER: round.report_on,
        }[milestone.key]
        obligation = followup.obligation_create(
            council=round.council,
            owner=_milestone_owner(round, milestone.key),
            title=f"{milestone.label}: {round}"[:500],
            description=milestone.citation,
            kind=MILESTONE,
            # "at least 10 days before the visit" may fall before the set-up: the source date cannot be later.
            source_date=min(start or due, due),
            source=round,
            due_on=due,
            user=user,
        )
        created.append(validated_save(MilestoneObligation(round=round, key=milestone.key, obligation=obligation), user))
    return created
