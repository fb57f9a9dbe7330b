"""Supervision rounds and surveys: members, working sessions, the bodies' reports, consideration, decision."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents import services as documents
from documents.models import Authority, DocType, Document
from followup import services as followup
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold
from registry.access import same_council as _same_council
from registry.models import Body, Council, Delegate
from registry.services import council_accepts
from supervision.models import (
    CONDUCTING_KINDS,
    BodyReport,
    ProgrammeItem,
    Round,
    RoundKind,
    RoundMember,
    WorkingSession,
)
from supervision.services._common import BODY_REPORT, _lock, _text
from supervision.services.milestones import milestones_follow
from supervision.wording import signer, supervised_text

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
    council_accepts(council, set_up_on, field="set_up_on")
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
    validated_save(round, user)
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
    council_accepts(current.council, fields.get("set_up_on"), field="subject")  # a ceased council's rounds stay
    for name, value in fields.items():
        setattr(current, name, _text(name, value))
    supervised = list(supervised) if supervised is not None else None
    _check_round(current, supervised)
    current.subject_folded = fold(current.subject)
    validated_save(current, user)
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
            {"delegate": f"{delegate.person.full_name} không còn là đại biểu vào ngày {format_date(round.set_up_on)}."}
        )


@transaction.atomic
def member_add(
    *, round: Round, delegate: Delegate, role: str = "Thành viên", user: AbstractBaseUser | None = None
) -> RoundMember:
    """Add a delegate to the delegation (refused: not a delegate of the council in office on the set-up day)."""
    current = _lock(round)
    council_accepts(current.council, None, field="delegate")  # a ceased council's delegations stay as they were
    member_check(round=current, delegate=delegate)
    order = current.members.count() + 1
    return validated_save(
        RoundMember(round=current, delegate=delegate, role=clean(role) or "Thành viên", order=order), user
    )


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
    council_accepts(current.council, held_on, field="held_on")
    if held_on < current.set_up_on:
        raise ValidationError({"held_on": "Ngày làm việc không thể trước ngày thành lập đoàn."})
    session = validated_save(
        WorkingSession(round=current, held_on=held_on, place=clean(place), body=body, notes=clean_multiline(notes)),
        user,
    )
    validated_save(current, user)
    milestones_follow(round=current, user=user)
    return session


@transaction.atomic
def body_reports_request(
    *, round: Round, due_on: datetime.date, sent_on: datetime.date, user: AbstractBaseUser | None = None
) -> list[BodyReport]:
    """Ask every supervised body for its report by `due_on`: one obligation each (bodies already asked are
    skipped). `sent_on` is the day the content and report outline were sent; it is recorded on the round."""
    current = _lock(round)
    council_accepts(current.council, sent_on, field="sent_on")
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
        created.append(validated_save(BodyReport(round=current, body=body, obligation=obligation), user))
    if current.content_sent_on is None:
        current.content_sent_on = sent_on
        validated_save(current, user)
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
    council_accepts(current.council, report_on, field="report_on")
    if current.ends_on is None:
        raise ValidationError({"report_on": "Vui lòng ghi ngày kết thúc đợt giám sát trước khi báo cáo."})
    if report_on < current.ends_on:
        raise ValidationError(
            {
                "report_on": f"Ngày báo cáo ({format_date(report_on)}) không thể trước ngày kết thúc đợt giám sát "
                f"({format_date(current.ends_on)})."
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
    validated_save(current, user)
    milestones_follow(round=current, user=user)
    return current


@transaction.atomic
def round_consider(
    *, round: Round, considered_on: datetime.date, conclusions: str = "", user: AbstractBaseUser | None = None
) -> Round:
    """Record the standing committee's consideration of the report and the conclusions."""
    current = _lock(round)
    council_accepts(current.council, considered_on, field="considered_on")
    if current.report_on is None:
        raise ValidationError({"considered_on": "Đoàn giám sát chưa có báo cáo kết quả."})
    if considered_on < current.report_on:
        raise ValidationError({"considered_on": "Ngày xem xét không thể trước ngày báo cáo."})
    current.considered_on = considered_on
    if clean_multiline(conclusions):
        current.conclusions = clean_multiline(conclusions)
    validated_save(current, user)
    milestones_follow(round=current, user=user)
    return current


@transaction.atomic
def decision_generate(*, round: Round, user: AbstractBaseUser | None = None) -> Document:
    """Draft the decision setting up the delegation (Quyết định thành lập đoàn giám sát) in the register."""
    current = _lock(round)
    council_accepts(current.council, None)  # a ceased council drafts nothing (the register refuses it too)
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
    validated_save(current, user)
    return document


@transaction.atomic
def round_publish(*, round: Round, published: bool, user: AbstractBaseUser | None = None) -> Round:
    """Publish (or withdraw from) the public pages the round's report, conclusions and follow-up (Điều 89)."""
    current = _lock(round)
    council_accepts(current.council, None, field="published")  # a ceased council's pages stay as they were
    current.published = published
    return validated_save(current, user)
