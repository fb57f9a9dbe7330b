"""The standing committee's screens: meetings and their notices, written opinions, the year's counts."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from documents.access import ISSUE
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, add_service_errors, run_form
from registry.access import has_perm, require
from standing import selectors, services
from standing.access import EDIT, OPINE, VIEW
from standing.forms import (
    AgendaDocumentForm,
    AgendaEditForm,
    AgendaForm,
    AttendeeEditForm,
    AttendeeForm,
    ConferenceDocumentForm,
    ConferenceFilterForm,
    ConferenceForm,
    ConferenceTaskForm,
    IssueForm,
    MeetingForm,
    OpinionForm,
    OpinionRequestForm,
    ParagraphEditForm,
    ParagraphForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    SectionEditForm,
    SectionForm,
    WorkItemForm,
    WorkItemLinkForm,
    YearForm,
)
from standing.models import AgendaItem, Attendee, ConferenceTask, OpinionState, Paragraph, Section, WorkItem

PAGE_SIZE = 50


def _page(request: HttpRequest, qs: object) -> object:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))


def _form_page(request: HttpRequest, form: BaseForm, title: str, back: str, submit: str = "Lưu") -> HttpResponse:
    return render(request, "standing/form.html", {"form": form, "title": title, "back": back, "submit": submit})


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# Meetings --------------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = YearForm(request.GET or None)
    year, search = None, ""
    if form.is_valid():
        year, search = form.cleaned_data["year"], form.cleaned_data["q"]
    qs = selectors.meeting_list(council=council, year=year, search=search)
    return render(
        request,
        "standing/meeting_list.html",
        {"page": _page(request, qs), "form": form, "can_edit": has_perm(request.user, council, EDIT)},
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = MeetingForm(request.POST or None, council=council)
    meeting = run_form(
        request, form, lambda d: services.meeting_create(council=council, user=request.user, **d), "Đã ghi phiên họp."
    )
    if meeting is not NOT_DONE:
        return redirect("standing:meeting_detail", pk=meeting.pk)
    return _form_page(request, form, "Ghi phiên họp Thường trực", "standing:meeting_list")


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    meeting = selectors.meeting_get(council=council, pk=pk)
    notice = meeting.notice
    issued = notice is not None and notice.is_frozen
    tasks = [a for s in meeting.sections.all() for p in s.paragraphs.all() for a in p.assignments.all()]
    return render(
        request,
        "standing/meeting_detail.html",
        {
            "meeting": meeting,
            "outline": selectors.outline(meeting),
            "tasks": tasks,
            "issued": issued,
            "pending_tasks": issued and any(a.obligation_id is None for a in tasks),
            "left": services.placeholders(notice) if notice is not None and not issued else [],
            "can_edit": has_perm(request.user, council, EDIT) and not issued,
            "can_issue": has_perm(request.user, council, EDIT) and has_perm(request.user, council, ISSUE),
            "can_generate": has_perm(request.user, council, EDIT),
            "meeting_documents": [
                ("Giấy mời", "giay_moi", meeting.invitation),
                ("Chương trình phiên họp", "chuong_trinh", meeting.programme),
                ("Biên bản", "bien_ban", meeting.minutes),
            ],
            "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}),
            "history": history_rows(meeting),
        },
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    meeting = selectors.meeting_get(council=council, pk=pk)
    initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
    form = MeetingForm(request.POST or None, initial=initial, council=council)
    done = run_form(
        request, form, lambda d: services.meeting_update(meeting=meeting, user=request.user, **d), "Đã lưu phiên họp."
    )
    if done is not NOT_DONE:
        return redirect("standing:meeting_detail", pk=pk)
    return _form_page(request, form, f"Sửa: {meeting}", "standing:meeting_list")


def _meeting_form(
    request: HttpRequest, pk: int, form_class: type, action: Callable, title: str, done: str, **form_kwargs: object
) -> HttpResponse:
    """A form that adds something to a meeting through `action(meeting=, user=, **cleaned_data)`."""
    council = require(request, EDIT)
    meeting = selectors.meeting_get(council=council, pk=pk)
    kwargs = {k: (meeting if v == "meeting" else council) for k, v in form_kwargs.items()}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            action(meeting, request.user, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("standing:meeting_detail", pk=pk)
    return _form_page(request, form, f"{title} — {meeting}", "standing:meeting_list")


@login_required
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        AttendeeForm,
        lambda m, u, data: services.attendee_add(meeting=m, user=u, **data),
        "Thêm thành phần dự họp",
        "Đã thêm thành phần dự họp.",
        council="council",
    )


@login_required
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        AgendaForm,
        lambda m, u, data: services.agenda_add(meeting=m, user=u, **data),
        "Thêm nội dung phiên họp",
        "Đã thêm nội dung.",
    )


@login_required
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        SectionForm,
        lambda m, u, data: services.section_add(meeting=m, user=u, **data),
        "Thêm mục kết luận",
        "Đã thêm mục kết luận.",
        meeting="meeting",
    )


@login_required
def paragraph_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        ParagraphForm,
        lambda m, u, data: services.paragraph_add(user=u, **data),
        "Thêm đoạn kết luận",
        "Đã thêm đoạn kết luận.",
        meeting="meeting",
        council="council",
    )


@login_required
@require_POST
def paragraph_delete(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("section__meeting"), section__meeting__council=council, pk=pk
    )
    meeting = paragraph.section.meeting
    try:
        services.paragraph_delete(paragraph=paragraph, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã xóa đoạn kết luận.")
    return redirect("standing:meeting_detail", pk=meeting.pk)


def _record_action(
    request: HttpRequest, pk: int, get: Callable, detail: str, action: Callable, done: str, perms: tuple[str, ...]
) -> HttpResponse:
    """A POST button on a record's page: run `action(record, user)`, flash the outcome, back to the page."""
    council = require(request, EDIT)
    for perm in perms:
        require(request, perm)
    record = get(council=council, pk=pk)
    try:
        action(record, request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, done)
    return redirect(detail, pk=pk)


def _meeting_action(request: HttpRequest, pk: int, action: Callable, done: str, perms: tuple[str, ...]) -> HttpResponse:
    return _record_action(request, pk, selectors.meeting_get, "standing:meeting_detail", action, done, perms)


@login_required
@require_POST
def notice_generate(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_action(
        request,
        pk,
        lambda m, u: services.notice_generate(meeting=m, user=u),
        "Đã tạo dự thảo thông báo kết luận từ hồ sơ phiên họp.",
        (),
    )


@login_required
@require_POST
def notice_issue(request: HttpRequest, pk: int) -> HttpResponse:
    form = IssueForm(request.POST)
    issued_on = form.cleaned_data["issued_on"] if form.is_valid() else None
    return _meeting_action(
        request,
        pk,
        lambda m, u: services.notice_issue(meeting=m, user=u, issued_on=issued_on),
        "Đã ban hành thông báo kết luận; các nhiệm vụ đã được giao và theo dõi.",
        (ISSUE,),
    )


@login_required
@require_POST
def tasks_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_action(
        request, pk, lambda m, u: services.tasks_assign(meeting=m, user=u), "Đã giao các nhiệm vụ.", ()
    )


# Editing after creation: attendees, agenda items, sections, paragraphs (until the notice is issued) ----

PARTS: dict[str, tuple[type, str, type, Callable, Callable]] = {
    # slug: (model, path to the council, edit form, initial values, update service)
    "thanh-phan": (
        Attendee,
        "meeting__council",
        AttendeeEditForm,
        lambda a: {"present": "1" if a.present else "0", "absence_reason": a.absence_reason},
        lambda r, u, d: services.attendee_update(attendee=r, user=u, **d),
    ),
    "noi-dung": (
        AgendaItem,
        "meeting__council",
        AgendaEditForm,
        lambda i: {"content": i.content, "presenter": i.presenter},
        lambda r, u, d: services.agenda_update(item=r, user=u, **d),
    ),
    "muc": (
        Section,
        "meeting__council",
        SectionEditForm,
        lambda s: {"title": s.title},
        lambda r, u, d: services.section_update(section=r, user=u, **d),
    ),
    "doan": (
        Paragraph,
        "section__meeting__council",
        ParagraphEditForm,
        lambda p: {
            "text": p.text,
            "due_on": p.due_on,
            "bodies": [a.body_id for a in p.assignments.all()],
            "assigns": p.assignments.exists(),
        },
        lambda r, u, d: services.paragraph_update(paragraph=r, user=u, **d),
    ),
}


def _part(request: HttpRequest, part: str, pk: int) -> tuple[object, object]:
    council = require(request, EDIT)
    if part not in PARTS:
        raise Http404
    model, path = PARTS[part][:2]
    related = path.rsplit("__", 1)[0]
    record = get_object_or_404(model.objects.select_related(related), **{path: council}, pk=pk)
    return council, record


def _meeting_pk(record: object) -> int:
    return record.section.meeting_id if isinstance(record, Paragraph) else record.meeting_id


@login_required
def part_edit(request: HttpRequest, part: str, pk: int) -> HttpResponse:
    council, record = _part(request, part, pk)
    _, _, form_class, initial, update = PARTS[part]
    form = form_class(request.POST or None, initial=initial(record), council=council)
    if request.method == "POST" and form.is_valid():
        try:
            update(record, request.user, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("standing:meeting_detail", pk=_meeting_pk(record))
    return _form_page(request, form, f"Sửa — {record}", "standing:meeting_list")


@login_required
@require_POST
def part_move(request: HttpRequest, part: str, pk: int, direction: str) -> HttpResponse:
    _, record = _part(request, part, pk)
    if direction not in ("len", "xuong"):
        raise Http404
    try:
        services.record_move(record=record, up=direction == "len", user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("standing:meeting_detail", pk=_meeting_pk(record))


@login_required
@require_POST
def part_delete(request: HttpRequest, part: str, pk: int) -> HttpResponse:
    _, record = _part(request, part, pk)
    meeting_pk = _meeting_pk(record)
    try:
        services.record_delete(record=record, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã xóa.")
    return redirect("standing:meeting_detail", pk=meeting_pk)


@login_required
@require_POST
def meeting_document_generate(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    return _meeting_action(
        request,
        pk,
        lambda m, u: services.meeting_document_generate(meeting=m, kind=kind, user=u),
        "Đã tạo dự thảo văn bản từ hồ sơ phiên họp.",
        (),
    )


def _agenda_item(council: object, pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__council", "meeting__notice"), meeting__council=council, pk=pk
    )


@login_required
def agenda_document_link(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    item = _agenda_item(council, pk)
    form = AgendaDocumentForm(request.POST or None, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.agenda_document_link(item=item, user=request.user, **d),
        "Đã đính kèm văn bản.",
    )
    if done is not NOT_DONE:
        return redirect("standing:meeting_detail", pk=item.meeting_id)
    return _form_page(request, form, f"Đính kèm văn bản — {item}", "standing:meeting_list")


@login_required
@require_POST
def agenda_document_unlink(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    council = require(request, EDIT)
    item = _agenda_item(council, pk)
    document = get_object_or_404(item.documents.all(), pk=document_pk)
    try:
        services.agenda_document_unlink(item=item, document=document, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã bỏ văn bản đính kèm.")
    return redirect("standing:meeting_detail", pk=item.meeting_id)


# Written opinions ------------------------------------------------------------------------------


@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = YearForm(request.GET or None)
    year, search = None, ""
    if form.is_valid():
        year, search = form.cleaned_data["year"], form.cleaned_data["q"]
    state = request.GET.get("trang_thai", "")
    qs = selectors.opinion_request_list(
        council=council, year=year, search=search, state=state if state in OpinionState.values else ""
    )
    return render(
        request,
        "standing/opinion_list.html",
        {
            "page": _page(request, qs),
            "form": form,
            "state": state,
            "states": OpinionState.choices,
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def opinion_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = OpinionRequestForm(request.POST or None, council=council)
    opinion_request = run_form(
        request,
        form,
        lambda d: services.opinion_request_create(council=council, user=request.user, **d),
        "Đã vào sổ đề nghị cho ý kiến và giao Thường trực theo dõi.",
    )
    if opinion_request is not NOT_DONE:
        return redirect("standing:opinion_detail", pk=opinion_request.pk)
    return _form_page(request, form, "Đề nghị Thường trực cho ý kiến bằng văn bản", "standing:opinion_list")


@login_required
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    opinion_request = selectors.opinion_request_get(council=council, pk=pk)
    is_open = opinion_request.state == OpinionState.OPEN
    return render(
        request,
        "standing/opinion_detail.html",
        {
            "req": opinion_request,
            "is_open": is_open,
            "can_edit": has_perm(request.user, council, EDIT) and is_open,
            "can_opine": has_perm(request.user, council, OPINE) and is_open,
            "can_issue": has_perm(request.user, council, ISSUE) and has_perm(request.user, council, EDIT),
            "left": services.placeholders(opinion_request.reply) if opinion_request.reply and is_open else [],
            "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}),
            "history": history_rows(opinion_request),
        },
    )


@login_required
def opinion_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, OPINE)
    opinion_request = selectors.opinion_request_get(council=council, pk=pk)
    form = OpinionForm(request.POST or None, council=council)
    done = run_form(
        request, form, lambda d: services.opinion_add(request=opinion_request, user=request.user, **d), "Đã ghi ý kiến."
    )
    if done is not NOT_DONE:
        return redirect("standing:opinion_detail", pk=pk)
    return _form_page(request, form, f"Ý kiến thành viên — {opinion_request.subject}", "standing:opinion_list")


def _opinion_action(request: HttpRequest, pk: int, action: Callable, done: str, perms: tuple[str, ...]) -> HttpResponse:
    return _record_action(request, pk, selectors.opinion_request_get, "standing:opinion_detail", action, done, perms)


@login_required
@require_POST
def reply_generate(request: HttpRequest, pk: int) -> HttpResponse:
    return _opinion_action(
        request,
        pk,
        lambda r, u: services.reply_generate(request=r, user=u),
        "Đã tạo dự thảo công văn cho ý kiến.",
        (),
    )


@login_required
@require_POST
def reply_issue(request: HttpRequest, pk: int) -> HttpResponse:
    form = IssueForm(request.POST)
    issued_on = form.cleaned_data["issued_on"] if form.is_valid() else None
    return _opinion_action(
        request,
        pk,
        lambda r, u: services.reply_issue(request=r, user=u, issued_on=issued_on),
        "Đã ban hành công văn cho ý kiến; đề nghị đã được trả lời.",
        (ISSUE,),
    )


# Conferences ----------------------------------------------------------------------------------


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = ConferenceFilterForm(request.GET or None)
    year, search, kind = None, "", ""
    if form.is_valid():
        year, search, kind = form.cleaned_data["year"], form.cleaned_data["q"], form.cleaned_data["kind"]
    qs = selectors.conference_list(council=council, year=year, kind=kind, search=search)
    return render(
        request,
        "standing/conference_list.html",
        {"page": _page(request, qs), "form": form, "can_edit": has_perm(request.user, council, EDIT)},
    )


@login_required
def conference_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = ConferenceForm(request.POST or None, council=council)
    conference = run_form(
        request, form, lambda d: services.conference_create(council=council, user=request.user, **d), "Đã ghi hội nghị."
    )
    if conference is not NOT_DONE:
        return redirect("standing:conference_detail", pk=conference.pk)
    return _form_page(request, form, "Ghi hội nghị liên tịch, trực báo", "standing:conference_list")


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    conference = selectors.conference_get(council=council, pk=pk)
    document = conference.document
    issued = document is not None and document.is_frozen
    can_edit = has_perm(request.user, council, EDIT)
    return render(
        request,
        "standing/conference_detail.html",
        {
            "conference": conference,
            "issued": issued,
            "left": services.placeholders(document) if document is not None and not issued else [],
            "can_edit": can_edit and not issued,
            "can_issue": can_edit and has_perm(request.user, council, ISSUE),
            "document_form": ConferenceDocumentForm(initial={"doc_type": document.doc_type} if document else None),
            "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}),
            "history": history_rows(conference),
        },
    )


@login_required
def conference_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    conference = selectors.conference_get(council=council, pk=pk)
    initial = {name: getattr(conference, name) for name in services.CONFERENCE_FIELDS if name != "participants"}
    initial["participants"] = list(conference.participants.all())
    form = ConferenceForm(request.POST or None, initial=initial, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.conference_update(conference=conference, user=request.user, **d),
        "Đã lưu hội nghị.",
    )
    if done is not NOT_DONE:
        return redirect("standing:conference_detail", pk=pk)
    return _form_page(request, form, f"Sửa: {conference.get_kind_display()}", "standing:conference_list")


@login_required
def conference_task_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    conference = selectors.conference_get(council=council, pk=pk)
    form = ConferenceTaskForm(request.POST or None, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.conference_task_add(conference=conference, user=request.user, **d),
        "Đã thêm nhiệm vụ.",
    )
    if done is not NOT_DONE:
        return redirect("standing:conference_detail", pk=pk)
    return _form_page(request, form, f"Giao nhiệm vụ — {conference.get_kind_display()}", "standing:conference_list")


@login_required
@require_POST
def conference_task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    task = get_object_or_404(ConferenceTask.objects.select_related("conference"), conference__council=council, pk=pk)
    try:
        services.conference_task_delete(task=task, user=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã xóa nhiệm vụ.")
    return redirect("standing:conference_detail", pk=task.conference_id)


def _conference_action(
    request: HttpRequest, pk: int, action: Callable, done: str, perms: tuple[str, ...]
) -> HttpResponse:
    return _record_action(request, pk, selectors.conference_get, "standing:conference_detail", action, done, perms)


@login_required
@require_POST
def conference_document_generate(request: HttpRequest, pk: int) -> HttpResponse:
    form = ConferenceDocumentForm(request.POST)
    doc_type = form.cleaned_data["doc_type"] if form.is_valid() else ""
    return _conference_action(
        request,
        pk,
        lambda c, u: services.conference_document_generate(conference=c, doc_type=doc_type, user=u),
        "Đã tạo dự thảo văn bản của hội nghị từ hồ sơ.",
        (),
    )


@login_required
@require_POST
def conference_document_issue(request: HttpRequest, pk: int) -> HttpResponse:
    form = IssueForm(request.POST)
    issued_on = form.cleaned_data["issued_on"] if form.is_valid() else None
    return _conference_action(
        request,
        pk,
        lambda c, u: services.conference_document_issue(conference=c, user=u, issued_on=issued_on),
        "Đã ban hành văn bản của hội nghị; các nhiệm vụ đã được giao và theo dõi.",
        (ISSUE,),
    )


# The work programme ---------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = ProgrammeFilterForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    return render(
        request,
        "standing/programme_list.html",
        {
            "page": _page(request, selectors.programme_list(council=council, year=year)),
            "form": form,
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = ProgrammeForm(request.POST or None, initial={"year": timezone.localdate().year})
    programme = run_form(
        request,
        form,
        lambda d: services.programme_create(council=council, user=request.user, **d),
        "Đã lập chương trình công tác.",
    )
    if programme is not NOT_DONE:
        return redirect("standing:programme_detail", pk=programme.pk)
    return _form_page(request, form, "Lập chương trình công tác năm", "standing:programme_list")


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    programme = selectors.programme_get(council=council, pk=pk)
    return render(
        request,
        "standing/programme_detail.html",
        {
            "programme": programme,
            "months": selectors.programme_months(programme),
            "can_edit": has_perm(request.user, council, EDIT),
            "history": history_rows(programme),
        },
    )


@login_required
def work_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    programme = selectors.programme_get(council=council, pk=pk)
    form = WorkItemForm(request.POST or None, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.work_item_add(programme=programme, user=request.user, **d),
        "Đã thêm công việc.",
    )
    if done is not NOT_DONE:
        return redirect("standing:programme_detail", pk=pk)
    return _form_page(request, form, f"Thêm công việc — {programme}", "standing:programme_list")


def _work_item(council: object, pk: int) -> WorkItem:
    return get_object_or_404(WorkItem.objects.select_related("programme"), programme__council=council, pk=pk)


@login_required
def work_item_link(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    item = _work_item(council, pk)
    form = WorkItemLinkForm(request.POST or None, council=council, year=item.programme.year)
    if request.method == "POST" and form.is_valid():
        record = selectors.link_record(council=council, key=form.cleaned_data["record"])
        try:
            if record is None:
                raise ValidationError({"record": "Không tìm thấy hoạt động được chọn."})
            services.work_item_link(item=item, record=record, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã ghi nhận công việc đã thực hiện.")
            return redirect("standing:programme_detail", pk=item.programme_id)
    return _form_page(request, form, f"Ghi nhận thực hiện — {item}", "standing:programme_list")


@login_required
@require_POST
def work_item_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    item = _work_item(council, pk)
    services.work_item_unlink(item=item, user=request.user)
    messages.success(request, "Đã bỏ liên kết.")
    return redirect("standing:programme_detail", pk=item.programme_id)


# The year's counts -----------------------------------------------------------------------------


@login_required
def counts(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = YearForm(request.GET or None)
    year = (form.cleaned_data["year"] if form.is_valid() else None) or timezone.localdate().year
    return render(
        request,
        "standing/counts.html",
        {"form": form, "counts": selectors.standing_counts(council=council, year=year)},
    )
