"""Every write of reception: letters received and split, classified, forwarded; receptions; grants.

Progress of a forwarded case (forwarded, reported, accepted, returned, overdue) lives in its follow-up
obligation; the engine tells this app what the body reported through `case_reported`.
"""

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from documents.models import Authority, DocType, Document
from documents.services import document_create, document_issue
from followup.services import obligation_create
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold
from reception import wording
from reception.access import GRANT
from reception.models import (
    Case,
    CaseGrant,
    Category,
    Channel,
    Classification,
    Field,
    Handling,
    Ineligible,
    Letter,
    ReceptionSession,
    Relation,
    Sender,
    SessionKind,
)
from registry.access import has_perm
from registry.access import same_council as _same_council
from registry.calendar import MissingSetting, compute
from registry.models import AccessKind, Body, Council, Person
from registry.rules import UNIT_LABELS
from registry.services import council_accepts, personal_access_record

OBLIGATION_KIND = "forwarded_complaint"
# The limit the competent body has to report to the council, by the case's category.
FORWARD_RULES = {
    Category.COMPLAINT: "case_acceptance_notice",  # accept or refuse, in writing, also to the forwarder
    Category.DENUNCIATION: "forwarded_denunciation_report_days",  # Luật Tố cáo, Điều 26(2)
    Category.RECOMMENDATION: "letter_answer_days",
    Category.REFLECTION: "letter_answer_days",
    Category.ANONYMOUS_INFO: "letter_answer_days",
}
ONCE_ONLY = "Đơn tố cáo cùng nội dung chỉ được chuyển một lần (Thông tư 05/2021/TT-TTCP, Điều 14)."


@dataclass(frozen=True)
class CaseIn:
    """One content of a letter as the office enters it."""

    category: str
    summary: str
    field: str = Field.OTHER
    protected: bool = False


@dataclass(frozen=True)
class SenderIn:
    full_name: str
    address: str = ""
    phone: str = ""
    id_number: str = ""
    relation: str = Relation.SELF


def _next_number(council: Council, year: int) -> int:
    """The next number of the council's register of the year, under a lock on the council's row so two
    clerks entering letters at once never get the same number (the unique constraint is the backstop)."""
    Council.objects.select_for_update().filter(pk=council.pk).first()
    last = Letter.objects.filter(council=council, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _find_duplicate(case: Case, names: set[str]) -> Case | None:
    """An earlier case of the council with the same category and content from one of the same senders:
    the letter is linked to it and counted once (đơn trùng, gửi nhiều lần)."""
    if not names:
        return None
    earlier = (
        Case.objects.filter(
            council_id=case.council_id,
            category=case.category,
            summary_folded=case.summary_folded,
            letter__senders__name_folded__in=names,
        )
        .exclude(letter_id=case.letter_id)
        .order_by("letter__received_on", "pk")
        .first()
    )
    if earlier is None:
        return None
    return earlier.duplicate_of or earlier


# The columns of a case that make its classification, dated in `Classification` rows.
CLASSIFIED = ("category", "field", "eligible", "ineligible_reason", "handling", "competent_body_id")


def _classification_record(case: Case, *, on: datetime.date, user: AbstractBaseUser | None) -> None:
    """Record the case's classification as its columns now hold it, in effect from `on` (nothing when the
    latest row already says the same)."""
    latest = case.classifications.order_by("-effective_on", "-pk").first()
    if latest is not None and all(getattr(latest, name) == getattr(case, name) for name in CLASSIFIED):
        return
    row = Classification(case=case, effective_on=on, recorded_by=user, **{n: getattr(case, n) for n in CLASSIFIED})
    validated_save(row, user)


def _case_errors(item: CaseIn, anonymous: bool) -> dict[str, str]:
    errors = {}
    if item.category not in Category.values:
        errors["category"] = "Vui lòng chọn loại đơn: khiếu nại, tố cáo, kiến nghị hoặc phản ánh."
    if item.field not in Field.values:
        errors["field"] = "Lĩnh vực không hợp lệ."
    if not clean_multiline(item.summary):
        errors["summary"] = "Vui lòng nhập nội dung của từng nội dung đơn."
    if item.protected and (anonymous or item.category != Category.DENUNCIATION):
        errors["protected"] = "Chỉ người tố cáo có tên mới đề nghị giữ bí mật thông tin cá nhân."
    return errors


def _make_case(
    *,
    letter: Letter,
    position: int,
    item: CaseIn,
    names: set[str],
    user: AbstractBaseUser | None,
    on: datetime.date | None = None,
) -> Case:
    """A content of the letter, classified as the law sets at entry, that classification in effect from `on`
    (the day the letter was received, unless a later split made the content)."""
    category = item.category
    if letter.anonymous and category == Category.DENUNCIATION:
        category = Category.ANONYMOUS_INFO  # Luật Tố cáo, Điều 25: not processed as a denunciation
    summary = clean_multiline(item.summary)
    case = Case(
        council=letter.council,
        letter=letter,
        position=position,
        category=category,
        field=item.field,
        summary=summary,
        summary_folded=fold(summary),
        protected=item.protected,
    )
    if not letter.signed and category in (Category.COMPLAINT, Category.DENUNCIATION):
        case.eligible, case.ineligible_reason, case.handling = False, Ineligible.UNSIGNED, Handling.GUIDED
    elif letter.anonymous and category == Category.ANONYMOUS_INFO:
        case.eligible, case.ineligible_reason, case.handling = False, Ineligible.ANONYMOUS, Handling.FILED
    case.duplicate_of = _find_duplicate(case, names)
    validated_save(case, user)
    _classification_record(case, on=on or letter.received_on, user=user)
    return case


@transaction.atomic
def letter_receive(
    *,
    council: Council,
    received_on: datetime.date,
    cases: Sequence[CaseIn],
    senders: Sequence[SenderIn] = (),
    channel: str = Channel.POST,
    summary: str = "",
    anonymous: bool = False,
    signed: bool = True,
    people: int = 1,
    unit: Council | None = None,
    reception: ReceptionSession | None = None,
    forwarded_by: Person | None = None,
    from_body: Body | None = None,
    origin_petition: models.Model | None = None,
    user: AbstractBaseUser | None = None,
) -> Letter:
    """Enter a letter in the council's register with each of its contents as a case (split once, here).

    Every error of the letter and of each content comes at once, nothing saved. A letter signed by no one is
    anonymous; an anonymous denunciation is recorded as information, not as a denunciation; a complaint or a
    denunciation without signature or fingerprint is ineligible with that reason; a content repeating an
    earlier case of one of the same senders is linked to it as a duplicate (counted once).
    """
    errors: dict[str, str] = {}
    names = [SenderIn(**{**s.__dict__, "full_name": clean(s.full_name)}) for s in senders]
    names = [s for s in names if s.full_name]
    if received_on is None:
        errors["received_on"] = "Vui lòng nhập ngày nhận đơn."
    elif received_on > timezone.localdate():
        errors["received_on"] = "Ngày nhận đơn không thể sau ngày hôm nay."
    if channel not in Channel.values:
        errors["channel"] = "Nguồn đơn không hợp lệ."
    if anonymous and names:
        errors["senders"] = "Đơn nặc danh không ghi người gửi; bỏ chọn “nặc danh” nếu đơn có tên người gửi."
    if not anonymous and not any(s.relation == Relation.SELF for s in names):
        errors["senders"] = "Vui lòng nhập họ tên người gửi đơn, hoặc chọn “nặc danh”."
    if any(s.relation not in Relation.values for s in names):
        errors["senders"] = "Quan hệ với người gửi đơn không hợp lệ."
    if people < 1 or people > 100_000:
        errors["people"] = "Số người đứng đơn phải từ 1 trở lên."
    if not cases:
        errors["cases"] = "Đơn phải có ít nhất một nội dung."
    for i, item in enumerate(cases, start=1):
        for field, message in _case_errors(item, anonymous).items():
            errors.setdefault(f"cases.{i}.{field}", f"Nội dung {i}: {message}")
    if channel == Channel.DELEGATE and forwarded_by is None:
        errors["forwarded_by"] = "Vui lòng chọn đại biểu chuyển đơn."
    if channel == Channel.BODY and from_body is None:
        errors["from_body"] = "Vui lòng chọn cơ quan chuyển đơn."
    if reception is not None and reception.kind == SessionKind.ONLINE and any(c.protected for c in cases):
        errors["reception"] = (
            "Không tiếp trực tuyến người tố cáo đề nghị giữ bí mật (Nghị định 154/2026/NĐ-CP, Điều 20 khoản 4)."
        )
    if errors:
        raise ValidationError(errors)
    council_accepts(council, received_on, field="received_on")
    _same_council(council, reception=reception, forwarded_by=forwarded_by, from_body=from_body)
    if unit is not None and unit.parent_id != council.pk:
        raise ValidationError({"unit": "Xã, phường không thuộc địa bàn của Hội đồng."})
    if origin_petition is not None and origin_petition.council_id != council.pk:
        raise ValidationError({"origin_petition": "Kiến nghị không thuộc Hội đồng này."})
    text = clean_multiline(summary) or clean_multiline(cases[0].summary)
    letter = Letter(
        council=council,
        year=received_on.year,
        number=_next_number(council, received_on.year),
        received_on=received_on,
        channel=Channel.RECEPTION if reception is not None else channel,
        reception=reception,
        origin_petition=origin_petition,
        forwarded_by=forwarded_by,
        from_body=from_body,
        unit=unit,
        anonymous=anonymous,
        signed=signed and not anonymous,
        people=people,
        summary=text,
        created_by=user,
    )
    validated_save(letter, user)
    for s in names:
        sender = Sender(
            letter=letter,
            relation=s.relation,
            full_name=s.full_name,
            name_folded=fold(s.full_name),
            address=clean(s.address),
            phone=clean(s.phone),
            id_number=clean(s.id_number),
        )
        validated_save(sender, user)
    folded = {fold(s.full_name) for s in names if s.relation == Relation.SELF}
    for position, item in enumerate(cases, start=1):
        _make_case(letter=letter, position=position, item=item, names=folded, user=user)
    return letter


@transaction.atomic
def case_split(*, case: Case, parts: Sequence[CaseIn], user: AbstractBaseUser | None) -> list[Case]:
    """Split one content found to hold several (NĐ 154/2026, Điều 14 khoản 4) into its parts; the first
    part keeps the case (and its history), the others follow it. Refused once the case was forwarded.

    A split is a change of the day it is made: the first part's new classification and the other parts hold
    from today, so the statistics of a period already over still count the content as it was then."""
    current = Case.objects.select_for_update().select_related("letter", "letter__council").get(pk=case.pk)
    council_accepts(current.letter.council, None, field="parts")  # a ceased council's records stay as they were
    if current.forward_document_id is not None:
        raise ValidationError("Nội dung đã chuyển cơ quan có thẩm quyền, không tách được nữa.")
    if len(parts) < 2:
        raise ValidationError({"parts": "Cần ít nhất hai nội dung để tách."})
    errors = {}
    for i, item in enumerate(parts, start=1):
        for field, message in _case_errors(item, current.letter.anonymous).items():
            errors.setdefault(f"parts.{i}.{field}", f"Nội dung {i}: {message}")
    if errors:
        raise ValidationError(errors)
    letter = current.letter
    names = set(letter.senders.filter(relation=Relation.SELF).values_list("name_folded", flat=True))
    later = list(Case.objects.filter(letter=letter, position__gt=current.position).order_by("-position"))
    for other in later:  # make room after the split case, from the end (positions are unique)
        other.position += len(parts) - 1
        validated_save(other, user, update_fields=["position"])
    first, *rest = parts
    current.category, current.field, current.protected = first.category, first.field, first.protected
    current.summary = clean_multiline(first.summary)
    current.summary_folded = fold(current.summary)
    validated_save(current, user)
    today = timezone.localdate()
    _classification_record(current, on=today, user=user)
    out = [current]
    for offset, item in enumerate(rest, start=1):
        position = current.position + offset
        out.append(_make_case(letter=letter, position=position, item=item, names=names, user=user, on=today))
    return out


def _latest_day(case: Case) -> datetime.date | None:
    """The day the case's latest classification took effect (None before any)."""
    return case.classifications.order_by("-effective_on").values_list("effective_on", flat=True).first()


@transaction.atomic
def case_classify(
    *,
    case: Case,
    user: AbstractBaseUser | None,
    category: str | None = None,
    field: str | None = None,
    eligible: bool | None = None,
    ineligible_reason: str = "",
    handling: str = "",
    competent_body: Body | None = None,
    effective_on: datetime.date | None = None,
) -> Case:
    """Record the office's study of a content: its category and field, eligibility with the legal reason
    when it is not eligible, the competent body and the handling (filed, guided, under study). Forwarding
    is its own step (`case_forward`): a case is never marked forwarded without its letter.

    The change takes effect on `effective_on` (today by default), never before the letter was received,
    before the case's latest classification or after today: the statistics of a period read each case as
    classified on the period's last day, so a later change leaves a past period's figures as they were."""
    current = Case.objects.select_for_update().select_related("letter").get(pk=case.pk)
    council_accepts(current.council, None, field="category")  # a ceased council's records stay as they were
    errors = {}
    today = timezone.localdate()
    on = effective_on or today
    latest = _latest_day(current)
    if on > today:
        errors["effective_on"] = "Ngày có hiệu lực của phân loại không thể sau ngày hôm nay."
    elif on < current.letter.received_on:
        errors["effective_on"] = (
            f"Ngày có hiệu lực của phân loại không thể trước ngày nhận đơn ({format_date(current.letter.received_on)})."
        )
    elif latest is not None and on < latest:
        errors["effective_on"] = (
            f"Ngày có hiệu lực không thể trước lần phân loại gần nhất ({format_date(latest)}); "
            "phân loại mới chỉ có hiệu lực từ ngày đó trở đi."
        )
    if current.forward_document_id is not None:
        raise ValidationError("Nội dung đã chuyển cơ quan có thẩm quyền; phân loại đã cố định theo phiếu chuyển.")
    if category is not None:
        if category not in Category.values:
            errors["category"] = "Loại đơn không hợp lệ."
        elif current.letter.anonymous and category == Category.DENUNCIATION:
            errors["category"] = "Đơn nặc danh không được xử lý như đơn tố cáo (Luật Tố cáo, Điều 25)."
    if field is not None and field not in Field.values:
        errors["field"] = "Lĩnh vực không hợp lệ."
    if eligible is False and ineligible_reason not in Ineligible.values:
        errors["ineligible_reason"] = "Vui lòng chọn lý do đơn không đủ điều kiện xử lý."
    if eligible is not False and ineligible_reason:
        errors["ineligible_reason"] = "Chỉ ghi lý do khi đơn không đủ điều kiện xử lý."
    if handling == Handling.FORWARDED:
        errors["handling"] = "Chuyển đơn bằng thao tác “Chuyển đơn” để có phiếu chuyển và theo dõi hạn trả lời."
    elif handling and handling not in Handling.values:
        errors["handling"] = "Kết quả xử lý không hợp lệ."
    if current.letter.signed is False and eligible and current.category in (Category.COMPLAINT, Category.DENUNCIATION):
        errors["eligible"] = "Đơn không có chữ ký hoặc điểm chỉ không đủ điều kiện xử lý (Luật Khiếu nại, Điều 11)."
    if errors:
        raise ValidationError(errors)
    _same_council(current.council, competent_body=competent_body)
    if category is not None:
        current.category = category
    if field is not None:
        current.field = field
    current.eligible, current.ineligible_reason = eligible, ineligible_reason if eligible is False else ""
    current.handling = handling
    current.competent_body = competent_body
    validated_save(current, user)
    _classification_record(current, on=on, user=user)
    return current


def _previous_forward(case: Case) -> Case | None:
    """Another case of the same content (its duplicate chain) already forwarded."""
    root = case.duplicate_of_id or case.pk
    return (
        Case.objects.filter(models.Q(pk=root) | models.Q(duplicate_of_id=root), forward_document__isnull=False)
        .exclude(pk=case.pk)
        .first()
    )


@transaction.atomic
def case_forward(
    *,
    case: Case,
    body: Body,
    user: AbstractBaseUser | None,
    signer_title: str,
    signer_name: str,
    signer_authority: str = Authority.TM,
    issued_on: datetime.date | None = None,
) -> Document:
    """Forward an eligible content to the competent body with a forwarding letter (Phiếu chuyển đơn) issued
    through the documents engine; the body then owes the council a report by the legal limit in force on
    the day of forwarding (an obligation "forwarded_complaint" of the follow-up engine).

    The letter never carries a protected denouncer's identity (a redacted copy: no name, no address). A
    denunciation with the same content is forwarded only once; a case is forwarded once.

    The case's classification is "forwarded" from the day of forwarding; a study recorded with a later day
    was done by then (a case is studied before it is forwarded, and no more after), so it is dated that day.
    """
    current = Case.objects.select_for_update().select_related("letter", "council").get(pk=case.pk)
    council = current.council
    if body.council_id != council.pk:
        raise ValidationError({"body": "Cơ quan nhận không thuộc Hội đồng này."})
    if current.forward_document_id is not None:
        if current.category == Category.DENUNCIATION:
            raise ValidationError(ONCE_ONLY)
        raise ValidationError("Nội dung này đã được chuyển; theo dõi kết quả tại trang theo dõi.")
    if current.category == Category.DENUNCIATION and _previous_forward(current) is not None:
        raise ValidationError(ONCE_ONLY)
    if current.eligible is not True:
        raise ValidationError("Chỉ chuyển đơn đã được xác định đủ điều kiện xử lý.")
    day = issued_on or timezone.localdate()
    if day < current.letter.received_on:
        raise ValidationError({"issued_on": "Ngày chuyển đơn không thể trước ngày nhận đơn."})
    rule = FORWARD_RULES[current.category]
    council_accepts(council, day, field="issued_on")
    try:
        basis = compute(council, day, rule=rule)
    except MissingSetting as exc:
        raise ValidationError({"rule": str(exc)}) from exc
    letter = current.letter
    names = [s.full_name for s in letter.senders.all() if s.relation == Relation.SELF]
    sender = wording.sender_phrase(
        names=names, protected=current.protected, anonymous=letter.anonymous, people=letter.people
    )
    document = document_create(
        council=council,
        doc_type=DocType.CONG_VAN,
        subject=f"V/v chuyển đơn {current.get_category_display().lower()} của công dân",
        body=wording.forwarding_body(
            council_title=council.short_title,
            received_on=letter.received_on,
            sender=sender,
            category_label=current.get_category_display(),
            summary=current.summary,
            body_name=body.name,
            days=basis.value,
            unit_label=UNIT_LABELS[basis.unit],
            citation=basis.citation,
        ),
        signer_authority=signer_authority,
        signer_collective=f"THƯỜNG TRỰC {council.short_title.upper()}",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_bodies=[body],
        recipient_lines="Thường trực HĐND (b/c)\nLưu: VT, hồ sơ đơn",
        source=current,
        issued_on=day,
        user=user,
    )
    document = document_issue(document=document, user=user, issued_on=day)
    obligation = obligation_create(
        council=council,
        owner=body,
        title=f"Báo cáo kết quả giải quyết đơn số {letter.code}: {current.summary[:380]}",
        kind=OBLIGATION_KIND,
        source_date=day,
        source=current,
        source_label=f"Đơn số {letter.code} ({current.get_category_display().lower()})",
        basis=basis,
        start_event="Ngày ban hành phiếu chuyển đơn",
        user=user,
    )
    current.forward_document, current.obligation = document, obligation
    current.competent_body, current.handling = body, Handling.FORWARDED
    validated_save(current, user)
    for later in current.classifications.filter(effective_on__gt=day):
        later.effective_on = day
        validated_save(later, user, update_fields=["effective_on"])
    _classification_record(current, on=day, user=user)
    return document


def case_reported(obligation: models.Model, update: models.Model, user: AbstractBaseUser | None) -> None:
    """The follow-up engine's callback when the competent body reports on a forwarded case, from any screen
    or route: its text (and a reply document of the council) becomes the case's result."""
    case = Case.objects.select_for_update().filter(obligation=obligation).first()
    if case is None:
        return
    case.answer_text = update.text
    reply = update.reply
    if isinstance(reply, Document) and reply.council_id == case.council_id:
        case.answer_document = reply
    validated_save(case, user, update_fields=["answer_text", "answer_document"])


@transaction.atomic
def case_citizen_told(*, case: Case, on: datetime.date, user: AbstractBaseUser | None) -> Case:
    """The office passed the body's result on to the citizen (Luật Tiếp công dân, Điều 28 khoản 2)."""
    current = Case.objects.select_for_update(of=("self",)).select_related("obligation", "letter").get(pk=case.pk)
    council_accepts(current.council, on, field="on")  # a ceased council's records stay as they were
    if current.obligation is None or current.obligation.reported_on is None:
        raise ValidationError("Cơ quan có thẩm quyền chưa báo cáo kết quả giải quyết.")
    if on < current.obligation.reported_on:
        raise ValidationError({"on": "Ngày thông báo không thể trước ngày cơ quan báo cáo kết quả."})
    if current.letter.anonymous:
        raise ValidationError("Đơn nặc danh không có người để thông báo kết quả.")
    current.citizen_told_on = on
    validated_save(current, user, update_fields=["citizen_told_on"])
    return current


@transaction.atomic
def grant_create(*, case: Case, grantee: AbstractBaseUser, reason: str, user: AbstractBaseUser) -> CaseGrant:
    """Let `grantee` see the protected identity of a case's letter (the office chief decides, with a reason)."""
    council = case.council
    if not has_perm(user, council, GRANT):
        raise ValidationError("Chỉ Chánh Văn phòng hoặc quản trị mới được giao quyền xem thông tin người tố cáo.")
    errors = {}
    if not case.protected:
        errors["case"] = "Nội dung này không thuộc diện giữ bí mật người tố cáo."
    from registry.access import roles_of

    if not roles_of(grantee, council):
        errors["user"] = "Người được giao không có vai trò trong Hội đồng này."
    if not clean(reason):
        errors["reason"] = "Vui lòng ghi lý do giao quyền xem."
    if CaseGrant.objects.filter(case=case, user=grantee).exists():
        errors["user"] = "Người này đã được giao quyền xem nội dung này."
    if errors:
        raise ValidationError(errors)
    grant = CaseGrant(case=case, user=grantee, reason=clean(reason), granted_by=user)
    validated_save(grant, user)
    return grant


@transaction.atomic
def grant_revoke(*, grant: CaseGrant, user: AbstractBaseUser) -> None:
    if not has_perm(user, grant.case.council, GRANT):
        raise ValidationError("Chỉ Chánh Văn phòng hoặc quản trị mới được thu hồi quyền xem.")
    grant._history_user = user
    grant.delete()


def log_identity_access(*, user: AbstractBaseUser, letters: Iterable[Letter], action: str, address: str | None) -> None:
    """Record in the council's personal-data log that `user` read these letters' senders, with why: the
    reason of the grant that let them see a protected case. Never the names in the log's label: the log is
    read by the office chief, who may not be granted a protected case."""
    kinds = {"view": AccessKind.VIEW, "export": AccessKind.EXPORT, "api": AccessKind.API, "file": AccessKind.DOWNLOAD}
    rows = list(letters)
    if not rows:
        return
    why: dict[int, list[str]] = {}
    for letter_id, reason in CaseGrant.objects.filter(case__letter__in=rows, user=user).values_list(
        "case__letter_id", "reason"
    ):
        why.setdefault(letter_id, []).append(reason)

    def label(letter: Letter) -> str:
        reasons = "; ".join(dict.fromkeys(why.get(letter.pk, [])))  # one grant per case, often the same reason
        return f"Đơn số {letter.code}" + (f" — {reasons}" if reasons else "")

    personal_access_record(
        council=rows[0].council,
        user=user,
        records=[(letter, label(letter)) for letter in rows],
        kind=kinds[action],
        address=address,
    )


@transaction.atomic
def session_create(
    *,
    council: Council,
    held_on: datetime.date,
    content: str,
    user: AbstractBaseUser | None,
    kind: str = SessionKind.PERIODIC,
    place: str = "",
    receivers: Iterable[Person] = (),
    citizens: int = 1,
    group: bool = False,
    representative: str = "",
    documents: str = "",
    on_the_spot: str = "",
) -> ReceptionSession:
    """Record a reception of citizens in the register (Sổ tiếp công dân)."""
    receivers = list(receivers)
    errors = {}
    if held_on is None:
        errors["held_on"] = "Vui lòng nhập ngày tiếp."
    elif held_on > timezone.localdate():
        errors["held_on"] = "Chỉ ghi sổ buổi tiếp đã diễn ra (ngày tiếp không sau hôm nay)."
    if not clean_multiline(content):
        errors["content"] = "Vui lòng nhập nội dung công dân trình bày."
    if citizens < 1 or citizens > 100_000:
        errors["citizens"] = "Số lượt người được tiếp phải từ 1 trở lên."
    if group and citizens < 5:
        errors["group"] = "Đoàn đông người là từ 05 người trở lên cùng nội dung."
    if any(p.council_id != council.pk for p in receivers):
        errors["receivers"] = "Người tiếp không thuộc Hội đồng này."
    if errors:
        raise ValidationError(errors)
    council_accepts(council, held_on, field="held_on")
    session = ReceptionSession(
        council=council,
        held_on=held_on,
        kind=kind,
        place=clean(place),
        citizens=citizens,
        group=group,
        representative=clean(representative),
        content=clean_multiline(content),
        documents=clean_multiline(documents),
        created_by=user,
    )
    if on_the_spot:
        session.on_the_spot = on_the_spot
    validated_save(session, user)
    session.receivers.set(receivers)
    return session


@transaction.atomic
def letter_from_petition(
    *, petition: models.Model, category: str, user: AbstractBaseUser | None, field: str = Field.OTHER
) -> Letter:
    """A complaint or denunciation raised at a voter contact (flagged on the petition) enters the register
    here, once, linked to its origin, with the voters who raised it as senders."""
    from petitions.models import Petition

    current = Petition.objects.select_for_update(of=("self",)).select_related("meeting", "unit").get(pk=petition.pk)
    if not current.complaint:
        raise ValidationError("Kiến nghị này không được đánh dấu là khiếu nại, tố cáo.")
    existing = Letter.objects.filter(origin_petition=current).first()
    if existing is not None:
        raise ValidationError(f"Kiến nghị này đã được vào sổ đơn thư số {existing.code}.")
    people = list(current.people.all())
    day = current.meeting.held_on if current.meeting_id else timezone.localdate()
    return letter_receive(
        council=current.council,
        received_on=min(day, timezone.localdate()),
        channel=Channel.VOTER_CONTACT,
        cases=[CaseIn(category=category, summary=current.text, field=field)],
        senders=[SenderIn(full_name=p.full_name, address=p.address, phone=p.phone) for p in people],
        anonymous=not people,
        people=max(current.voters, len(people), 1),
        unit=current.unit if current.unit_id and current.unit.parent_id == current.council_id else None,
        origin_petition=current,
        user=user,
    )


SCAN_MAX_BYTES = 10 * 1024 * 1024
# A scan is a PDF or a picture; its first bytes say which, whatever the file's name claims.
SCAN_SIGNATURES = {b"%PDF-": ".pdf", b"\xff\xd8\xff": ".jpg", b"\x89PNG\r\n\x1a\n": ".png"}


def _scan_extension(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((ext for sig, ext in SCAN_SIGNATURES.items() if head.startswith(sig)), None)


@transaction.atomic
def letter_scan_attach(*, letter: Letter, upload: UploadedFile, user: AbstractBaseUser | None) -> Letter:
    """Attach the scanned letter (PDF, JPEG or PNG up to 10 MB, told by its content, not its name); a new
    scan replaces the earlier one, which the history keeps. Handwriting identifies a denouncer: the file is
    read back only through the guarded, logged download."""
    council_accepts(letter.council, None, field="scan")  # a ceased council's records stay as they were
    if upload is None:
        raise ValidationError({"scan": "Vui lòng chọn tệp bản quét của đơn."})
    if upload.size == 0:
        raise ValidationError({"scan": "Tệp bản quét rỗng."})
    if upload.size > SCAN_MAX_BYTES:
        raise ValidationError({"scan": "Tệp bản quét vượt quá dung lượng cho phép (10 MB)."})
    extension = _scan_extension(upload)
    if extension is None:
        raise ValidationError({"scan": "Bản quét phải là tệp PDF, JPEG hoặc PNG."})
    current = Letter.objects.select_for_update().get(pk=letter.pk)
    # The stored name says nothing of the sender: a number and a random part.
    current.scan.save(f"don-{current.year}-{current.number}-{uuid.uuid4().hex[:12]}{extension}", upload, save=False)
    validated_save(current, user, update_fields=["scan"])
    return current


@transaction.atomic
def case_link_round(*, case: Case, round: models.Model | None, user: AbstractBaseUser | None) -> Case:
    """Link a case to the supervision round that looks at how it is resolved (or unlink it with None): the
    round's page then lists it. A round of another council is refused."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    council_accepts(current.council, None, field="round")  # a ceased council's records stay as they were
    if round is not None and round.council_id != current.council_id:
        raise ValidationError({"round": "Đợt giám sát không thuộc Hội đồng này."})
    current.supervision_round = round
    validated_save(current, user, update_fields=["supervision_round"])
    return current
