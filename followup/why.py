"""“Vì sao hạn này”: how an obligation's deadline was computed, from what the obligation kept.

Every deadline shown links here (the page `followup:obligation_why` and the API field `due_basis` /
the endpoint `obligation_why`): the rule and its version, the citation, the start event and day, the
unit, the weekends and holidays skipped, the make-up days counted, and any extension or recomputation.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse

from followup.models import Action, Obligation, ObligationUpdate
from registry.calendar import Counting, Period, WorkCalendar, successor_version
from registry.rules import RULES_BY_KEY, UNIT_LABELS, WORKING


@dataclass
class Why:
    obligation: Obligation
    kind: str  # "rule": by a rule; "days": a number of days the assigner gave; "date": a date given as is
    rule_label: str = ""
    citation: str = ""
    version_from: datetime.date | None = None
    version_to: datetime.date | None = None
    setting_decision: str = ""
    start: datetime.date | None = None
    start_event: str = ""
    value: int | None = None
    unit: str = ""
    before: bool = False
    computed: datetime.date | None = None  # the date the counting gives with the calendar as it is today
    counting: Counting = field(default_factory=Counting)
    changes: list[ObligationUpdate] = field(default_factory=list)  # extensions and recomputations
    successor: Period | None = None  # the version that replaced the one used, when that one has ended

    @property
    def unit_label(self) -> str:
        return UNIT_LABELS.get(self.unit, self.unit)

    @property
    def working(self) -> bool:
        return self.unit == WORKING

    @property
    def stale(self) -> bool:
        """The calendar changed since the date was set and no one recomputed it (not extended by hand, not
        brought forward by its workflow)."""
        extended = any(u.action in (Action.EXTEND, Action.BRING_FORWARD) for u in self.changes)
        return self.computed is not None and self.computed != self.obligation.due_on and not extended


def basis_summary(obligation: Obligation) -> dict:
    """What the obligation kept about its deadline (no query): the API field `due_basis`."""
    o = obligation
    rule = RULES_BY_KEY.get(o.due_rule)
    return {
        "rule": o.due_rule,
        "rule_label": rule.label if rule else "",
        "citation": o.due_citation,
        "version_from": o.due_version_from,
        "version_to": o.due_version_to,
        "setting_decision": o.due_setting_decision,
        "start": o.due_start,
        "start_event": o.due_start_event,
        "value": o.due_value,
        "unit": o.due_unit,
        "before": o.due_before,
        "why_url": reverse("followup:obligation_why", args=[o.pk]),
    }


def obligation_why(obligation: Obligation, calendar: WorkCalendar | None = None) -> Why:
    """Explain the obligation's deadline (two queries: the council's calendar days and the changes; a third,
    its settings of the rule, when the version used was the council's own and has ended)."""
    o = obligation
    changes = list(
        ObligationUpdate.objects.filter(
            obligation=o, action__in=[Action.EXTEND, Action.RECOMPUTE, Action.BRING_FORWARD]
        ).order_by("created_at", "pk")
    )
    if o.due_start is None or o.due_value is None or not o.due_unit:
        return Why(obligation=o, kind="date", start=o.source_date, start_event="Ngày của nguồn", changes=changes)
    rule = RULES_BY_KEY.get(o.due_rule)
    calendar = calendar or WorkCalendar(o.council)
    counting = calendar.count(o.due_start, -o.due_value if o.due_before else o.due_value, o.due_unit)
    return Why(
        obligation=o,
        kind="rule" if rule else "days",
        rule_label=rule.label if rule else "",
        citation=o.due_citation,
        version_from=o.due_version_from,
        version_to=o.due_version_to,
        setting_decision=o.due_setting_decision,
        start=o.due_start,
        start_event=o.due_start_event,
        value=o.due_value,
        unit=o.due_unit,
        before=o.due_before,
        computed=counting.due,
        counting=counting,
        changes=changes,
        successor=successor_version(o.council, o.due_rule, o.due_version_to, from_setting=bool(o.due_setting_decision))
        if rule
        else None,
    )


def successor_out(successor: Period | None) -> dict | None:
    """The API shape of the version that replaced the one used (None while that one is in force)."""
    if successor is None:
        return None
    return {
        "citation": successor.citation,
        "valid_from": successor.valid_from,
        "value": successor.value,
        "unit": successor.unit,
        "from_setting": successor.from_setting,
    }


def why_out(why: Why) -> dict:
    """The API shape of `obligation_why`."""
    return {
        **basis_summary(why.obligation),
        "kind": why.kind,
        "due_on": why.obligation.due_on,
        "computed": why.computed,
        "skipped": [{"day": d, "reason": r} for d, r in why.counting.skipped + why.counting.moved],
        "made_up": why.counting.made_up,
        "changes": [{"at": u.created_at, "action": u.action, "text": u.text} for u in why.changes],
        "stale": why.stale,
        "successor": successor_out(why.successor),
    }
