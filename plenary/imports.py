"""The resolutions of a session for the shared importer (hdnd.imports): a list the office keeps of what
the session passed (title, submitting agency, vote totals, dates, signer), recorded through the same
services as on screen: the draft, its receipt, the vote, the resolution issued and numbered by the register.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from hdnd.dates import format_date
from hdnd.imports import Choices, Field, Target, register
from hdnd.imports.cells import parse_date, sheet, whole_number, yes_no
from hdnd.text import fold
from plenary import selectors, services
from plenary.access import VOTE
from plenary.models import Resolution, Session, Submission, SubmissionKind
from registry.models import Body


@dataclass
class ResolutionRow:
    title: str
    agency: Body
    normative: bool
    voted_on: datetime.date
    yes: int
    no: int
    abstain: int
    issued_on: datetime.date
    effective_on: datetime.date | None
    signer_name: str
    text: str


def _d(day: datetime.date | None) -> str:
    return format_date(day) if day else ""


def _context(session: Session) -> dict[str, Any]:
    bodies = Body.objects.filter(council=session.council)
    titles = Submission.objects.filter(session=session).values_list("title_folded", flat=True)
    return {
        "session": session,
        "bodies": Choices([(n, b) for b in bodies for n in (b.name, b.short_name)], "cơ quan", "trong danh mục"),
        "existing": set(titles),
    }


def _build(values: dict[str, Any], context: dict) -> ResolutionRow:
    session = context["session"]
    voted_on = values["voted_on"]
    issued_on = values.get("issued_on") or voted_on
    if voted_on < session.created_on:
        raise ValueError(f"ngày biểu quyết {_d(voted_on)} trước ngày lập kỳ họp {_d(session.created_on)}")
    if issued_on < voted_on:
        raise ValueError("ngày ban hành không thể trước ngày biểu quyết")
    if values.get("effective_on") and values["effective_on"] < issued_on:
        raise ValueError("ngày có hiệu lực không thể trước ngày ban hành")
    return ResolutionRow(
        values["title"],
        values["agency"],
        bool(values.get("normative")),
        voted_on,
        values["yes"],
        values.get("no") or 0,
        values.get("abstain") or 0,
        issued_on,
        values.get("effective_on"),
        values["signer_name"],
        values.get("text") or values["title"],
    )


@transaction.atomic
def _save(session: Session, rows: list[ResolutionRow], user: Any) -> list[Resolution]:
    saved = []
    for number, r in enumerate(rows, start=1):
        try:
            submission = services.submission_create(
                session=session,
                kind=SubmissionKind.DRAFT_RESOLUTION,
                title=r.title,
                agency=r.agency,
                normative=r.normative,
                user=user,
            )
            services.submission_receive(submission=submission, received_on=session.created_on, checklist=[], user=user)
            services.vote_record(
                submission=submission, voted_on=r.voted_on, yes=r.yes, no=r.no, abstain=r.abstain, user=user
            )
            saved.append(
                services.resolution_issue(
                    submission=submission,
                    subject=r.title,
                    text=r.text,
                    issued_on=r.issued_on,
                    effective_on=r.effective_on,
                    signer_name=r.signer_name,
                    user=user,
                )
            )
        except ValidationError as exc:
            raise ValidationError(f"Nghị quyết thứ {number} (“{r.title}”): " + " ".join(exc.messages)) from exc
    return saved


def _export(session: Session) -> bytes:
    resolutions = (
        Resolution.objects.filter(submission__session=session)
        .select_related("submission__agency", "submission__vote", "document")
        .order_by("pk")
    )
    rows = (
        [
            r.submission.title,
            r.submission.agency.name,
            "x" if r.submission.normative else "",
            _d(r.submission.vote.voted_on),
            r.submission.vote.yes,
            r.submission.vote.no,
            r.submission.vote.abstain,
            _d(r.document.issued_on),
            _d(r.effective_on),
            r.document.signer_name,
            r.document.body,
        ]
        for r in resolutions
    )
    return sheet(RESOLUTIONS, rows)


RESOLUTIONS = register(
    Target(
        key="nghi-quyet",
        label="Nghị quyết của kỳ họp",
        fields=[
            Field(
                "title",
                "Trích yếu",
                ("tên nghị quyết", "trích yếu nội dung", "nghị quyết", "tên dự thảo"),
                required=True,
            ),
            Field(
                "agency",
                "Cơ quan trình",
                ("cơ quan soạn thảo", "cơ quan trình dự thảo"),
                required=True,
                parse=lambda t, c: c["bodies"].match(t),
            ),
            Field("normative", "Quy phạm pháp luật (x)", ("quy phạm", "văn bản quy phạm"), parse=yes_no),
            Field("voted_on", "Ngày biểu quyết", ("ngày thông qua",), required=True, parse=parse_date),
            Field(
                "yes",
                "Tán thành",
                ("số tán thành", "đồng ý"),
                required=True,
                parse=whole_number(0, 1000, "số tán thành"),
            ),
            Field("no", "Không tán thành", ("không đồng ý",), parse=whole_number(0, 1000, "số không tán thành")),
            Field("abstain", "Không biểu quyết", ("không ý kiến",), parse=whole_number(0, 1000, "số không biểu quyết")),
            Field("issued_on", "Ngày ban hành", ("ngày ký",), parse=parse_date),
            Field("effective_on", "Ngày có hiệu lực", ("hiệu lực từ ngày",), parse=parse_date),
            Field("signer_name", "Người ký", ("họ tên người ký", "chủ tịch"), required=True),
            Field("text", "Nội dung", ("nội dung nghị quyết", "toàn văn"), multiline=True),
        ],
        context=_context,
        build=_build,
        save=_save,
        existing=lambda c: c["existing"],
        existing_key=lambda r: fold(r.title),
        noun="nghị quyết",
        permission=VOTE,
        owner=lambda council, pk: selectors.session_get(council=council, pk=pk),
        owner_label=str,
        done_url=lambda s: reverse("plenary:session_detail", args=[s.pk]),
        show=lambda r: [r.title, r.agency.short_name, f"{r.yes}/{r.no}/{r.abstain}", _d(r.voted_on), r.signer_name],
        show_headers=("Trích yếu", "Cơ quan trình", "Tán thành/Không/Không biểu quyết", "Ngày biểu quyết", "Người ký"),
        template=lambda s: sheet(RESOLUTIONS, []),
        export=_export,
    )
)
