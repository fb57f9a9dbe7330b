"""The refusal notice for a repeat petitioner (Thông báo từ chối tiếp công dân, Mẫu 01/TCD) and the chasing
letters (công văn đôn đốc) to bodies late with forwarded cases: both documents of the documents engine,
made from the letters' own records. Writes only; the follow-up engine holds their progress."""

import datetime
from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from documents.models import Authority, DocType, Document
from documents.services import document_create
from followup.models import OPEN_STATES
from followup.services import obligation_create, obligation_report
from hdnd.saving import validated_save
from hdnd.text import clean
from reception import wording
from reception.models import Case, ChaseLetter, Letter, RefusalGround, RefusalNotice, Relation
from reception.selectors import standing_body
from registry.calendar import MissingSetting, compute
from registry.models import Body, Council
from registry.services import council_accepts

REFUSAL_KIND = "reception_refusal_notice"
REFUSAL_RULE = "reception_refusal_notice_days"  # Nghị định 154/2026/NĐ-CP, Điều 4 khoản 3: 03 ngày làm việc


def _citizen(letter: Letter) -> str:
    """Who the notice is addressed to, never a protected denouncer's name (the notice is in the register)."""
    names = [s.full_name for s in letter.senders.all() if s.relation == Relation.SELF]
    return wording.sender_phrase(
        names=names,
        protected=any(c.protected for c in letter.cases.all()),
        anonymous=letter.anonymous,
        people=letter.people,
    )


@transaction.atomic
def refusal_notice_draft(
    *,
    letter: Letter,
    ground: str,
    established_on: datetime.date,
    earlier: str,
    signer_title: str,
    signer_name: str,
    user: AbstractBaseUser | None,
    signer_authority: str = Authority.TM,
) -> RefusalNotice:
    """Draft the refusal notice (Mẫu 01/TCD) to the citizen of `letter`, on a ground of the repeat petitions,
    and owe its sending within the limit in force on the day the ground was established (an obligation of
    the standing committee, "reception_refusal_notice"); issuing the notice reports that obligation done.

    Refused (nothing saved): an anonymous letter (no one to notify), an unknown ground, a day in the future or
    before the letter, no reference to the earlier answer, a day before the rule's text was in force.
    """
    errors = {}
    if letter.anonymous:
        errors["letter"] = "Đơn nặc danh không có người để thông báo từ chối tiếp."
    if ground not in RefusalGround.values:
        errors["ground"] = "Vui lòng chọn căn cứ từ chối tiếp công dân."
    if established_on is None:
        errors["established_on"] = "Vui lòng nhập ngày xác định căn cứ từ chối."
    elif established_on > timezone.localdate():
        errors["established_on"] = "Ngày xác định căn cứ từ chối không thể sau hôm nay."
    elif established_on < letter.received_on:
        errors["established_on"] = "Ngày xác định căn cứ từ chối không thể trước ngày nhận đơn."
    if not clean(earlier):
        errors["earlier"] = "Vui lòng ghi văn bản đã giải quyết, trả lời nội dung này (số, ngày, cơ quan ban hành)."
    if not clean(signer_title) or not clean(signer_name):
        errors["signer_name"] = "Vui lòng nhập chức vụ và họ tên người ký."
    if errors:
        raise ValidationError(errors)
    council = letter.council
    council_accepts(council, established_on, field="established_on")
    try:
        basis = compute(council, established_on, rule=REFUSAL_RULE)
    except MissingSetting as exc:
        raise ValidationError({"established_on": str(exc)}) from exc
    refusal = RefusalNotice(
        letter=letter, ground=ground, established_on=established_on, earlier=clean(earlier), created_by=user
    )
    validated_save(refusal, user)
    citizen = _citizen(letter)
    refusal.document = document_create(
        council=council,
        doc_type=DocType.THONG_BAO,
        subject="Về việc từ chối tiếp công dân",
        body=wording.refusal_body(
            council_title=council.short_title,
            citizen=citizen,
            received_on=letter.received_on,
            summary=letter.summary,
            ground_label=RefusalGround(ground).label,
            earlier=clean(earlier),
        ),
        signer_authority=signer_authority,
        signer_collective=f"THƯỜNG TRỰC {council.short_title.upper()}",
        signer_title=clean(signer_title),
        signer_name=clean(signer_name),
        recipient_lines=f"{citizen[:1].upper()}{citizen[1:]}\nLưu: VT, hồ sơ đơn số {letter.code}",
        source=refusal,
        user=user,
    )
    refusal.obligation = _owe_refusal(refusal, basis, user)
    validated_save(refusal, user, update_fields=["document", "obligation"])
    return refusal


def _owe_refusal(refusal: RefusalNotice, basis: object, user: AbstractBaseUser | None) -> object:
    letter = refusal.letter
    return obligation_create(
        council=letter.council,
        owner=standing_body(letter.council),
        title=f"Gửi thông báo từ chối tiếp công dân (Mẫu 01/TCD), đơn số {letter.code}",
        kind=REFUSAL_KIND,
        source_date=refusal.established_on,
        source=refusal,
        source_label=f"Đơn số {letter.code}",
        basis=basis,
        start_event="Ngày xác định căn cứ từ chối tiếp công dân",
        user=user,
    )


def refusal_issued(refusal: RefusalNotice, document: Document, user: AbstractBaseUser | None) -> None:
    """The documents engine's hook when the refusal notice is issued, from any screen or route: the
    obligation to send it is reported done on the day of issue (late or on time, as the dates say)."""
    if refusal.document_id != document.pk or refusal.obligation_id is None:
        return
    obligation = refusal.obligation
    if obligation.state not in OPEN_STATES:
        return
    obligation_report(
        obligation=obligation,
        user=user,
        text=f"Đã ban hành Thông báo từ chối tiếp công dân số {document.number_symbol}.",
        done=True,
        reply=document,
        on=document.issued_on,
    )


def late_cases(*, council: Council, on: datetime.date) -> list[Case]:
    """Forwarded cases of the council whose body has not reported and whose limit passed before `on`."""
    return list(
        Case.objects.filter(council=council, obligation__state__in=OPEN_STATES, obligation__due_on__lt=on)
        .select_related("letter", "obligation__owner", "forward_document")
        .order_by("obligation__owner__name", "obligation__due_on", "pk")
    )


@transaction.atomic
def chase_letters_make(
    *,
    council: Council,
    signer_title: str,
    signer_name: str,
    user: AbstractBaseUser | None,
    on: datetime.date | None = None,
    signer_authority: str = Authority.TM,
) -> list[ChaseLetter]:
    """Draft one chasing letter (công văn đôn đốc) per body late with cases forwarded to it, listing each of
    its late cases (number, category, forwarding letter, limit, days late) — never a sender. A case already
    chased that day is left out, so running it twice a day adds nothing. The office issues the drafts from
    the documents register."""
    on = on or timezone.localdate()
    council_accepts(council, on, field="signer_name")  # a ceased council chases no one
    if not clean(signer_title) or not clean(signer_name):
        raise ValidationError({"signer_name": "Vui lòng nhập chức vụ và họ tên người ký."})
    chased = set(ChaseLetter.objects.filter(council=council, made_on=on).values_list("cases", flat=True))
    by_body: dict[int, list[Case]] = defaultdict(list)
    bodies: dict[int, Body] = {}
    for case in late_cases(council=council, on=on):
        if case.pk in chased:
            continue
        owner = case.obligation.owner
        by_body[owner.pk].append(case)
        bodies[owner.pk] = owner
    if not by_body:
        raise ValidationError("Không có đơn thư nào quá hạn báo cáo kết quả cần đôn đốc.")
    made = []
    for body_id, cases in by_body.items():
        body = bodies[body_id]
        rows = []
        for i, case in enumerate(cases, start=1):
            sent = case.forward_document
            ref = f"Công văn số {sent.number_symbol} ngày {sent.issued_on:%d/%m/%Y}" if sent else "phiếu chuyển đơn"
            late = (on - case.obligation.due_on).days
            rows.append(
                f"{i}. Đơn số {case.letter.code} ({case.get_category_display().lower()}): {case.summary[:300]} — "
                f"chuyển theo {ref}; hạn báo cáo ngày {case.obligation.due_on:%d/%m/%Y}, đã quá {late:02d} ngày."
            )
        chase = ChaseLetter(council=council, body=body, made_on=on, created_by=user)
        validated_save(chase, user)
        chase.cases.set(cases)
        chase.document = document_create(
            council=council,
            doc_type=DocType.CONG_VAN,
            subject="V/v đôn đốc báo cáo kết quả giải quyết đơn thư của công dân",
            body=wording.chase_body(council_title=council.short_title, body_name=body.name, rows=rows),
            signer_authority=signer_authority,
            signer_collective=f"THƯỜNG TRỰC {council.short_title.upper()}",
            signer_title=clean(signer_title),
            signer_name=clean(signer_name),
            recipient_bodies=[body],
            recipient_lines="Thường trực HĐND (b/c)\nLưu: VT, hồ sơ đơn",
            source=chase,
            user=user,
        )
        validated_save(chase, user, update_fields=["document"])
        made.append(chase)
    return made
