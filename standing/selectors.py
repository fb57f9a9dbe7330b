"""Every read of the standing committee's work, scoped to the council and shaped for fixed query counts."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from hdnd import dates
from hdnd.text import fold
from registry.models import Body, Council, Membership, Person
from registry.selectors import standing_committee
from standing import programme_links
from standing.models import (
    AgendaItem,
    Assignment,
    Attendee,
    Conference,
    ConferenceTask,
    Meeting,
    MemberOpinion,
    OpinionRequest,
    OpinionState,
    Paragraph,
    Section,
    WorkItem,
    WorkProgramme,
    opinion_state_q,
)
from standing.wording import LETTERS, link_text


def meeting_list(*, council: Council, year: int | None = None, search: str = "") -> QuerySet[Meeting]:
    """The council's meetings, newest first, with chair and notice loaded and the number of tasks counted."""
    qs = Meeting.objects.filter(council=council).select_related("chair__person", "chair__body", "notice")
    if year:
        qs = qs.filter(held_on__year=year)
    if search:
        qs = qs.filter(purpose_folded__contains=fold(search))
    return qs.annotate(task_count=Count("sections__paragraphs__assignments", distinct=True)).order_by("-held_on", "-pk")


def meeting_get(*, council: Council, pk: int) -> Meeting:
    """One meeting with everything its page shows; 404 outside the council."""
    paragraphs = Paragraph.objects.prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("body", "obligation"))
    )
    sections = Section.objects.prefetch_related(Prefetch("paragraphs", queryset=paragraphs))
    return get_object_or_404(
        Meeting.objects.select_related(
            "council", "chair__person", "chair__body", "notice", "invitation", "programme", "minutes", "created_by"
        ).prefetch_related(
            Prefetch("attendees", queryset=Attendee.objects.select_related("person")),
            Prefetch("agenda", queryset=AgendaItem.objects.prefetch_related("documents")),
            Prefetch("sections", queryset=sections),
        ),
        council=council,
        pk=pk,
    )


def outline(meeting: Meeting) -> list[tuple[str, Section, list[tuple[str, Section]]]]:
    """The prefetched sections as (number, section, [(letter, sub-section)]), numbered as in the notice."""
    sections = list(meeting.sections.all())
    out = []
    top = [s for s in sections if s.parent_id is None]
    for number, section in enumerate(top, start=1):
        children = [s for s in sections if s.parent_id == section.pk]
        out.append((f"{number}.", section, [(f"{LETTERS[i % len(LETTERS)]})", c) for i, c in enumerate(children)]))
    return out


def chair_choices(*, council: Council) -> QuerySet[Membership]:
    """Memberships of the standing committee (any period): a meeting's chair is one of them."""
    body = standing_committee(council)
    return (
        Membership.objects.filter(body=body)
        .select_related("person", "body")
        .order_by("-starts_on", "role", "person__name_folded")
    )


def people_choices(*, council: Council) -> QuerySet[Person]:
    return Person.objects.filter(council=council).order_by("name_folded", "pk")


def member_choices(*, council: Council) -> QuerySet[Person]:
    """People who ever sat on the standing committee (the service checks the day)."""
    body = standing_committee(council)
    return Person.objects.filter(memberships__body=body).distinct().order_by("name_folded", "pk")


def body_choices(*, council: Council) -> QuerySet[Body]:
    return Body.objects.filter(council=council, active=True).order_by("kind", "name")


def opinion_request_list(
    *, council: Council, year: int | None = None, state: str = "", search: str = ""
) -> QuerySet[OpinionRequest]:
    """The council's requests for written opinions, with their documents and obligation loaded."""
    qs = OpinionRequest.objects.filter(council=council).select_related(
        "request_document__sender_body", "reply", "obligation"
    )
    if year:
        qs = qs.filter(received_on__year=year)
    if state:
        qs = qs.filter(opinion_state_q(state))
    if search:
        qs = qs.filter(subject_folded__contains=fold(search))
    return qs.annotate(opinion_count=Count("opinions")).order_by("-received_on", "-pk")


def opinion_request_get(*, council: Council, pk: int) -> OpinionRequest:
    """One request with its opinions; 404 outside the council."""
    return get_object_or_404(
        OpinionRequest.objects.select_related(
            "council", "request_document__sender_body", "reply", "obligation"
        ).prefetch_related(Prefetch("opinions", queryset=MemberOpinion.objects.select_related("person"))),
        council=council,
        pk=pk,
    )


def standing_counts(*, council: Council, year: int, on: datetime.date | None = None) -> dict:
    """The year's figures for the annual report (seed 000, section I.2), with the records behind each.

    - meetings_held: meetings held in the year up to `on` (today by default); `meetings` lists them;
    - written_opinions: requests answered in the year (their obligation reported done, from any screen —
      normally by issuing the letter); `opinion_requests` lists them and `opinion_subjects` gives their
      subjects, in order, for the report's footnote;
    - conferences_held: joint and briefing conferences held in the year up to `on`; `conferences` lists them
      (str() names the kind, day and subject; `held_on` is the day).
    """
    on = on or dates.today()
    meetings = list(
        Meeting.objects.filter(council=council, held_on__year=year, held_on__lte=on)
        .select_related("chair__person", "notice")
        .order_by("held_on", "pk")
    )
    answered = list(
        OpinionRequest.objects.filter(council=council, obligation__reported_on__year=year)
        .filter(opinion_state_q(OpinionState.ANSWERED))
        .select_related("reply", "request_document", "obligation")
        .order_by("received_on", "pk")
    )
    conferences = list(
        Conference.objects.filter(council=council, held_on__year=year, held_on__lte=on)
        .select_related("document")
        .order_by("held_on", "pk")
    )
    return {
        "year": year,
        "meetings_held": len(meetings),
        "meetings": meetings,
        "written_opinions": len(answered),
        "opinion_requests": answered,
        "opinion_subjects": [r.subject for r in answered],
        "conferences_held": len(conferences),
        "conferences": conferences,
    }


def conference_list(
    *, council: Council, year: int | None = None, kind: str = "", search: str = ""
) -> QuerySet[Conference]:
    """The council's conferences, newest first, with their document loaded and tasks counted."""
    qs = Conference.objects.filter(council=council).select_related("document")
    if year:
        qs = qs.filter(held_on__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(subject_folded__contains=fold(search))
    return (
        qs.prefetch_related(Prefetch("participants", queryset=Body.objects.order_by("kind", "name")))
        .annotate(task_count=Count("tasks", distinct=True))
        .order_by("-held_on", "-pk")
    )


def conference_get(*, council: Council, pk: int) -> Conference:
    """One conference with its participants and tasks; 404 outside the council."""
    return get_object_or_404(
        Conference.objects.select_related("council", "document", "created_by").prefetch_related(
            Prefetch("participants", queryset=Body.objects.order_by("kind", "name")),
            Prefetch("tasks", queryset=ConferenceTask.objects.select_related("body", "obligation")),
        ),
        council=council,
        pk=pk,
    )


# The work programme ---------------------------------------------------------------------------

DONE, NOT_DONE, PLANNED = "da_thuc_hien", "chua_thuc_hien", "trong_ke_hoach"
STATUS_LABELS = {DONE: "Đã thực hiện", NOT_DONE: "Không thực hiện (đã qua tháng)", PLANNED: "Trong kế hoạch"}


def item_status(item: WorkItem, year: int, on: datetime.date) -> str:
    """Done when linked to what carried it out; not done once its month has ended on `on`; else planned."""
    if item.done_id is not None:
        return DONE
    last = datetime.date(year, item.month, calendar.monthrange(year, item.month)[1])
    return NOT_DONE if last < on else PLANNED


def item_url(item: WorkItem) -> str | None:
    """The page of the record that carried the item out (None when unlinked or its app has no page)."""
    if item.done_type_id is None:
        return None
    kind = programme_links.LINKS.get(f"{item.done_type.app_label}.{item.done_type.model}")
    try:
        return reverse(kind[2], args=[item.done_id]) if kind else None
    except NoReverseMatch:
        return None


def programme_list(*, council: Council, year: int | None = None) -> QuerySet[WorkProgramme]:
    """The council's programmes, newest year first, with their items and done items counted."""
    qs = WorkProgramme.objects.filter(council=council)
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(
        item_count=Count("items"), done_count=Count("items", filter=Q(items__done_id__isnull=False))
    ).order_by("-year", "owner", "pk")


def programme_get(*, council: Council, pk: int) -> WorkProgramme:
    """One programme with its items (body and link type loaded); 404 outside the council."""
    return get_object_or_404(
        WorkProgramme.objects.select_related("council", "created_by").prefetch_related(
            Prefetch("items", queryset=WorkItem.objects.select_related("body", "done_type"))
        ),
        council=council,
        pk=pk,
    )


@dataclass
class ItemRow:
    item: WorkItem
    status: str
    status_label: str
    url: str | None

    @property
    def not_done(self) -> bool:
        """The item's month has passed with nothing linked to it: shown in bold."""
        return self.status == NOT_DONE


def programme_months(programme: WorkProgramme, on: datetime.date | None = None) -> list[tuple[int, list[ItemRow]]]:
    """The prefetched items by month, each with its status on `on` (today by default)."""
    on = on or dates.today()
    months: dict[int, list[ItemRow]] = {}
    for item in programme.items.all():
        status = item_status(item, programme.year, on)
        months.setdefault(item.month, []).append(ItemRow(item, status, STATUS_LABELS[status], item_url(item)))
    return sorted(months.items())


def link_candidates(*, council: Council, year: int) -> list[tuple[str, str]]:
    """What may carry out an item of the year: ("standing.meeting:12", "Phiên họp Thường trực: …"), one query
    per kind of record."""
    out = []
    for label, model in programme_links.link_models().items():
        kind_label, date_field, _ = programme_links.LINKS[label]
        qs = model.objects.filter(council=council, **{f"{date_field}__year": year}).order_by(date_field, "pk")
        out.extend((f"{label}:{record.pk}", f"{kind_label}: {link_text(record)}") for record in qs)
    return out


def link_record(*, council: Council, key: str) -> object | None:
    """The record a candidate key names ("standing.meeting:12"), within the council; None when unknown."""
    label, _, pk = key.partition(":")
    model = programme_links.link_models().get(label)
    if model is None or not pk.isdigit():
        return None
    return model.objects.filter(council=council, pk=int(pk)).first()


def document_choices(*, council: Council) -> QuerySet:
    """The council's documents that can be attached to an agenda item, newest first."""
    from documents.models import Document

    return Document.objects.filter(council=council).order_by("-pk")


# One record of a meeting, conference or programme by the id in a URL: 404 outside the council. -------


def meeting_part_get(*, model: type, council_path: str, council: Council, pk: int) -> object:
    """An attendee, agenda item, section or paragraph of the council's meetings (`council_path` is how the
    model reaches the council, e.g. "section__meeting__council"), with the path's records loaded."""
    related = council_path.rsplit("__", 1)[0]
    return get_object_or_404(model.objects.select_related(related), **{council_path: council}, pk=pk)


def paragraph_get(*, council: Council, pk: int) -> Paragraph:
    return meeting_part_get(model=Paragraph, council_path="section__meeting__council", council=council, pk=pk)


def agenda_item_get(*, council: Council, pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__council", "meeting__notice"), meeting__council=council, pk=pk
    )


def conference_task_get(*, council: Council, pk: int) -> ConferenceTask:
    return get_object_or_404(ConferenceTask.objects.select_related("conference"), conference__council=council, pk=pk)


def work_item_get(*, council: Council, pk: int) -> WorkItem:
    return get_object_or_404(WorkItem.objects.select_related("programme"), programme__council=council, pk=pk)
