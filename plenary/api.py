"""Session routes of /api/v1/: the same services, selectors and scope as the screens."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from plenary import selectors, services
from plenary.access import ASSIGN, EDIT, MY_DOCUMENTS, QUESTION, VIEW, VOTE
from plenary.models import Resolution, Session, SessionDocument, Submission
from plenary.schemas import (
    AssignIn,
    CountsOut,
    LatenessOut,
    MyDocumentOut,
    QuestionIn,
    QuestionOut,
    ReceiveIn,
    ResolutionIn,
    ResolutionOut,
    SessionDetailOut,
    SessionIn,
    SessionOut,
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
def session_list(request: HttpRequest, council_id: int, year: int | None = None) -> QuerySet[Session]:
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
def counts(request: HttpRequest, council_id: int, year: int) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    data = selectors.plenary_counts(council=council, year=year)
    data["session_ids"] = [s.pk for s in data.pop("session_records")]
    data["resolution_ids"] = [r.pk for r in data.pop("resolution_records")]
    return data


@router.get("/councils/{council_id}/plenary/lateness", response=LatenessOut, url_name="plenary_lateness")
def lateness(request: HttpRequest, council_id: int, year: int) -> dict:
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
