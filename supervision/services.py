"""Every write of supervision: programmes, rounds and surveys, their milestones, recommendations, regular review.

Deadlines come from `registry.calendar.deadline` and the rules of Luật Hoạt động giám sát 87/2015/QH13
(`registry.rules`); they are computed when the date they count from is recorded and stored on the record.
Recommendations, supervised bodies' reports and requests to fix a document become obligations of the
follow-up engine, which then carries reporting, acceptance and return.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from documents import services as documents
from documents.models import Authority, Direction, DocType, Document
from followup import services as followup
from followup.models import CLOSED_STATES, OPEN_STATES, Obligation, State
from hdnd.text import clean, clean_multiline, fold
from registry.calendar import MissingSetting, deadline
from registry.models import Body, BodyKind, Council, Delegate, MemberRole
from registry.selectors import holders_on, standing_committee
from supervision.models import (
    CONDUCTING_KINDS,
    BodyReport,
    MilestoneKey,
    MilestoneObligation,
    Programme,
    ProgrammeItem,
    ProgrammeKind,
    Recommendation,
    RecommendationReportRecord,
    Review,
    ReviewOutcome,
    Round,
    RoundKind,
    RoundMember,
    WorkingSession,
)

RECOMMENDATION = "supervision_recommendation"
BODY_REPORT = "supervision_body_report"
UNLAWFUL_DOCUMENT = "unlawful_document_request"
MILESTONE = "supervision_milestone"

ROUND_FIELDS = {
    "kind",
    "body",
    "subject",
    "supervised_label",
    "item",
    "set_up_on",
    "decision",
    "plan",
    "starts_on",
    "ends_on",
    "content_sent_on",
    "schedule_sent_on",
}
PROGRAMME_FIELDS = {
    "title",
    "session_on",
    "results_session_on",
    "draft_sent_on",
    "adopted_on",
    "resolution",
    "results_reported_on",
}
MULTILINE = {"plan", "conclusions", "text", "notes"}


def _save(obj: models.Model, user: AbstractBaseUser | None = None) -> models.Model:
    """full_clean (constraints give their Vietnamese messages), then save with the acting user in history."""
    obj.full_clean()
    if user is not None:
        obj._history_user = user
    try:
        obj.save()
    except IntegrityError as exc:  # a concurrent duplicate that passed full_clean
        raise ValidationError("Dữ liệu trùng với một bản ghi đã có.") from exc
    return obj


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _text(name: str, value: object) -> object:
    if isinstance(value, str):
        return clean_multiline(value) if name in MULTILINE else clean(value)
    return value


def _deadline(
    council: Council, start: datetime.date | None, rule: str, *, before: bool = False
) -> datetime.date | None:
    if start is None:
        return None
    try:
        return deadline(council, start, rule=rule, before=before)
    except MissingSetting as exc:
        raise ValidationError(str(exc)) from exc


def _same_council(council: Council, **related: object) -> None:
    errors = {}
    for name, obj in related.items():
        if obj is not None and obj.council_id != council.pk:
            errors[name] = "Phải thuộc cùng Hội đồng."
    if errors:
        raise ValidationError(errors)


# Rounds ----------------------------------------------------------------------------------------


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


def _compute_deadlines(round: Round) -> None:
    council = round.council
    # Luật 87/2015/QH13, Điều 62, 70, 80: content and report outline within 15 days of the set-up;
    # schedule and members at least 10 days before working with the supervised body.
    round.content_due_on = _deadline(council, round.set_up_on, "supervision_content_after_setup")
    visit = first_visit(round) if round.pk else round.starts_on
    round.schedule_due_on = _deadline(council, visit, "supervision_schedule_before_visit", before=True)
    round.report_due_on = _deadline(council, round.ends_on, report_rule(round.body))
    # Điều 71: the standing committee considers the delegation's report within 7 days of receiving it.
    round.consider_due_on = _deadline(council, round.report_on, "standing_considers_report_within")


def _check_round(round: Round, supervised: list[Body] | None) -> None:
    errors = {}
    if round.body_id and round.body.kind not in CONDUCTING_KINDS:
        errors["body"] = "Cơ quan tiến hành phải là Thường trực HĐND, một Ban hoặc một Tổ đại biểu."
    if supervised is not None:
        if not supervised:
            errors["supervised"] = "Vui lòng chọn ít nhất một cơ quan chịu sự giám sát."
        elif any(b.council_id != round.council_id for b in supervised):
            errors["supervised"] = "Cơ quan chịu sự giám sát phải thuộc cùng Hội đồng."
    if round.decision_id and round.decision.council_id != round.council_id:
        errors["decision"] = "Quyết định phải thuộc cùng Hội đồng."
    if round.item_id and round.item.programme.council_id != round.council_id:
        errors["item"] = "Nội dung chương trình phải thuộc cùng Hội đồng."
    if round.starts_on and round.set_up_on and round.starts_on < round.set_up_on:
        errors["starts_on"] = "Ngày bắt đầu không thể trước ngày thành lập đoàn."
    if errors:
        raise ValidationError(errors)


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
        created.append(_save(MilestoneObligation(round=round, key=milestone.key, obligation=obligation), user))
    return created


def _lock(round: Round) -> Round:
    return Round.objects.select_for_update(of=("self",)).select_related("council", "body").get(pk=round.pk)


@transaction.atomic
def round_create(
    *,
    council: Council,
    body: Body,
    subject: str,
    supervised: Iterable[Body],
    set_up_on: datetime.date,
    kind: str = RoundKind.SUPERVISION,
    supervised_label: str = "",
    item: ProgrammeItem | None = None,
    decision: Document | None = None,
    plan: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    content_sent_on: datetime.date | None = None,
    schedule_sent_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> Round:
    """Record a round or survey set up on `set_up_on` by `body` over `supervised` bodies, with its due dates.

    Refused (nothing saved): no supervised body, a body of another council, a conducting body that is not
    the standing committee, a committee or a delegate group, a start before the set-up.
    """
    supervised = list(supervised)
    _same_council(council, body=body)
    round = Round(council=council, created_by=user)
    values = {
        "kind": kind,
        "body": body,
        "subject": subject,
        "supervised_label": supervised_label,
        "item": item,
        "set_up_on": set_up_on,
        "decision": decision,
        "plan": plan,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "content_sent_on": content_sent_on,
        "schedule_sent_on": schedule_sent_on,
    }
    for name, value in values.items():
        setattr(round, name, _text(name, value))
    _check_round(round, supervised)
    round.subject_folded = fold(round.subject)
    _compute_deadlines(round)
    _save(round, user)
    round.supervised.set(supervised)
    milestones_follow(round=round, user=user)
    return round


@transaction.atomic
def round_update(
    *, round: Round, user: AbstractBaseUser | None = None, supervised: Iterable[Body] | None = None, **fields: object
) -> Round:
    """Change a round's facts (any of ROUND_FIELDS, and the supervised bodies); the due dates follow."""
    unknown = set(fields) - ROUND_FIELDS
    if unknown:
        raise ValidationError(f"Không thể sửa: {', '.join(sorted(unknown))}.")
    current = _lock(round)
    for name, value in fields.items():
        setattr(current, name, _text(name, value))
    supervised = list(supervised) if supervised is not None else None
    _check_round(current, supervised)
    current.subject_folded = fold(current.subject)
    _compute_deadlines(current)
    _save(current, user)
    if supervised is not None:
        current.supervised.set(supervised)
    milestones_follow(round=current, user=user)
    return current


def member_check(*, round: Round, delegate: Delegate) -> None:
    """A member must be a delegate of the round's council in office on the day the delegation is set up."""
    if delegate.term.council_id != round.council_id:
        raise ValidationError({"delegate": "Thành viên đoàn phải là đại biểu của Hội đồng này."})
    if not delegate.in_office_on(round.set_up_on):
        raise ValidationError(
            {"delegate": f"{delegate.person.full_name} không còn là đại biểu vào ngày {_date(round.set_up_on)}."}
        )


@transaction.atomic
def member_add(
    *, round: Round, delegate: Delegate, role: str = "Thành viên", user: AbstractBaseUser | None = None
) -> RoundMember:
    """Add a delegate to the delegation (refused: not a delegate of the council in office on the set-up day)."""
    current = _lock(round)
    member_check(round=current, delegate=delegate)
    order = current.members.count() + 1
    return _save(RoundMember(round=current, delegate=delegate, role=clean(role) or "Thành viên", order=order), user)


@transaction.atomic
def session_add(
    *,
    round: Round,
    held_on: datetime.date,
    place: str,
    body: Body,
    notes: str = "",
    user: AbstractBaseUser | None = None,
) -> WorkingSession:
    """Record a working session with a body; the schedule's due date follows the first session."""
    current = _lock(round)
    _same_council(current.council, body=body)
    if held_on < current.set_up_on:
        raise ValidationError({"held_on": "Ngày làm việc không thể trước ngày thành lập đoàn."})
    session = _save(
        WorkingSession(round=current, held_on=held_on, place=clean(place), body=body, notes=clean_multiline(notes)),
        user,
    )
    _compute_deadlines(current)
    _save(current, user)
    milestones_follow(round=current, user=user)
    return session


@transaction.atomic
def body_reports_request(
    *, round: Round, due_on: datetime.date, sent_on: datetime.date, user: AbstractBaseUser | None = None
) -> list[BodyReport]:
    """Ask every supervised body for its report by `due_on`: one obligation each (bodies already asked are
    skipped). `sent_on` is the day the content and report outline were sent; it is recorded on the round."""
    current = _lock(round)
    if sent_on < current.set_up_on:
        raise ValidationError({"sent_on": "Ngày gửi không thể trước ngày thành lập đoàn."})
    asked = set(current.body_reports.values_list("body_id", flat=True))
    created = []
    for body in current.supervised.order_by("name"):
        if body.pk in asked:
            continue
        obligation = followup.obligation_create(
            council=current.council,
            owner=body,
            title=f"Báo cáo phục vụ {str(current)[0].lower()}{str(current)[1:]}",
            kind=BODY_REPORT,
            source_date=sent_on,
            source=current,
            due_on=due_on,
            user=user,
        )
        created.append(_save(BodyReport(round=current, body=body, obligation=obligation), user))
    if current.content_sent_on is None:
        current.content_sent_on = sent_on
        _save(current, user)
        milestones_follow(round=current, user=user)
    return created


@transaction.atomic
def report_record(
    *,
    round: Round,
    report_on: datetime.date,
    document: Document | None = None,
    user: AbstractBaseUser | None = None,
) -> Round:
    """Record the delegation's report, dated `report_on` (not before the round ends), linked to `document`
    or to a new draft report of the document register; the standing committee's due date follows."""
    current = _lock(round)
    if current.ends_on is None:
        raise ValidationError({"report_on": "Vui lòng ghi ngày kết thúc đợt giám sát trước khi báo cáo."})
    if report_on < current.ends_on:
        raise ValidationError(
            {
                "report_on": f"Ngày báo cáo ({_date(report_on)}) không thể trước ngày kết thúc đợt giám sát "
                f"({_date(current.ends_on)})."
            }
        )
    if document is not None and document.council_id != current.council_id:
        raise ValidationError({"document": "Văn bản phải thuộc cùng Hội đồng."})
    if document is None and current.report_id is None:
        document = documents.document_create(
            council=current.council,
            doc_type=DocType.BAO_CAO,
            subject=f"Kết quả {str(current)[0].lower()}{str(current)[1:]}",
            body=current.conclusions,
            source=current,
            user=user,
        )
    if document is not None:
        current.report = document
    current.report_on = report_on
    _compute_deadlines(current)
    _save(current, user)
    milestones_follow(round=current, user=user)
    return current


@transaction.atomic
def round_consider(
    *, round: Round, considered_on: datetime.date, conclusions: str = "", user: AbstractBaseUser | None = None
) -> Round:
    """Record the standing committee's consideration of the report and the conclusions."""
    current = _lock(round)
    if current.report_on is None:
        raise ValidationError({"considered_on": "Đoàn giám sát chưa có báo cáo kết quả."})
    if considered_on < current.report_on:
        raise ValidationError({"considered_on": "Ngày xem xét không thể trước ngày báo cáo."})
    current.considered_on = considered_on
    if clean_multiline(conclusions):
        current.conclusions = clean_multiline(conclusions)
    _save(current, user)
    milestones_follow(round=current, user=user)
    return current


@transaction.atomic
def decision_generate(*, round: Round, user: AbstractBaseUser | None = None) -> Document:
    """Draft the decision setting up the delegation (Quyết định thành lập đoàn giám sát) in the register."""
    current = _lock(round)
    if current.decision_id is not None:
        raise ValidationError("Đợt giám sát đã có quyết định thành lập đoàn.")
    members = current.members.select_related("delegate__person")
    lines = [
        f"Điều 1. Thành lập Đoàn {str(current)[0].lower()}{str(current)[1:]}"
        + (f" đối với {supervised_text(current)}" if supervised_text(current) else "")
        + ", gồm các đồng chí:",
        *[f"- {m.delegate.person.full_name}, {m.role}." for m in members],
        "Điều 2. Đoàn giám sát có trách nhiệm xây dựng kế hoạch, đề cương báo cáo và báo cáo kết quả theo quy "
        "định của Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân.",
        "Điều 3. Các thành viên Đoàn giám sát và cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết "
        "định này.",
    ]
    title, name = signer(current.council, current.set_up_on)
    document = documents.document_create(
        council=current.council,
        doc_type=DocType.QUYET_DINH,
        subject=f"Về việc thành lập Đoàn {str(current)[0].lower()}{str(current)[1:]}",
        body="\n".join(lines),
        signer_authority=Authority.TM,
        signer_collective="Thường trực HĐND",
        signer_title=title,
        signer_name=name,
        recipient_lines="Như Điều 3;\nLưu: VT.",
        source=current,
        user=user,
    )
    current.decision = document
    _save(current, user)
    return document


def signer(council: Council, on: datetime.date) -> tuple[str, str]:
    """The standing committee's chair on the day, else a vice-chair: (title, name)."""
    body = standing_committee(council)
    for role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR):
        holder = holders_on(body=body, role=role, on=on).first() if body else None
        if holder is not None:
            return MemberRole(role).label, holder.person.full_name
    return "Chủ tịch", "[[họ và tên người ký]]"


def supervised_text(round: Round) -> str:
    """How the supervised bodies are named in text: the label given, else their short names."""
    if round.supervised_label:
        return round.supervised_label
    return ", ".join(b.short_name or b.name for b in round.supervised.all())


@transaction.atomic
def round_publish(*, round: Round, published: bool, user: AbstractBaseUser | None = None) -> Round:
    """Publish (or withdraw from) the public pages the round's report, conclusions and follow-up (Điều 89)."""
    current = _lock(round)
    current.published = published
    return _save(current, user)


# Recommendations -------------------------------------------------------------------------------


@transaction.atomic
def recommendation_add(
    *,
    round: Round,
    body: Body | None,
    text: str,
    due_on: datetime.date | None,
    made_on: datetime.date | None = None,
    user: AbstractBaseUser | None = None,
) -> Recommendation:
    """Address a recommendation to `body` by `due_on`; it becomes a "supervision_recommendation" obligation.

    Refused (nothing saved): no addressee, an addressee of another council, no text, no deadline, a deadline
    before the day it is made. `made_on` defaults to the report's date.
    """
    current = _lock(round)
    text = clean_multiline(text)
    made_on = made_on or current.report_on or current.ends_on or current.set_up_on
    errors = {}
    if body is None:
        errors["body"] = "Vui lòng chọn cơ quan được kiến nghị."
    elif body.council_id != current.council_id:
        errors["body"] = "Cơ quan được kiến nghị phải thuộc cùng Hội đồng."
    if not text:
        errors["text"] = "Vui lòng nhập nội dung kiến nghị."
    if due_on is None:
        errors["due_on"] = "Vui lòng nhập thời hạn thực hiện kiến nghị."
    elif due_on < made_on:
        errors["due_on"] = f"Thời hạn ({_date(due_on)}) không thể trước ngày kiến nghị ({_date(made_on)})."
    if errors:
        raise ValidationError(errors)
    obligation = followup.obligation_create(
        council=current.council,
        owner=body,
        title=text[:500],
        kind=RECOMMENDATION,
        source_date=made_on,
        source=current,
        source_label=str(current)[:300],
        due_on=due_on,
        user=user,
    )
    return _save(Recommendation(round=current, body=body, text=text, made_on=made_on, obligation=obligation), user)


# Programmes ------------------------------------------------------------------------------------


def _programme_deadlines(programme: Programme) -> None:
    council = programme.council
    programme.proposals_due_on = programme.draft_due_on = programme.adopt_due_on = None
    if programme.kind == ProgrammeKind.COUNCIL:
        # Luật 87/2015/QH13, Điều 58: proposals by 1 March of the year before; the draft at least 10 days
        # before the mid-year session of that year, which adopts the programme.
        programme.proposals_due_on = datetime.date(programme.year - 1, 3, 1)
        programme.draft_due_on = _deadline(
            council, programme.session_on, "supervision_programme_draft_before_session", before=True
        )
        programme.adopt_due_on = programme.session_on
    elif programme.kind == ProgrammeKind.STANDING:
        # Điều 67: adopted within 15 days after the year-end session of the year before.
        programme.adopt_due_on = _deadline(council, programme.session_on, "standing_programme_after_year_end_session")


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
    return _save(programme, user)


@transaction.atomic
def programme_update(*, programme: Programme, user: AbstractBaseUser | None = None, **fields: object) -> Programme:
    """Change a programme's dates, adoption and resolution (PROGRAMME_FIELDS); the due dates follow."""
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise ValidationError(f"Không thể sửa: {', '.join(sorted(unknown))}.")
    current = Programme.objects.select_for_update(of=("self",)).select_related("council", "body").get(pk=programme.pk)
    for name, value in fields.items():
        setattr(current, name, _text(name, value))
    _check_programme(current)
    _programme_deadlines(current)
    return _save(current, user)


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
    return _save(item, user)


@transaction.atomic
def programme_publish(*, programme: Programme, published: bool, user: AbstractBaseUser | None = None) -> Programme:
    """Publish (or withdraw) a programme on the public pages (Điều 89)."""
    programme.published = published
    return _save(programme, user)


# Regular supervision ---------------------------------------------------------------------------


@transaction.atomic
def review_create(*, document: Document, user: AbstractBaseUser | None = None) -> Review:
    """Put an incoming document (a UBND decision, a commune council's resolution) in the review register."""
    if document.direction != Direction.INCOMING:
        raise ValidationError({"document": "Chỉ đưa vào giám sát văn bản đến."})
    if Review.objects.filter(document=document).exists():
        raise ValidationError({"document": "Văn bản này đã có trong sổ giám sát."})
    return _save(Review(council=document.council, document=document), user)


@transaction.atomic
def review_record(
    *,
    review: Review,
    outcome: str,
    reviewed_on: datetime.date,
    notes: str = "",
    user: AbstractBaseUser | None = None,
) -> Review:
    """Record the review's outcome. An apparently unlawful document is a request to its issuer to fix it,
    followed as an obligation to reply within 30 days (Luật 87/2015/QH13, Điều 79)."""
    current = Review.objects.select_for_update(of=("self",)).select_related("document", "council").get(pk=review.pk)
    notes = clean_multiline(notes)
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": "Kết quả xem xét không hợp lệ."})
    if current.obligation_id is not None:
        raise ValidationError({"outcome": "Đã yêu cầu cơ quan ban hành xử lý văn bản này."})
    if outcome == ReviewOutcome.UNLAWFUL:
        issuer = current.document.sender_body
        errors = {}
        if issuer is None:
            errors["outcome"] = "Văn bản đến chưa ghi cơ quan ban hành (chọn trong danh mục) để gửi yêu cầu."
        if not notes:
            errors["notes"] = "Vui lòng nêu nội dung có dấu hiệu trái pháp luật."
        if errors:
            raise ValidationError(errors)
        current.obligation = followup.obligation_create(
            council=current.council,
            owner=issuer,
            title=f"Xem xét, xử lý và trả lời về văn bản: {current.document.subject}"[:500],
            description=notes,
            kind=UNLAWFUL_DOCUMENT,
            source_date=reviewed_on,
            source=current,
            rule="unlawful_document_reply_days",
            user=user,
        )
    current.outcome, current.notes, current.reviewed_on = outcome, notes, reviewed_on
    return _save(current, user)


# The report on recommendations for the next session -------------------------------------------


def recommendation_report_body(report: object) -> str:
    """The report's text from `selectors.recommendation_report`: the totals, by addressee, then each
    recommendation still open (earlier years' included)."""
    lines = [
        f"Tổng số kiến nghị sau giám sát năm {report.year} và các năm trước chưa hoàn thành: {report.total:02d} kiến "
        f"nghị; đã hoàn thành {report.done:02d}, đang thực hiện {report.in_progress:02d}, quá hạn "
        f"{report.overdue:02d} (trong đó {report.earlier_open:02d} kiến nghị của các năm trước chưa hoàn thành).",
        "1. Kết quả thực hiện theo cơ quan được kiến nghị",
    ]
    for line in report.by_body:
        lines.append(
            f"- {line.body.name}: {line.total:02d} kiến nghị; đã hoàn thành {line.done:02d}, đang thực hiện "
            f"{line.in_progress:02d}, quá hạn {line.overdue:02d}."
        )
    lines.append("2. Các kiến nghị chưa hoàn thành")
    open_rows = [(r, s) for r, s in report.rows if s != "done"]
    for rec, status in open_rows:
        state = "quá hạn" if status == "overdue" else "đang thực hiện"
        lines.append(
            f"- {rec.body.short_name or rec.body.name} ({rec.round.body.short_name}, ngày {_date(rec.made_on)}, "
            f"hạn {_date(rec.obligation.due_on)}, {state}): {rec.text}"
        )
    if not open_rows:
        lines.append("- Không có kiến nghị nào chưa hoàn thành.")
    return "\n".join(lines)


@transaction.atomic
def recommendation_report_document(
    *, council: Council, year: int, on: datetime.date | None = None, user: AbstractBaseUser | None = None
) -> Document:
    """Draft the report on the state of recommendations after supervision for the next session (a Báo cáo of
    the standing committee in the document register), as of `on` (today by default); its source is a
    RecommendationReportRecord, so the document's page links back to the report screen."""
    from supervision.selectors import recommendation_report, today

    on = on or today()
    report = recommendation_report(council=council, year=year, on=on)
    title, name = signer(council, on)
    record = _save(RecommendationReportRecord(council=council, year=year, on=on, created_by=user), user)
    document = documents.document_create(
        council=council,
        doc_type=DocType.BAO_CAO,
        subject=f"Kết quả thực hiện kiến nghị sau giám sát năm {year}",
        body=recommendation_report_body(report),
        issued_on=on,
        signer_authority=Authority.TM,
        signer_collective="Thường trực HĐND",
        signer_title=title,
        signer_name=name,
        recipient_lines=f"Đại biểu {council.short_title};\nUBND {council.unit_word};\nLưu: VT.",
        source=record,
        user=user,
    )
    record.document = document
    _save(record, user)
    return document
