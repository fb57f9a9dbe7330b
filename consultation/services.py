"""Every write of a consultation: the draft and its versions, publication and closing, invitations, the
opinions of bodies and of the public, moderation, the office's answers and the synthesis report.

What an invited body owes (its opinion by the close date) is its follow-up obligation; submitting its
opinions reports that obligation done. A public commenter's name and contact are stored and never read
back by any page, route or document.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from consultation import drafting, wording
from consultation.models import (
    WHOLE_DRAFT,
    Article,
    Consultation,
    DraftVersion,
    Invitation,
    Moderation,
    Opinion,
    Origin,
    Response,
    ResponseKind,
)
from documents.models import Authority, DocType, Document, State
from followup.models import Action
from followup.services import allowed_actions, obligation_create, obligation_due_bring_forward, obligation_report
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean, clean_multiline, fold
from registry.calendar import MissingSetting, compute
from registry.models import Body, Council
from registry.services import council_accepts

OBLIGATION_KIND = "consultation_opinion"
MIN_DAYS_RULE = "consultation_min_days"
COMMENT_MAX = 5_000
CLOSED = "Đã hết thời gian lấy ý kiến đối với dự thảo này."
NOT_OPEN = "Dự thảo chưa mở lấy ý kiến."


def _lock(consultation: Consultation) -> Consultation:
    """The consultation's row, locked, before any change: refused once its council has ceased (its records
    stay as they were, `council_accepts`)."""
    current = Consultation.objects.select_for_update(of=("self",)).select_related("council").get(pk=consultation.pk)
    council_accepts(current.council, None)
    return current


def phase(consultation: Consultation, today: datetime.date | None = None) -> str:
    """Where the consultation stands today: "nhap" (not published), "sap_mo" (published, not yet open),
    "dang_mo" (open for opinions), "da_dong" (closed by the office or past its close date)."""
    today = today or dates.today()
    if consultation.published_on is None:
        return "nhap"
    if consultation.closed_on is not None or today > consultation.closes_on:
        return "da_dong"
    if today < consultation.opens_on:
        return "sap_mo"
    return "dang_mo"


PHASE_LABELS = {
    "nhap": "Chưa đăng tải",
    "sap_mo": "Sắp lấy ý kiến",
    "dang_mo": "Đang lấy ý kiến",
    "da_dong": "Đã kết thúc lấy ý kiến",
}


def _require_open(consultation: Consultation) -> None:
    current = phase(consultation)
    if current == "da_dong":
        raise ValidationError(CLOSED)
    if current != "dang_mo":
        raise ValidationError(NOT_OPEN)


def _check_period(council: Council, opens_on: datetime.date | None, closes_on: datetime.date | None) -> None:
    """The period lasts at least the council's `consultation_min_days`, in force on the opening day."""
    errors = {}
    if opens_on is None:
        errors["opens_on"] = "Vui lòng nhập ngày bắt đầu lấy ý kiến."
    if closes_on is None:
        errors["closes_on"] = "Vui lòng nhập ngày kết thúc lấy ý kiến."
    if errors:
        raise ValidationError(errors)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "Ngày kết thúc không thể trước ngày bắt đầu lấy ý kiến."})
    council_accepts(council, opens_on, field="opens_on")  # a council that ceased takes no new consultation
    try:
        basis = compute(council, opens_on, rule=MIN_DAYS_RULE)
    except MissingSetting as exc:
        raise ValidationError({"closes_on": str(exc)}) from exc
    if closes_on < basis.due:
        raise ValidationError(
            {
                "closes_on": (
                    f"Thời gian lấy ý kiến phải ít nhất {basis.value:02d} {basis.unit_label} "
                    f"({basis.citation}): kết thúc không sớm hơn ngày {dates.format_date(basis.due)}."
                )
            }
        )


def _folded(consultation: Consultation) -> str:
    """The search key of a consultation: its title and summary without diacritics."""
    return fold(f"{consultation.title} {consultation.summary}")


@transaction.atomic
def consultation_create(
    *,
    council: Council,
    title: str,
    opens_on: datetime.date | None,
    closes_on: datetime.date | None,
    summary: str = "",
    submission: object | None = None,
    text: str = "",
    user: AbstractBaseUser | None = None,
) -> Consultation:
    """A consultation of a draft with its period (checked against the council's minimum), not published;
    with `text` its first version is added at once."""
    title = clean(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên dự thảo."})
    _check_period(council, opens_on, closes_on)
    if submission is not None and submission.session.council_id != council.pk:
        raise ValidationError({"submission": "Hồ sơ trình không thuộc Hội đồng này."})
    consultation = Consultation(
        council=council,
        title=title,
        summary=clean_multiline(summary),
        submission=submission,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=user,
    )
    consultation.search_folded = _folded(consultation)
    validated_save(consultation, user)
    if clean_multiline(text):
        version_add(consultation=consultation, text=text, user=user)
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    user: AbstractBaseUser | None,
    title: str,
    opens_on: datetime.date | None,
    closes_on: datetime.date | None,
    summary: str = "",
) -> Consultation:
    """Change the title or the period; once published the opening day stays and the period may only grow."""
    current = _lock(consultation)
    title = clean(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên dự thảo."})
    if current.published_on is not None:
        if opens_on != current.opens_on:
            raise ValidationError({"opens_on": "Dự thảo đã đăng tải: không đổi được ngày bắt đầu lấy ý kiến."})
        if closes_on is not None and closes_on < current.closes_on:
            raise ValidationError({"closes_on": "Dự thảo đã đăng tải: chỉ có thể kéo dài thời gian lấy ý kiến."})
    _check_period(current.council, opens_on, closes_on)
    current.title, current.summary = title, clean_multiline(summary)
    current.opens_on, current.closes_on = opens_on, closes_on
    current.search_folded = _folded(current)
    validated_save(current, user)
    return current


def _save_version(
    consultation: Consultation, articles: list[drafting.ArticleText], text: str, note: str, file_name: str, user: object
) -> DraftVersion:
    last = DraftVersion.objects.filter(consultation=consultation).aggregate(n=Max("number"))["n"] or 0
    version = DraftVersion(
        consultation=consultation,
        number=last + 1,
        text=text,
        note=clean(note)[:500],
        file_name=clean(file_name)[:250],
        created_by=user,
    )
    validated_save(version, user)
    for item in articles:
        validated_save(Article(version=version, number=item.number, heading=item.heading, text=item.text), user)
    return version


@transaction.atomic
def version_add(
    *, consultation: Consultation, text: str, user: AbstractBaseUser | None, note: str = "", file_name: str = ""
) -> DraftVersion:
    """A new version of the draft, numbered after the last, split into its articles; earlier versions stay.
    Refused once the synthesis report is issued (it answers the version it was written on)."""
    current = _lock(consultation)  # two versions added at once get different numbers
    if current.report_id is not None and current.report.state != State.DRAFT:
        raise ValidationError("Báo cáo tổng hợp đã ban hành: không thêm phiên bản dự thảo được nữa.")
    text = clean_multiline(text)
    articles = drafting.split_articles(text)
    return _save_version(current, articles, text, note, file_name, user)


@transaction.atomic
def version_add_docx(
    *, consultation: Consultation, content: bytes, file_name: str, user: AbstractBaseUser | None, note: str = ""
) -> DraftVersion:
    """A new version read from a DOCX file (its paragraphs, then split into articles like a pasted text)."""
    if not file_name.lower().endswith(".docx"):
        raise ValidationError({"file": "Chỉ nhận tệp Word định dạng .docx."})
    text = drafting.docx_text(content)
    try:
        return version_add(consultation=consultation, text=text, user=user, note=note, file_name=file_name)
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "text" in exc.error_dict:
            raise ValidationError({"file": exc.error_dict["text"]}) from exc
        raise


def latest_version(consultation: Consultation) -> DraftVersion | None:
    return DraftVersion.objects.filter(consultation=consultation).order_by("-number").first()


@transaction.atomic
def consultation_publish(*, consultation: Consultation, user: AbstractBaseUser | None) -> Consultation:
    """Post the draft for opinions (its period checked again against the rule in force on its opening)."""
    current = _lock(consultation)
    if current.published_on is not None:
        raise ValidationError("Dự thảo đã được đăng tải.")
    if latest_version(current) is None:
        raise ValidationError("Vui lòng thêm toàn văn dự thảo trước khi đăng tải.")
    today = dates.today()
    if current.closes_on < today:
        raise ValidationError({"closes_on": "Ngày kết thúc lấy ý kiến đã qua; vui lòng sửa thời gian lấy ý kiến."})
    _check_period(current.council, current.opens_on, current.closes_on)
    current.published_on = today
    validated_save(current, user, update_fields=["published_on"])
    return current


@transaction.atomic
def consultation_close(*, consultation: Consultation, user: AbstractBaseUser | None) -> Consultation:
    """End the consultation now (before its close date, or to record that it ended); no opinion after it.
    The invited bodies that have not answered keep their obligation, now due on the day it ended: the
    office accepts or cancels it."""
    current = _lock(consultation)
    if current.published_on is None:
        raise ValidationError("Dự thảo chưa đăng tải, chưa thể kết thúc lấy ý kiến.")
    if current.closed_on is not None:
        raise ValidationError("Đợt lấy ý kiến đã kết thúc.")
    current.closed_on = min(dates.today(), current.closes_on)
    validated_save(current, user, update_fields=["closed_on"])
    ended = dates.format_date(current.closed_on)
    early = current.closed_on < current.closes_on
    reason = f"Đóng lấy ý kiến sớm ngày {ended}." if early else f"Kết thúc lấy ý kiến ngày {ended}."
    for invitation in Invitation.objects.filter(consultation=current).select_related("obligation"):
        obligation_due_bring_forward(
            obligation=invitation.obligation, user=user, due_on=current.closed_on, reason=reason
        )
    return current


@transaction.atomic
def invitation_add(
    *, consultation: Consultation, bodies: Iterable[Body], user: AbstractBaseUser | None
) -> list[Invitation]:
    """Invite bodies to give their opinion: each owes it by the close date (a follow-up obligation, which
    notifies the body's users and reminds them before the date)."""
    current = _lock(consultation)
    bodies = list(bodies)
    if not bodies:
        raise ValidationError({"bodies": "Vui lòng chọn ít nhất một cơ quan."})
    if any(b.council_id != current.council_id for b in bodies):
        raise ValidationError({"bodies": "Cơ quan không thuộc Hội đồng này."})
    if phase(current) == "da_dong":
        raise ValidationError(CLOSED)
    already = set(Invitation.objects.filter(consultation=current, body__in=bodies).values_list("body_id", flat=True))
    if already:
        names = ", ".join(b.name for b in bodies if b.pk in already)
        raise ValidationError({"bodies": f"Đã mời góp ý: {names}."})
    start = max(dates.today(), current.opens_on) if current.published_on else current.opens_on
    out = []
    for body in {b.pk: b for b in bodies}.values():
        obligation = obligation_create(
            council=current.council,
            owner=body,
            title=f"Góp ý dự thảo: {current.title}"[:500],
            description=wording.invitation_text(current),
            kind=OBLIGATION_KIND,
            source=current,
            source_label=f"Lấy ý kiến dự thảo {current.title}"[:300],
            source_date=min(start, current.closes_on),
            due_on=current.closes_on,
            user=user,
        )
        invitation = Invitation(consultation=current, body=body, obligation=obligation)
        validated_save(invitation, user)
        out.append(invitation)
    return out


@dataclass(frozen=True)
class OpinionIn:
    article: int
    text: str


def _check_articles(version: DraftVersion, items: Sequence[OpinionIn]) -> dict[str, str]:
    numbers = {WHOLE_DRAFT} | set(version.articles.values_list("number", flat=True))
    errors = {}
    for i, item in enumerate(items, start=1):
        if item.article not in numbers:
            errors[f"items.{i}.article"] = f"Ý kiến {i}: dự thảo không có Điều {item.article}."
        text = clean_multiline(item.text)
        if not text:
            errors[f"items.{i}.text"] = f"Ý kiến {i}: vui lòng nhập nội dung góp ý."
        elif len(text) > COMMENT_MAX:
            errors[f"items.{i}.text"] = f"Ý kiến {i}: nội dung quá dài (tối đa {COMMENT_MAX} ký tự)."
    return errors


@transaction.atomic
def body_opinions_submit(
    *,
    consultation: Consultation,
    body: Body,
    items: Sequence[OpinionIn],
    user: AbstractBaseUser | None,
    agreed: bool = False,
) -> list[Opinion]:
    """An invited body's opinions, one per article it comments on (or on the whole draft), on the current
    version. `agreed` with no item records "agreed with the draft". Its obligation is reported done."""
    current = _lock(consultation)
    invitation = Invitation.objects.filter(consultation=current, body=body).select_related("obligation").first()
    if invitation is None:
        raise ValidationError("Cơ quan không được mời góp ý dự thảo này.")
    _require_open(current)
    items = [i for i in items if clean_multiline(i.text) or i.article]
    if not items and agreed:
        items = [OpinionIn(WHOLE_DRAFT, "Thống nhất với dự thảo.")]
    if not items:
        raise ValidationError({"items": "Vui lòng nhập ít nhất một ý kiến, hoặc chọn “thống nhất với dự thảo”."})
    version = latest_version(current)
    errors = _check_articles(version, items)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    out = []
    for item in items:
        opinion = Opinion(
            consultation=current,
            version=version,
            article=item.article,
            origin=Origin.BODY,
            body=body,
            author=user,
            text=clean_multiline(item.text),
            # A body's opinion is an official document of that body: recorded as sent, not moderated.
            status=Moderation.APPROVED,
            moderated_at=now,
        )
        validated_save(opinion, user)
        out.append(opinion)
    obligation = invitation.obligation
    if obligation is not None and Action.DONE in allowed_actions(obligation.state):
        obligation_report(
            obligation=obligation,
            user=user,
            text=f"Đã gửi {len(out):02d} ý kiến góp ý dự thảo qua hệ thống.",
            done=True,
        )
    return out


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


@transaction.atomic
def public_comment(
    *, consultation: Consultation, text: str, article: int = WHOLE_DRAFT, name: str = "", contact: str = ""
) -> Opinion:
    """A comment from the public on the current version, waiting for moderation; name and contact are
    optional and private. Refused outside the period."""
    current = _lock(consultation)
    _require_open(current)
    version = latest_version(current)
    errors = _check_articles(version, [OpinionIn(article, text)])
    errors = {k.replace("items.1.", ""): _sentence(v.replace("Ý kiến 1: ", "")) for k, v in errors.items()}
    if len(clean(name)) > 200:
        errors["name"] = "Họ tên quá dài (tối đa 200 ký tự)."
    if len(clean(contact)) > 200:
        errors["contact"] = "Thông tin liên hệ quá dài (tối đa 200 ký tự)."
    if errors:
        raise ValidationError(errors)
    opinion = Opinion(
        consultation=current,
        version=version,
        article=article,
        origin=Origin.PUBLIC,
        name=clean(name),
        contact=clean(contact),
        text=clean_multiline(text),
    )
    validated_save(opinion)
    return opinion


@transaction.atomic
def opinion_moderate(*, opinion: Opinion, approve: bool, user: AbstractBaseUser | None, reason: str = "") -> Opinion:
    """Approve a public comment for display, or keep it off the pages with the reason (recorded). A
    decision may be changed; a body's opinion is not moderated."""
    current = Opinion.objects.select_for_update().select_related("consultation__council").get(pk=opinion.pk)
    council_accepts(current.consultation.council, None, field="reason")  # a ceased council's pages stay
    if current.origin != Origin.PUBLIC:
        raise ValidationError("Chỉ kiểm duyệt góp ý của tổ chức, cá nhân; ý kiến của cơ quan không cần duyệt.")
    reason = clean(reason)
    if not approve and not reason:
        raise ValidationError({"reason": "Vui lòng ghi lý do không đăng ý kiến."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Lý do quá dài (tối đa 500 ký tự)."})
    current.status = Moderation.APPROVED if approve else Moderation.REJECTED
    current.reject_reason = "" if approve else reason
    current.moderated_at = timezone.now()
    validated_save(current, user, update_fields=["status", "reject_reason", "moderated_at"])
    return current


@transaction.atomic
def response_set(
    *, consultation: Consultation, article: int, kind: str, text: str, user: AbstractBaseUser | None
) -> Response:
    """The office's acceptance or explanation for the opinions on one article (written again if it exists).
    Refused once the synthesis report is issued."""
    current = _lock(consultation)
    errors = {}
    if kind not in ResponseKind.values:
        errors["kind"] = "Vui lòng chọn tiếp thu hoặc giải trình."
    text = clean_multiline(text)
    if not text:
        errors["text"] = "Vui lòng nhập nội dung tiếp thu, giải trình."
    elif len(text) > 10_000:
        errors["text"] = "Nội dung quá dài (tối đa 10.000 ký tự)."
    articles = {WHOLE_DRAFT} | set(
        Article.objects.filter(version__consultation=current).values_list("number", flat=True)
    )
    if article not in articles:
        errors["article"] = f"Dự thảo không có Điều {article}."
    if current.report_id is not None and current.report.state != State.DRAFT:
        errors["text"] = "Báo cáo tổng hợp đã ban hành: không sửa tiếp thu, giải trình được nữa."
    if errors:
        raise ValidationError(errors)
    response = Response.objects.filter(consultation=current, article=article).first() or Response(
        consultation=current, article=article
    )
    response.kind, response.text = kind, text
    validated_save(response, user)
    return response


@transaction.atomic
def report_draft(
    *,
    consultation: Consultation,
    signer_title: str,
    signer_name: str,
    user: AbstractBaseUser | None,
    signer_authority: str = Authority.TM,
) -> Document:
    """The synthesis report (Báo cáo tổng hợp, tiếp thu, giải trình ý kiến) as a draft document, written from
    the records: per article the opinions counted by source and summarised with the office's answer. Made
    again while it is a draft; refused before the consultation has ended or once the report is issued."""
    from consultation import selectors
    from documents.services import document_create, document_update

    current = _lock(consultation)
    if phase(current) != "da_dong":
        raise ValidationError("Chỉ lập báo cáo tổng hợp khi đã kết thúc lấy ý kiến.")
    if current.report_id is not None and current.report.state != State.DRAFT:
        raise ValidationError("Báo cáo tổng hợp của đợt lấy ý kiến này đã được ban hành.")
    errors = {}
    if not clean(signer_title):
        errors["signer_title"] = "Vui lòng nhập chức vụ người ký."
    if not clean(signer_name):
        errors["signer_name"] = "Vui lòng nhập họ tên người ký."
    if signer_authority not in Authority.values:
        errors["signer_authority"] = "Thẩm quyền ký không hợp lệ."
    if errors:
        raise ValidationError(errors)
    groups = selectors.opinions_by_article(current, approved_only=True)
    invitations = list(current.invitations.select_related("body").order_by("body__name"))
    answered = set(
        Opinion.objects.filter(consultation=current, origin=Origin.BODY).values_list("body_id", flat=True).distinct()
    )
    council = current.council
    fields = {
        "subject": f"Tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo {current.title}"[:500],
        "body": wording.report_body(current, groups, invitations, answered),
        "signer_authority": signer_authority,
        "signer_title": signer_title,
        "signer_name": signer_name,
    }
    if current.report_id is not None:
        return document_update(document=current.report, **fields)
    document = document_create(
        council=council,
        doc_type=DocType.BAO_CAO,
        signer_collective=f"THƯỜNG TRỰC {council.short_title.upper()}",
        recipient_lines="Thường trực HĐND (b/c)\nCác Ban của HĐND\nLưu: VT, hồ sơ dự thảo",
        source=current,
        user=user,
        **fields,
    )
    current.report = document
    validated_save(current, user, update_fields=["report"])
    return document
