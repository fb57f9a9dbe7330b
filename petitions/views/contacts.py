"""Voter-contact rounds, petition fields, places of contact and contact meetings (with fast entry)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from petitions import selectors, services
from petitions.access import ANSWER, EDIT, VIEW
from petitions.forms import (
    FieldForm,
    MeetingCreateForm,
    PetitionEntryForm,
    PlaceForm,
    RoundForm,
)
from petitions.models import Channel, ContactRound, Level
from petitions.selectors import level_phrase
from registry.access import has_perm, require
from registry.models import Council


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    council = getattr(request, "council", None)
    if council is not None and not has_perm(request.user, council, VIEW) and has_perm(request.user, council, ANSWER):
        # An agency user answers petitions without seeing the rounds: its entry is the list of its own petitions.
        return redirect("petitions:petition_list")
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
    if refused := refuse_closed(request, council, "petitions:round_detail", pk):
        return refused
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
        done = run_form(
            request,
            form,
            lambda d: services.field_create(council=council, name=d["name"], position=d["position"] or 0),
            "Đã thêm lĩnh vực.",
        )
        if done is not NOT_DONE:
            return redirect("petitions:field_list")
    return render(
        request,
        "petitions/field_list.html",
        {"fields": list(selectors.fields_of(council)), "form": form, "can_edit": can_edit},
    )


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
    if refused := refuse_closed(request, council, "petitions:place_list"):
        return refused
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
    units = selectors.child_units(council).exclude(pk__in=taken.filter(unit__isnull=False).values("unit_id"))
    places = selectors.contact_places(council).exclude(
        pk__in=taken.filter(contact_place__isnull=False).values("contact_place_id")
    )
    places = selectors.place_with(places, own.contact_place_id if own else None)
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
    if refused := refuse_closed(request, council, "petitions:meeting_detail", pk):
        return refused
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
    done = run_action(
        request, lambda: services.meeting_delete(meeting=meeting, user=request.user), "Đã xóa hội nghị tiếp xúc cử tri."
    )
    if done is NOT_DONE:
        return redirect("petitions:meeting_detail", pk=pk)
    return redirect("petitions:round_detail", pk=meeting.round_id)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting and the fast entry of its petitions: one row after another, Enter saves (htmx)."""
    council = require(request, VIEW)
    meeting = selectors.meeting_get(council=council, pk=pk)
    can_edit = has_perm(request.user, council, EDIT)
    own_level = services.level_default(council, meeting.round)
    form = PetitionEntryForm(request.POST or None, council=council, initial={"voters": 1, "level": own_level})
    allowed = services.levels_allowed(meeting.round)
    form.fields["level"].choices = [(v, label) for v, label in Level.choices if v in allowed]
    created = None
    if request.method == "POST":
        if not can_edit:
            require(request, EDIT)
        if form.is_valid():
            data = form.cleaned_data
            people = (
                [(data["person_name"], data["person_address"], data["person_phone"])] if data["person_name"] else []
            )
            petition_data = services.PetitionData(
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
            )
            created = run_form(
                request,
                form,
                lambda d: services.petition_create(contact_round=meeting.round, user=request.user, data=petition_data),
                "",
            )
            if created is NOT_DONE:
                created = None
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
    petitions = selectors.meeting_petitions(meeting)
    return render(
        request,
        "petitions/meeting_detail.html",
        {"meeting": meeting, "petitions": petitions, "form": form, "can_edit": can_edit},
    )
