"""Standing committee routes of /api/v1/: what the screens do, scoped by council and role."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from documents.access import ISSUE
from documents.models import Document
from hdnd.params import PageNumberPagination, Year
from hdnd.years import council_year
from registry.access import council_for_api, has_perm, record_for_api
from registry.models import Body, Council, Membership, Person
from registry.selectors import all_in_council, in_council
from standing import selectors, services
from standing.access import EDIT, OPINE, VIEW
from standing.models import (
    AgendaItem,
    Assignment,
    Attendee,
    Conference,
    ConferenceTask,
    Meeting,
    MemberOpinion,
    OpinionRequest,
    Paragraph,
    Section,
    WorkItem,
    WorkProgramme,
)
from standing.schemas import (
    AgendaDocumentIn,
    AgendaIn,
    AgendaOut,
    AssignmentOut,
    AttendeeIn,
    AttendeeOut,
    ConferenceDetailOut,
    ConferenceDocumentIn,
    ConferenceIn,
    ConferenceOut,
    ConferencePatch,
    ConferenceTaskIn,
    ConferenceTaskOut,
    DocumentRef,
    MeetingDetailOut,
    MeetingPatch,
    MoveIn,
    OpinionIn,
    OpinionOut,
    OpinionRequestDetailOut,
    OpinionRequestIn,
    OpinionRequestOut,
    ParagraphIn,
    ParagraphOut,
    SectionIn,
    SectionOut,
    StandingCountsOut,
    StandingIssueIn,
    StandingMeetingIn,
    StandingMeetingOut,
    StandingProgrammeDetailOut,
    StandingProgrammeIn,
    StandingProgrammeOut,
    WorkItemIn,
    WorkItemLinkIn,
    WorkItemOut,
)

router = Router(tags=["Thường trực HĐND"])
BASE = "/councils/{council_id}/standing"


def _meeting(request: HttpRequest, council_id: int, meeting_id: int, perm: str) -> Meeting:
    return record_for_api(request, council_id, perm, selectors.meeting_get, meeting_id)


def _chair(council: Council, pk: int) -> Membership:
    return in_council(
        Membership.objects.select_related("person", "body"),
        pk,
        field="chair_id",
        label="người chủ trì",
        body__council=council,
    )


def _paragraph_out(meeting: Meeting, pk: int) -> Paragraph:
    """A paragraph as the answer shows it, with its assignments and their bodies."""
    rows = Paragraph.objects.prefetch_related("assignments__body")
    return in_council(rows, pk, label="đoạn kết luận", section__meeting=meeting)


def _require_issue(request: HttpRequest, council: Council) -> None:
    if not has_perm(request.user, council, ISSUE):
        raise PermissionDenied("Vai trò của bạn không được phép ban hành văn bản.")


@router.get(
    f"{BASE}/meetings",
    response=list[StandingMeetingOut],
    url_name="standing_meeting_list",
    summary="Danh sách phiên họp Thường trực",
)
@paginate(PageNumberPagination, page_size=50)
def meeting_list(request: HttpRequest, council_id: int, year: Year | None = None, q: str = "") -> QuerySet[Meeting]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.meeting_list(council=council, year=year, search=q)


@router.post(
    f"{BASE}/meetings",
    response={201: StandingMeetingOut},
    url_name="standing_meeting_create",
    summary="Tạo phiên họp Thường trực",
)
def meeting_create(request: HttpRequest, council_id: int, payload: StandingMeetingIn) -> tuple[int, Meeting]:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    chair = _chair(council, data.pop("chair_id"))
    return 201, services.meeting_create(council=council, chair=chair, user=request.user, **data)


@router.get(
    f"{BASE}/meetings/{{meeting_id}}",
    response=MeetingDetailOut,
    url_name="standing_meeting_detail",
    summary="Thông tin phiên họp Thường trực",
)
def meeting_detail(request: HttpRequest, council_id: int, meeting_id: int) -> Meeting:
    return _meeting(request, council_id, meeting_id, VIEW)


@router.patch(
    f"{BASE}/meetings/{{meeting_id}}",
    response=StandingMeetingOut,
    url_name="standing_meeting_update",
    summary="Sửa phiên họp Thường trực",
)
def meeting_update(request: HttpRequest, council_id: int, meeting_id: int, payload: MeetingPatch) -> Meeting:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    data = payload.dict(exclude_unset=True)
    if "chair_id" in data:
        data["chair"] = _chair(meeting.council, data.pop("chair_id"))
    return services.meeting_update(meeting=meeting, user=request.user, **data)


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/attendees",
    response={201: AttendeeOut},
    url_name="standing_attendee_add",
    summary="Thêm người dự phiên họp",
)
def attendee_add(request: HttpRequest, council_id: int, meeting_id: int, payload: AttendeeIn) -> tuple[int, Attendee]:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    data = payload.dict()
    person = in_council(Person, data.pop("person_id"), field="person_id", label="người", council=meeting.council)
    return 201, services.attendee_add(meeting=meeting, person=person, user=request.user, **data)


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/agenda",
    response={201: AgendaOut},
    url_name="standing_agenda_add",
    summary="Thêm nội dung chương trình phiên họp",
)
def agenda_add(request: HttpRequest, council_id: int, meeting_id: int, payload: AgendaIn) -> tuple[int, AgendaItem]:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    return 201, services.agenda_add(meeting=meeting, user=request.user, **payload.dict())


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/sections",
    response={201: SectionOut},
    url_name="standing_section_add",
    summary="Thêm mục kết luận",
)
def section_add(request: HttpRequest, council_id: int, meeting_id: int, payload: SectionIn) -> tuple[int, Section]:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    parent = None
    if payload.parent_id is not None:
        parent = in_council(Section, payload.parent_id, field="parent_id", label="mục kết luận", meeting=meeting)
    return 201, services.section_add(meeting=meeting, title=payload.title, parent=parent, user=request.user)


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/paragraphs",
    response={201: ParagraphOut},
    url_name="standing_paragraph_add",
    summary="Thêm đoạn kết luận",
)
def paragraph_add(
    request: HttpRequest, council_id: int, meeting_id: int, payload: ParagraphIn
) -> tuple[int, Paragraph]:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    section = in_council(Section, payload.section_id, field="section_id", label="mục kết luận", meeting=meeting)
    bodies = all_in_council(Body, payload.body_ids, field="body_ids", label="cơ quan", council=meeting.council)
    paragraph = services.paragraph_add(
        section=section,
        text=payload.text,
        assigns=payload.assigns,
        bodies=bodies,
        due_on=payload.due_on,
        user=request.user,
    )
    return 201, _paragraph_out(meeting, paragraph.pk)


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/notice",
    response={201: DocumentRef},
    url_name="standing_notice_generate",
    summary="Soạn thông báo kết luận",
)
def notice_generate(request: HttpRequest, council_id: int, meeting_id: int) -> tuple[int, Document]:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    return 201, services.notice_generate(meeting=meeting, user=request.user)


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/notice/issue",
    response=DocumentRef,
    url_name="standing_notice_issue",
    summary="Ban hành thông báo kết luận",
)
def notice_issue(request: HttpRequest, council_id: int, meeting_id: int, payload: StandingIssueIn) -> Document:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    _require_issue(request, meeting.council)
    return services.notice_issue(meeting=meeting, user=request.user, issued_on=payload.issued_on)


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/documents/{{kind}}",
    response={201: DocumentRef},
    url_name="standing_meeting_document_generate",
    summary="Soạn văn bản của phiên họp",
)
def meeting_document_generate(
    request: HttpRequest, council_id: int, meeting_id: int, kind: str
) -> tuple[int, Document]:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    return 201, services.meeting_document_generate(meeting=meeting, kind=kind, user=request.user)


def _agenda_item(request: HttpRequest, council_id: int, item_id: int) -> AgendaItem:
    return record_for_api(request, council_id, EDIT, selectors.agenda_item_get, item_id)


@router.post(
    f"{BASE}/agenda/{{item_id}}/documents",
    response={201: AgendaOut},
    url_name="standing_agenda_document_link",
    summary="Gắn văn bản vào nội dung chương trình",
)
def agenda_document_link(
    request: HttpRequest, council_id: int, item_id: int, payload: AgendaDocumentIn
) -> tuple[int, AgendaItem]:
    item = _agenda_item(request, council_id, item_id)
    document = in_council(
        Document, payload.document_id, field="document_id", label="văn bản", council=item.meeting.council
    )
    services.agenda_document_link(item=item, document=document, user=request.user)
    return 201, item


@router.post(
    f"{BASE}/agenda/{{item_id}}/documents/{{document_id}}/unlink",
    response=AgendaOut,
    url_name="standing_agenda_document_unlink",
    summary="Gỡ văn bản khỏi nội dung chương trình",
)
def agenda_document_unlink(request: HttpRequest, council_id: int, item_id: int, document_id: int) -> AgendaItem:
    item = _agenda_item(request, council_id, item_id)
    document = in_council(item.documents.all(), document_id, label="văn bản của nội dung này")
    services.agenda_document_unlink(item=item, document=document, user=request.user)
    return item


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/tasks",
    response=list[AssignmentOut],
    url_name="standing_tasks_assign",
    summary="Giao các nhiệm vụ của thông báo kết luận",
)
def tasks_assign(request: HttpRequest, council_id: int, meeting_id: int) -> list[Assignment]:
    """Tạo việc cần theo dõi cho mọi nhiệm vụ của thông báo kết luận đã ban hành còn chưa có (gọi lại không tạo trùng);
    trả lại các nhiệm vụ vừa giao."""
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    return services.tasks_assign(meeting=meeting, user=request.user)


API_PARTS: dict[str, tuple[type, str]] = {
    "attendees": (Attendee, "meeting"),
    "agenda": (AgendaItem, "meeting"),
    "sections": (Section, "meeting"),
    "paragraphs": (Paragraph, "section__meeting"),
}


def _part(request: HttpRequest, council_id: int, meeting_id: int, part: str, pk: int) -> object:
    meeting = _meeting(request, council_id, meeting_id, EDIT)
    if part not in API_PARTS:
        raise Http404
    model, path = API_PARTS[part]
    return in_council(model.objects.select_related(path), pk, label="phần của phiên họp", **{path: meeting})


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/{{part}}/{{pk}}/move",
    response=MeetingDetailOut,
    url_name="standing_part_move",
    summary="Chuyển thứ tự một phần của phiên họp",
)
def part_move(request: HttpRequest, council_id: int, meeting_id: int, part: str, pk: int, payload: MoveIn) -> Meeting:
    record = _part(request, council_id, meeting_id, part, pk)
    services.record_move(record=record, up=payload.up, user=request.user)
    return _meeting(request, council_id, meeting_id, VIEW)


@router.post(
    f"{BASE}/meetings/{{meeting_id}}/{{part}}/{{pk}}/delete",
    response=MeetingDetailOut,
    url_name="standing_part_delete",
    summary="Xóa một phần của phiên họp",
)
def part_delete(request: HttpRequest, council_id: int, meeting_id: int, part: str, pk: int) -> Meeting:
    record = _part(request, council_id, meeting_id, part, pk)
    services.record_delete(record=record, user=request.user)
    return _meeting(request, council_id, meeting_id, VIEW)


@router.patch(
    f"{BASE}/meetings/{{meeting_id}}/agenda/{{pk}}",
    response=AgendaOut,
    url_name="standing_agenda_update",
    summary="Sửa nội dung chương trình",
)
def agenda_update(request: HttpRequest, council_id: int, meeting_id: int, pk: int, payload: AgendaIn) -> AgendaItem:
    item = _part(request, council_id, meeting_id, "agenda", pk)
    return services.agenda_update(item=item, user=request.user, **payload.dict())


@router.patch(
    f"{BASE}/meetings/{{meeting_id}}/paragraphs/{{pk}}",
    response=ParagraphOut,
    url_name="standing_paragraph_update",
    summary="Sửa đoạn kết luận",
)
def paragraph_update(
    request: HttpRequest, council_id: int, meeting_id: int, pk: int, payload: ParagraphIn
) -> Paragraph:
    paragraph = _part(request, council_id, meeting_id, "paragraphs", pk)
    meeting = paragraph.section.meeting
    section = in_council(Section, payload.section_id, field="section_id", label="mục kết luận", meeting=meeting)
    if section.pk != paragraph.section_id:
        raise ValidationError({"section_id": "Đoạn kết luận giữ mục của mình; chuyển mục bằng thao tác chuyển thứ tự."})
    bodies = all_in_council(Body, payload.body_ids, field="body_ids", label="cơ quan", council=meeting.council)
    services.paragraph_update(
        paragraph=paragraph,
        text=payload.text,
        assigns=payload.assigns,
        bodies=bodies,
        due_on=payload.due_on,
        user=request.user,
    )
    return _paragraph_out(meeting, paragraph.pk)


@router.get(
    f"{BASE}/opinion-requests",
    response=list[OpinionRequestOut],
    url_name="standing_opinion_list",
    summary="Danh sách xin ý kiến bằng văn bản",
)
@paginate(PageNumberPagination, page_size=50)
def opinion_list(
    request: HttpRequest, council_id: int, year: Year | None = None, state: str = "", q: str = ""
) -> QuerySet[OpinionRequest]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.opinion_request_list(council=council, year=year, state=state, search=q)


@router.post(
    f"{BASE}/opinion-requests",
    response={201: OpinionRequestOut},
    url_name="standing_opinion_create",
    summary="Tạo phiếu xin ý kiến",
)
def opinion_create(request: HttpRequest, council_id: int, payload: OpinionRequestIn) -> tuple[int, OpinionRequest]:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    sender_id = data.pop("sender_body_id")
    sender = in_council(Body, sender_id, field="sender_body_id", label="cơ quan gửi", council=council)
    return 201, services.opinion_request_create(council=council, sender_body=sender, user=request.user, **data)


def _opinion_request(request: HttpRequest, council_id: int, pk: int, perm: str) -> OpinionRequest:
    return record_for_api(request, council_id, perm, selectors.opinion_request_get, pk)


@router.get(
    f"{BASE}/opinion-requests/{{request_id}}",
    response=OpinionRequestDetailOut,
    url_name="standing_opinion_detail",
    summary="Thông tin phiếu xin ý kiến",
)
def opinion_detail(request: HttpRequest, council_id: int, request_id: int) -> OpinionRequest:
    return _opinion_request(request, council_id, request_id, VIEW)


@router.post(
    f"{BASE}/opinion-requests/{{request_id}}/opinions",
    response={201: OpinionOut},
    url_name="standing_opinion_add",
    summary="Ghi ý kiến của thành viên",
)
def opinion_add(
    request: HttpRequest, council_id: int, request_id: int, payload: OpinionIn
) -> tuple[int, MemberOpinion]:
    opinion_request = _opinion_request(request, council_id, request_id, OPINE)
    person = in_council(
        Person, payload.person_id, field="person_id", label="thành viên", council=opinion_request.council
    )
    return 201, services.opinion_add(
        request=opinion_request, person=person, stance=payload.stance, text=payload.text, user=request.user
    )


@router.post(
    f"{BASE}/opinion-requests/{{request_id}}/reply",
    response={201: DocumentRef},
    url_name="standing_reply_generate",
    summary="Soạn văn bản trả lời",
)
def reply_generate(request: HttpRequest, council_id: int, request_id: int) -> tuple[int, Document]:
    opinion_request = _opinion_request(request, council_id, request_id, EDIT)
    return 201, services.reply_generate(request=opinion_request, user=request.user)


@router.post(
    f"{BASE}/opinion-requests/{{request_id}}/reply/issue",
    response=OpinionRequestOut,
    url_name="standing_reply_issue",
    summary="Ban hành văn bản trả lời",
)
def reply_issue(request: HttpRequest, council_id: int, request_id: int, payload: StandingIssueIn) -> OpinionRequest:
    opinion_request = _opinion_request(request, council_id, request_id, EDIT)
    _require_issue(request, opinion_request.council)
    return services.reply_issue(request=opinion_request, user=request.user, issued_on=payload.issued_on)


def _bodies(council: Council, ids: list[int], field: str) -> list[Body]:
    return all_in_council(Body, ids, field=field, label="cơ quan", council=council)


def _conference(request: HttpRequest, council_id: int, pk: int, perm: str) -> Conference:
    return record_for_api(request, council_id, perm, selectors.conference_get, pk)


@router.get(
    f"{BASE}/conferences",
    response=list[ConferenceOut],
    url_name="standing_conference_list",
    summary="Danh sách hội nghị",
)
@paginate(PageNumberPagination, page_size=50)
def conference_list(
    request: HttpRequest, council_id: int, year: Year | None = None, kind: str = "", q: str = ""
) -> QuerySet[Conference]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.conference_list(council=council, year=year, kind=kind, search=q)


@router.post(
    f"{BASE}/conferences",
    response={201: ConferenceDetailOut},
    url_name="standing_conference_create",
    summary="Tạo hội nghị",
)
def conference_create(request: HttpRequest, council_id: int, payload: ConferenceIn) -> tuple[int, Conference]:
    council = council_for_api(request.user, council_id, EDIT)
    data = payload.dict()
    participants = _bodies(council, data.pop("participant_ids"), "participant_ids")
    conference = services.conference_create(council=council, participants=participants, user=request.user, **data)
    return 201, selectors.conference_get(council=council, pk=conference.pk)


@router.get(
    f"{BASE}/conferences/{{conference_id}}",
    response=ConferenceDetailOut,
    url_name="standing_conference_detail",
    summary="Thông tin hội nghị",
)
def conference_detail(request: HttpRequest, council_id: int, conference_id: int) -> Conference:
    return _conference(request, council_id, conference_id, VIEW)


@router.patch(
    f"{BASE}/conferences/{{conference_id}}",
    response=ConferenceDetailOut,
    url_name="standing_conference_update",
    summary="Sửa hội nghị",
)
def conference_update(
    request: HttpRequest, council_id: int, conference_id: int, payload: ConferencePatch
) -> Conference:
    conference = _conference(request, council_id, conference_id, EDIT)
    data = payload.dict(exclude_unset=True)
    if "participant_ids" in data:
        data["participants"] = _bodies(conference.council, data.pop("participant_ids") or [], "participant_ids")
    services.conference_update(conference=conference, user=request.user, **data)
    return selectors.conference_get(council=conference.council, pk=conference.pk)


@router.post(
    f"{BASE}/conferences/{{conference_id}}/tasks",
    response={201: ConferenceTaskOut},
    url_name="standing_conference_task_add",
    summary="Giao nhiệm vụ từ hội nghị",
)
def conference_task_add(
    request: HttpRequest, council_id: int, conference_id: int, payload: ConferenceTaskIn
) -> tuple[int, ConferenceTask]:
    conference = _conference(request, council_id, conference_id, EDIT)
    body = in_council(Body, payload.body_id, field="body_id", label="cơ quan", council=conference.council)
    task = services.conference_task_add(
        conference=conference, text=payload.text, body=body, due_on=payload.due_on, user=request.user
    )
    return 201, task


@router.delete(
    f"{BASE}/conference-tasks/{{task_id}}",
    response={204: None},
    url_name="standing_conference_task_delete",
    summary="Xóa nhiệm vụ của hội nghị",
)
def conference_task_delete(request: HttpRequest, council_id: int, task_id: int) -> Status:
    """Xóa một nhiệm vụ khi văn bản của hội nghị chưa ban hành (như nút xóa trên màn hình hội nghị)."""
    task = record_for_api(request, council_id, EDIT, selectors.conference_task_get, task_id)
    services.conference_task_delete(task=task, user=request.user)
    return Status(204, None)


@router.post(
    f"{BASE}/conferences/{{conference_id}}/document",
    response={201: DocumentRef},
    url_name="standing_conference_document_generate",
    summary="Soạn văn bản của hội nghị",
)
def conference_document_generate(
    request: HttpRequest, council_id: int, conference_id: int, payload: ConferenceDocumentIn
) -> tuple[int, Document]:
    conference = _conference(request, council_id, conference_id, EDIT)
    return 201, services.conference_document_generate(
        conference=conference, doc_type=payload.doc_type, user=request.user
    )


@router.post(
    f"{BASE}/conferences/{{conference_id}}/document/issue",
    response=DocumentRef,
    url_name="standing_conference_document_issue",
    summary="Ban hành văn bản của hội nghị",
)
def conference_document_issue(
    request: HttpRequest, council_id: int, conference_id: int, payload: StandingIssueIn
) -> Document:
    conference = _conference(request, council_id, conference_id, EDIT)
    _require_issue(request, conference.council)
    return services.conference_document_issue(conference=conference, user=request.user, issued_on=payload.issued_on)


@router.get(
    f"{BASE}/programmes",
    response=list[StandingProgrammeOut],
    url_name="standing_programme_list",
    summary="Danh sách chương trình công tác",
)
@paginate(PageNumberPagination, page_size=50)
def programme_list(request: HttpRequest, council_id: int, year: Year | None = None) -> QuerySet[WorkProgramme]:
    council = council_for_api(request.user, council_id, VIEW)
    return selectors.programme_list(council=council, year=year)


@router.post(
    f"{BASE}/programmes",
    response={201: StandingProgrammeOut},
    url_name="standing_programme_create",
    summary="Tạo chương trình công tác",
)
def programme_create(request: HttpRequest, council_id: int, payload: StandingProgrammeIn) -> tuple[int, WorkProgramme]:
    council = council_for_api(request.user, council_id, EDIT)
    return 201, services.programme_create(council=council, user=request.user, **payload.dict())


def _programme_detail(programme: WorkProgramme) -> dict:
    rows = [row for _, month in selectors.programme_months(programme) for row in month]
    for row in rows:
        row.item.status = row.status
    return {
        "id": programme.pk,
        "year": programme.year,
        "owner": programme.owner,
        "title": programme.title,
        "items": [r.item for r in rows],
    }


@router.get(
    f"{BASE}/programmes/{{programme_id}}",
    response=StandingProgrammeDetailOut,
    url_name="standing_programme_detail",
    summary="Thông tin chương trình công tác",
)
def programme_detail(request: HttpRequest, council_id: int, programme_id: int) -> dict:
    return _programme_detail(record_for_api(request, council_id, VIEW, selectors.programme_get, programme_id))


@router.post(
    f"{BASE}/programmes/{{programme_id}}/items",
    response={201: WorkItemOut},
    url_name="standing_work_item_add",
    summary="Thêm việc vào chương trình công tác",
)
def work_item_add(
    request: HttpRequest, council_id: int, programme_id: int, payload: WorkItemIn
) -> tuple[int, WorkItem]:
    programme = record_for_api(request, council_id, EDIT, selectors.programme_get, programme_id)
    body = in_council(Body, payload.body_id, field="body_id", label="cơ quan", council=programme.council)
    item = services.work_item_add(
        programme=programme, month=payload.month, content=payload.content, body=body, user=request.user
    )
    return 201, item


def _item(request: HttpRequest, council_id: int, item_id: int) -> tuple[Council, WorkItem]:
    council = council_for_api(request.user, council_id, EDIT)
    item = selectors.work_item_get(council=council, pk=item_id)
    return council, item


@router.post(
    f"{BASE}/work-items/{{item_id}}/link",
    response=WorkItemOut,
    url_name="standing_work_item_link",
    summary="Gắn việc của chương trình với hồ sơ",
)
def work_item_link(request: HttpRequest, council_id: int, item_id: int, payload: WorkItemLinkIn) -> WorkItem:
    council, item = _item(request, council_id, item_id)
    record = selectors.link_record(council=council, key=payload.record)
    if record is None:
        raise ValidationError({"record": "Không tìm thấy hoạt động được chọn."})
    return services.work_item_link(item=item, record=record, user=request.user)


@router.post(
    f"{BASE}/work-items/{{item_id}}/unlink",
    response=WorkItemOut,
    url_name="standing_work_item_unlink",
    summary="Gỡ liên kết việc của chương trình",
)
def work_item_unlink(request: HttpRequest, council_id: int, item_id: int) -> WorkItem:
    _, item = _item(request, council_id, item_id)
    return services.work_item_unlink(item=item, user=request.user)


@router.get(
    f"{BASE}/counts",
    response=StandingCountsOut,
    url_name="standing_counts",
    summary="Số liệu hoạt động của Thường trực",
)
def counts(request: HttpRequest, council_id: int, year: Year | None = None) -> dict:
    council = council_for_api(request.user, council_id, VIEW)
    data = selectors.standing_counts(council=council, year=year or council_year(council))
    return {
        **data,
        "meeting_ids": [m.pk for m in data["meetings"]],
        "opinion_request_ids": [r.pk for r in data["opinion_requests"]],
        "conference_ids": [c.pk for c in data["conferences"]],
    }
