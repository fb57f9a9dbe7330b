"""Votes on submissions and the resolutions they pass."""

import datetime
from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents import services as documents
from documents.models import Authority, DocType
from followup import services as followup
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean
from plenary.models import (
    Ballot,
    Choice,
    Resolution,
    Submission,
    Vote,
    VoteMethod,
    VoteRule,
)
from plenary.rules import vote_passes
from plenary.services._common import RESOLUTION_REPORT
from registry.calendar import rule_value
from registry.models import BodyKind, Delegate
from registry.selectors import body_of_kind, delegates_in_office
from registry.services import council_accepts


@transaction.atomic
def vote_record(
    *,
    submission: Submission,
    voted_on: datetime.date,
    yes: int | None = None,
    no: int | None = None,
    abstain: int | None = None,
    ballots: Mapping[int, str] | None = None,
    user: AbstractBaseUser | None,
) -> Vote:
    """Record the vote on a draft, as totals or by delegate (delegate id -> choice), and compute the result.

    The base is every delegate in office on the day (Luật Tổ chức chính quyền địa phương: "quá nửa
    tổng số đại biểu"), so a vacancy lowers it and absent delegates count against. Refused: totals over
    the delegates in office, a ballot from someone not in office, a second vote on the same draft.
    """
    council_accepts(submission.session.council, voted_on, field="voted_on")
    if not submission.has_draft:
        raise ValidationError("Chỉ hồ sơ có dự thảo nghị quyết mới được biểu quyết.")
    # The draft's row, locked: a second click waits for the first vote and then sees it.
    Submission.objects.select_for_update().filter(pk=submission.pk).first()
    if Vote.objects.filter(submission=submission).exists():
        raise ValidationError("Dự thảo này đã được biểu quyết.")
    council = submission.session.council
    in_office = {d.pk: d for d in delegates_in_office(council=council, on=voted_on).select_related("person")}
    base = len(in_office)
    if ballots is not None:
        method = VoteMethod.BY_DELEGATE
        errors = []
        for delegate_id, choice in ballots.items():
            if choice not in Choice.values:
                errors.append("Lựa chọn biểu quyết không hợp lệ.")
            elif delegate_id not in in_office:
                who = Delegate.objects.select_related("person").filter(pk=delegate_id).first()
                name = who.person.full_name if who is not None else f"mã {delegate_id}"
                errors.append(f"{name} không phải đại biểu đương nhiệm ngày {format_date(voted_on)}.")
        if errors:
            raise ValidationError({"ballots": errors})
        choices = list(ballots.values())
        yes, no, abstain = choices.count(Choice.YES), choices.count(Choice.NO), choices.count(Choice.ABSTAIN)
    else:
        method = VoteMethod.TOTALS
        if yes is None or no is None or abstain is None:
            raise ValidationError({"yes": "Vui lòng nhập đủ số tán thành, không tán thành, không biểu quyết."})
        if min(yes, no, abstain) < 0:
            raise ValidationError({"yes": "Số phiếu không thể âm."})
        if yes + no + abstain > base:
            raise ValidationError(
                {
                    "yes": f"Tổng số phiếu ({yes + no + abstain}) vượt quá số đại biểu đương nhiệm "
                    f"ngày {format_date(voted_on)} ({base})."
                }
            )
    key = "dismissal_threshold_percent" if submission.vote_rule == VoteRule.DISMISSAL else "pass_threshold_percent"
    percent, _ = rule_value(council, key)
    vote = Vote(
        submission=submission,
        voted_on=voted_on,
        method=method,
        yes=yes,
        no=no,
        abstain=abstain,
        in_office=base,
        threshold_percent=percent,
        passed=vote_passes(yes=yes, base=base, percent=percent, rule=submission.vote_rule),
    )
    validated_save(vote, user)
    if ballots is not None:
        Ballot.objects.bulk_create(
            [Ballot(vote=vote, delegate_id=delegate_id, choice=choice) for delegate_id, choice in ballots.items()]
        )
    return vote


@transaction.atomic
def resolution_issue(
    *,
    submission: Submission,
    subject: str,
    text: str,
    issued_on: datetime.date,
    signer_name: str,
    signer_title: str = "Chủ tịch",
    effective_on: datetime.date | None = None,
    report_due_on: datetime.date | None = None,
    user: AbstractBaseUser | None,
) -> Resolution:
    """Issue the resolution of a draft that passed, numbered by the register (normative: "05/2024/NQ-HĐND",
    otherwise "12/NQ-HĐND"); with `report_due_on`, the UBND owes an implementation report (an obligation).
    """
    # The draft's row, locked: a second click waits for the first issue and then sees its resolution.
    Submission.objects.select_for_update().filter(pk=submission.pk).first()
    vote = Vote.objects.filter(submission=submission).first()
    if vote is None or not vote.passed:
        raise ValidationError("Dự thảo chưa được biểu quyết thông qua, không thể ban hành nghị quyết.")
    if Resolution.objects.filter(submission=submission).exists():
        raise ValidationError("Nghị quyết của dự thảo này đã được ban hành.")
    if issued_on < vote.voted_on:
        raise ValidationError({"issued_on": "Ngày ban hành không thể trước ngày biểu quyết."})
    if effective_on is not None and effective_on < issued_on:
        raise ValidationError({"effective_on": "Ngày có hiệu lực không thể trước ngày ban hành."})
    council = submission.session.council
    ubnd = body_of_kind(council=council, kind=BodyKind.PEOPLES_COMMITTEE)
    if report_due_on is not None and ubnd is None:
        raise ValidationError({"report_due_on": "Hội đồng chưa có Ủy ban nhân dân trong danh mục cơ quan."})
    document = documents.document_create(
        council=council,
        doc_type=DocType.NGHI_QUYET,
        normative=submission.normative,
        subject=clean(subject) or submission.title,
        body=text,
        signer_authority=Authority.TM,
        signer_collective="Hội đồng nhân dân",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_lines="- Thường trực HĐND;\n- UBND;\n- Các vị đại biểu HĐND;",
        source=submission,
        issued_on=issued_on,
        user=user,
    )
    document = documents.document_issue(document=document, user=user, issued_on=issued_on)
    resolution = validated_save(
        Resolution(submission=submission, document=document, passed_on=vote.voted_on, effective_on=effective_on),
        user,
    )
    if report_due_on is not None:
        obligation = followup.obligation_create(
            council=council,
            owner=ubnd,
            title=f"Báo cáo kết quả thực hiện Nghị quyết {document.number_symbol}"[:500],
            kind=RESOLUTION_REPORT,
            source=resolution,
            source_date=issued_on,
            due_on=report_due_on,
            user=user,
        )
        resolution.implementation_obligation_id = obligation.pk
        resolution.save(update_fields=["implementation_obligation_id"])
    return resolution


@transaction.atomic
def resolution_publish(*, resolution: Resolution, user: AbstractBaseUser | None) -> Resolution:
    """Publish the resolution (Luật 87/2015, Điều 89: resolutions are posted on the portal)."""
    documents.document_publish(document=resolution.document, user=user)
    return resolution
