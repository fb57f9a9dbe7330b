"""Every write of the follow-up engine: creating obligations and moving them through their states.

A transition the state machine does not allow raises a Vietnamese ValidationError and changes nothing.
Workflow apps call `obligation_create` with their record as `source`; they never write the models directly.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from followup.kinds import KINDS, kind_hooks
from followup.models import OPEN_STATES, Action, Notification, Obligation, ObligationFile, ObligationUpdate, State
from hdnd import dates
from hdnd.dates import format_date
from hdnd.saving import as_user, validated_save
from hdnd.text import clean, clean_multiline, fold
from registry.calendar import DeadlineBasis, MissingSetting, WorkCalendar, compute
from registry.models import Body, Council, Person
from registry.rules import CALENDAR, RULES_BY_KEY, UNIT_LABELS
from registry.services import council_accepts

MAX_FILE_SIZE = 20 * 1024 * 1024

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Action.START: (frozenset({State.ASSIGNED}), State.IN_PROGRESS),
    Action.PROGRESS: (frozenset({State.ASSIGNED, State.IN_PROGRESS, State.RETURNED}), State.IN_PROGRESS),
    Action.DONE: (frozenset({State.ASSIGNED, State.IN_PROGRESS, State.RETURNED}), State.REPORTED_DONE),
    Action.ACCEPT: (frozenset({State.REPORTED_DONE}), State.ACCEPTED),
    Action.RETURN: (frozenset({State.REPORTED_DONE}), State.RETURNED),
    Action.CANCEL: (
        frozenset({State.ASSIGNED, State.IN_PROGRESS, State.REPORTED_DONE, State.RETURNED}),
        State.CANCELLED,
    ),
}


def allowed_actions(state: str) -> set[str]:
    """The actions the state machine allows from `state` (who may do them is decided by the caller)."""
    return {action for action, (sources, _) in TRANSITIONS.items() if state in sources}


def _link(obj: models.Model | None) -> tuple[ContentType | None, int | None]:
    if obj is None:
        return None, None
    if obj.pk is None:
        raise ValidationError("Hồ sơ liên kết chưa được lưu.")
    return ContentType.objects.get_for_model(obj), obj.pk


def _check_files(files: Sequence[UploadedFile]) -> None:
    for f in files:
        if f.size > MAX_FILE_SIZE:
            raise ValidationError({"files": f"Tệp “{f.name}” vượt quá dung lượng cho phép (20 MB)."})
        if f.size == 0:
            raise ValidationError({"files": f"Tệp “{f.name}” rỗng."})


def _record(
    *,
    obligation: Obligation,
    user: AbstractBaseUser | None,
    action: str,
    from_state: str,
    text: str = "",
    files: Sequence[UploadedFile] = (),
    reply: models.Model | None = None,
    reply_label: str = "",
) -> ObligationUpdate:
    reply_type, reply_id = _link(reply)
    update = ObligationUpdate(
        obligation=obligation,
        user=user,
        action=action,
        from_state=from_state,
        to_state=obligation.state,
        text=text,
        reply_type=reply_type,
        reply_id=reply_id,
        reply_label=clean(reply_label) or (clean(str(reply))[:300] if reply is not None else ""),
    )
    validated_save(update, user)
    for f in files:
        evidence = ObligationFile(update=update, file=f, name=clean(f.name)[:255] or "tep", size=f.size)
        as_user(evidence, user)
        evidence.save()
    return update


@transaction.atomic
def obligation_create(
    *,
    council: Council,
    owner: Body,
    title: str,
    kind: str,
    source_date: datetime.date,
    source: models.Model | None = None,
    source_label: str = "",
    description: str = "",
    due_on: datetime.date | None = None,
    rule: str | None = None,
    days: int | None = None,
    unit: str = CALENDAR,
    owner_person: Person | None = None,
    user: AbstractBaseUser | None = None,
    basis: DeadlineBasis | None = None,
    start_event: str = "",
) -> Obligation:
    """Assign an obligation to `owner`, due on `due_on` or on the deadline computed from `source_date`
    by `rule` (a key of registry.rules, in its version in force on `source_date`) or by `days` of `unit`
    with the council's working-day calendar, or as the workflow computed it (`basis`, from
    `registry.calendar.compute`, e.g. counted back from a session's opening). What was used is kept on
    the obligation, so a running deadline keeps its version and the calendar can recompute it.

    Refused (ValidationError, nothing saved): an owner or person of another council, an unregistered
    kind, an empty title, no deadline or two ways of giving it, a deadline before the source's date.
    """
    errors: dict[str, str] = {}
    title, description = clean(title), clean_multiline(description)
    if not title:
        errors["title"] = "Vui lòng nhập nội dung phải thực hiện."
    if kind not in KINDS:
        errors["kind"] = "Loại nghĩa vụ chưa được đăng ký."
    if owner.council_id != council.pk:
        errors["owner"] = "Cơ quan thực hiện không thuộc Hội đồng này."
    if owner_person is not None and owner_person.council_id != council.pk:
        errors["owner_person"] = "Người chịu trách nhiệm không thuộc Hội đồng này."
    if source_date is None:
        errors["source_date"] = "Vui lòng nhập ngày của nguồn."
    given = sum(x is not None for x in (due_on, rule, days, basis))
    if given == 0:
        errors["due_on"] = "Vui lòng nhập hạn xử lý hoặc chọn quy định để tính hạn."
    elif given > 1:
        errors["due_on"] = "Chỉ nhập hạn xử lý hoặc quy định tính hạn, không nhập cả hai."
    if rule is not None and rule not in RULES_BY_KEY:
        errors["rule"] = "Quy định không tồn tại."
    if days is not None and (days < 0 or unit not in UNIT_LABELS):
        errors["days"] = "Số ngày không hợp lệ."
    if errors:
        raise ValidationError(errors)
    council_accepts(council, source_date, field="source_date")
    if due_on is None and basis is None:
        try:
            basis = compute(council, source_date, rule=rule, days=days, unit=unit)
        except MissingSetting as exc:
            raise ValidationError({"rule": str(exc)}) from exc
    if basis is not None:
        due_on = basis.due
    if due_on < source_date:
        before = f"không thể trước ngày của nguồn ({format_date(source_date)})"
        raise ValidationError({"due_on": f"Hạn xử lý ({format_date(due_on)}) {before}."})
    source_type, source_id = _link(source)
    obligation = Obligation(
        council=council,
        owner=owner,
        owner_person=owner_person,
        title=title,
        description=description,
        kind=kind,
        source_type=source_type,
        source_id=source_id,
        source_label=clean(source_label) or (clean(str(source))[:300] if source is not None else ""),
        source_date=source_date,
        due_on=due_on,
        created_by=user,
        title_folded=fold(title),
    )
    if basis is not None:
        _keep_basis(obligation, basis, start_event)
    validated_save(obligation, user)
    _record(obligation=obligation, user=user, action=Action.CREATE, from_state="", text=description)
    return obligation


def _keep_basis(obligation: Obligation, basis: DeadlineBasis, start_event: str) -> None:
    obligation.due_rule = basis.rule
    obligation.due_citation = basis.citation[:300]
    obligation.due_version_from = basis.valid_from
    obligation.due_version_to = basis.valid_to
    obligation.due_setting_decision = basis.setting_decision[:300]
    obligation.due_start = basis.start
    obligation.due_start_event = clean(start_event)[:200] or "Ngày của nguồn"
    obligation.due_value = basis.value
    obligation.due_unit = basis.unit
    obligation.due_before = basis.before


# action -> the name of the kind's callback told about it (START is the owner's receipt, no news for a workflow)
_HOOK_OF_ACTION = {
    Action.PROGRESS: "on_report",
    Action.DONE: "on_report",
    Action.ACCEPT: "on_accept",
    Action.RETURN: "on_return",
    Action.CANCEL: "on_cancel",
    Action.EXTEND: "on_extend",
    Action.RECOMPUTE: "on_extend",
    Action.BRING_FORWARD: "on_extend",
}


def _tell_workflow(obligation: Obligation, update: ObligationUpdate, user: AbstractBaseUser | None) -> None:
    """Run the callback the obligation's kind registered for this step, inside the same transaction, so a
    workflow record that reads its progress from the obligation also gets the content the step carried."""
    hook = getattr(kind_hooks(obligation.kind), _HOOK_OF_ACTION.get(update.action, ""), None)
    if hook is not None:
        hook(obligation, update, user)


def _transition(
    *,
    obligation: Obligation,
    user: AbstractBaseUser | None,
    action: str,
    text: str = "",
    files: Sequence[UploadedFile] = (),
    reply: models.Model | None = None,
    reply_label: str = "",
    on: datetime.date | None = None,
) -> Obligation:
    """Move an obligation by `action` under a row lock, so two people acting at once cannot both pass.
    A ceased council's obligations stay as they were (`council_accepts`): no step, not even backdated."""
    council_accepts(obligation.council, on or dates.today(), field="text")
    locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
    sources, target = TRANSITIONS[action]
    if locked.state not in sources:
        raise ValidationError(
            f"Không thể “{Action(action).label.lower()}” khi việc đang ở trạng thái “{State(locked.state).label}”."
        )
    from_state = locked.state
    locked.state = target
    fields = ["state"]
    if target == State.REPORTED_DONE:
        locked.reported_on = on or dates.today()
        fields.append("reported_on")
    elif target == State.RETURNED:
        # Returned work is open again: lateness runs until the next report.
        locked.reported_on = None
        fields.append("reported_on")
    if target in (State.ACCEPTED, State.CANCELLED):
        locked.closed_at = timezone.now()
        fields.append("closed_at")
    validated_save(locked, user, update_fields=fields)
    update = _record(
        obligation=locked,
        user=user,
        action=action,
        from_state=from_state,
        text=text,
        files=files,
        reply=reply,
        reply_label=reply_label,
    )
    for name in fields:
        setattr(obligation, name, getattr(locked, name))
    _tell_workflow(locked, update, user)
    return obligation


@transaction.atomic
def obligation_start(*, obligation: Obligation, user: AbstractBaseUser | None, text: str = "") -> Obligation:
    """The owner acknowledges an assigned obligation: assigned → in progress."""
    return _transition(obligation=obligation, user=user, action=Action.START, text=clean_multiline(text))


@transaction.atomic
def obligation_report(
    *,
    obligation: Obligation,
    user: AbstractBaseUser | None,
    text: str,
    done: bool,
    files: Iterable[UploadedFile] = (),
    reply: models.Model | None = None,
    reply_label: str = "",
    on: datetime.date | None = None,
) -> Obligation:
    """The owner reports progress (→ in progress) or completion (→ reported done, dated `on` or today),
    with a text and optionally files and a reply document. Allowed from assigned, in progress, returned.
    """
    text, files = clean_multiline(text), list(files)
    if not text:
        raise ValidationError({"text": "Vui lòng nhập nội dung báo cáo."})
    _check_files(files)
    return _transition(
        obligation=obligation,
        user=user,
        action=Action.DONE if done else Action.PROGRESS,
        text=text,
        files=files,
        reply=reply,
        reply_label=reply_label,
        on=on,
    )


@transaction.atomic
def obligation_accept(*, obligation: Obligation, user: AbstractBaseUser | None, text: str = "") -> Obligation:
    """The office accepts a reported completion: reported done → accepted (closed)."""
    return _transition(obligation=obligation, user=user, action=Action.ACCEPT, text=clean_multiline(text))


@transaction.atomic
def obligation_return(*, obligation: Obligation, user: AbstractBaseUser | None, reason: str) -> Obligation:
    """The office sends a reported completion back with a reason: reported done → returned (open again)."""
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError({"reason": "Vui lòng nêu lý do trả lại."})
    return _transition(obligation=obligation, user=user, action=Action.RETURN, text=reason)


@transaction.atomic
def obligation_cancel(*, obligation: Obligation, user: AbstractBaseUser | None, reason: str) -> Obligation:
    """The office cancels an obligation that is not closed, with a reason."""
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError({"reason": "Vui lòng nêu lý do hủy."})
    return _transition(obligation=obligation, user=user, action=Action.CANCEL, text=reason)


def _due_move(
    obligation: Obligation,
    locked: Obligation,
    *,
    user: AbstractBaseUser | None,
    due_on: datetime.date,
    action: str,
    text: str,
) -> Obligation:
    """Move the locked obligation's deadline to `due_on`, keep the change in its timeline and tell its
    workflow; `obligation` (the caller's copy) reads the new deadline too."""
    locked.due_on = due_on
    validated_save(locked, user, update_fields=["due_on"])
    update = _record(obligation=locked, user=user, action=action, from_state=locked.state, text=text)
    obligation.due_on = due_on
    _tell_workflow(locked, update, user)
    return obligation


@transaction.atomic
def obligation_extend(
    *, obligation: Obligation, user: AbstractBaseUser | None, due_on: datetime.date, reason: str
) -> Obligation:
    """The office moves an open obligation's deadline later, with a reason kept in its timeline."""
    reason = clean_multiline(reason)
    council_accepts(obligation.council, dates.today(), field="due_on")  # a ceased council's deadlines stay
    locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
    errors = {}
    if not reason:
        errors["reason"] = "Vui lòng nêu lý do gia hạn."
    if locked.state not in OPEN_STATES:
        raise ValidationError(f"Không thể gia hạn khi việc đang ở trạng thái “{State(locked.state).label}”.")
    if due_on is None or due_on <= locked.due_on:
        errors["due_on"] = f"Hạn mới phải sau hạn hiện tại ({format_date(locked.due_on)})."
    if errors:
        raise ValidationError(errors)
    return _due_move(
        obligation,
        locked,
        user=user,
        due_on=due_on,
        action=Action.EXTEND,
        text=f"Gia hạn từ {format_date(locked.due_on)} đến {format_date(due_on)}: {reason}",
    )


@transaction.atomic
def obligation_due_bring_forward(
    *, obligation: Obligation, user: AbstractBaseUser | None, due_on: datetime.date, reason: str
) -> Obligation:
    """The workflow that set an open obligation's deadline ends earlier (a consultation closed before its
    close date): the deadline moves back to that day, the change kept in its timeline. Nothing if the
    obligation is no longer open or already due by then."""
    locked = Obligation.objects.select_for_update().select_related("council").get(pk=obligation.pk)
    council_accepts(locked.council, None, field="due_on")  # a ceased council's deadlines stay as they were
    if locked.state not in OPEN_STATES or locked.due_on <= due_on:
        return obligation
    return _due_move(
        obligation,
        locked,
        user=user,
        due_on=due_on,
        action=Action.BRING_FORWARD,
        text=f"Rút ngắn hạn từ {format_date(locked.due_on)} còn {format_date(due_on)}: {clean(reason)}",
    )


def notify(*, users: Iterable[AbstractBaseUser], message: str, url: str) -> list[Notification]:
    """Tell each user, in the top bar's notifications, `message` with a link to `url` (a page of this site,
    "/..."): the hook any workflow uses for a notice that is not an obligation's reminder."""
    if not url.startswith("/") or url.startswith("//"):
        raise ValidationError({"url": "Đường dẫn của thông báo phải là một trang của hệ thống."})
    text = clean(message)[:600]
    if not text:
        raise ValidationError({"message": "Thông báo phải có nội dung."})
    people = {u.pk: u for u in users}.values()
    return Notification.objects.bulk_create(Notification(user=u, url=url[:300], message=text) for u in people)


def notifications_mark_read(*, user: AbstractBaseUser) -> int:
    """Mark all of the user's unread notifications read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@dataclass(frozen=True)
class Recomputed:
    obligation: Obligation
    old: datetime.date
    new: datetime.date


def _extended_ids(council: Council) -> set[int]:
    """Obligations whose deadline was set by hand or by their workflow after it was computed (extended,
    brought forward): the calendar no longer gives their date."""
    return set(
        ObligationUpdate.objects.filter(
            obligation__council=council, action__in=[Action.EXTEND, Action.BRING_FORWARD]
        ).values_list("obligation_id", flat=True)
    )


def obligations_to_recompute(*, council: Council) -> list[Recomputed]:
    """Running deadlines the council's calendar now gives another date for (a holiday or make-up day was
    added or removed): each open obligation computed from a start, a value and a unit, counted again
    with its own kept value and unit (its version of the rule), not the rule's current one. Deadlines
    the office extended by hand, or their workflow brought forward, are left as they are."""
    calendar = WorkCalendar(council)
    extended = _extended_ids(council)
    out = []
    running = Obligation.objects.filter(
        council=council, state__in=OPEN_STATES, due_start__isnull=False, due_value__isnull=False
    ).exclude(due_unit="")
    for obligation in running.select_related("owner"):
        if obligation.pk in extended:
            continue
        value = -obligation.due_value if obligation.due_before else obligation.due_value
        new = calendar.add(obligation.due_start, value, obligation.due_unit)
        if new != obligation.due_on and new >= obligation.source_date:
            out.append(Recomputed(obligation, obligation.due_on, new))
    return out


@transaction.atomic
def obligations_recompute(*, council: Council, user: AbstractBaseUser | None = None) -> list[Recomputed]:
    """Move every running deadline to the date the council's calendar now gives (see
    `obligations_to_recompute`), each change kept in the obligation's timeline; returns the changes. A ceased
    council's deadlines stay as they were on its last day (`council_accepts`)."""
    council_accepts(council, None, field="due_on")
    changes = obligations_to_recompute(council=council)
    for change in changes:
        locked = Obligation.objects.select_for_update().get(pk=change.obligation.pk)
        locked.due_on = change.new
        validated_save(locked, user, update_fields=["due_on"])
        update = _record(
            obligation=locked,
            user=user,
            action=Action.RECOMPUTE,
            from_state=locked.state,
            text=f"Tính lại hạn theo lịch làm việc: từ {format_date(change.old)} thành {format_date(change.new)}.",
        )
        change.obligation.due_on = change.new
        _tell_workflow(locked, update, user)
    return changes
