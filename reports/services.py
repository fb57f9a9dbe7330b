"""Writes of the annual report: create (pre-filled), edit prose, rate, issue through the documents engine."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents import services as documents
from documents.models import Authority, DocType, Document
from documents.recipients import default_lines
from hdnd import dates
from hdnd.text import clean_multiline
from registry import levels
from registry.models import Body, Council, MemberRole
from registry.selectors import holders_on, standing_committee
from registry.services import council_accepts
from reports import figures as figures_mod
from reports.models import AnnualReport, Classification, Rating, ReportState
from reports.texts import DEFAULTS, RATED, SECTIONS, WRITTEN, check_tokens, render

# Quy định 366-QĐ/TW (2025): a collective's score out of 100 and its classification.
THRESHOLDS = ((90, Classification.EXCELLENT), (70, Classification.GOOD), (50, Classification.DONE))


def suggested_classification(score: int | None) -> str:
    """The classification the score proposes (≥ 90, 70-89, 50-69, < 50)."""
    if score is None:
        return ""
    for minimum, classification in THRESHOLDS:
        if score >= minimum:
            return classification
    return Classification.NOT_DONE


@transaction.atomic
def report_get_or_create(
    *, council: Council, year: int, collective: Body | None = None, user: AbstractBaseUser | None = None
) -> AnnualReport:
    """The collective's report of the year; a new one is pre-filled with last year's prose, else the
    standard sentences."""
    collective = collective or standing_committee(council)
    if collective is None:
        raise ValidationError({"collective": "Hội đồng chưa có Thường trực HĐND trong danh mục cơ quan."})
    if collective.council_id != council.pk:
        raise ValidationError({"collective": "Tập thể không thuộc Hội đồng này."})
    report = AnnualReport.objects.filter(council=council, collective=collective, year=year).first()
    if report is not None:
        return report
    council_accepts(council, None, field="collective")  # a ceased council drafts no new report
    previous = AnnualReport.objects.filter(council=council, collective=collective, year=year - 1).first()
    texts = {key: (previous.texts.get(key) if previous else None) or DEFAULTS.get(key, "") for key in WRITTEN}
    report = AnnualReport(
        council=council,
        collective=collective,
        year=year,
        texts=texts,
        recipients=previous.recipients if previous else default_lines(council, DocType.BAO_CAO),
        updated_by=user,
    )
    report._history_user = user
    report.full_clean()
    report.save()
    return report


def _draft(report: AnnualReport) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().select_related("council").get(pk=report.pk)
    council_accepts(locked.council, None, field="texts")  # a ceased council's report stays as it was
    if locked.state != ReportState.DRAFT:
        raise ValidationError("Báo cáo đã ban hành, không thể sửa.")
    return locked


@transaction.atomic
def report_update(
    *, report: AnnualReport, texts: dict[str, str], recipients: str | None = None, user: AbstractBaseUser | None = None
) -> AnnualReport:
    """Change the prose of some sections (drafts only); a token naming no figure is refused."""
    report = _draft(report)
    unknown = set(texts) - set(WRITTEN)
    if unknown:
        raise ValidationError({"texts": f"Phần không tồn tại: {', '.join(sorted(unknown))}."})
    current = figures_mod.compute(council=report.council, year=report.year)
    errors = {}
    for key, value in texts.items():
        value = clean_multiline(value)
        try:
            check_tokens(value, current)
        except ValidationError as exc:
            errors[key] = exc.messages
        report.texts[key] = value
    if errors:
        raise ValidationError(errors)
    if recipients is not None:
        report.recipients = clean_multiline(recipients)
    report.updated_by = user
    report._history_user = user
    report.save(update_fields=["texts", "recipients", "updated_by"])
    return report


@transaction.atomic
def report_rate(
    *,
    report: AnnualReport,
    ratings: dict[str, str],
    classification: str = "",
    score_general: int | None = None,
    score_results: int | None = None,
    user: AbstractBaseUser | None = None,
) -> AnnualReport:
    """Set the self-rating of each criterion, the optional scores and the proposed classification."""
    report = _draft(report)
    errors = {}
    for key, value in ratings.items():
        if key not in RATED:
            errors[key] = "Tiêu chí không tồn tại."
        elif value and value not in Rating.values:
            errors[key] = "Mức tự đánh giá không hợp lệ."
    if classification and classification not in Classification.values:
        errors["classification"] = "Mức xếp loại không hợp lệ."
    if errors:
        raise ValidationError(errors)
    report.ratings = {**report.ratings, **{k: v for k, v in ratings.items() if v}}
    report.score_general, report.score_results = score_general, score_results
    report.classification = classification or suggested_classification(report.score)
    report.updated_by = user
    report._history_user = user
    report.full_clean()
    report.save()
    return report


def _signer(report: AnnualReport, on: datetime.date) -> tuple[str, str]:
    return signer_on(report.collective, on)


def signer_on(body: Body, on: datetime.date) -> tuple[str, str]:
    """(title, name) of who signs on behalf of the standing committee on a day: the chair, else a vice-chair."""
    for role, title in ((MemberRole.CHAIR, "CHỦ TỊCH"), (MemberRole.VICE_CHAIR, "PHÓ CHỦ TỊCH")):
        holder = holders_on(body=body, role=role, on=on).first()
        if holder is not None:
            return title, holder.person.full_name
    return "", ""


def report_body(report: AnnualReport, figures: figures_mod.Figures) -> str:
    """The report's body in the documents engine's light markup, figures and footnotes filled in."""
    notes: list[str] = []
    lines = []
    for section in SECTIONS:
        heading = render(section.heading, figures, notes).text
        lines.append(("# " if section.level < 3 else "## ") + heading)
        if section.has_text:
            lines.extend(render(report.texts.get(section.key, ""), figures, notes).text.splitlines())
        if section.rated:
            rating = report.ratings.get(section.key)
            lines.append(f"Tự đánh giá về cấp độ thực hiện: {Rating(rating).label if rating else '…'}")
        if section.key == "VII":
            lines.append(
                f"Đề nghị xếp loại: {Classification(report.classification).label}"
                if report.classification
                else "Đề nghị xếp loại: …"
            )
    # Word footnotes (the documents engine's "[^n]: text" lines), at the foot of the page of their mark.
    lines.extend(f"[^{n}]: {text}" for n, text in enumerate(notes, start=1))
    return "\n".join(line for line in lines if line.strip())


def issue_missing(report: AnnualReport, figures: figures_mod.Figures, on: datetime.date) -> list[str]:
    missing = []
    if figures.empty:
        missing.append(f"Năm {report.year} chưa có hồ sơ nào (kỳ họp, phiên họp, giám sát, kiến nghị cử tri).")
    unrated = [k for k in RATED if not report.ratings.get(k)]
    if unrated:
        missing.append(f"Chưa tự đánh giá các tiêu chí: {', '.join(unrated)}.")
    if not report.classification:
        missing.append("Chưa chọn mức đề nghị xếp loại.")
    if not _signer(report, on)[1]:
        missing.append("Không có Chủ tịch hoặc Phó Chủ tịch HĐND tại ngày ban hành để ký.")
    if not report.recipients.strip():
        missing.append("Thiếu nơi nhận.")
    return missing


def _document_fields(report: AnnualReport, figures: figures_mod.Figures, on: datetime.date) -> dict:
    title, name = _signer(report, on)
    return {
        "subject": f"Kiểm điểm tập thể {report.collective.short_name} {report.council.unit_word} năm {report.year}",
        "body": report_body(report, figures),
        "signer_authority": Authority.TM,
        "signer_collective": "THƯỜNG TRỰC HĐND",
        "signer_title": title,
        "signer_name": name,
        "recipient_lines": report.recipients,
    }


def report_preview(report: AnnualReport, *, on: datetime.date | None = None) -> tuple[object, bytes]:
    """The report as the document it will be, with the figures as they stand today: its words for the
    screen and the draft DOCX marked "DỰ THẢO", before it is issued and numbered. Nothing is saved.
    An issued report previews as issued, from its frozen document."""
    on = on or dates.today()
    figures = figures_mod.compute(council=report.council, year=report.year)
    return documents.unsaved_preview(
        council=report.council, doc_type=DocType.BAO_CAO, **_document_fields(report, figures, on)
    )


@transaction.atomic
def report_issue(
    *, report: AnnualReport, user: AbstractBaseUser | None, on: datetime.date | None = None
) -> AnnualReport:
    """Issue the report as a numbered Báo cáo (DOCX per Nghị định 30/2020) and freeze its figures.

    Refused with the list of what is missing (ratings, classification, signer, records of the year).
    """
    report = _draft(report)
    on = on or dates.today()
    figures = figures_mod.compute(council=report.council, year=report.year)
    missing = issue_missing(report, figures, on)
    if missing:
        raise ValidationError(missing)
    document = documents.document_create(
        council=report.council,
        doc_type=DocType.BAO_CAO,
        issued_on=on,
        source=report,
        user=user,
        **_document_fields(report, figures, on),
    )
    document = documents.document_issue(document=document, user=user, issued_on=on)
    report.document = document
    report.frozen_figures = {k: {"label": f.label, "text": f.text} for k, f in figures.items.items()}
    report.state = ReportState.ISSUED
    report.updated_by = user
    report._history_user = user
    report.save()
    return report


def changed_since_issue(report: AnnualReport) -> list[tuple[str, str, str]]:
    """(label, frozen, now) of each figure whose records changed after the report was issued."""
    if not report.frozen_figures:
        return []
    current = figures_mod.compute(council=report.council, year=report.year).items
    out = []
    for key, frozen in report.frozen_figures.items():
        now = current.get(key)
        if now is not None and now.text != frozen["text"]:
            out.append((frozen["label"], frozen["text"], now.text))
    return out


def activity_period(year: int, half: bool) -> tuple[datetime.date, str]:
    """The period's last day and its name ("6 tháng đầu năm 2024", "năm 2024")."""
    if half:
        return datetime.date(year, 6, 30), f"6 tháng đầu năm {year}"
    return datetime.date(year, 12, 31), f"năm {year}"


def activity_body(figures: figures_mod.Figures, period: str, next_period: str) -> str:
    """The activity report's body (báo cáo kết quả hoạt động), every figure from the records; a zero is
    worded ("chưa tổ chức kỳ họp nào"), never "00" (`reports.texts.render`)."""
    f = figures.items
    unit = figures.council.unit_word
    lines = [
        "# I. KẾT QUẢ HOẠT ĐỘNG",
        "## 1. Công tác chuẩn bị và tổ chức kỳ họp",
        f"Trong {period}, HĐND {unit} đã tổ chức {{{{sessions}}}} kỳ họp (trong đó {{{{regular_sessions}}}} kỳ họp "
        "thường lệ, {{thematic_sessions}} kỳ họp chuyên đề và {{extraordinary_sessions}} kỳ họp bất thường), "
        "thông qua {{resolutions}} Nghị quyết.",
        "Về chuẩn bị nội dung trình kỳ họp: {{late_submissions}} hồ sơ trình chậm; {{late_sentence}}.",
        "## 2. Phiên họp Thường trực và cho ý kiến bằng văn bản",
        f"Thường trực HĐND {unit} đã tổ chức {{{{meetings}}}} phiên họp; cho ý kiến bằng văn bản đối với "
        f"{{{{written_opinions}}}} nội dung do UBND {unit} trình; tổ chức {{{{conferences}}}} hội nghị liên tịch, "
        "trực báo.",
        "## 3. Hoạt động giám sát",
        f"Thường trực và các Ban HĐND {unit} đã tổ chức {{{{supervision_rounds}}}} đợt giám sát chuyên đề và "
        "{{surveys}} đợt khảo sát; theo dõi {{recommendations}} kiến nghị sau giám sát, trong đó "
        "{{recommendations_done}} kiến nghị đã được thực hiện, {{recommendations_overdue}} kiến nghị quá hạn.",
        "## 4. Tiếp xúc cử tri và kiến nghị của cử tri",
        "Tổ chức tiếp xúc cử tri tại {{contact_units}} "
        f"{f['contact_word'].text}; tiếp nhận {{{{petitions}}}} kiến nghị của cử tri.",
    ]
    for key in ("petitions_mid_sentence", "petitions_end_sentence"):
        if f[key].records:
            lines.append(f"- {{{{{key}}}}}")
    lines += [
        "## 5. Tiếp công dân, tiếp nhận và xử lý đơn thư",
        f"Thường trực HĐND {unit} đã tổ chức {{{{receptions}}}} buổi tiếp công dân với {{{{citizens_received}}}} "
        "lượt công dân; tiếp nhận {{letters}} đơn thư (đơn trùng tính một lần), trong đó {{letters_eligible}} nội "
        "dung đủ điều kiện xử lý, {{letters_forwarded}} nội dung đã chuyển cơ quan có thẩm quyền giải quyết và "
        "{{letters_answered}} nội dung đã có kết quả trả lời.",
        "# II. PHƯƠNG HƯỚNG, NHIỆM VỤ " + next_period.upper(),
        f"Tiếp tục thực hiện chương trình công tác {next_period} của Thường trực HĐND {unit}; chuẩn bị chu đáo "
        "các kỳ họp; tăng cường giám sát và theo dõi, đôn đốc việc giải quyết kiến nghị của cử tri.",
    ]
    return render("\n".join(lines), figures, []).text


@transaction.atomic
def activity_report_create(
    *, council: Council, year: int, half: bool, user: AbstractBaseUser | None = None
) -> Document:
    """Draft the standing committee's activity report (six months or year) in the register, from the same
    figures as the annual report; the office edits and issues it from the documents screen."""
    council_accepts(council, None, field="collective")  # a ceased council drafts nothing
    body = standing_committee(council)
    if body is None:
        raise ValidationError({"collective": "Hội đồng chưa có Thường trực HĐND trong danh mục cơ quan."})
    end, period = activity_period(year, half)
    figures = figures_mod.compute(council=council, year=year, on=end)
    if half:
        figures = figures_mod.until(figures, end)
    if figures.empty:
        raise ValidationError(f"Chưa có hồ sơ nào trong {period} để lập báo cáo.")
    next_period = f"6 tháng cuối năm {year}" if half else f"năm {year + 1}"
    title, name = signer_on(body, end)
    return documents.document_create(
        council=council,
        doc_type=DocType.BAO_CAO,
        subject=f"Kết quả hoạt động của Thường trực HĐND {council.unit_word} {period}; phương hướng, nhiệm vụ "
        f"{next_period}",
        body=activity_body(figures, period, next_period),
        signer_authority=Authority.TM,
        signer_collective="THƯỜNG TRỰC HĐND",
        signer_title=title,
        signer_name=name,
        recipient_lines=levels.recipients(council),
        user=user,
    )
