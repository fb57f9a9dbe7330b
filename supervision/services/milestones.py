"""A round's milestones (Luật Hoạt động giám sát) followed as obligations, the one holder of their due
dates and progress."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError

from followup import services as followup
from followup.models import OPEN_STATES, Action, Obligation, State
from hdnd.saving import validated_save
from registry.calendar import DeadlineBasis, MissingSetting, compute
from registry.models import Body, BodyKind
from registry.selectors import standing_committee
from supervision.models import (
    MilestoneKey,
    MilestoneObligation,
    Round,
)
from supervision.services._common import MILESTONE

DONE_STATES = (State.REPORTED_DONE, State.ACCEPTED)
MOVED = "Hạn tính lại theo ngày mới của đợt giám sát."
NO_DATE = "Chưa đủ dữ liệu để tính hạn của mốc này."


def report_rule(body: Body) -> str:
    """The standing committee's delegation reports within 15 days of ending (Điều 70); a committee's, and
    a delegate group's, within 10 (Điều 80)."""
    if body.kind == BodyKind.STANDING_COMMITTEE:
        return "standing_round_report_after_end"
    return "committee_round_report_after_end"


def first_visit(round: Round) -> datetime.date | None:
    """The first day the delegation works with a supervised body: its first working session, else its start."""
    days = [s.held_on for s in round.sessions.all()]
    return min(days) if days else round.starts_on


# key -> (rule, counted back, start event shown by "Vì sao hạn này")
MILESTONE_RULES = {
    # Content and report outline within 15 days of the set-up; schedule and members at least 10 days
    # before working with the supervised body (Điều 62, 70, 80 of the law in force on the set-up day).
    MilestoneKey.CONTENT: ("supervision_content_after_setup", False, "Ngày quyết định thành lập đoàn"),
    MilestoneKey.SCHEDULE: ("supervision_schedule_before_visit", True, "Ngày làm việc đầu tiên với đối tượng"),
    MilestoneKey.REPORT: ("", False, "Ngày kết thúc đợt giám sát"),
    # The standing committee considers the delegation's report within 7 days of receiving it (Điều 71).
    MilestoneKey.CONSIDER: ("standing_considers_report_within", False, "Ngày nhận báo cáo kết quả giám sát"),
}


def milestone_starts(round: Round) -> dict[str, datetime.date | None]:
    """The day each milestone's counting starts (None while it is not known)."""
    return {
        MilestoneKey.CONTENT: round.set_up_on,
        MilestoneKey.SCHEDULE: first_visit(round) if round.pk else round.starts_on,
        MilestoneKey.REPORT: round.ends_on,
        MilestoneKey.CONSIDER: round.report_on,
    }


def milestone_bases(round: Round) -> dict[str, DeadlineBasis | None]:
    """Each milestone's deadline computed from the round's facts, with the rule version in force on the day
    its counting starts; refused (ValidationError) when that version has no number and the council set none."""
    out: dict[str, DeadlineBasis | None] = {}
    for key, start in milestone_starts(round).items():
        rule, before, _ = MILESTONE_RULES[key]
        if start is None:
            out[key] = None
            continue
        try:
            out[key] = compute(round.council, start, rule=rule or report_rule(round.body), before=before)
        except MissingSetting as exc:
            raise ValidationError(str(exc)) from exc
    return out


def _milestone_owner(round: Round, key: str) -> Body:
    """The conducting body owes its milestones; the standing committee owes the consideration (Điều 71)."""
    if key == MilestoneKey.CONSIDER:
        return standing_committee(round.council) or round.body
    return round.body


def _recorded(round: Round) -> dict[str, datetime.date | None]:
    """The days the round's own screens recorded each milestone done."""
    return {
        MilestoneKey.CONTENT: round.content_sent_on,
        MilestoneKey.SCHEDULE: round.schedule_sent_on,
        MilestoneKey.REPORT: round.report_on,
        MilestoneKey.CONSIDER: round.considered_on,
    }


def _close(obligation: Obligation, done_on: datetime.date, user: AbstractBaseUser | None) -> None:
    if obligation.state in OPEN_STATES:
        followup.obligation_report(
            obligation=obligation, user=user, text="Đã thực hiện (ghi tại đợt giám sát).", done=True, on=done_on
        )
    if obligation.state == State.REPORTED_DONE:
        followup.obligation_accept(obligation=obligation, user=user, text="Đã ghi ngày thực hiện tại đợt giám sát.")


def _same_basis(obligation: Obligation, basis: DeadlineBasis) -> bool:
    """The obligation still counts from the same start by the same number (whatever extension the office
    gave it since), or already falls on the computed day."""
    if obligation.due_on == basis.due:
        return True
    return (obligation.due_start, obligation.due_value, obligation.due_unit, obligation.due_before) == (
        basis.start,
        basis.value,
        basis.unit,
        basis.before,
    )


def _cancelled_for_want_of_a_date(obligation: Obligation, basis: DeadlineBasis | None) -> bool:
    """A milestone this module stopped following because its date could no longer be computed, which now can."""
    if basis is None:
        return False
    reasons = obligation.updates.filter(action=Action.CANCEL).order_by("pk").values_list("text", flat=True)
    return reasons.last() == NO_DATE


def milestones_follow(*, round: Round, user: AbstractBaseUser | None = None) -> list[MilestoneObligation]:
    """Follow each legal milestone of the round (content, schedule, report, consideration) as a
    "supervision_milestone" obligation due on the day the rule in force gives, once the day its counting
    starts is known; the obligation is what every page and count reads. A milestone the round records as
    done closes its obligation (reported that day, accepted); one reported done or accepted on the follow-up
    screens stays done. Idempotent: called after every write of a round, it creates nothing while nothing
    changed. A moved due date extends the obligation (later) or replaces it (earlier); a due date that can no
    longer be computed cancels it. Returns the rows created."""
    round = Round.objects.select_related("council", "body").get(pk=round.pk)  # the stored dates, not a stale copy
    current: dict[str, MilestoneObligation] = {}
    for link in round.milestone_obligations.select_related("obligation").order_by("pk"):
        current[link.key] = link
    bases, recorded = milestone_bases(round), _recorded(round)
    created = []
    for key in MilestoneKey.values:
        link = current.get(key)
        obligation = link.obligation if link else None
        basis, done = bases[key], recorded[key]
        if obligation is not None and obligation.state == State.CANCELLED:
            if not _cancelled_for_want_of_a_date(obligation, basis):
                continue  # cancelled on the follow-up screens (or no date yet): not reopened
        elif obligation is not None and (
            obligation.state in DONE_STATES or basis is None or _same_basis(obligation, basis)
        ):
            if done is not None:
                _close(obligation, done, user)
            elif basis is None and obligation.state in OPEN_STATES:
                followup.obligation_cancel(obligation=obligation, user=user, reason=NO_DATE)
            continue
        if basis is None:
            continue
        is_open = obligation is not None and obligation.state in OPEN_STATES
        if is_open and basis.due > obligation.due_on and done is None:
            followup.obligation_extend(obligation=obligation, user=user, due_on=basis.due, reason=MOVED)
            continue
        if is_open:
            followup.obligation_cancel(obligation=obligation, user=user, reason=MOVED)
        obligation = followup.obligation_create(
            council=round.council,
            owner=_milestone_owner(round, key),
            title=f"{MilestoneKey(key).label}: {round}"[:500],
            description=basis.citation,
            kind=MILESTONE,
            # "at least 10 days before the visit" may fall before the set-up: the source date cannot be later.
            source_date=min(basis.start, basis.due),
            source=round,
            basis=basis,
            start_event=MILESTONE_RULES[key][2],
            user=user,
        )
        created.append(validated_save(MilestoneObligation(round=round, key=key, obligation=obligation), user))
        if done is not None:
            _close(obligation, done, user)
    return created
