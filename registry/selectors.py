"""Every read of the registry used by views and API, scoped to the council and shaped for fixed query counts."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, Count, F, Model, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hdnd import dates
from hdnd.text import fold
from registry.models import (
    Body,
    BodyKind,
    CalendarDay,
    Council,
    Delegate,
    LegalSetting,
    Membership,
    Person,
    PersonalDataAccess,
    RoleGrant,
    Term,
)


class NotInCouncil(Http404):
    """An id that names no record of the council: a 404 whose Vietnamese message names the field, so a
    record of another council is never confirmed to exist (a 400 "of another council" would)."""

    def __init__(self, field: str, label: str) -> None:
        self.field = field
        where = f" ({field})" if field else ""
        super().__init__(f"Không tìm thấy {label}{where} trong Hội đồng này.")


def in_council(
    rows: type[Model] | QuerySet, pk: int | None, *, field: str = "", label: str, **scope: object
) -> Model | None:
    """The record `pk` among `rows` (a model or a queryset with its select_related) narrowed by `scope`
    (`council=...`, `term__council=...`, `session=...`): the one council-scoped lookup of every id taken from a
    URL or a payload. `None` stays `None` (an optional field left empty); any other miss is `NotInCouncil`."""
    if pk is None:
        return None
    queryset = rows._default_manager.all() if isinstance(rows, type) else rows
    obj = queryset.filter(pk=pk, **scope).first()
    if obj is None:
        raise NotInCouncil(field, label)
    return obj


def all_in_council(rows: type[Model] | QuerySet, ids: list[int], *, field: str, label: str, **scope: object) -> list:
    """The records `ids` in the order given, each within `scope`; one id outside it is `NotInCouncil` (a list
    is never shortened silently, which would drop another council's id without a word)."""
    queryset = rows._default_manager.all() if isinstance(rows, type) else rows
    found = {obj.pk: obj for obj in queryset.filter(pk__in=set(ids), **scope)}
    if len(found) < len(set(ids)):
        raise NotInCouncil(field, label)
    return [found[pk] for pk in dict.fromkeys(ids)]


def council_list(*, councils: QuerySet[Council], search: str = "", level: str = "") -> QuerySet[Council]:
    """Councils among `councils`, filtered by folded name and level, with their parent."""
    qs = councils.select_related("parent")
    if search:
        qs = qs.filter(Q(name_folded__contains=fold(search)) | Q(unit_code=search.strip()))
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("level", "unit_name")


def term_current(*, council: Council, on: datetime.date | None = None) -> Term | None:
    """The term running on a day (today by default), else the latest one."""
    on = on or dates.today()
    terms = Term.objects.filter(council=council)
    current = terms.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on)).first()
    return current or terms.first()


def delegate_list(
    *,
    council: Council,
    search: str = "",
    group: int | None = None,
    term: int | None = None,
    in_office_on: datetime.date | None = None,
) -> QuerySet[Delegate]:
    """Delegates of the council, with person, term and group loaded in the same query."""
    qs = Delegate.objects.filter(term__council=council).select_related("person", "term", "group")
    if search:
        qs = qs.filter(person__name_folded__contains=fold(search))
    if group:
        qs = qs.filter(group_id=group)
    if term:
        qs = qs.filter(term_id=term)
    if in_office_on:
        qs = (
            delegates_in_office(council=council, on=in_office_on)
            .filter(pk__in=qs.values("pk"))
            .select_related("person", "term", "group")
        )
    return qs.order_by("person__name_folded", "pk")


def delegates_in_office(*, council: Council, on: datetime.date) -> QuerySet[Delegate]:
    """Delegates in office on a day: elected on or before it and not yet left (one query)."""
    return (
        Delegate.objects.filter(term__council=council, term__starts_on__lte=on, elected_on__lte=on)
        .filter(Q(term__ends_on__isnull=True) | Q(term__ends_on__gte=on))
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
    )


def delegate_get(*, council: Council, pk: int) -> Delegate:
    return get_object_or_404(
        Delegate.objects.select_related("person", "term", "group").prefetch_related("events"),
        term__council=council,
        pk=pk,
    )


def body_list(*, council: Council, search: str = "", kind: str = "") -> QuerySet[Body]:
    qs = (
        Body.objects.filter(council=council)
        .select_related("parent", "linked_council")
        .annotate(member_count=Count("memberships", filter=Q(memberships__ends_on__isnull=True), distinct=True))
    )
    if search:
        qs = qs.filter(name_folded__contains=fold(search))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "name")


def body_get(*, council: Council, pk: int) -> Body:
    memberships = Membership.objects.select_related("person").order_by("role", "-starts_on")
    delegates = Delegate.objects.select_related("person", "term").order_by("person__name_folded")
    return get_object_or_404(
        Body.objects.select_related("parent", "linked_council").prefetch_related(
            Prefetch("memberships", queryset=memberships), Prefetch("delegates", queryset=delegates)
        ),
        council=council,
        pk=pk,
    )


def holders_on(*, body: Body, role: str, on: datetime.date) -> QuerySet[Membership]:
    """Who held a role in a body on a day ("who chaired the standing committee on 12/01/2022")."""
    return (
        Membership.objects.filter(body=body, role=role, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("person")
    )


def body_of_kind(*, council: Council, kind: str) -> Body | None:
    return Body.objects.filter(council=council, kind=kind).order_by("pk").first()


def person_list(*, council: Council, search: str = "") -> QuerySet[Person]:
    qs = Person.objects.filter(council=council)
    if search:
        qs = qs.filter(name_folded__contains=fold(search))
    return qs.order_by("name_folded", "pk")


def standing_committee(council: Council) -> Body | None:
    return body_of_kind(council=council, kind=BodyKind.STANDING_COMMITTEE)


# Kinds of record holding citizens' personal data: "app_label.model" -> label; workflow apps register theirs
# in their AppConfig.ready (the registry never imports them).
PERSONAL_RECORD_KINDS: dict[str, str] = {}


def register_personal_record_kind(model_label: str, label: str) -> None:
    """Offer `model_label` ("petitions.petition") as a record kind in the personal-data access log's filter."""
    PERSONAL_RECORD_KINDS[model_label.lower()] = label


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def personal_access_list(
    *,
    council: Council,
    user_id: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    record_kind: str = "",
    kind: str = "",
    search: str = "",
) -> QuerySet[PersonalDataAccess]:
    """The council's personal-data access log, newest first, filtered; dates are whole local days.

    Dates become a range on `created_at` (not `__date`) so the (council, created_at) index serves it.
    `search` matches the record's label or the username without diacritics.
    """
    qs = PersonalDataAccess.objects.filter(council=council).select_related("content_type")
    if user_id is not None:
        qs = qs.filter(user_id=user_id)
    # Days at the ends of the calendar would overflow once shifted to UTC; the forms and schemas refuse
    # them with a message, and here they simply mean "no bound".
    if date_from is not None and date_from > datetime.date.min:
        qs = qs.filter(created_at__gte=_local_midnight(date_from))
    if date_to is not None and date_to < datetime.date.max - datetime.timedelta(days=1):
        qs = qs.filter(created_at__lt=_local_midnight(date_to + datetime.timedelta(days=1)))
    if record_kind:
        app_label, _, model = record_kind.lower().partition(".")
        qs = qs.filter(content_type__app_label=app_label, content_type__model=model)
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        folded = fold(search)
        qs = qs.filter(Q(label_folded__contains=folded) | Q(username__icontains=search.strip()))
    return qs.order_by("-created_at", "-id")


def public_council_q(prefix: str = "") -> Q:
    """The councils whose published records the public reads: those at work and those that have ceased
    (a council merged away in 2025 keeps its sessions, resolutions and reports public, as an archive);
    administrative units loaded but never activated here are not councils of this installation."""
    return Q(**{f"{prefix}active": True}) | Q(**{f"{prefix}ceased_on__isnull": False})


def public_council_get(council_id: int) -> Council:
    """A council as the public pages show it: at work or ceased (`public_council_q`), 404 otherwise."""
    council = Council.objects.filter(public_council_q(), pk=council_id).first()
    if council is None:
        raise Http404("Không tìm thấy Hội đồng.")
    return council


def membership_get(*, council: Council, pk: int) -> Membership:
    """A membership of one of the council's bodies, with its person and body; 404 outside the council."""
    return get_object_or_404(Membership.objects.select_related("person", "body"), body__council=council, pk=pk)


def child_council_list(*, council: Council) -> QuerySet[Council]:
    """The communes and wards under a council (its lower councils), by name."""
    return Council.objects.filter(parent=council).order_by("unit_name", "pk")


def linkable_councils(*, council: Council) -> QuerySet[Council]:
    """The councils a body of `council` may be linked to: the one above and those below (as the form offers)."""
    return Council.objects.filter(Q(pk=council.parent_id) | Q(parent=council))


def term_list(*, council: Council) -> QuerySet[Term]:
    return Term.objects.filter(council=council)


def membership_list(*, body: Body) -> QuerySet[Membership]:
    """The members of a body, with their person."""
    return Membership.objects.filter(body=body).select_related("person")


def council_user_get(*, council: Council, username: str) -> object:
    """A user holding a role in the council, by username; 404 otherwise."""
    users = get_user_model().objects.filter(grants__council=council).distinct()
    return get_object_or_404(users, username=username)


def grant_list(*, council: Council) -> QuerySet[RoleGrant]:
    """The council's role grants, by user then role, with what the list shows loaded."""
    return (
        RoleGrant.objects.filter(council=council)
        .select_related("user", "body", "person")
        .order_by("user__username", "role")
    )


def grant_get(*, council: Council, pk: int) -> RoleGrant:
    return get_object_or_404(RoleGrant.objects.select_related("user"), council=council, pk=pk)


def settings_stored(*, council: Council) -> dict[str, LegalSetting]:
    """The council's own legal settings, by key (the rules' defaults apply to the others)."""
    return {s.key: s for s in LegalSetting.objects.filter(council=council)}


def calendar_days(*, council: Council, limit: int | None = 100) -> QuerySet[CalendarDay]:
    """The council's latest calendar exceptions (holidays, working weekends), newest first."""
    return CalendarDay.objects.filter(council=council).order_by("-day")[:limit]


# --- The public portal (issue 20): public facts only, never a phone, an address or an e-mail. ---

PUBLIC_BODY_KINDS = (BodyKind.STANDING_COMMITTEE, BodyKind.COMMITTEE, BodyKind.DELEGATE_GROUP)


def public_councils(*, search: str = "") -> QuerySet[Council]:
    """Public councils (`public_council_q`: ceased ones too) for the national index, each with
    `province_name` (itself for a province, else its province ancestor, two levels up at most), ordered by
    province, then the province's own council, the district ones, the communes, each by name."""
    qs = Council.objects.filter(public_council_q()).select_related("parent", "parent__parent")
    if search:
        qs = qs.filter(name_folded__contains=fold(search))
    province = Case(
        When(level="tinh", then=F("unit_name")),
        When(parent__level="tinh", then=F("parent__unit_name")),
        When(parent__parent__level="tinh", then=F("parent__parent__unit_name")),
        default=Value(""),
        output_field=CharField(),
    )
    rank = Case(When(level="tinh", then=Value(1)), When(level="huyen", then=Value(2)), default=Value(3))
    return qs.annotate(province_name=province, level_rank=rank).order_by(
        "province_name", "level_rank", "unit_name", "pk"
    )


def public_bodies(*, council: Council, on: datetime.date) -> QuerySet[Body]:
    """The council's own active bodies the public knows (standing committee, committees, delegate groups),
    each with `current` memberships on `on` and their people's names."""
    current = (
        Membership.objects.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("person")
        .only("id", "role", "body_id", "person__id", "person__full_name", "person__position")
        .order_by("role", "person__full_name")
    )
    return (
        Body.objects.filter(council=council, active=True, kind__in=PUBLIC_BODY_KINDS)
        .only("id", "kind", "name", "short_name", "council_id")
        .prefetch_related(Prefetch("memberships", queryset=current, to_attr="current"))
        .order_by("kind", "name")
    )


def public_delegates(*, council: Council, on: datetime.date, search: str = "") -> QuerySet[Delegate]:
    """The delegates of the council's current term (in office or not), with name, position, group and
    constituency only: the public facts of a delegate."""
    term = term_current(council=council, on=on)
    qs = Delegate.objects.filter(term=term) if term else Delegate.objects.none()
    if search:
        qs = qs.filter(person__name_folded__contains=fold(search))
    return qs.select_related("person", "group", "term").only(
        "id",
        "constituency",
        "status",
        "elected_on",
        "left_on",
        "term__id",
        "term__name",
        "person__id",
        "person__full_name",
        "person__position",
        "group__id",
        "group__name",
    )


def public_delegate_get(*, council: Council, pk: int) -> Delegate:
    """One delegate of the council (any term) with the public facts and committees; 404 elsewhere."""
    memberships = (
        Membership.objects.filter(body__kind__in=PUBLIC_BODY_KINDS, body__council=council)
        .select_related("body")
        .order_by("-starts_on")
    )
    return get_object_or_404(
        Delegate.objects.select_related("person", "group", "term").prefetch_related(
            Prefetch("person__memberships", queryset=memberships, to_attr="public_memberships")
        ),
        term__council=council,
        pk=pk,
    )
