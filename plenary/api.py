"""Session routes of /api/v1/: the same services, selectors and scope as the screens."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from documents.models import Document
from hdnd.params import PageNumberPagination, Year
from plenary import selectors, services
from plenary.access import AGENCY, ASSIGN, EDIT, MY_DOCUMENTS, QUESTION, VIEW, VOTE
from plenary.models import AgendaItem, GroupDiscussion, Resolution, Session, SessionDocument, Speech, Submission
from plenary.schemas import (
    AgencySubmissionOut,
    AssignIn,
    AttendanceIn,
    AttendanceOut,
    ConveningIn,
    CountsOut,
    DocumentRefOut,
    GroupDiscussionIn,
    GroupDiscussionOut,
    LatenessOut,
    MinutesIn,
    MyDocumentOut,
    QuestionIn,
    QuestionOut,
    ReceiveIn,
    ResolutionIn,
    ResolutionOut,
    SessionDetailOut,
    SessionDocumentIn,
    SessionDocumentOut,
    SessionIn,
    SessionOut,
    SpeechIn,
    SpeechOut,
    SubmissionIn,
    SubmissionOut,
    VerificationOut,
    VoteIn,
    VoteOut,
)
from registry.access import council_for_api
from registry.models import Body, Delegate, Person, Term

router = Router(tags=["Kỳ họp"])


def _submission_out(sub: Submission) -> dict:
    return {
        **{f: getattr(sub, f) for f in ("id", "session_id", "kind", "title", "agency_id", "normative", "due_on")},
        "received_on": sub.complete_on,
        "state": sub.state,
        "days_late": sub.days_late(datetime.date.today()),
        "missing_items": sub.missing_items if sub.state != "cho_nop" else [],
        "checklist": sub.checklist,
    }


@router.get("/councils/{council_id}/sessions", response=list[SessionOut], url_name="plenary_session_list")
@paginate(PageNumberPagination, page_size=50)
def session_list(request: HttpRequest, council_id: int, year: Year | None = None) -> QuerySet[Session]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.session_list(council=council, year=year)


@router.post("/councils/{council_id}/sessions", response={201: SessionOut}, url_name="plenary_session_create")
def session_create(request: HttpRequest, council_id: int, payload: SessionIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    term = get_object_or_404(Term, council=council, pk=data.pop("term_id"))
    return Status(201, services.session_create(council=council, term=term, user=request.user, **data))


@router.get(
    "/councils/{council_id}/sessions/{session_id}", response=SessionDetailOut, url_name="plenary_session_detail"
)
def session_detail(request: HttpRequest, council_id: int, session_id: int) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    session = selectors.session_get(council=council, pk=session_id)
    out = SessionOut.from_orm(session).dict()
    out["submissions"] = [_submission_out(s) for s in session.submissions.all()]
    return out


@router.post(
    "/councils/{council_id}/sessions/{session_id}/submissions",
    response={201: SubmissionOut},
    url_name="plenary_submission_create",
)
def submission_create(request: HttpRequest, council_id: int, session_id: int, payload: SubmissionIn) -> Status:
    council = council_for_api(request.user, council_id, EDIT)
    session = selectors.session_get(council=council, pk=session_id)
    data = payload.dict()
    agency = get_object_or_404(Body, council=council, pk=data.pop("agency_id"))
    sub = services.submission_create(session=session, agency=agency, user=request.user, **data)
    return Status(201, _submission_out(sub))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/receive",
    response=SubmissionOut,
    url_name="plenary_submission_receive",
)
def submission_receive(request: HttpRequest, council_id: int, submission_id: int, payload: ReceiveIn) -> dict:
    council = council_for_api(request.user, council_id, EDIT)
    sub = selectors.submission_get(council=council, pk=submission_id)
    return _submission_out(services.submission_receive(submission=sub, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/verification",
    response={201: VerificationOut},
    url_name="plenary_verification_assign",
)
def verification_assign(request: HttpRequest, council_id: int, submission_id: int, payload: AssignIn) -> Status:
    council = council_for_api(request.user, council_id, ASSIGN)
    sub = selectors.submission_get(council=council, pk=submission_id)
    committee = get_object_or_404(Body, council=council, pk=payload.committee_id)
    return Status(
        201,
        services.verification_assign(
            submission=sub, committee=committee, assigned_on=payload.assigned_on, user=request.user
        ),
    )


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/vote", response={201: VoteOut}, url_name="plenary_vote_record"
)
def vote_record(request: HttpRequest, council_id: int, submission_id: int, payload: VoteIn) -> Status:
    council = council_for_api(request.user, council_id, VOTE)
    sub = selectors.submission_get(council=council, pk=submission_id)
    return Status(201, services.vote_record(submission=sub, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/submissions/{submission_id}/resolution",
    response={201: ResolutionOut},
    url_name="plenary_resolution_issue",
)
def resolution_issue(request: HttpRequest, council_id: int, submission_id: int, payload: ResolutionIn) -> Status:
    council = council_for_api(request.user, council_id, VOTE)
    sub = selectors.submission_get(council=council, pk=submission_id)
    resolution = services.resolution_issue(submission=sub, user=request.user, **payload.dict())
    return Status(201, Resolution.objects.select_related("document").get(pk=resolution.pk))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/questions",
    response={201: QuestionOut},
    url_name="plenary_question_create",
)
def question_create(request: HttpRequest, council_id: int, session_id: int, payload: QuestionIn) -> Status:
    council = council_for_api(request.user, council_id, QUESTION)
    session = selectors.session_get(council=council, pk=session_id)
    delegate = get_object_or_404(Delegate, term__council=council, pk=payload.delegate_id)
    return Status(
        201,
        services.question_create(
            session=session,
            delegate=delegate,
            addressee=get_object_or_404(Person, council=council, pk=payload.addressee_id),
            addressee_body=get_object_or_404(Body, council=council, pk=payload.addressee_body_id),
            content=payload.content,
            asked_on=payload.asked_on,
            user=request.user,
        ),
    )


@router.get("/councils/{council_id}/plenary/counts", response=CountsOut, url_name="plenary_counts")
def counts(request: HttpRequest, council_id: int, year: Year) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    data = selectors.plenary_counts(council=council, year=year)
    data["session_ids"] = [s.pk for s in data.pop("session_records")]
    data["resolution_ids"] = [r.pk for r in data.pop("resolution_records")]
    return data


@router.get("/councils/{council_id}/plenary/lateness", response=LatenessOut, url_name="plenary_lateness")
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
    "/councils/{council_id}/my-session-documents", response=list[MyDocumentOut], url_name="plenary_my_documents"
)
def my_documents(request: HttpRequest, council_id: int) -> list[SessionDocument]:
    council = council_for_api(request.user, council_id, MY_DOCUMENTS)
    delegate = selectors.delegate_for_user(request.user, council)
    if delegate is None:
        return []
    return list(selectors.my_documents(council=council, delegate=delegate, on=datetime.date.today()))


# During the session ----------------------------------------------------------------------------


def _session(request: HttpRequest, council_id: int, session_id: int, perm: str) -> Session:
    council = council_for_api(request.user, council_id, perm)
    return get_object_or_404(Session.objects.select_related("council", "term"), council=council, pk=session_id)


def _attendance_out(session: Session, day: datetime.date) -> list[dict]:
    return [
        {"delegate_id": r.delegate.pk, "name": r.delegate.person.full_name, "presence": r.presence, "reason": r.reason}
        for r in selectors.attendance_grid(session=session, day=day)
    ]


@router.get(
    "/councils/{council_id}/sessions/{session_id}/attendance",
    response=list[AttendanceOut],
    url_name="plenary_attendance",
)
def attendance(request: HttpRequest, council_id: int, session_id: int, day: datetime.date) -> list[dict]:
    """Every delegate in office on the day, with the presence recorded ("" while not recorded)."""
    return _attendance_out(_session(request, council_id, session_id, VIEW), day)


@router.post(
    "/councils/{council_id}/sessions/{session_id}/attendance",
    response=list[AttendanceOut],
    url_name="plenary_attendance_record",
)
def attendance_record(request: HttpRequest, council_id: int, session_id: int, payload: AttendanceIn) -> list[dict]:
    session = _session(request, council_id, session_id, EDIT)
    services.attendance_record(
        session=session,
        day=payload.day,
        presence={r.delegate_id: r.presence for r in payload.rows},
        reasons={r.delegate_id: r.reason for r in payload.rows if r.reason},
        user=request.user,
    )
    return _attendance_out(session, payload.day)


@router.get(
    "/councils/{council_id}/sessions/{session_id}/speeches", response=list[SpeechOut], url_name="plenary_speech_list"
)
@paginate(PageNumberPagination, page_size=50)
def speech_list(request: HttpRequest, council_id: int, session_id: int) -> QuerySet[Speech]:
    return selectors.speech_list(session=_session(request, council_id, session_id, VIEW))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/speeches",
    response={201: SpeechOut},
    url_name="plenary_speech_add",
)
def speech_add(request: HttpRequest, council_id: int, session_id: int, payload: SpeechIn) -> Status:
    session = _session(request, council_id, session_id, EDIT)
    delegate = get_object_or_404(Delegate, term__council=session.council, pk=payload.delegate_id)
    item = get_object_or_404(AgendaItem, session=session, pk=payload.item_id) if payload.item_id else None
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
)
@paginate(PageNumberPagination, page_size=50)
def group_discussion_list(request: HttpRequest, council_id: int, session_id: int) -> QuerySet[GroupDiscussion]:
    return selectors.group_discussion_list(session=_session(request, council_id, session_id, VIEW))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/group-discussions",
    response={201: GroupDiscussionOut},
    url_name="plenary_group_discussion_add",
)
def group_discussion_add(request: HttpRequest, council_id: int, session_id: int, payload: GroupDiscussionIn) -> Status:
    session = _session(request, council_id, session_id, EDIT)
    group = get_object_or_404(Body, council=session.council, pk=payload.group_id)
    discussion = services.group_discussion_add(
        session=session, group=group, held_on=payload.held_on, notes=payload.notes, user=request.user
    )
    return Status(201, discussion)


# The convening decision, the minutes, session documents ----------------------------------------


@router.post(
    "/councils/{council_id}/sessions/{session_id}/minutes",
    response={201: DocumentRefOut},
    url_name="plenary_minutes_generate",
)
def minutes_generate(request: HttpRequest, council_id: int, session_id: int, payload: MinutesIn) -> Status:
    session = _session(request, council_id, session_id, EDIT)
    return Status(201, services.minutes_generate(session=session, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/sessions/{session_id}/convening",
    response={201: DocumentRefOut},
    url_name="plenary_convening",
)
def convening(request: HttpRequest, council_id: int, session_id: int, payload: ConveningIn) -> Status:
    """Link a document of the register (`document_id`), or issue a new convening decision."""
    session = _session(request, council_id, session_id, EDIT)
    if payload.document_id is not None:
        document = get_object_or_404(Document, council=session.council, pk=payload.document_id)
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
)
@paginate(PageNumberPagination, page_size=50)
def session_document_list(request: HttpRequest, council_id: int, session_id: int) -> QuerySet[SessionDocument]:
    return _session(request, council_id, session_id, VIEW).documents.order_by("pk")


@router.post(
    "/councils/{council_id}/sessions/{session_id}/documents",
    response={201: SessionDocumentOut},
    url_name="plenary_session_document_add",
)
def session_document_add(request: HttpRequest, council_id: int, session_id: int, payload: SessionDocumentIn) -> Status:
    """Link a register document or a submission to the session's documents (files are uploaded on the screen)."""
    session = _session(request, council_id, session_id, EDIT)
    document = (
        get_object_or_404(Document, council=session.council, pk=payload.document_id) if payload.document_id else None
    )
    submission = (
        get_object_or_404(Submission, session=session, pk=payload.submission_id) if payload.submission_id else None
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
)
@paginate(PageNumberPagination, page_size=50)
def agency_submissions(request: HttpRequest, council_id: int) -> list[dict]:
    """The submissions of the agencies the user answers for, with due dates and lateness (agency users)."""
    council = council_for_api(request.user, council_id, AGENCY)
    today = datetime.date.today()
    return [
        {**_submission_out(s), "session_number": s.session.number, "received_on": s.complete_on}
        | {"days_late": s.days_late(today)}
        for s in selectors.agency_submissions(user=request.user, council=council)
    ]
