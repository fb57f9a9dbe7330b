"""Screens of voter contacts and petitions: rounds, meetings with fast entry, import, duplicates,
forwarding, answers, reports, and the public pages (no login, no personal data)."""

import base64
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hdnd.history import history_rows
from hdnd.once import new_key, run_once
from hdnd.views import NOT_DONE, add_service_errors, run_form
from petitions import selectors, services
from petitions.access import ANSWER, EDIT, PERSONAL, VIEW, mask_name, mask_phone
from petitions.excel import petitions_workbook, read_petitions, template_workbook
from petitions.forms import (
    AnswerForm,
    FieldForm,
    FilterForm,
    ForwardForm,
    ImportForm,
    MeetingCreateForm,
    MergeForm,
    PetitionEditForm,
    PetitionEntryForm,
    PlaceForm,
    RoundForm,
)
from petitions.models import Channel, ContactPlace, ContactRound, Level, Petition, PetitionState
from petitions.selectors import level_phrase
from registry.access import agency_bodies, has_perm, require
from registry.models import Body, Council
from registry.security import client_address

PAGE_SIZE = 50
EXPORT_LIMIT = 50000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_SESSION_KEY = "petitions_import"


def _require_any(request: HttpRequest, *perms: str) -> Council:
    """The current council if the user holds any of `perms` there (403 otherwise)."""
    for perm in perms[:-1]:
        council = getattr(request, "council", None)
        if council is not None and has_perm(request.user, council, perm):
            return council
    return require(request, perms[-1])


# Rounds ----------------------------------------------------------------------------------------


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    return render(
        request,
        "petitions/round_list.html",
        {"rounds": list(selectors.round_list(council=council)), "can_edit": has_perm(request.user, council, EDIT)},
    )


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = RoundForm(request.POST or None)
    contact_round = run_form(
        request,
        form,
        lambda d: services.round_create(council=council, user=request.user, **d),
        "Đã tạo đợt tiếp xúc cử tri.",
    )
    if contact_round is not NOT_DONE:
        return redirect("petitions:round_detail", pk=contact_round.pk)
    return render(request, "petitions/form.html", {"form": form, "title": "Thêm đợt tiếp xúc cử tri"})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    contact_round = selectors.round_get(council=council, pk=pk)
    counts = next(
        c for c in selectors.petition_counts(council=council, year=contact_round.year) if c.round == contact_round
    )
    levels = [(level_phrase(council, value), counts.level(value)) for value in Level.values if counts.level(value)]
    return render(
        request,
        "petitions/round_detail.html",
        {
            "round": contact_round,
            "meetings": list(selectors.meeting_list(contact_round=contact_round)),
            "counts": counts,
            "levels": levels,
            "can_edit": has_perm(request.user, council, EDIT),
            "history": history_rows(contact_round),
        },
    )


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    services.round_publish(contact_round=contact_round, published=not contact_round.published, user=request.user)
    messages.success(request, "Đã công khai đợt." if contact_round.published else "Đã ngừng công khai đợt.")
    return redirect("petitions:round_detail", pk=pk)


@login_required
def field_list(request: HttpRequest) -> HttpResponse:
    """The council's taxonomy of fields; the office adds its own beside the defaults."""
    council = require(request, VIEW)
    can_edit = has_perm(request.user, council, EDIT)
    form = FieldForm(request.POST or None)
    if request.method == "POST":
        require(request, EDIT)
        if form.is_valid():
            try:
                services.field_create(
                    council=council, name=form.cleaned_data["name"], position=form.cleaned_data["position"] or 0
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Đã thêm lĩnh vực.")
                return redirect("petitions:field_list")
    return render(
        request,
        "petitions/field_list.html",
        {"fields": list(selectors.fields_of(council)), "form": form, "can_edit": can_edit},
    )


# Meetings and fast entry -----------------------------------------------------------------------


@login_required
def place_list(request: HttpRequest) -> HttpResponse:
    """The council's own villages and residential groups (a commune council meets voters there)."""
    council = require(request, VIEW)
    can_edit = has_perm(request.user, council, EDIT)
    form = PlaceForm(request.POST or None, initial={"active": True})
    if request.method == "POST":
        require(request, EDIT)
    done = run_form(
        request,
        form,
        lambda data: services.place_create(council=council, user=request.user, **data),
        "Đã thêm thôn, tổ dân phố.",
    )
    if done is not NOT_DONE:
        return redirect("petitions:place_list")
    return render(
        request,
        "petitions/place_list.html",
        {"places": list(selectors.place_list(council=council)), "form": form, "can_edit": can_edit},
    )


@login_required
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    place = selectors.place_get(council=council, pk=pk)
    form = PlaceForm(request.POST or None, initial={"name": place.name, "kind": place.kind, "active": place.active})
    done = run_form(
        request,
        form,
        lambda data: services.place_update(place=place, user=request.user, **data),
        "Đã lưu thôn, tổ dân phố.",
    )
    if done is not NOT_DONE:
        return redirect("petitions:place_list")
    return render(request, "petitions/form.html", {"form": form, "title": f"Sửa {place.label}"})


def _meeting_form(request: HttpRequest, council: Council, contact_round: ContactRound, **kwargs: object) -> object:
    """The meeting form offering the communes and places not yet met in the round (plus the meeting's own)."""
    own = kwargs.pop("meeting", None)
    taken = contact_round.meetings.exclude(pk=own.pk if own else None)
    units = services.child_units(council).exclude(pk__in=taken.filter(unit__isnull=False).values("unit_id"))
    places = services.contact_places(council).exclude(
        pk__in=taken.filter(contact_place__isnull=False).values("contact_place_id")
    )
    if own is not None and own.contact_place_id:
        places = places | ContactPlace.objects.filter(pk=own.contact_place_id)
    return MeetingCreateForm(request.POST or None, council=council, units=units, places=places, **kwargs)


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    form = _meeting_form(request, council, contact_round)
    meeting = run_form(
        request,
        form,
        lambda data: services.meeting_create(contact_round=contact_round, user=request.user, **data),
        "Đã thêm hội nghị tiếp xúc cử tri.",
    )
    if meeting is not NOT_DONE:
        return redirect("petitions:meeting_detail", pk=meeting.pk)
    return render(
        request, "petitions/form.html", {"form": form, "title": f"Thêm hội nghị tiếp xúc — {contact_round.label}"}
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    meeting = selectors.meeting_get(council=council, pk=pk)
    initial = {
        "unit": meeting.unit,
        "contact_place": meeting.contact_place,
        "held_on": meeting.held_on,
        "place": meeting.place,
        "form": meeting.form,
        "voters": meeting.voters,
        "delegates": list(meeting.delegates.all()),
        "co_organiser": meeting.co_organiser,
        "minutes": meeting.minutes,
    }
    form = _meeting_form(request, council, meeting.round, meeting=meeting, initial=initial)
    done = run_form(
        request,
        form,
        lambda data: services.meeting_update(meeting=meeting, user=request.user, **data),
        "Đã lưu hội nghị tiếp xúc cử tri.",
    )
    if done is not NOT_DONE:
        return redirect("petitions:meeting_detail", pk=pk)
    return render(request, "petitions/form.html", {"form": form, "title": f"Sửa {meeting}"})


@login_required
@require_POST
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    meeting = selectors.meeting_get(council=council, pk=pk)
    try:
        services.meeting_delete(meeting=meeting, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("petitions:meeting_detail", pk=pk)
    messages.success(request, "Đã xóa hội nghị tiếp xúc cử tri.")
    return redirect("petitions:round_detail", pk=meeting.round_id)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting and the fast entry of its petitions: one row after another, Enter saves (htmx)."""
    council = require(request, VIEW)
    meeting = selectors.meeting_get(council=council, pk=pk)
    can_edit = has_perm(request.user, council, EDIT)
    own_level = {"tinh": Level.PROVINCE, "huyen": Level.DISTRICT, "xa": Level.COMMUNE}.get(council.level)
    form = PetitionEntryForm(request.POST or None, council=council, initial={"voters": 1, "level": own_level})
    created = None
    if request.method == "POST":
        if not can_edit:
            require(request, EDIT)
        if form.is_valid():
            data = form.cleaned_data
            people = (
                [(data["person_name"], data["person_address"], data["person_phone"])] if data["person_name"] else []
            )
            try:
                created = services.petition_create(
                    contact_round=meeting.round,
                    user=request.user,
                    data=services.PetitionData(
                        text=data["text"],
                        unit=meeting.unit,
                        contact_place=meeting.contact_place,
                        level=data["level"],
                        field=data["field"],
                        body=data["body"],
                        meeting=meeting,
                        channel=Channel.MEETING,
                        voters=data["voters"],
                        complaint=data["complaint"],
                        people=people,
                    ),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                # Keep the classification for the next row: petitions of a meeting often share it.
                form = PetitionEntryForm(
                    council=council,
                    initial={"voters": 1, "level": data["level"], "field": data["field"], "body": data["body"]},
                )
        if request.htmx:
            return render(request, "petitions/_entry.html", {"form": form, "meeting": meeting, "created": created})
        if created is not None:
            messages.success(request, "Đã ghi kiến nghị.")
            return redirect("petitions:meeting_detail", pk=pk)
    petitions = list(
        Petition.objects.filter(meeting=meeting).select_related("field", "body", "merged_into").order_by("pk")
    )
    return render(
        request,
        "petitions/meeting_detail.html",
        {"meeting": meeting, "petitions": petitions, "form": form, "can_edit": can_edit},
    )


# Petition list, export, detail -----------------------------------------------------------------


def _filtered(request: HttpRequest, council: Council) -> tuple[FilterForm, object]:
    rounds = list(ContactRound.objects.filter(council=council))
    form = FilterForm(
        request.GET or None,
        rounds=rounds,
        fields=list(selectors.fields_of(council)),
        units=list(services.child_units(council)),
        bodies=list(Body.objects.filter(council=council).order_by("kind", "name")),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.petition_list(
        user=request.user,
        council=council,
        round_id=filters.get("dot"),
        level=filters.get("cap", ""),
        field_id=filters.get("linh_vuc"),
        state=filters.get("trang_thai", ""),
        unit_id=filters.get("xa"),
        body_id=filters.get("co_quan"),
        search=filters.get("q", ""),
    )
    return form, qs


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    council = _require_any(request, ANSWER, VIEW)
    form, qs = _filtered(request, council)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    for p in page:
        p.attribution = services.attribution(p)
    return render(
        request,
        "petitions/petition_list.html",
        {
            "filter": form,
            "page": page,
            "export_query": request.GET.urlencode(),
            "own_only": not has_perm(request.user, council, VIEW),
        },
    )


@login_required
def petition_export(request: HttpRequest) -> HttpResponse:
    council = _require_any(request, ANSWER, VIEW)
    _form, qs = _filtered(request, council)
    personal = has_perm(request.user, council, PERSONAL)
    rows = list((qs.prefetch_related("people") if personal else qs)[:EXPORT_LIMIT])
    if personal:
        services.log_personal_access(
            user=request.user, council=council, petitions=rows, action="export", address=client_address(request)
        )
    response = HttpResponse(petitions_workbook(rows, personal=personal), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kien-nghi-cu-tri.xlsx"'
    return response


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = _require_any(request, ANSWER, VIEW)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    personal = has_perm(request.user, council, PERSONAL)
    people = [
        {
            "name": p.full_name if personal else mask_name(p.full_name),
            "address": p.address if personal else "",
            "phone": p.phone if personal else mask_phone(p.phone),
        }
        for p in petition.people.all()
    ]
    if personal and people:
        services.log_personal_access(
            user=request.user, council=council, petitions=[petition], action="view", address=client_address(request)
        )
    can_edit = has_perm(request.user, council, EDIT)
    can_answer = petition.state in (
        PetitionState.FORWARDED,
        PetitionState.RESOLVING,
        PetitionState.ANSWERED,
        PetitionState.EXPLAINED,
    ) and (can_edit or petition.body_id in agency_bodies(request.user, council))
    accepted = petition.obligation is not None and petition.obligation.state == "hoan_thanh"
    progress = selectors.answer_progress(petition=petition)
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "attribution": services.attribution(petition),
            "people": people,
            "personal": personal,
            "can_edit": can_edit,
            "can_answer": can_answer and not accepted,
            "can_accept": can_edit and petition.obligation is not None and petition.obligation.state == "da_bao_cao",
            "accepted": accepted,
            "progress": progress,
            "answer_form": AnswerForm(council=council, initial={"state": PetitionState.ANSWERED}),
            "history": history_rows(petition),
        },
    )


@login_required
def petition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    initial = {
        "text": petition.text,
        "field": petition.field,
        "level": petition.level,
        "body": petition.body,
        "complaint": petition.complaint,
    }
    form = PetitionEditForm(request.POST or None, council=council, initial=initial)
    done = run_form(
        request,
        form,
        lambda d: services.petition_update(petition=petition, user=request.user, **d),
        "Đã lưu kiến nghị.",
    )
    if done is not NOT_DONE:
        return redirect("petitions:petition_detail", pk=pk)
    return render(request, "petitions/form.html", {"form": form, "title": "Sửa, phân loại kiến nghị"})


@login_required
@require_POST
def petition_answer(request: HttpRequest, pk: int) -> HttpResponse:
    council = _require_any(request, ANSWER, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    form = AnswerForm(request.POST, council=council)
    if form.is_valid():
        try:
            services.petition_answer(petition=petition, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Đã gửi trả lời kiến nghị.")
            return redirect("petitions:petition_detail", pk=pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("petitions:petition_detail", pk=pk)


@login_required
@require_POST
def petition_accept(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    try:
        services.petition_accept(petition=petition, user=request.user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã chấp nhận kết quả trả lời.")
    return redirect("petitions:petition_detail", pk=pk)


@login_required
@require_POST
def petition_split(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    petition = selectors.petition_get(user=request.user, council=council, pk=pk)
    try:
        origins = services.petition_split(petition=petition, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("petitions:petition_detail", pk=pk)
    messages.success(request, f"Đã tách thành {len(origins)} kiến nghị.")
    return redirect("petitions:round_detail", pk=petition.round_id)


# Import ----------------------------------------------------------------------------------------


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    require(request, EDIT)
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-kien-nghi-cu-tri.xlsx"'
    return response


@login_required
def round_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → preview with every row's problems → save all (only when there is no problem)."""
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    form = ImportForm()
    result = None
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(IMPORT_SESSION_KEY) or {}
        if stored.get("round") != contact_round.pk or stored.get("digest") != request.POST.get("confirm"):
            messages.error(request, "Phiên nhập đã hết hạn, vui lòng tải tệp lên lại.")
            return redirect("petitions:round_import", pk=pk)
        result = read_petitions(base64.b64decode(stored["content"]), contact_round)
        if result.ok:
            items = result.items
            try:
                # One preview saves once: a second click, or the same form posted twice at once, is refused.
                created = run_once(
                    f"petitions-import:{stored['digest']}",
                    lambda: services.petitions_bulk_create(contact_round=contact_round, items=items, user=request.user),
                )
            except ValidationError as exc:
                result.message = "Không lưu được: " + " ".join(exc.messages)
            else:
                del request.session[IMPORT_SESSION_KEY]
                messages.success(request, f"Đã nhập {len(created)} kiến nghị.")
                return redirect("petitions:round_detail", pk=pk)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            content = form.cleaned_data["file"].read()
            result = read_petitions(content, contact_round)
            if result.ok:
                digest = new_key()  # per rendered preview, so even the same file imported again is a new save
                request.session[IMPORT_SESSION_KEY] = {
                    "round": contact_round.pk,
                    "digest": digest,
                    "content": base64.b64encode(content).decode(),
                }
                result.digest = digest
    preview = []
    if result is not None and result.ok:
        preview = list(zip(result.rows, result.items, strict=True))[:200]
    return render(
        request,
        "petitions/import.html",
        {"round": contact_round, "form": form, "result": result, "preview": preview},
    )


# Duplicates and merging ------------------------------------------------------------------------


@login_required
def round_duplicates(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    groups = selectors.duplicate_suggestions(contact_round=contact_round)
    for group in groups:
        for p in group:
            p.attribution = services.attribution(p)
    return render(request, "petitions/duplicates.html", {"round": contact_round, "groups": groups})


@login_required
@require_POST
def petition_merge(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    ids = request.POST.getlist("ids")
    form = MergeForm({"ids": ",".join(ids), "text": request.POST.get("text", "")})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(request.POST.get("next") or "petitions:round_list")
    petitions = list(Petition.objects.filter(council=council, pk__in=form.cleaned_data["ids"]))
    if len(petitions) != len(form.cleaned_data["ids"]):
        raise Http404
    try:
        aggregate = services.petition_merge(petitions=petitions, user=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("petitions:round_duplicates", pk=petitions[0].round_id)
    messages.success(request, f"Đã gộp {len(petitions)} kiến nghị.")
    return redirect("petitions:petition_detail", pk=aggregate.pk)


# Forwarding ------------------------------------------------------------------------------------


@login_required
def round_forward(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    form = ForwardForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.petitions_forward(
                contact_round=contact_round,
                body=data["body"],
                user=request.user,
                signer_title=data["signer_title"],
                signer_name=data["signer_name"],
                signer_authority=data["signer_authority"] or "",
                issued_on=data["issued_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Đã chuyển kiến nghị bằng công văn số {document.number_symbol}.")
            return redirect("petitions:round_forward", pk=pk)
    groups = selectors.forward_groups(contact_round=contact_round)
    return render(request, "petitions/forward.html", {"round": contact_round, "form": form, "groups": groups})


# Reports ---------------------------------------------------------------------------------------


@login_required
def report_counts(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else datetime.date.today().year
    counts = selectors.petition_counts(council=council, year=year)
    levels = [(value, level_phrase(council, value)) for value in Level.values]
    table = [
        {
            "round": c.round,
            "levels": [c.level(value) for value, _ in levels],
            "total": c.total,
            "by_field": sorted(c.by_field.items()),
            "by_state": [(PetitionState(s).label, n) for s, n in sorted(c.by_state.items())],
            "sentence": c.sentence(),
            "units": c.units,
        }
        for c in counts
    ]
    return render(request, "petitions/report_counts.html", {"year": year, "levels": levels, "table": table})


@login_required
@require_POST
def round_answer_report(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    try:
        document = services.answer_report_create(contact_round=contact_round, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("petitions:round_detail", pk=pk)
    messages.success(request, "Đã soạn dự thảo báo cáo kết quả trả lời kiến nghị cử tri.")
    return redirect("documents:document_detail", pk=document.pk)


@login_required
@require_POST
def round_answers_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The answers per commune or ward as a notice in the register (its DOCX from the documents engine)."""
    council = require(request, EDIT)
    contact_round = selectors.round_get(council=council, pk=pk)
    try:
        document = services.answers_notice_create(contact_round=contact_round, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("petitions:round_answers_by_unit", pk=pk)
    messages.success(request, "Đã soạn dự thảo thông báo kết quả trả lời theo địa bàn.")
    return redirect("documents:document_detail", pk=document.pk)


@login_required
def round_answers_by_unit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    contact_round = selectors.round_get(council=council, pk=pk)
    units = selectors.answers_by_unit(contact_round=contact_round)
    return render(
        request,
        "petitions/answers_by_unit.html",
        {"round": contact_round, "units": units, "can_edit": has_perm(request.user, council, EDIT)},
    )


# Public pages ----------------------------------------------------------------------------------


def public_round_list(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/public_round_list.html", {"rounds": list(selectors.public_rounds())})


def public_round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact_round = get_object_or_404(selectors.public_rounds(), pk=pk)
    search = request.GET.get("q", "")
    page = Paginator(selectors.public_petitions(contact_round=contact_round, search=search), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    for p in page:
        p.attribution = services.attribution(p)
    return render(request, "petitions/public_round_detail.html", {"round": contact_round, "page": page, "q": search})
