"""The annual supervision programme and its items; its legal due dates (the proposals' day, computed from
a date-type rule; the draft, the adoption and the results report, followed as the standing committee's
obligations)."""

import calendar
import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min

from followup import services as followup
from followup.models import OPEN_STATES, Obligation, State
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean
from registry.access import same_council as _same_council
from registry.calendar import DeadlineBasis, MissingSetting, compute, rule_in_force
from registry.models import Body, BodyKind, Council, Term
from registry.rules import RULES_BY_KEY, day_of_year_label, version_on
from registry.services import council_accepts
from supervision.models import (
    CONDUCTING_KINDS,
    Programme,
    ProgrammeItem,
    ProgrammeKind,
    ProgrammeMilestone,
    ProgrammeMilestoneKey,
    RoundKind,
)
from supervision.services._common import PROGRAMME_MILESTONE, _text
from supervision.services.milestones import DONE_STATES, NO_DATE, _cancelled_for_want_of_a_date, _same_basis

PROPOSALS_RULE = "supervision_proposals_by"

PROGRAMME_FIELDS = {
    "title",
    "session_on",
    "results_session_on",
    "draft_sent_on",
    "adopted_on",
    "resolution",
    "results_reported_on",
}


# (programme kind, milestone) -> (rule, counted back, start event shown by "Vì sao hạn này", the programme's
# field holding the start day). Luật 87/2015/QH13, Điều 58: the council's draft reaches delegates at least 10
# days before the mid-year session of the year before, which adopts it, and the results are reported at the
# mid-year session of the year after; Điều 67: the standing committee adopts its own within 15 days after the
# year-end session. From 01/03/2026 (Luật 121/2025/QH15) the numbers live in NQ 114/2025 ("?"): the council
# sets them.
PROGRAMME_RULES = {
    (ProgrammeKind.COUNCIL, ProgrammeMilestoneKey.DRAFT): (
        "supervision_programme_draft_before_session",
        True,
        "Ngày khai mạc kỳ họp giữa năm của năm trước",
        "session_on",
    ),
    (ProgrammeKind.COUNCIL, ProgrammeMilestoneKey.ADOPT): (
        "supervision_programme_adopt_at_session",
        False,
        "Ngày khai mạc kỳ họp giữa năm của năm trước",
        "session_on",
    ),
    (ProgrammeKind.COUNCIL, ProgrammeMilestoneKey.RESULTS): (
        "supervision_programme_results_at_session",
        False,
        "Ngày khai mạc kỳ họp giữa năm của năm sau năm giám sát",
        "results_session_on",
    ),
    (ProgrammeKind.STANDING, ProgrammeMilestoneKey.ADOPT): (
        "standing_programme_after_year_end_session",
        False,
        "Ngày bế mạc kỳ họp cuối năm của năm trước",
        "session_on",
    ),
}
PROGRAMME_MOVED = "Hạn tính lại theo ngày mới của kỳ họp liên quan."
# The start event named when the session does not fall in the year PROGRAMME_RULES names (the year before
# the programme's, the year after for the results): a council set up after that session (a commune of the
# 2025 reform) adopts its first programme at a session of the programme's own year, and the page says so
# rather than call that session "of the year before".
PROGRAMME_OTHER_EVENTS = {
    (ProgrammeKind.COUNCIL, ProgrammeMilestoneKey.DRAFT): "Ngày khai mạc kỳ họp thông qua chương trình (năm {year})",
    (ProgrammeKind.COUNCIL, ProgrammeMilestoneKey.ADOPT): "Ngày khai mạc kỳ họp thông qua chương trình (năm {year})",
    (ProgrammeKind.COUNCIL, ProgrammeMilestoneKey.RESULTS): "Ngày khai mạc kỳ họp báo cáo kết quả thực hiện "
    "chương trình (năm {year})",
    (ProgrammeKind.STANDING, ProgrammeMilestoneKey.ADOPT): "Ngày bế mạc kỳ họp trước khi lập chương trình (năm {year})",
}


def start_event(programme: Programme, key: str) -> str:
    """What the milestone's counting starts from, as "Vì sao hạn này" names it: the session PROGRAMME_RULES
    names when the programme's session date falls in the year it expects, else the session by its year."""
    _, _, event, field = PROGRAMME_RULES[(programme.kind, key)]
    start = getattr(programme, field)
    expected = programme.year + 1 if key == ProgrammeMilestoneKey.RESULTS else programme.year - 1
    if start is None or start.year == expected:
        return event
    return PROGRAMME_OTHER_EVENTS[(programme.kind, key)].format(year=start.year)


def _day_in(year: int, value: int) -> datetime.date:
    """The day a date-type value (month × 100 + day) names in `year`; 29/02 is 28/02 in a common year."""
    month, day = value // 100, value % 100
    if (month, day) == (2, 29) and not calendar.isleap(year):
        day = 28
    return datetime.date(year, month, day)


def council_first_day(council: Council) -> datetime.date | None:
    """The first day of the council's records: the start of its first term (None while it has no term)."""
    return Term.objects.filter(council=council).aggregate(first=Min("starts_on"))["first"]


def _not_applicable(
    council: Council, basis: dict, year: int, first: datetime.date, legal_due: datetime.date | None
) -> dict:
    """The basis of a programme whose proposals' day falls before the council existed: no day is owed (none
    is dated before the council's first day, none is invented after it). The counting could only start on
    the council's first day, so the basis cited is the version in force then (the council's setting first)."""
    rule = RULES_BY_KEY[PROPOSALS_RULE]
    try:
        found = rule_in_force(council, rule.key, first)
        version = {
            "citation": found.citation,
            "valid_from": found.valid_from,
            "valid_to": found.valid_to,
            "setting_decision": found.setting_decision,
            "from_setting": found.from_setting,
        }
    except MissingSetting:
        in_force = version_on(rule.key, first)
        version = {
            "citation": in_force.citation_for(council.level) if in_force else rule.citation,
            "valid_from": in_force.valid_from if in_force else None,
            "valid_to": in_force.valid_to if in_force else None,
            "setting_decision": "",
            "from_setting": False,
        }
    if legal_due is not None:
        why = f"sau ngày {dates.format_date(legal_due)} mà quy định ấn định cho đề xuất"
    else:
        why = f"sau năm {year - 1}, năm gửi đề xuất"
    note = (
        f"Hội đồng bắt đầu nhiệm kỳ đầu tiên ngày {dates.format_date(first)}, {why} chương trình giám sát năm "
        f"{year}: không có hạn gửi đề xuất theo quy định; các đề xuất được tổng hợp trước kỳ họp thông qua "
        "chương trình."
    )
    return {
        **basis,
        "missing": False,
        "not_applicable": True,
        "council_from": first.isoformat(),
        "legal_due": legal_due.isoformat() if legal_due else None,
        "note": note,
        "citation": version["citation"],
        "valid_from": version["valid_from"].isoformat() if version["valid_from"] else None,
        "valid_to": version["valid_to"].isoformat() if version["valid_to"] else None,
        "setting_decision": version["setting_decision"],
        "from_setting": version["from_setting"],
    }


def proposals_due(council: Council, year: int) -> tuple[datetime.date | None, dict]:
    """The day proposals for the programme of `year` are due (a date in the year before, by the date-type
    rule "supervision_proposals_by"), and its basis as "Vì sao hạn này" shows it. A date-type rule counts
    nothing: the version used is the one in force on the day it names (the council's setting first), so the
    proposals for 2026 fall on 01/03/2025 under Luật 87/2015/QH13 and those for 2027 on the day the council
    set under Luật 121/2025/QH15 (no number known: the basis says so and the date stays empty).
    A council whose first term starts after that day (a commune of the 2025 reform, say) owes no proposals'
    day for that programme: the date stays empty, never before the council existed, and the basis says why
    with the version in force on its first day ("not_applicable")."""
    rule = RULES_BY_KEY[PROPOSALS_RULE]
    basis: dict = {"rule": rule.key, "label": rule.label, "year": year - 1, "missing": True}
    first = council_first_day(council)
    try:
        found = rule_in_force(council, rule.key, datetime.date(year - 1, 1, 1))
        found = rule_in_force(council, rule.key, _day_in(year - 1, found.value))
    except MissingSetting:
        if first is not None and first > datetime.date(year - 1, 12, 31):
            return None, _not_applicable(council, basis, year, first, None)
        version = version_on(rule.key, datetime.date(year - 1, 12, 31))
        basis["citation"] = version.citation_for(council.level) if version else rule.citation
        return None, basis
    due = _day_in(year - 1, found.value)
    if first is not None and due < first:
        return None, _not_applicable(council, basis, year, first, due)
    basis.update(
        missing=False,
        value=found.value,
        value_label=day_of_year_label(found.value),
        unit=found.unit,
        citation=found.citation,
        valid_from=found.valid_from.isoformat() if found.valid_from else None,
        valid_to=found.valid_to.isoformat() if found.valid_to else None,
        setting_decision=found.setting_decision,
        from_setting=found.from_setting,
        due=due.isoformat(),
    )
    return due, basis


def _programme_deadlines(programme: Programme) -> None:
    """Compute the proposals' day once, with the version of the rule in force then, and keep it: an edit of
    the programme's other fields never moves it (as an obligation keeps its version), nor does a setting the
    council adds later. Only a day not yet known is computed again (the version gave no number and the
    council had set none, or the day was stored by the old code without a basis, "kept")."""
    if programme.kind != ProgrammeKind.COUNCIL:
        programme.proposals_due_on, programme.proposals_basis = None, {}
        return
    basis = programme.proposals_basis
    if basis and not basis.get("missing") and not basis.get("kept"):
        return
    programme.proposals_due_on, programme.proposals_basis = proposals_due(programme.council, programme.year)


def programme_milestone_bases(programme: Programme) -> dict[str, DeadlineBasis | None]:
    """Each milestone's deadline from its session date, with the rule version in force on that day; refused
    (ValidationError on that date's field) when that version has no number and the council set none."""
    out: dict[str, DeadlineBasis | None] = {}
    for key in ProgrammeMilestoneKey.values:
        found = PROGRAMME_RULES.get((programme.kind, key))
        start = getattr(programme, found[3]) if found is not None else None
        if start is None:
            out[key] = None
            continue
        rule, before, _, field = found
        try:
            out[key] = compute(programme.council, start, rule=rule, before=before)
        except MissingSetting as exc:
            raise ValidationError({field: str(exc)}) from exc
    return out


def _close(obligation: Obligation, done_on: datetime.date, user: AbstractBaseUser | None) -> None:
    if obligation.state in OPEN_STATES:
        followup.obligation_report(
            obligation=obligation,
            user=user,
            text="Đã thực hiện (ghi tại chương trình giám sát).",
            done=True,
            on=done_on,
        )
    if obligation.state == State.REPORTED_DONE:
        followup.obligation_accept(obligation=obligation, user=user, text="Đã ghi ngày thực hiện tại chương trình.")


def programme_milestones_follow(
    *, programme: Programme, user: AbstractBaseUser | None = None
) -> list[ProgrammeMilestone]:
    """Follow the programme's draft, adoption and results report as "supervision_programme_milestone"
    obligations of its body (the standing committee), due on the day the rule in force on the session date
    gives; the obligation is what every page and count reads. A day recorded on the programme (draft sent,
    adopted, results reported) closes it.
    Idempotent, as `milestones_follow` for rounds: a moved due date extends the obligation (later) or
    replaces it (earlier); one that can no longer be computed cancels it. Returns the rows created."""
    programme = Programme.objects.select_related("council", "body").get(pk=programme.pk)
    current = {link.key: link for link in programme.milestone_obligations.select_related("obligation").order_by("pk")}
    bases = programme_milestone_bases(programme)
    recorded = _recorded(programme)
    created = []
    for key in ProgrammeMilestoneKey.values:
        link = current.get(key)
        obligation = link.obligation if link else None
        basis, done = bases[key], recorded[key]
        if obligation is not None and obligation.state == State.CANCELLED:
            if not _cancelled_for_want_of_a_date(obligation, basis):
                continue
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
            followup.obligation_extend(obligation=obligation, user=user, due_on=basis.due, reason=PROGRAMME_MOVED)
            continue
        if is_open:
            followup.obligation_cancel(obligation=obligation, user=user, reason=PROGRAMME_MOVED)
        obligation = followup.obligation_create(
            council=programme.council,
            owner=programme.body,
            title=f"{ProgrammeMilestoneKey(key).label}: {programme}"[:500],
            description=basis.citation,
            kind=PROGRAMME_MILESTONE,
            # "at least 10 days before the session": the source date cannot be later than the due date.
            source_date=min(basis.start, basis.due),
            source=programme,
            basis=basis,
            start_event=start_event(programme, key),
            user=user,
        )
        created.append(validated_save(ProgrammeMilestone(programme=programme, key=key, obligation=obligation), user))
        if done is not None:
            _close(obligation, done, user)
    return created


def _recorded(programme: Programme) -> dict[str, datetime.date | None]:
    """The day each milestone was done, as recorded on the programme."""
    return {
        ProgrammeMilestoneKey.DRAFT: programme.draft_sent_on,
        ProgrammeMilestoneKey.ADOPT: programme.adopted_on,
        ProgrammeMilestoneKey.RESULTS: programme.results_reported_on,
    }


def _check_programme(programme: Programme) -> None:
    errors = {}
    kind = programme.body.kind if programme.body_id else None
    if programme.kind == ProgrammeKind.COMMITTEE and kind != BodyKind.COMMITTEE:
        errors["body"] = "Kế hoạch giám sát của Ban phải do một Ban của HĐND lập."
    elif programme.kind != ProgrammeKind.COMMITTEE and kind != BodyKind.STANDING_COMMITTEE:
        errors["body"] = "Chương trình của HĐND và của Thường trực do Thường trực HĐND lập."
    if programme.resolution_id and programme.resolution.council_id != programme.council_id:
        errors["resolution"] = "Văn bản phải thuộc cùng Hội đồng."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_create(
    *,
    council: Council,
    kind: str,
    year: int,
    body: Body,
    title: str = "",
    session_on: datetime.date | None = None,
    results_session_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> Programme:
    """Start a year's programme (the council's, the standing committee's, or a committee's plan) with its
    legal due dates computed from the session dates given."""
    _same_council(council, body=body)
    council_accepts(council, dates.today(), field="year")  # entered today: dated today
    if kind not in ProgrammeKind.values:
        raise ValidationError({"kind": "Loại chương trình không hợp lệ."})
    default = f"{ProgrammeKind(kind).label} năm {year}"
    if kind == ProgrammeKind.COMMITTEE:
        default = f"Kế hoạch giám sát năm {year} của {body.short_name or body.name}"
    title = clean(title) or default
    programme = Programme(
        council=council,
        kind=kind,
        year=year,
        body=body,
        title=title,
        session_on=session_on,
        results_session_on=results_session_on,
        created_by=user,
    )
    _check_programme(programme)
    _programme_deadlines(programme)
    programme_milestone_bases(programme)  # refused before anything is saved when a number is missing
    programme = validated_save(programme, user)
    programme_milestones_follow(programme=programme, user=user)
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, user: AbstractBaseUser | None = None, **fields: object) -> Programme:
    """Change a programme's dates, adoption and resolution (PROGRAMME_FIELDS); the due dates follow."""
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise ValidationError(f"Không thể sửa: {', '.join(sorted(unknown))}.")
    current = Programme.objects.select_for_update(of=("self",)).select_related("council", "body").get(pk=programme.pk)
    council_accepts(current.council, None, field="year")  # a ceased council's programmes stay as they were
    for name, value in fields.items():
        setattr(current, name, _text(name, value))
    _check_programme(current)
    _programme_deadlines(current)
    current = validated_save(current, user)
    programme_milestones_follow(programme=current, user=user)
    return current


@transaction.atomic
def item_add(
    *,
    programme: Programme,
    subject: str,
    body: Body,
    kind: str = RoundKind.SUPERVISION,
    planned_from: datetime.date | None = None,
    planned_to: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> ProgrammeItem:
    """Add a planned supervision to a programme."""
    council_accepts(programme.council, None, field="subject")  # a ceased council plans nothing
    _same_council(programme.council, body=body)
    if body.kind not in CONDUCTING_KINDS:
        raise ValidationError({"body": "Cơ quan tiến hành phải là Thường trực HĐND, một Ban hoặc một Tổ đại biểu."})
    order = programme.items.count() + 1
    item = ProgrammeItem(
        programme=programme,
        subject=clean(subject),
        body=body,
        kind=kind,
        planned_from=planned_from,
        planned_to=planned_to,
        order=order,
    )
    return validated_save(item, user)


@transaction.atomic
def programme_publish(*, programme: Programme, published: bool, user: AbstractBaseUser | None = None) -> Programme:
    """Publish (or withdraw) a programme on the public pages (Điều 89)."""
    council_accepts(programme.council, None, field="published")  # a ceased council's pages stay as they were
    programme.published = published
    return validated_save(programme, user)
