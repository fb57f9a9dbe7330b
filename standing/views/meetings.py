"""The meeting screens: the record, its parts (attendees, agenda, conclusions), its notice and documents."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from documents.access import ISSUE
from hdnd import dates
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from registry.access import has_perm, require
from standing import selectors, services, wording
from standing.access import EDIT, VIEW
from standing.forms import (
    AgendaDocumentForm,
    AgendaEditForm,
    AgendaForm,
    AttendeeEditForm,
    AttendeeForm,
    IssueForm,
    MeetingForm,
    ParagraphEditForm,
    ParagraphForm,
    SectionEditForm,
    SectionForm,
    YearForm,
)
from standing.models import AgendaItem, Attendee, Paragraph, Section
from standing.views._common import _form_page, _page, _record_action


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
            "left": wording.placeholders(notice) if notice is not None and not issued else [],
            "actions": services.meeting_allowed_actions(meeting, request.user),
            "meeting_documents": [
                ("Giấy mời", "giay_moi", meeting.invitation),
                ("Chương trình phiên họp", "chuong_trinh", meeting.programme),
                ("Biên bản", "bien_ban", meeting.minutes),
            ],
            "issue_form": IssueForm(initial={"issued_on": dates.today()}),
            "history": history_rows(meeting),
        },
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    meeting = selectors.meeting_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "standing:meeting_detail", pk):
        return refused
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
    if refused := refuse_closed(request, council, "standing:meeting_detail", pk):
        return refused
    kwargs = {k: (meeting if v == "meeting" else council) for k, v in form_kwargs.items()}
    form = form_class(request.POST or None, **kwargs)
    if run_form(request, form, lambda d: action(meeting, request.user, d), done) is not NOT_DONE:
        return redirect("standing:meeting_detail", pk=pk)
    return _form_page(request, form, f"{title} — {meeting}", "standing:meeting_list")


@login_required
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        AttendeeForm,
        lambda m, u, data: services.attendees_add(
            meeting=m,
            people=list(data["person"]),
            present=data["present"],
            absence_reason=data["absence_reason"],
            user=u,
        ),
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
    paragraph = selectors.paragraph_get(council=council, pk=pk)
    meeting = paragraph.section.meeting
    run_action(
        request, lambda: services.paragraph_delete(paragraph=paragraph, user=request.user), "Đã xóa đoạn kết luận."
    )
    return redirect("standing:meeting_detail", pk=meeting.pk)


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
    record = selectors.meeting_part_get(model=model, council_path=path, council=council, pk=pk)
    return council, record


def _meeting_pk(record: object) -> int:
    return record.section.meeting_id if isinstance(record, Paragraph) else record.meeting_id


@login_required
def part_edit(request: HttpRequest, part: str, pk: int) -> HttpResponse:
    council, record = _part(request, part, pk)
    if refused := refuse_closed(request, council, "standing:meeting_detail", _meeting_pk(record)):
        return refused
    _, _, form_class, initial, update = PARTS[part]
    form = form_class(request.POST or None, initial=initial(record), council=council)
    if run_form(request, form, lambda d: update(record, request.user, d), "Đã lưu thay đổi.") is not NOT_DONE:
        return redirect("standing:meeting_detail", pk=_meeting_pk(record))
    return _form_page(request, form, f"Sửa — {record}", "standing:meeting_list")


@login_required
@require_POST
def part_move(request: HttpRequest, part: str, pk: int, direction: str) -> HttpResponse:
    _, record = _part(request, part, pk)
    if direction not in ("len", "xuong"):
        raise Http404
    run_action(request, lambda: services.record_move(record=record, up=direction == "len", user=request.user), "")
    return redirect("standing:meeting_detail", pk=_meeting_pk(record))


@login_required
@require_POST
def part_delete(request: HttpRequest, part: str, pk: int) -> HttpResponse:
    _, record = _part(request, part, pk)
    meeting_pk = _meeting_pk(record)
    run_action(request, lambda: services.record_delete(record=record, user=request.user), "Đã xóa.")
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
    return selectors.agenda_item_get(council=council, pk=pk)


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
    run_action(
        request,
        lambda: services.agenda_document_unlink(item=item, document=document, user=request.user),
        "Đã bỏ văn bản đính kèm.",
    )
    return redirect("standing:meeting_detail", pk=item.meeting_id)
