"""Forwarding petitions to the competent agencies, their answers (from the obligation), reports and notices."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from documents.models import Authority, DocType, Document
from documents.services import document_create, document_issue
from followup.models import State as ObligationState
from followup.services import obligation_accept, obligation_create, obligation_report, obligation_return
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean_multiline, fold
from petitions.access import EDIT
from petitions.models import (
    ANSWER_STATES,
    ContactRound,
    Outcome,
    Petition,
    PetitionState,
)
from petitions.services._common import OBLIGATION_KIND, _answer_basis
from petitions.wording import petition_summary
from registry.access import agency_bodies, has_perm
from registry.models import Body
from registry.services import council_accepts


@transaction.atomic
def petitions_forward(
    *,
    contact_round: ContactRound,
    body: Body,
    user: AbstractBaseUser | None,
    signer_title: str,
    signer_name: str,
    signer_authority: str = Authority.TM,
    signer_collective: str = "",
    issued_on: datetime.date | None = None,
) -> Document:
    """Forward the round's received petitions addressed to `body` with one letter (công văn) listing them.

    The letter is issued (numbered) through the documents engine; each petition becomes an obligation of
    the body ("forwarded_petition") due by the council's `petition_answer_days` setting (no default:
    refused with a clear message until the office fills it in), in its version in force on the day the
    letter is issued (the day counting starts), not today's: the letter states that number and unit.
    """
    council = contact_round.council
    if body.council_id != council.pk:
        raise ValidationError({"body": "Cơ quan nhận không thuộc Hội đồng này."})
    day = issued_on or dates.today()
    council_accepts(council, day, field="body")  # a ceased council's records stay as they were
    basis = _answer_basis(council, day)
    petitions = list(
        Petition.objects.select_for_update()
        .filter(
            round=contact_round,
            body=body,
            obligation__isnull=True,
            merged_into__isnull=True,
            complaint=False,
        )
        .order_by("pk")
    )
    if not petitions:
        raise ValidationError("Không có kiến nghị nào đang chờ chuyển đến cơ quan này.")
    prefetched = {
        p.pk: p
        for p in Petition.objects.filter(pk__in=[p.pk for p in petitions])
        .select_related("unit", "contact_place")
        .prefetch_related("origins__unit", "origins__contact_place")
    }
    lines = [
        f"Qua tiếp xúc cử tri {contact_round.label}, Thường trực {council.short_title} nhận được "
        f"{len(petitions)} ý kiến, kiến nghị của cử tri thuộc thẩm quyền của {body.name}.",
        f"Thường trực {council.short_title} chuyển đến {body.name} danh sách kiến nghị kèm theo, đề nghị xem xét, "
        f"giải quyết và trả lời bằng văn bản trong thời hạn {basis.value} {basis.unit_label} kể từ ngày nhận được "
        "văn bản này.",
        "## Danh sách kiến nghị",
    ]
    lines += [f"{i}. {petition_summary(prefetched[p.pk])}" for i, p in enumerate(petitions, start=1)]
    document = document_create(
        council=council,
        doc_type=DocType.CONG_VAN,
        subject=f"V/v chuyển kiến nghị cử tri {contact_round.label}",
        body="\n".join(lines),
        signer_authority=signer_authority,
        signer_collective=signer_collective or f"THƯỜNG TRỰC {council.short_title.upper()}",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_bodies=[body],
        recipient_lines="Thường trực HĐND (b/c)",
        source=contact_round,
        issued_on=day,
        user=user,
    )
    document = document_issue(document=document, user=user, issued_on=day)
    for p in petitions:
        p.obligation = obligation_create(
            council=council,
            owner=body,
            title=f"Trả lời kiến nghị cử tri: {p.text[:400]}",
            kind=OBLIGATION_KIND,
            source_date=day,
            source=p,
            source_label=f"Kiến nghị cử tri {contact_round.label}",
            basis=basis,
            start_event="Ngày chuyển kiến nghị đến cơ quan",
            user=user,
        )
        p.forward_document = document
        validated_save(p, user, update_fields=["forward_document", "obligation"])
    return document


@transaction.atomic
def petition_answer(
    *,
    petition: Petition,
    user: AbstractBaseUser,
    text: str,
    state: str,
    document: Document | None = None,
    on: datetime.date | None = None,
) -> Petition:
    """The competent body answers a forwarded petition (answered, being resolved, explained).

    An agency user answers only petitions addressed to its own body; the office may record an answer on
    a body's behalf. The follow-up obligation is reported done (or in progress while being resolved); an
    answer changed after it was reported done is reported again (the earlier report is sent back first),
    so the obligation never stays "reported done" with a stale text. Refused once the office accepted it.
    """
    current = (
        Petition.objects.select_for_update(of=("self",)).select_related("council", "obligation").get(pk=petition.pk)
    )
    council = current.council
    own = current.body_id in agency_bodies(user, council)
    if not own and not has_perm(user, council, EDIT):
        raise PermissionDenied("Kiến nghị này không được chuyển đến cơ quan của bạn, bạn không thể trả lời.")
    if current.obligation_id is None or current.state not in (PetitionState.FORWARDED, *ANSWER_STATES):
        raise ValidationError("Chỉ trả lời được kiến nghị đã chuyển đến cơ quan có thẩm quyền.")
    if current.obligation.state == ObligationState.ACCEPTED:
        raise ValidationError("Văn phòng đã chấp nhận câu trả lời, không thể sửa.")
    return record_answer(petition=current, user=user, text=text, state=state, document=document, on=on)


@transaction.atomic
def record_answer(
    *,
    petition: Petition,
    user: AbstractBaseUser | None,
    text: str,
    state: str,
    document: Document | None = None,
    on: datetime.date | None = None,
) -> Petition:
    """Record a body's answer to a forwarded petition without checking who records it: for trusted
    callers (`petition_answer` after its checks, the demo loader)."""
    current = petition
    council = current.council
    council_accepts(council, on or dates.today(), field="on")
    errors = {}
    text = clean_multiline(text)
    if not text:
        errors["text"] = "Vui lòng nhập nội dung trả lời."
    if state not in ANSWER_STATES:
        errors["state"] = "Vui lòng chọn kết quả: đã trả lời, đang giải quyết hoặc đã giải trình."
    if document is not None and document.council_id != council.pk:
        errors["document"] = "Văn bản trả lời không thuộc Hội đồng này."
    if errors:
        raise ValidationError(errors)
    day = on or dates.today()
    if (text, state, document) == (current.answer_text, current.state, current.answer_document):
        return current  # the same answer sent twice changes nothing
    if current.obligation.state == ObligationState.REPORTED_DONE:
        # A body that amends an answer it already reported done reports again: the follow-up engine has
        # no "amend a report" step, so the earlier report is sent back (its timeline says why) and the new
        # answer is reported below. The office then checks the new text, not the stale one, before accepting;
        # lateness is counted on the new report, as for any returned work.
        obligation_return(
            obligation=current.obligation,
            user=user,
            reason="Cơ quan có thẩm quyền sửa nội dung trả lời đã báo cáo; báo cáo lại theo nội dung mới.",
        )
    # The outcome is chosen here; the text, the document and the progress reach the petition through the
    # obligation's report (`petition_reported`), the one path the follow-up screens take too.
    current.outcome = state
    validated_save(current, user, update_fields=["outcome"])
    obligation_report(
        obligation=current.obligation,
        user=user,
        text=text,
        done=state != PetitionState.RESOLVING,
        reply=document,
        on=day,
    )
    current.refresh_from_db()
    return current


def petition_reported(obligation: models.Model, update: models.Model, user: AbstractBaseUser | None) -> None:
    """The follow-up engine's callback when the body reports on a forwarded petition, from any screen or
    route: the report's text becomes the petition's answer, a reply document of the council its answer
    document, and a progress report means the petition is being resolved (a completion keeps an outcome
    chosen on the petition's screen, answered otherwise). The evidence files stay on the obligation's
    timeline, where the petition's page reads them."""
    petition = Petition.objects.select_for_update().filter(obligation=obligation).first()
    if petition is None:
        return
    done = obligation.state == ObligationState.REPORTED_DONE
    if not done:
        petition.outcome = Outcome.RESOLVING
    elif petition.outcome not in (Outcome.ANSWERED, Outcome.EXPLAINED):
        petition.outcome = Outcome.ANSWERED
    petition.answer_text, petition.answer_folded = update.text, fold(update.text)
    reply = update.reply
    if isinstance(reply, Document) and reply.council_id == petition.council_id:
        petition.answer_document = reply
    validated_save(petition, user, update_fields=["outcome", "answer_text", "answer_folded", "answer_document"])


@transaction.atomic
def petition_accept(*, petition: Petition, user: AbstractBaseUser | None, note: str = "") -> Petition:
    """The office checks the answer and accepts it: the follow-up obligation is closed."""
    current = Petition.objects.select_related("council", "obligation").get(pk=petition.pk)
    council_accepts(current.council, dates.today(), field="note")  # accepted today: dated today
    if current.obligation is None or current.obligation.state != ObligationState.REPORTED_DONE:
        raise ValidationError("Chỉ chấp nhận được câu trả lời đã gửi (đã trả lời hoặc đã giải trình).")
    obligation_accept(obligation=current.obligation, user=user, text=note)
    return current


def _standing_document(
    contact_round: ContactRound,
    *,
    doc_type: str,
    subject: str,
    lines: list[str],
    recipient_lines: str,
    signer_title: str,
    signer_name: str,
    issued_on: datetime.date | None,
    user: AbstractBaseUser | None,
) -> Document:
    """A draft the standing committee signs on behalf of the council (TM.), about the round's petitions."""
    council = contact_round.council
    return document_create(
        council=council,
        doc_type=doc_type,
        subject=subject,
        body="\n".join(lines),
        signer_authority=Authority.TM,
        signer_collective=f"THƯỜNG TRỰC {council.short_title.upper()}",
        signer_title=signer_title,
        signer_name=signer_name,
        recipient_lines=recipient_lines,
        source=contact_round,
        issued_on=issued_on,
        user=user,
    )


@transaction.atomic
def answer_report_create(
    *,
    contact_round: ContactRound,
    user: AbstractBaseUser | None,
    signer_title: str = "",
    signer_name: str = "",
    issued_on: datetime.date | None = None,
) -> Document:
    """Draft the standing committee's report to the session on how the round's petitions were answered
    (Nghị quyết liên tịch 72/2025: reported at each session), through the documents engine.
    """
    council = contact_round.council
    petitions = list(
        Petition.objects.filter(round=contact_round, merged_into__isnull=True, complaint=False)
        .select_related("body", "unit", "contact_place", "obligation")
        .prefetch_related("origins__unit", "origins__contact_place")
        .order_by("body__name", "pk")
    )
    if not petitions:
        raise ValidationError("Đợt chưa có kiến nghị nào để báo cáo.")
    states = {s: sum(p.state == s for p in petitions) for s in PetitionState.values}
    lines = [
        f"Qua tiếp xúc cử tri {contact_round.label}, Thường trực {council.short_title} đã tổng hợp "
        f"{len(petitions)} ý kiến, kiến nghị của cử tri và chuyển đến các cơ quan có thẩm quyền xem xét, "
        "giải quyết. Kết quả như sau:",
        "# I. KẾT QUẢ CHUNG",
    ]
    lines += [f"- {PetitionState(s).label}: {n} kiến nghị." for s, n in states.items() if n]
    lines.append("# II. KẾT QUẢ TRẢ LỜI TỪNG KIẾN NGHỊ")
    current_body = None
    for number, p in enumerate(petitions, start=1):
        name = p.body.name if p.body else "Chưa xác định cơ quan giải quyết"
        if name != current_body:
            current_body = name
            lines.append(f"## {name}")
        lines.append(f"{number}. {petition_summary(p)}")
        answer = p.answer_text or "Chưa có văn bản trả lời."
        lines.append(f"Kết quả: {p.get_state_display()}. {answer}")
    lines.append(
        f"Thường trực {council.short_title} báo cáo {council.short_title} xem xét và thông báo kết quả đến cử tri "
        "tại đợt tiếp xúc cử tri tiếp theo."
    )
    return _standing_document(
        contact_round,
        doc_type=DocType.BAO_CAO,
        subject=f"Kết quả giải quyết, trả lời ý kiến, kiến nghị của cử tri {contact_round.label}",
        lines=lines,
        recipient_lines="Các đại biểu HĐND\nUBMTTQVN",
        signer_title=signer_title,
        signer_name=signer_name,
        issued_on=issued_on,
        user=user,
    )


@transaction.atomic
def answers_notice_create(
    *,
    contact_round: ContactRound,
    user: AbstractBaseUser | None,
    signer_title: str = "",
    signer_name: str = "",
    issued_on: datetime.date | None = None,
) -> Document:
    """Draft the notice (Thông báo) of the round's answers per commune or ward — or village, for a commune
    council — for delegates to read to voters at the next contact (Nghị quyết liên tịch 72/2025: results
    are reported back to voters), through the documents engine; its DOCX follows ND30.
    """
    from petitions.selectors import answers_by_unit

    council = contact_round.council
    areas = answers_by_unit(contact_round=contact_round)
    if not areas:
        raise ValidationError("Đợt chưa có kiến nghị nào được trả lời để thông báo đến cử tri.")
    lines = [
        f"Thường trực {council.short_title} thông báo kết quả giải quyết, trả lời ý kiến, kiến nghị của cử tri "
        f"qua đợt tiếp xúc cử tri {contact_round.label} để các Tổ đại biểu thông báo đến cử tri tại đợt tiếp "
        "xúc cử tri tiếp theo, như sau:",
    ]
    for number, (area, petitions) in enumerate(areas, start=1):
        lines.append(f"# {number}. {area.unit_label[:1].upper()}{area.unit_label[1:]}")
        for index, p in enumerate(petitions, start=1):
            lines.append(f"{index}. {petition_summary(p)}")
            source = f"{p.body.name} trả lời" if p.body else "Trả lời"
            lines.append(f"{source} ({p.get_state_display().lower()}): {p.answer_text}")
    return _standing_document(
        contact_round,
        doc_type=DocType.THONG_BAO,
        subject=f"Kết quả trả lời ý kiến, kiến nghị của cử tri theo địa bàn, đợt tiếp xúc cử tri {contact_round.label}",
        lines=lines,
        recipient_lines="Các Tổ đại biểu HĐND\nUBMTTQVN",
        signer_title=signer_title,
        signer_name=signer_name,
        issued_on=issued_on,
        user=user,
    )
