"""Every read of voter contacts and petitions, scoped to the council (and an agency user's own bodies).

Querysets carry their select_related/prefetch_related so lists run a fixed number of queries at any size.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection, models
from django.db.models import Case, Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from followup.models import Action, Obligation, ObligationUpdate
from followup.models import State as ObligationState
from followup.selectors import late_condition, overdue_on
from hdnd.text import fold
from petitions.access import VIEW
from petitions.duplicates import KEYS_VERSION, Candidate, duplicate_groups, without_cycle_collection
from petitions.models import (
    COUNCIL_RANK,
    LEVEL_RANK,
    OPEN_STATES,
    ContactMeeting,
    ContactPlace,
    ContactRound,
    Level,
    Period,
    Petition,
    PetitionField,
    PetitionState,
    answered_q,
    state_case,
    state_q,
    with_answer_q,
)
from registry.access import agency_bodies, has_perm
from registry.models import Body, BodyKind, Council
from registry.selectors import body_of_kind, public_council_q


def count_of(rows: QuerySet, link: str) -> Coalesce:
    """The number of `rows` whose `link` is the outer row, as a correlated subquery.

    Counting each relation in its own subquery (answered by an index on `link`) instead of joining them
    all and counting distinct keeps the cost to the rows counted, not the product of the joined tables.
    """
    counted = rows.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def round_list(*, council: Council) -> QuerySet[ContactRound]:
    """The council's rounds, newest first, with their numbers of meetings and (top-level) petitions."""
    return (
        ContactRound.objects.filter(council=council)
        .annotate(
            meeting_count=count_of(ContactMeeting.objects.all(), "round"),
            petition_count=count_of(Petition.objects.filter(council=council, merged_into__isnull=True), "round"),
        )
        .order_by("-year", "-period", "timing")
    )


def round_get(*, council: Council, pk: int) -> ContactRound:
    return get_object_or_404(ContactRound.objects.select_related("council"), council=council, pk=pk)


def meeting_list(*, contact_round: ContactRound) -> QuerySet[ContactMeeting]:
    return (
        ContactMeeting.objects.filter(round=contact_round)
        .select_related("unit", "contact_place", "co_organiser", "minutes")
        .prefetch_related("delegates__person")
        .annotate(petition_count=Count("petitions"))
        .order_by("held_on", "unit__unit_name", "contact_place__name")
    )


def meeting_get(*, council: Council, pk: int) -> ContactMeeting:
    return get_object_or_404(
        ContactMeeting.objects.select_related(
            "round", "unit", "contact_place", "co_organiser", "minutes"
        ).prefetch_related("delegates__person"),
        round__council=council,
        pk=pk,
    )


def place_list(*, council: Council) -> QuerySet[ContactPlace]:
    """All the council's villages and residential groups (retired ones too), with their numbers of
    meetings and petitions."""
    return (
        ContactPlace.objects.filter(council=council)
        .annotate(
            meeting_count=count_of(ContactMeeting.objects.all(), "contact_place"),
            petition_count=count_of(Petition.objects.filter(council=council), "contact_place"),
        )
        .order_by("-active", "kind", "name")
    )


def place_get(*, council: Council, pk: int) -> ContactPlace:
    return get_object_or_404(ContactPlace, council=council, pk=pk)


def fields_of(council: Council) -> QuerySet[PetitionField]:
    return PetitionField.objects.filter(council=council).order_by("position", "name")


def _origins() -> Prefetch:
    return Prefetch(
        "origins",
        queryset=Petition.objects.select_related("unit", "contact_place", "meeting").order_by(
            "unit__unit_name", "contact_place__name", "pk"
        ),
    )


# Loaded for a page of petitions after it is taken (see petition_list).
_PAGE_RELATIONS = ("unit", "contact_place", "field", "body", "meeting", "obligation")


def _raised_in(council: Council, **where: int) -> QuerySet:
    """The pks of the petitions raised in a commune or place: their own, and the aggregates of theirs."""
    rows = Petition.objects.filter(council=council, **where)
    return rows.values("pk").union(rows.filter(merged_into__isnull=False).values("merged_into_id"))


def petition_scope(*, user: AbstractBaseUser | AnonymousUser, council: Council) -> QuerySet[Petition]:
    """Petitions the user may see: all of the council's, or an agency user's own body's only."""
    qs = Petition.objects.filter(council=council)
    if not has_perm(user, council, VIEW):
        qs = qs.filter(body_id__in=agency_bodies(user, council))
    return qs


def petition_list(
    *,
    user: AbstractBaseUser | AnonymousUser,
    council: Council,
    round_id: int | None = None,
    level: str = "",
    field_id: int | None = None,
    state: str = "",
    unit_id: int | None = None,
    body_id: int | None = None,
    search: str = "",
    include_merged: bool = False,
    place_id: int | None = None,
) -> QuerySet[Petition]:
    """Top-level petitions (originals merged into an aggregate are hidden unless asked), filtered, in the
    order of their rounds (year, period) then of their entry.

    Only the round is joined (the order needs it): the page's bodies, fields, units, meetings and
    obligations come in one query each for the page's rows, so the database never joins national tables
    over every petition of the council before taking the page. A commune or place matches the petition's
    own or one of its merged origins' (a union of two indexed lookups, no join-and-distinct).
    """
    qs = petition_scope(user=user, council=council).select_related("round")
    qs = qs.prefetch_related(*_PAGE_RELATIONS, _origins())
    if not include_merged:
        qs = qs.filter(merged_into__isnull=True)
    if round_id:
        qs = qs.filter(round_id=round_id)
    if level:
        qs = qs.filter(level=level)
    if field_id:
        qs = qs.filter(field_id=field_id)
    if state:
        qs = qs.filter(state_q(state))
    if unit_id:
        qs = qs.filter(pk__in=_raised_in(council, unit_id=unit_id))
    if place_id:
        qs = qs.filter(pk__in=_raised_in(council, contact_place_id=place_id))
    if body_id:
        qs = qs.filter(body_id=body_id)
    if search:
        key = fold(search)
        qs = qs.filter(Q(text_folded__contains=key) | Q(answer_folded__contains=key))
    return qs.order_by("round__year", "round__period", "pk")


class InRoundOrder:
    """A filtered petition list (petition_list's queryset) in its order — rounds by year and period, then
    entry — paged without sorting the council: what a Paginator (or ninja's pagination) takes.

    On PostgreSQL one grouped query counts the rows per round (the page count comes from it, no COUNT of
    its own); a page is then read round by round from the index (council, round, id), only the pks of the
    rows skipped and taken, and the page's rows fetched by pk. SQLite keeps the plain ordered queryset.
    """

    ordered = True

    def __init__(self, qs: QuerySet[Petition], council: Council) -> None:
        self._qs = qs.order_by()
        self._ordered = qs
        self._council = council
        self._groups: list[tuple[list[int], int]] | None = None
        self._plain = connection.vendor != "postgresql"

    def all(self) -> "InRoundOrder":
        return self

    def groups(self) -> list[tuple[list[int], int]]:
        """(round pks, number of rows) per (year, period), in the list's order."""
        if self._groups is None:
            # The rows counted per round, in the order of the index on (council, round): no sort of the
            # council's rows; then each round's year and period joined to the few counts.
            counted, params = self._qs.values("round_id").annotate(n=Count("*")).order_by().query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT c.round_id, r.year, r.period, c.n FROM ({counted}) c "
                    f"JOIN {ContactRound._meta.db_table} r ON r.id = c.round_id AND r.council_id = %s",
                    (*params, self._council.pk),
                )
                rows = cursor.fetchall()
            keyed: dict[tuple[int, str], tuple[list[int], list[int]]] = {}
            for pk, year, period, n in rows:
                ids, total = keyed.setdefault((year, period), ([], [0]))
                ids.append(pk)
                total[0] += n
            self._groups = [(ids, n[0]) for _key, (ids, n) in sorted(keyed.items())]
        return self._groups

    def count(self) -> int:
        if self._plain:
            return self._ordered.count()
        return sum(n for _ids, n in self.groups())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[Petition]:
        if self._plain:
            return list(self._ordered[page])
        start, stop = page.start or 0, self.count() if page.stop is None else page.stop
        parts, rank, seen = [], {}, 0
        for index, (ids, n) in enumerate(self.groups()):
            low, high = max(start - seen, 0), min(stop - seen, n)
            if low < high:
                rank.update(dict.fromkeys(ids, index))
                pks = self._qs.filter(round_id__in=ids).order_by("pk").values_list("pk", flat=True)[low:high]
                parts.append(pks)
            seen += n
            if seen >= stop:
                break
        if not parts:
            return []
        taken = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:], all=True)
        rows = list(self._ordered.order_by().filter(pk__in=taken))
        return sorted(rows, key=lambda p: (rank[p.round_id], p.pk))


def in_round_order(qs: QuerySet[Petition], *, council: Council) -> InRoundOrder:
    """`qs` (from petition_list) to page: see InRoundOrder."""
    return InRoundOrder(qs, council)


def petition_get(*, user: AbstractBaseUser | AnonymousUser, council: Council, pk: int) -> Petition:
    """One petition the user may see (404 otherwise), with its origins, petitioners and documents."""
    return get_object_or_404(
        petition_scope(user=user, council=council)
        .select_related(
            "council",
            "round",
            "unit",
            "contact_place",
            "field",
            "body",
            "meeting",
            "obligation",
            "forward_document",
            "answer_document",
        )
        .prefetch_related(_origins(), "people"),
        pk=pk,
    )


def duplicate_suggestions(*, contact_round: ContactRound) -> list[list[Petition]]:
    """Groups of petitions that say the same thing: within the round (not yet forwarded) and among the
    council's still-open petitions of earlier rounds. One query for the texts, one for the groups' rows.
    """
    current = Q(round=contact_round) & state_q(PetitionState.RECEIVED)
    earlier = reduce(or_, (state_q(s) for s in OPEN_STATES)) & ~Q(round=contact_round)
    rows = (
        Petition.objects.filter(council=contact_round.council, merged_into__isnull=True, complaint=False)
        .filter(current | earlier)
        # The texts themselves only where their keys are not stored (yet) in this version.
        .annotate(
            raw=Case(
                When(match_keys__startswith=f"{KEYS_VERSION}\t", then=Value("")),
                default=F("text"),
                output_field=models.TextField(),
            ),
            raw_folded=Case(
                When(match_keys__startswith=f"{KEYS_VERSION}\t", then=Value("")),
                default=F("text_folded"),
                output_field=models.TextField(),
            ),
        )
        .values_list("pk", "raw", "raw_folded", "match_keys", "round_id")
        # No ORDER BY: PostgreSQL sorted the 28,000 rows of the case on disk; they are sorted here
        # by pk (a stable candidate set for the worker's cache of recent groups).
        .order_by()
    )
    with without_cycle_collection():
        candidates = [
            Candidate(pk, text, round_id == contact_round.pk, folded, keys)
            for pk, text, folded, keys, round_id in sorted(rows)
        ]
        groups = duplicate_groups(candidates)
    wanted = {pk for g in groups for pk in g}
    by_pk = {
        p.pk: p
        # The obligation too: an earlier round's open petition is forwarded, and its state is its obligation's.
        for p in Petition.objects.filter(pk__in=wanted)
        .select_related("round", "unit", "contact_place", "field", "body", "obligation")
        .prefetch_related(_origins())
    }
    return [[by_pk[pk] for pk in g] for g in groups]


@dataclass
class RoundCounts:
    """The figures of one round: top-level petitions by level, field and state, and where contacts were held."""

    round: ContactRound
    total: int = 0
    by_level: dict[str, int] = field(default_factory=dict)
    by_field: dict[str, int] = field(default_factory=dict)
    by_state: dict[str, int] = field(default_factory=dict)
    cells: Counter = field(default_factory=Counter)  # (level, field name, state) -> count
    answered: int = 0  # petitions with an answer (`answered_q`: answered, being resolved, explained)
    accepted: int = 0  # answers the office accepted (their obligation closed as done)
    units: list[str] = field(default_factory=list)
    complaints: int = 0

    def level(self, level: str) -> int:
        return self.by_level.get(level, 0)

    def sentence(self) -> str:
        """'Tại đợt tiếp xúc cử tri giữa năm 2024: Có 10 kiến nghị thuộc thẩm quyền của cấp tỉnh; ...'."""
        council = self.round.council
        parts = []
        for level in Level.values:
            n = self.by_level.get(level, 0)
            if n:
                parts.append(f"{n} kiến nghị thuộc thẩm quyền của {level_phrase(council, level)}")
        if not parts:
            # Seed 000 words a count, never "00": "chưa có kiến nghị nào".
            return f"Tại đợt tiếp xúc cử tri {self.round.short_label}: Chưa có kiến nghị nào."
        return f"Tại đợt tiếp xúc cử tri {self.round.short_label}: Có {'; '.join(parts)}."


def level_phrase(council: Council, level: str) -> str:
    """How the council's documents name a level: 'cấp tỉnh', 'thị xã' (its own level), 'cấp xã'."""
    own = {"tinh": Level.PROVINCE, "huyen": Level.DISTRICT, "xa": Level.COMMUNE}.get(council.level)
    if level == own:
        return council.unit_word
    return {
        Level.CENTRAL: "Trung ương",
        Level.PROVINCE: "cấp tỉnh",
        Level.DISTRICT: "cấp huyện",
        Level.COMMUNE: "cấp xã",
    }[Level(level)]


def petition_counts(*, council: Council, year: int) -> list[RoundCounts]:
    """Per round of the year (mid-year first): top-level petitions (merged duplicates count once;
    complaints sent to the complaints route apart) by competent level, field and state, and the communes
    and wards where contacts were held. Three queries whatever the numbers.
    """
    rounds = list(
        ContactRound.objects.filter(council=council, year=year).select_related("council").order_by("period", "timing")
    )
    # Mid-year before year-end ("cuoi_nam" sorts before "giua_nam").
    rounds.sort(key=lambda r: (r.period != Period.MID_YEAR, r.timing))
    out = {r.pk: RoundCounts(round=r) for r in rounds}
    rows = (
        Petition.objects.filter(round__in=rounds, merged_into__isnull=True)
        .annotate(state=state_case())
        .values("round_id", "level", "field__name", "state", "complaint", "obligation__state")
        .annotate(n=Count("pk"), answered=Count("pk", filter=answered_q()))
    )
    for row in rows:
        counts = out[row["round_id"]]
        if row["complaint"]:
            counts.complaints += row["n"]
            continue
        name = row["field__name"] or "Chưa phân loại"
        counts.total += row["n"]
        counts.by_level[row["level"]] = counts.by_level.get(row["level"], 0) + row["n"]
        counts.by_field[name] = counts.by_field.get(name, 0) + row["n"]
        counts.by_state[row["state"]] = counts.by_state.get(row["state"], 0) + row["n"]
        counts.cells[(row["level"], name, row["state"])] += row["n"]
        counts.answered += row["answered"]
        if row["obligation__state"] == ObligationState.ACCEPTED:
            counts.accepted += row["n"]
    # A commune council meets voters in its own villages and residential groups: they count as places.
    for meeting in (
        ContactMeeting.objects.filter(round__in=rounds)
        .select_related("unit", "contact_place")
        .only("round_id", "unit__unit_name", "contact_place__name", "contact_place__kind")
        .order_by("unit__unit_name", "contact_place__name")
    ):
        name = meeting.unit.unit_name if meeting.unit else meeting.contact_place.label
        out[meeting.round_id].units.append(name)
    return [out[r.pk] for r in rounds]


@dataclass(frozen=True)
class Area:
    """Where voters raised petitions: a commune or ward, or a commune council's village or group."""

    unit: Council | None = None
    place: ContactPlace | None = None

    @property
    def pk(self) -> tuple[int | None, int | None]:
        return (self.unit.pk if self.unit else None, self.place.pk if self.place else None)

    @property
    def unit_name(self) -> str:
        return self.unit.unit_name if self.unit else self.place.name

    @property
    def unit_label(self) -> str:
        return self.unit.unit_label if self.unit else self.place.label


def answers_by_unit(*, contact_round: ContactRound) -> list[tuple[Area, list[Petition]]]:
    """Per commune or ward (or village, for a commune council), the answered petitions its voters raised
    (directly or through an aggregate; answered as `answered_q` says: an answer sent back or a petition no
    longer followed is not read out), to read to them at the next contact."""
    petitions = list(
        Petition.objects.filter(answered_q(), round=contact_round, merged_into__isnull=True, complaint=False)
        .select_related("unit", "contact_place", "body", "field", "obligation")
        .prefetch_related(_origins())
        .order_by("pk")
    )
    areas: dict[tuple, tuple[Area, list[Petition]]] = {}
    for p in petitions:
        for origin in p.origins.all() if p.is_aggregate else [p]:
            if origin.unit is None and origin.contact_place is None:
                continue
            area = Area(origin.unit, origin.contact_place)
            areas.setdefault(area.pk, (area, []))
            if p not in areas[area.pk][1]:
                areas[area.pk][1].append(p)
    return sorted(areas.values(), key=lambda item: (item[0].unit is None, fold(item[0].unit_name)))


def public_rounds() -> QuerySet[ContactRound]:
    """Rounds published by their councils, for the public pages."""
    return ContactRound.objects.filter(published=True).select_related("council").order_by("-year", "-period")


def public_petitions(*, contact_round: ContactRound, search: str = "") -> QuerySet[Petition]:
    """A published round's petitions for the public: no petitioner is ever loaded."""
    qs = (
        Petition.objects.filter(round=contact_round, merged_into__isnull=True, complaint=False)
        .select_related("unit", "contact_place", "field", "body")
        .prefetch_related(
            Prefetch("origins", queryset=Petition.objects.select_related("unit", "contact_place").order_by("pk"))
        )
        .defer("created_by")
    )
    if search:
        key = fold(search)
        qs = qs.filter(Q(text_folded__contains=key) | Q(answer_folded__contains=key))
    return qs.order_by("pk")


@dataclass
class ForwardGroup:
    body: Body | None
    waiting: int = 0
    forwarded: int = 0
    answered: int = 0


def forward_groups(*, contact_round: ContactRound) -> list[ForwardGroup]:
    """The round's petitions grouped by competent body: how many wait to be forwarded, were forwarded and
    still wait for an answer, were answered (`answered_q`) (two queries)."""
    rows = (
        Petition.objects.filter(round=contact_round, merged_into__isnull=True, complaint=False)
        .annotate(shown=state_case())
        .values("body_id", "shown")
        .annotate(n=Count("pk"), answered=Count("pk", filter=answered_q()))
    )
    bodies = {b.pk: b for b in Body.objects.filter(pk__in={r["body_id"] for r in rows if r["body_id"]})}
    groups: dict[int | None, ForwardGroup] = {}
    for row in rows:
        group = groups.setdefault(row["body_id"], ForwardGroup(bodies.get(row["body_id"])))
        if row["shown"] == PetitionState.RECEIVED:
            group.waiting += row["n"]
        elif row["shown"] == PetitionState.FORWARDED:
            group.forwarded += row["n"]
        group.answered += row["answered"]
    return sorted(groups.values(), key=lambda g: (g.body is None, g.body.name if g.body else ""))


@dataclass
class AnswerProgress:
    """What the petition's obligation says: its state, whether it is overdue today, and the body's last
    report (text, reply document, evidence files) whichever screen it was sent from."""

    state_label: str
    overdue: bool
    report: ObligationUpdate | None


def answer_progress(*, petition: Petition) -> AnswerProgress | None:
    """The follow-up progress of a forwarded petition (None before it is forwarded). Two queries."""
    obligation = petition.obligation
    if obligation is None:
        return None
    overdue = Obligation.objects.filter(pk=obligation.pk).filter(late_condition(overdue_on(petition.council))).exists()
    report = (
        ObligationUpdate.objects.filter(obligation=obligation, action__in=[Action.DONE, Action.PROGRESS])
        .prefetch_related("files")
        .order_by("-created_at", "-pk")
        .first()
    )
    return AnswerProgress(ObligationState(obligation.state).label, overdue, report)


def child_units(council: Council) -> models.QuerySet[Council]:
    """The communes and wards (lower councils) where the council meets voters."""
    return Council.objects.filter(parent=council).order_by("unit_name")


def contact_places(council: Council, *, active_only: bool = True) -> models.QuerySet[ContactPlace]:
    """The villages and residential groups the council lists as its own places of contact."""
    qs = ContactPlace.objects.filter(council=council)
    return (qs.filter(active=True) if active_only else qs).order_by("kind", "name")


def upper_body(council: Council) -> Body | None:
    return body_of_kind(council=council, kind=BodyKind.UPPER_COUNCIL)


def is_upper_level(council: Council, level: str) -> bool:
    """Whether the level is above the council's own: those petitions go to the upper council's office."""
    return LEVEL_RANK[Level(level)] < COUNCIL_RANK.get(council.level, 3)


def rounds_of(council: Council) -> QuerySet[ContactRound]:
    """The council's voter-contact rounds (the filter's choices)."""
    return ContactRound.objects.filter(council=council)


def bodies_of(council: Council) -> QuerySet[Body]:
    """The council's bodies, by kind then name (the filter's choices)."""
    return Body.objects.filter(council=council).order_by("kind", "name")


def petitions_by_ids(*, user: AbstractBaseUser | AnonymousUser, council: Council, ids: list[int]) -> list[Petition]:
    """The petitions the ids name, all of them the user may see in the council: 404 if any is not (another
    council's id included), so a payload never learns that a record exists elsewhere."""
    petitions = list(petition_scope(user=user, council=council).filter(pk__in=ids))
    if len(petitions) != len(set(ids)):
        raise Http404("Không tìm thấy kiến nghị.")
    return petitions


def meeting_petitions(meeting: ContactMeeting) -> list[Petition]:
    """The petitions recorded at a contact meeting, in the order they were entered."""
    return list(Petition.objects.filter(meeting=meeting).select_related("field", "body", "merged_into").order_by("pk"))


def place_with(places: QuerySet[ContactPlace], place_id: int | None) -> QuerySet[ContactPlace]:
    """`places` and the one a meeting already has (kept as a choice even when inactive or taken)."""
    return places | ContactPlace.objects.filter(pk=place_id) if place_id else places


# --- The public portal (issue 20): petitions of published rounds; no petitioner is ever loaded. ---


def _public_base(council: Council | None) -> QuerySet[Petition]:
    qs = Petition.objects.filter(
        public_council_q("round__council__"), round__published=True, merged_into__isnull=True, complaint=False
    )
    return (qs.filter(council=council) if council is not None else qs).defer("created_by")


def public_council_petitions(
    *,
    council: Council | None,
    unit_id: int | None = None,
    place_id: int | None = None,
    field_id: int | None = None,
    search: str = "",
) -> QuerySet[Petition]:
    """The council's (every active council's, for None) petitions of published rounds, newest round first,
    filtered by commune/ward (or village), field and folded text; an aggregate matches a place through any
    of its origins."""
    qs = _public_base(council)
    if unit_id:
        origin = Petition.objects.filter(merged_into=OuterRef("pk"), unit_id=unit_id)
        qs = qs.filter(Q(unit_id=unit_id) | models.Exists(origin))
    if place_id:
        origin = Petition.objects.filter(merged_into=OuterRef("pk"), contact_place_id=place_id)
        qs = qs.filter(Q(contact_place_id=place_id) | models.Exists(origin))
    if field_id:
        qs = qs.filter(field_id=field_id)
    if search:
        key = fold(search)
        qs = qs.filter(Q(text_folded__contains=key) | Q(answer_folded__contains=key))
    return (
        qs.select_related("round", "unit", "contact_place", "field", "body", "obligation")
        .prefetch_related(
            Prefetch("origins", queryset=Petition.objects.select_related("unit", "contact_place").order_by("pk"))
        )
        .order_by("-round__year", "-round__period", "pk")
    )


def public_petition_filters(*, council: Council) -> tuple[list[Council], list[ContactPlace], list[PetitionField]]:
    """The communes/wards, villages and fields that the council's published petitions name (three queries)."""
    used = Petition.objects.filter(council=council, round__published=True, complaint=False)
    units = list(Council.objects.filter(pk__in=used.values("unit_id")).order_by("unit_name"))
    places = list(ContactPlace.objects.filter(pk__in=used.values("contact_place_id")).order_by("name"))
    fields = list(PetitionField.objects.filter(pk__in=used.values("field_id")).order_by("position", "name"))
    return units, places, fields


def public_answers(*, council: Council) -> QuerySet[Petition]:
    """Answered petitions of the council's published rounds, latest answer first (for the feed)."""
    return (
        _public_base(council)
        .exclude(answer_text="")
        .filter(obligation__state__in=[ObligationState.REPORTED_DONE, ObligationState.ACCEPTED])
        .select_related("round", "obligation", "field")
        .order_by("-obligation__reported_on", "-pk")
    )


def public_delegate_meetings(*, delegate_id: int) -> QuerySet[ContactMeeting]:
    """The voter contacts of published rounds a delegate took part in, newest first."""
    return (
        ContactMeeting.objects.filter(round__published=True, delegates__id=delegate_id)
        .select_related("round", "unit", "contact_place")
        .order_by("-held_on", "-pk")
    )


def public_petition_counts(*, council: Council) -> tuple[list[dict], list[dict]]:
    """The council's published petitions counted by commune/ward (each origin of an aggregate under its
    own) and by field (top-level petitions), with how many of those have an answer (two queries)."""
    used = Petition.objects.filter(public_council_q("round__council__"), council=council, round__published=True)
    used = used.filter(complaint=False)
    answered = with_answer_q()
    by_unit = list(
        used.filter(is_aggregate=False, unit__isnull=False)
        .values("unit_id", "unit__unit_name", "unit__unit_type")
        .annotate(n=Count("pk"), answered=Count("pk", filter=answered))
        .order_by("unit__unit_name")
    )
    by_field = list(
        used.filter(merged_into__isnull=True, field__isnull=False)
        .values("field_id", "field__name")
        .annotate(n=Count("pk"), answered=Count("pk", filter=answered_q()))
        .order_by("-n", "field__name")
    )
    return by_unit, by_field
