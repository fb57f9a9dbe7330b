"""Session routes of /api/v1/: the same services, selectors and scope as the screens."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from documents.models import Document
from hdnd import dates
from hdnd.params import PageNumberPagination, Year
from plenary import selectors, services
from plenary.access import AGENCY, ASSIGN, EDIT, MY_DOCUMENTS, QUESTION, VERIFY, VIEW, VOTE
from plenary.models import AgendaItem, GroupDiscussion, Resolution, Session, SessionDocument, Speech, Submission
from plenary.schemas import (
    AgencySubmissionOut,
    AssignIn,
    AttendanceIn,
    AttendanceOut,
    CommitmentIn,
    CommitmentOut,
    ConveningIn,
    DocumentsSendIn,
    DocumentsSentOut,
    ExplainIn,
    GroupDiscussionIn,
    GroupDiscussionOut,
    LatenessOut,
    MinutesIn,
    MyDocumentOut,
    PlenaryAgendaItemIn,
    PlenaryAgendaItemOut,
    PlenaryCountsOut,
    PlenaryDocumentRefOut,
    PlenarySessionIn,
    PlenarySessionOut,
    QuestionAnswerIn,
    QuestionIn,
    QuestionOut,
    ReceiveIn,
    ResolutionIn,
    ResolutionOut,
    SessionDetailOut,
    SessionDocumentIn,
    SessionDocumentOut,
    SessionDocumentPublicIn,
    SessionPatch,
    SessionResolutionOut,
    SessionResolutionsIn,
    SpeechIn,
    SpeechOut,
    SubmissionIn,
    SubmissionOut,
    SubmissionResubmitIn,
    SubmissionReturnIn,
    VerificationOut,
    VerificationReportIn,
    VoteIn,
    VoteOut,
)
from registry.access import council_for_api
from registry.models import Body, Delegate, Person, Term
from registry.selectors import all_in_council, in_council
from registry.services import council_accepts

router = Router(tags=["Kỳ họp"])


# Why a step `submission_allowed_actions` does not offer now is refused (the role's permission checked before).
REFUSED = {
    "receive": "Chỉ hồ sơ đang chờ nộp mới tiếp nhận được.",
    "return": "Chỉ hồ sơ đã tiếp nhận, chưa được chấp nhận, mới trả lại được.",
    "resubmit": "Chỉ hồ sơ đã bị trả lại mới nộp lại được.",
    "assign": "Tờ trình đã được phân công thẩm tra.",
    "verify": "Tờ trình chưa được phân công thẩm tra hoặc đã có báo cáo thẩm tra.",
    "explain": "Chỉ ghi giải trình sau khi đã có báo cáo thẩm tra.",
    "vote": "Tờ trình chưa có dự thảo nghị quyết hoặc đã được biểu quyết.",
    "issue": "Chỉ ban hành nghị quyết khi tờ trình đã được thông qua và chưa có nghị quyết.",
    "publish": "Chỉ công khai nghị quyết đã ban hành, chưa công khai.",
}


def _submission(request: HttpRequest, council_id: int, submission_id: int, perm: str, action: str) -> Submission:
    """The submission, if the workflow's `submission_allowed_actions` offers `action` to the user now."""
    council = council_for_api(request.user, council_id, perm)
    sub = selectors.submission_get(council=council, pk=submission_id)
    council_accepts(council, dates.today())  # a ceased council is offered no step: say why
    if action not in services.submission_allowed_actions(sub, request.user):
        raise ValidationError(REFUSED[action])
    return sub


def _resolution_out(council_id: int, pk: int) -> Resolution:
    rows = Resolution.objects.select_related("document")
    return in_council(rows, pk, label="nghị quyết", submission__session__council_id=council_id)


def _submission_out(sub: Submission) -> dict:
    return {
        **{f: getattr(sub, f) for f in ("id", "session_id", "kind", "title", "agency_id", "normative", "due_on")},
        "received_on": sub.complete_on,
        "state": sub.state,
        "days_late": sub.days_late(dates.today()),
        "missing_items": sub.missing_items if sub.state != "cho_nop" else [],
        "checklist": sub.checklist,
        "verification": getattr(sub, "verification", None),
    }


@router.get(
    "/councils/{council_id}/sessions",
    response=list[PlenarySessionOut],
    url_name="plenary_session_list",
    summary="Danh sách kỳ họp",
)
@paginate(PageNumberPagination, page_size=50)
def session_list(request: HttpRequest, council_id: int, year: Year | None = None) -> QuerySet[Session]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.session_list(council=council, year=year)


@router.post(
    "/councils/{council_id}/sessions",
    response={201: PlenarySessionOut},
    url_name="plenary_session_create",
    summary="Tạo kỳ họp",
)
def session_create(request: HttpRequest, council_id: int, payload: PlenarySessionIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    term = in_council(Term, data.pop("term_id"), field="term_id", label="nhiệm kỳ", council=council)
    return Status(201, services.session_create(council=council, term=term, user=request.user, **data))


@router.get(
    "/councils/{council_id}/sessions/{session_id}",
    response=SessionDetailOut,
    url_name="plenary_session_detail",
    summary="Thông tin kỳ họp",
)
def session_detail(request: HttpRequest, council_id: int, session_id: int) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    session = selectors.session_get(council=council, pk=session_id)
    out = PlenarySessionOut.from_orm(session).dict()
    out["submissions"] = [_submission_out(s) for s in session.submissions.all()]
    out["questions"] = list(session.questions.all())
    return out


@router.post(
    "/councils/{council_id}/sessions/{session_id}/submissions",
    response={201: SubmissionOut},
    url_name="plenary_submission_create",
    summary="Thêm tờ trình, dự thảo vào kỳ họp",
)
def submission_create(request: HttpRequest, council_id: int, session_id: int, payload: SubmissionIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    session = selectors.session_get(council=council, pk=session_id)
    data = payload.dict()
    agency = in_council(Body, data.pop("agency_id"), field="agency_id", label="cơ quan trình", council=council)
    sub = services.submission_create(session=session, agency=agency, user=request.user, **data)
    return Status(201, _submission_out(sub))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/receive",
    response=SubmissionOut,
    url_name="plenary_submission_receive",
    summary="Tiếp nhận hồ sơ tờ trình",
)
def submission_receive(request: HttpRequest, council_id: int, submission_id: int, payload: ReceiveIn) -> dict:
    sub = _submission(request, council_id, submission_id, EDIT, "receive")
    return _submission_out(services.submission_receive(submission=sub, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/verification",
    response={201: VerificationOut},
    url_name="plenary_verification_assign",
    summary="Phân công thẩm tra",
)
def verification_assign(request: HttpRequest, council_id: int, submission_id: int, payload: AssignIn) -> Status:
    sub = _submission(request, council_id, submission_id, ASSIGN, "assign")
    committee = in_council(
        Body, payload.committee_id, field="committee_id", label="Ban thẩm tra", council=sub.session.council
    )
    return Status(
        201,
        services.verification_assign(
            submission=sub, committee=committee, assigned_on=payload.assigned_on, user=request.user
        ),
    )


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/vote",
    response={201: VoteOut},
    url_name="plenary_vote_record",
    summary="Ghi kết quả biểu quyết",
)
def vote_record(request: HttpRequest, council_id: int, submission_id: int, payload: VoteIn) -> Status:
    sub = _submission(request, council_id, submission_id, VOTE, "vote")
    return Status(201, services.vote_record(submission=sub, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/resolution",
    response={201: ResolutionOut},
    url_name="plenary_resolution_issue",
    summary="Ban hành nghị quyết",
)
def resolution_issue(request: HttpRequest, council_id: int, submission_id: int, payload: ResolutionIn) -> Status:
    sub = _submission(request, council_id, submission_id, VOTE, "issue")
    resolution = services.resolution_issue(submission=sub, user=request.user, **payload.dict())
    return Status(201, _resolution_out(council_id, resolution.pk))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/questions",
    response={201: QuestionOut},
    url_name="plenary_question_create",
    summary="Thêm chất vấn",
)
def question_create(request: HttpRequest, council_id: int, session_id: int, payload: QuestionIn) -> Status:
    council = council_for_api(request.user, council_id, QUESTION)
    session = selectors.session_get(council=council, pk=session_id)
    delegate = in_council(Delegate, payload.delegate_id, field="delegate_id", label="đại biểu", term__council=council)
    return Status(
        201,
        services.question_create(
            session=session,
            delegate=delegate,
            addressee=in_council(Person, payload.addressee_id, field="addressee_id", label="người", council=council),
            addressee_body=in_council(
                Body, payload.addressee_body_id, field="addressee_body_id", label="cơ quan", council=council
            ),
            content=payload.content,
            asked_on=payload.asked_on,
            user=request.user,
        ),
    )


@router.get(
    "/councils/{council_id}/plenary/counts",
    response=PlenaryCountsOut,
    url_name="plenary_counts",
    summary="Số liệu kỳ họp",
)
def counts(request: HttpRequest, council_id: int, year: Year) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    data = selectors.plenary_counts(council=council, year=year)
    data["session_ids"] = [s.pk for s in data.pop("session_records")]
    data["resolution_ids"] = [r.pk for r in data.pop("resolution_records")]
    return data


@router.get(
    "/councils/{council_id}/plenary/lateness",
    response=LatenessOut,
    url_name="plenary_lateness",
    summary="Hồ sơ gửi muộn",
)
def lateness(request: HttpRequest, council_id: int, year: Year) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    report = selectors.lateness_report(council=council, year=year)
    return {
        "year": report.year,
        "sentence": report.sentence,
        "agencies": [a.__dict__ for a in report.agencies],
        "sessions": [
            {
                "session_id": r.session.pk,
                "number": r.session.number,
                "total": r.total,
                "late": [
                    {"id": s.pk, "title": s.title, "agency": s.agency.name, "days_late": s.late_days} for s in r.late
                ],
                "incomplete": [s.pk for s in r.incomplete],
            }
            for r in report.sessions
        ],
    }


@router.get(
    "/councils/{council_id}/my-session-documents",
    response=list[MyDocumentOut],
    url_name="plenary_my_documents",
    summary="Tài liệu kỳ họp của tôi",
)
def my_documents(request: HttpRequest, council_id: int) -> list[SessionDocument]:
    council = council_for_api(request.user, council_id, MY_DOCUMENTS)
    delegate = selectors.delegate_for_user(request.user, council)
    if delegate is None:
        return []
    return list(selectors.my_documents(council=council, delegate=delegate, on=dates.today()))


# During the session ----------------------------------------------------------------------------


def _session(request: HttpRequest, council_id: int, session_id: int, perm: str) -> Session:
    council = council_for_api(request.user, council_id, perm)
    return in_council(Session.objects.select_related("council", "term"), session_id, label="kỳ họp", council=council)


def _attendance_out(session: Session, day: datetime.date) -> list[dict]:
    return [
        {"delegate_id": r.delegate.pk, "name": r.delegate.person.full_name, "presence": r.presence, "reason": r.reason}
        for r in selectors.attendance_grid(session=session, day=day)
    ]


@router.get(
    "/councils/{council_id}/sessions/{session_id}/attendance",
    response=list[AttendanceOut],
    url_name="plenary_attendance",
    summary="Điểm danh phiên họp",
)
def attendance(request: HttpRequest, council_id: int, session_id: int, day: datetime.date) -> list[dict]:
    """Mọi đại biểu đang làm nhiệm vụ trong ngày, kèm việc có mặt đã ghi ("" khi chưa ghi)."""
    return _attendance_out(_session(request, council_id, session_id, VIEW), day)


@router.post(
    "/councils/{council_id}/sessions/{session_id}/attendance",
    response=list[AttendanceOut],
    url_name="plenary_attendance_record",
    summary="Ghi điểm danh",
)
def attendance_record(request: HttpRequest, council_id: int, session_id: int, payload: AttendanceIn) -> list[dict]:
    session = _session(request, council_id, session_id, EDIT)
    seen: dict[int, int] = {}
    twice = {}
    for number, row in enumerate(payload.rows, start=1):
        if row.delegate_id in seen:
            twice[f"rows.{number}.delegate_id"] = f"Đại biểu đã có ở dòng {seen[row.delegate_id]}."
        seen.setdefault(row.delegate_id, number)
    # All or nothing, every error in one answer: the service's and the rows given twice together.
    try:
        with transaction.atomic():
            services.attendance_record(
                session=session,
                day=payload.day,
                presence={r.delegate_id: r.presence for r in payload.rows},
                reasons={r.delegate_id: r.reason for r in payload.rows if r.reason},
                user=request.user,
            )
            if twice:
                raise ValidationError(twice)
    except ValidationError as exc:
        raise ValidationError({**exc.message_dict, **twice}) from exc
    return _attendance_out(session, payload.day)


@router.get(
    "/councils/{council_id}/sessions/{session_id}/speeches",
    response=list[SpeechOut],
    url_name="plenary_speech_list",
    summary="Danh sách phát biểu",
)
@paginate(PageNumberPagination, page_size=50)
def speech_list(request: HttpRequest, council_id: int, session_id: int) -> QuerySet[Speech]:
    return selectors.speech_list(session=_session(request, council_id, session_id, VIEW))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/speeches",
    response={201: SpeechOut},
    url_name="plenary_speech_add",
    summary="Ghi phát biểu",
)
def speech_add(request: HttpRequest, council_id: int, session_id: int, payload: SpeechIn) -> Status:
    session = _session(request, council_id, session_id, EDIT)
    delegate = in_council(
        Delegate, payload.delegate_id, field="delegate_id", label="đại biểu", term__council=session.council
    )
    item = in_council(
        AgendaItem, payload.item_id or None, field="item_id", label="nội dung chương trình", session=session
    )
    speech = services.speech_add(
        session=session,
        delegate=delegate,
        item=item,
        spoken_on=payload.spoken_on,
        in_group=payload.in_group,
        summary=payload.summary,
        user=request.user,
    )
    return Status(201, speech)


@router.get(
    "/councils/{council_id}/sessions/{session_id}/group-discussions",
    response=list[GroupDiscussionOut],
    url_name="plenary_group_discussion_list",
    summary="Danh sách thảo luận tổ",
)
@paginate(PageNumberPagination, page_size=50)
def group_discussion_list(request: HttpRequest, council_id: int, session_id: int) -> QuerySet[GroupDiscussion]:
    return selectors.group_discussion_list(session=_session(request, council_id, session_id, VIEW))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/group-discussions",
    response={201: GroupDiscussionOut},
    url_name="plenary_group_discussion_add",
    summary="Ghi thảo luận tổ",
)
def group_discussion_add(request: HttpRequest, council_id: int, session_id: int, payload: GroupDiscussionIn) -> Status:
    session = _session(request, council_id, session_id, EDIT)
    group = in_council(Body, payload.group_id, field="group_id", label="tổ đại biểu", council=session.council)
    discussion = services.group_discussion_add(
        session=session, group=group, held_on=payload.held_on, notes=payload.notes, user=request.user
    )
    return Status(201, discussion)


# The convening decision, the minutes, session documents ----------------------------------------


@router.post(
    "/councils/{council_id}/sessions/{session_id}/minutes",
    response={201: PlenaryDocumentRefOut},
    url_name="plenary_minutes_generate",
    summary="Soạn biên bản kỳ họp",
)
def minutes_generate(request: HttpRequest, council_id: int, session_id: int, payload: MinutesIn) -> Status:
    session = _session(request, council_id, session_id, EDIT)
    return Status(201, services.minutes_generate(session=session, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/convening",
    response={201: PlenaryDocumentRefOut},
    url_name="plenary_convening",
    summary="Quyết định triệu tập kỳ họp",
)
def convening(request: HttpRequest, council_id: int, session_id: int, payload: ConveningIn) -> Status:
    """Gắn một văn bản trong sổ (`document_id`), hoặc ban hành quyết định triệu tập mới."""
    session = _session(request, council_id, session_id, EDIT)
    if payload.document_id is not None:
        document = in_council(
            Document, payload.document_id, field="document_id", label="văn bản", council=session.council
        )
        session = services.session_convening_link(session=session, document=document, user=request.user)
    else:
        if payload.issued_on is None:
            raise ValidationError({"issued_on": "Vui lòng nhập ngày ban hành quyết định triệu tập."})
        session = services.session_convening_generate(
            session=session,
            issued_on=payload.issued_on,
            signer_name=payload.signer_name,
            signer_title=payload.signer_title,
            text=payload.text,
            user=request.user,
        )
    return Status(201, session.convening_document)


@router.get(
    "/councils/{council_id}/sessions/{session_id}/documents",
    response=list[SessionDocumentOut],
    url_name="plenary_session_document_list",
    summary="Tài liệu kỳ họp",
)
@paginate(PageNumberPagination, page_size=50)
def session_document_list(request: HttpRequest, council_id: int, session_id: int) -> QuerySet[SessionDocument]:
    return _session(request, council_id, session_id, VIEW).documents.order_by("pk")


@router.post(
    "/councils/{council_id}/sessions/{session_id}/documents",
    response={201: SessionDocumentOut},
    url_name="plenary_session_document_add",
    summary="Thêm tài liệu kỳ họp",
)
def session_document_add(request: HttpRequest, council_id: int, session_id: int, payload: SessionDocumentIn) -> Status:
    """Gắn một văn bản trong sổ hoặc một tờ trình vào tài liệu kỳ họp (tệp tải lên trên màn hình)."""
    session = _session(request, council_id, session_id, EDIT)
    document = in_council(
        Document, payload.document_id or None, field="document_id", label="văn bản", council=session.council
    )
    submission = in_council(
        Submission, payload.submission_id or None, field="submission_id", label="tờ trình của kỳ họp", session=session
    )
    row = services.session_document_add(
        session=session,
        title=payload.title,
        document=document,
        submission=submission,
        public=payload.public,
        user=request.user,
    )
    return Status(201, row)


# Agencies --------------------------------------------------------------------------------------


@router.get(
    "/councils/{council_id}/agency-submissions",
    response=list[AgencySubmissionOut],
    url_name="plenary_agency_submissions",
    summary="Tờ trình của cơ quan tôi",
)
@paginate(PageNumberPagination, page_size=50)
def agency_submissions(request: HttpRequest, council_id: int) -> list[dict]:
    """Tờ trình của các cơ quan mà người dùng trả lời thay, kèm hạn gửi và số ngày muộn (người dùng của cơ quan)."""
    council = council_for_api(request.user, council_id, AGENCY)
    today = dates.today()
    return [
        {**_submission_out(s), "session_number": s.session.number, "received_on": s.complete_on}
        | {"days_late": s.days_late(today)}
        for s in selectors.agency_submissions(user=request.user, council=council)
    ]


@router.patch(
    "/councils/{council_id}/sessions/{session_id}",
    response=PlenarySessionOut,
    url_name="plenary_session_update",
    summary="Sửa kỳ họp, khai mạc, bế mạc",
)
def session_update(request: HttpRequest, council_id: int, session_id: int, payload: SessionPatch) -> Session:
    """Sửa địa điểm, ngày dự kiến; ghi khai mạc (`state: "dang_hop"`, `opened_on`) hay bế mạc
    (`state: "be_mac"`, `closed_on`), như trên màn hình sửa kỳ họp."""
    council = council_for_api(request.user, council_id, EDIT)
    session = selectors.session_get(council=council, pk=session_id)
    return services.session_update(session=session, user=request.user, **payload.dict(exclude_unset=True))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/return",
    response=SubmissionOut,
    url_name="plenary_submission_return",
    summary="Trả lại hồ sơ tờ trình",
)
def submission_return(request: HttpRequest, council_id: int, submission_id: int, payload: SubmissionReturnIn) -> dict:
    sub = _submission(request, council_id, submission_id, EDIT, "return")
    return _submission_out(services.submission_return(submission=sub, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/resubmit",
    response=SubmissionOut,
    url_name="plenary_submission_resubmit",
    summary="Nộp lại hồ sơ đã bị trả lại",
)
def submission_resubmit(
    request: HttpRequest, council_id: int, submission_id: int, payload: SubmissionResubmitIn
) -> dict:
    sub = _submission(request, council_id, submission_id, EDIT, "resubmit")
    return _submission_out(services.submission_resubmit(submission=sub, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/verification/report",
    response=VerificationOut,
    url_name="plenary_verification_report",
    summary="Ghi báo cáo thẩm tra",
)
def verification_report(
    request: HttpRequest, council_id: int, submission_id: int, payload: VerificationReportIn
) -> object:
    """Báo cáo thẩm tra của Ban được phân công (một văn bản trong sổ, ngày ban hành `reported_on`)."""
    sub = _submission(request, council_id, submission_id, VERIFY, "verify")
    return services.verification_report(verification=sub.verification, user=request.user, **payload.dict())


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/verification/explain",
    response=VerificationOut,
    url_name="plenary_verification_explain",
    summary="Ghi giải trình sau thẩm tra",
)
def verification_explain(request: HttpRequest, council_id: int, submission_id: int, payload: ExplainIn) -> object:
    """Giải trình, bổ sung của cơ quan trình sau báo cáo thẩm tra, như trên màn hình hồ sơ tờ trình."""
    sub = _submission(request, council_id, submission_id, EDIT, "explain")
    return services.verification_explain(verification=sub.verification, user=request.user, **payload.dict())


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/resolution/publish",
    response=ResolutionOut,
    url_name="plenary_resolution_publish",
    summary="Công khai nghị quyết",
)
def resolution_publish(request: HttpRequest, council_id: int, submission_id: int) -> Resolution:
    sub = _submission(request, council_id, submission_id, VOTE, "publish")
    services.resolution_publish(resolution=sub.resolution, user=request.user)
    return _resolution_out(council_id, sub.resolution.pk)


@router.post(
    "/councils/{council_id}/questions/{question_id}/answer",
    response=QuestionOut,
    url_name="plenary_question_answer",
    summary="Ghi trả lời chất vấn",
)
def question_answer(request: HttpRequest, council_id: int, question_id: int, payload: QuestionAnswerIn) -> object:
    """Trả lời tại kỳ họp, hoặc bằng văn bản (không kèm trả lời: hạn trả lời bằng văn bản được theo dõi)."""
    council = council_for_api(request.user, council_id, EDIT)
    question = selectors.question_get(council=council, pk=question_id)
    return services.question_answer(question=question, user=request.user, **payload.dict())


@router.post(
    "/councils/{council_id}/questions/{question_id}/commitments",
    response={201: CommitmentOut},
    url_name="plenary_commitment_create",
    summary="Ghi nhận lời hứa sau chất vấn",
)
def commitment_create(request: HttpRequest, council_id: int, question_id: int, payload: CommitmentIn) -> Status:
    """Lời hứa của người trả lời chất vấn, báo cáo tại một kỳ họp sau của cùng Hội đồng (một việc theo dõi)."""
    council = council_for_api(request.user, council_id, EDIT)
    question = selectors.question_get(council=council, pk=question_id)
    next_session = in_council(
        Session, payload.next_session_id, field="next_session_id", label="kỳ họp sau", council=council
    )
    commitment = services.commitment_create(
        question=question, content=payload.content, next_session=next_session, user=request.user
    )
    return Status(201, commitment)


def _row_errors(exc: ValidationError, prefix: str) -> dict[str, str]:
    if not hasattr(exc, "error_dict"):
        return {prefix.rstrip("."): " ".join(exc.messages)}
    return {
        prefix.rstrip(".") if key == "__all__" else f"{prefix}{key}": " ".join(messages)
        for key, messages in exc.message_dict.items()
    }


@router.post(
    "/councils/{council_id}/sessions/{session_id}/resolutions",
    response={201: list[SessionResolutionOut]},
    url_name="plenary_session_resolutions",
    summary="Ghi biểu quyết và ban hành nghị quyết của kỳ họp (nhiều tờ trình)",
)
def session_resolutions(
    request: HttpRequest, council_id: int, session_id: int, payload: SessionResolutionsIn
) -> Status:
    """Mỗi dòng: một tờ trình của kỳ họp, kết quả biểu quyết và (khi thông qua) nghị quyết. Tất cả hoặc không gì
    cả: mọi lỗi của mọi dòng trong một lần trả lời, trường lỗi dạng "items.N.vote.yes", N đếm từ 1."""
    session = _session(request, council_id, session_id, VOTE)
    wanted = {row.submission_id for row in payload.items}
    submissions = {s.pk: s for s in Submission.objects.filter(session=session, pk__in=wanted)}
    errors: dict[str, str] = {}
    done = []
    seen: dict[int, int] = {}
    with transaction.atomic():
        for number, row in enumerate(payload.items, start=1):
            prefix = f"items.{number}."
            submission = submissions.get(row.submission_id)
            if submission is None:
                errors[f"{prefix}submission_id"] = "Không tìm thấy tờ trình trong kỳ họp này."
                continue
            if row.submission_id in seen:
                errors[f"{prefix}submission_id"] = f"Tờ trình đã có ở dòng {seen[row.submission_id]}."
                continue
            seen[row.submission_id] = number
            stage = "vote"
            try:
                with transaction.atomic():
                    vote = services.vote_record(submission=submission, user=request.user, **row.vote.dict())
                    resolution = None
                    if row.resolution is not None:
                        stage = "resolution"
                        resolution = services.resolution_issue(
                            submission=submission, user=request.user, **row.resolution.dict()
                        )
            except ValidationError as exc:
                errors.update(_row_errors(exc, f"{prefix}{stage}."))
                continue
            done.append((submission.pk, vote, resolution))
        if errors:
            # Raised inside the transaction: every row written above is rolled back.
            raise ValidationError(errors)
    ids = [r.pk for _s, _v, r in done if r is not None]
    rows = Resolution.objects.select_related("document")
    resolutions = {
        r.pk: r for r in all_in_council(rows, ids, field="items", label="nghị quyết", submission__session=session)
    }
    return Status(
        201,
        [
            {"submission_id": pk, "vote": vote, "resolution": resolutions.get(r.pk) if r is not None else None}
            for pk, vote, r in done
        ],
    )


@router.post(
    "/councils/{council_id}/sessions/{session_id}/agenda",
    response={201: PlenaryAgendaItemOut},
    url_name="plenary_agenda_add",
    summary="Thêm nội dung chương trình kỳ họp",
)
def agenda_add(request: HttpRequest, council_id: int, session_id: int, payload: PlenaryAgendaItemIn) -> Status:
    """Một nội dung vào cuối chương trình kỳ họp (hoặc ở thứ tự `order`)."""
    session = _session(request, council_id, session_id, EDIT)
    return Status(201, services.agenda_item_add(session=session, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/documents/send",
    response=DocumentsSentOut,
    url_name="plenary_documents_send",
    summary="Gửi tài liệu kỳ họp đến đại biểu",
)
def documents_send(request: HttpRequest, council_id: int, session_id: int, payload: DocumentsSendIn) -> dict:
    """Gửi mọi tài liệu chưa gửi của kỳ họp đến đại biểu, ngày gửi `sent_on` (không sau ngày khai mạc)."""
    session = _session(request, council_id, session_id, EDIT)
    count = services.session_documents_send(session=session, user=request.user, sent_on=payload.sent_on)
    return {"count": count, "due_on": services.documents_due_on(session)}


@router.post(
    "/councils/{council_id}/session-documents/{document_id}/public",
    response=SessionDocumentOut,
    url_name="plenary_document_public",
    summary="Công khai hoặc thôi công khai tài liệu kỳ họp",
)
def document_public(
    request: HttpRequest, council_id: int, document_id: int, payload: SessionDocumentPublicIn
) -> SessionDocument:
    council = council_for_api(request.user, council_id, EDIT)
    doc = selectors.session_document_get(council=council, pk=document_id)
    return services.session_document_set_public(session_document=doc, public=payload.public, user=request.user)
