"""Registry routes of /api/v1/: what the registry screens do, scoped by council and role."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate

from hdnd.forms import YEAR_MAX, YEAR_MIN
from hdnd.params import PageNumberPagination
from registry import security, selectors, services
from registry.access import (
    EDIT_REGISTRY,
    EDIT_SETTINGS,
    MANAGE_USERS,
    UNLOCK_ACCOUNTS,
    VIEW_ACCESS_LOG,
    VIEW_REGISTRY,
    council_for_api,
    councils_for,
)
from registry.calendar import MissingSetting, deadline
from registry.forms import NO_CONTROL_CHARACTERS, check_log_period
from registry.models import (
    Body,
    CalendarDay,
    Council,
    Delegate,
    LegalSetting,
    LockoutRelease,
    Membership,
    Person,
    PersonalDataAccess,
    RoleGrant,
    Term,
)
from registry.rules import RULES, RULES_BY_KEY
from registry.schemas import (
    BodyIn,
    BodyOut,
    BodyPatch,
    CalendarDayIn,
    CalendarDayOut,
    CouncilFilter,
    CouncilOut,
    DeadlineOut,
    DelegateFilter,
    DelegateIn,
    DelegateOut,
    DelegateStatusIn,
    GrantIn,
    GrantOut,
    LockoutOut,
    LockoutReleaseOut,
    MembershipEndIn,
    MembershipIn,
    MembershipOut,
    PersonalAccessFilter,
    PersonalAccessOut,
    SettingIn,
    SettingOut,
    TermIn,
    TermOut,
)

router = Router(tags=["Danh mục"])


def _body(council: Council, pk: int | None) -> Body | None:
    return get_object_or_404(Body, council=council, pk=pk) if pk is not None else None


@router.get("/councils", response=list[CouncilOut], url_name="council_list")
@paginate(PageNumberPagination, page_size=50)
def council_list(request: HttpRequest, filters: Query[CouncilFilter]) -> QuerySet[Council]:
    return selectors.council_list(
        councils=councils_for(request.user), search=filters.q or "", level=filters.level or ""
    )


@router.get("/councils/{council_id}", response=CouncilOut, url_name="council_detail")
def council_detail(request: HttpRequest, council_id: int) -> Council:
    return council_for_api(request.user, council_id, VIEW_REGISTRY)


@router.get("/councils/{council_id}/terms", response=list[TermOut], url_name="term_list")
def term_list(request: HttpRequest, council_id: int) -> QuerySet[Term]:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return Term.objects.filter(council=council)


@router.post("/councils/{council_id}/terms", response={201: TermOut}, url_name="term_create")
def term_create(request: HttpRequest, council_id: int, payload: TermIn) -> tuple[int, Term]:
    council = council_for_api(request.user, council_id, EDIT_SETTINGS)
    return 201, services.term_create(council=council, **payload.dict())


@router.get("/councils/{council_id}/bodies", response=list[BodyOut], url_name="body_list")
@paginate(PageNumberPagination, page_size=50)
def body_list(request: HttpRequest, council_id: int, q: str = "", kind: str = "") -> QuerySet[Body]:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.body_list(council=council, search=q, kind=kind)


@router.post("/councils/{council_id}/bodies", response={201: BodyOut}, url_name="body_create")
def body_create(request: HttpRequest, council_id: int, payload: BodyIn) -> tuple[int, Body]:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    data = payload.dict()
    parent = _body(council, data.pop("parent_id"))
    return 201, services.body_create(council=council, parent=parent, **data)


@router.get("/councils/{council_id}/bodies/{body_id}", response=BodyOut, url_name="body_detail")
def body_detail(request: HttpRequest, council_id: int, body_id: int) -> Body:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return get_object_or_404(Body, council=council, pk=body_id)


@router.patch("/councils/{council_id}/bodies/{body_id}", response=BodyOut, url_name="body_update")
def body_update(request: HttpRequest, council_id: int, body_id: int, payload: BodyPatch) -> Body:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    body = get_object_or_404(Body, council=council, pk=body_id)
    data = payload.dict(exclude_unset=True)
    if "parent_id" in data:
        data["parent"] = _body(council, data.pop("parent_id"))
    return services.body_update(body=body, **data)


@router.delete("/councils/{council_id}/bodies/{body_id}", response={204: None}, url_name="body_delete")
def body_delete(request: HttpRequest, council_id: int, body_id: int) -> tuple[int, None]:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    services.record_delete(obj=get_object_or_404(Body, council=council, pk=body_id))
    return 204, None


@router.get(
    "/councils/{council_id}/bodies/{body_id}/memberships",
    response=list[MembershipOut],
    url_name="membership_list",
)
def membership_list(request: HttpRequest, council_id: int, body_id: int) -> QuerySet[Membership]:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    body = get_object_or_404(Body, council=council, pk=body_id)
    return Membership.objects.filter(body=body).select_related("person")


@router.post(
    "/councils/{council_id}/bodies/{body_id}/memberships",
    response={201: MembershipOut},
    url_name="membership_create",
)
def membership_create(
    request: HttpRequest, council_id: int, body_id: int, payload: MembershipIn
) -> tuple[int, Membership]:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    body = get_object_or_404(Body, council=council, pk=body_id)
    data = payload.dict()
    person = get_object_or_404(Person, council=council, pk=data.pop("person_id"))
    return 201, services.membership_create(person=person, body=body, **data)


@router.post(
    "/councils/{council_id}/memberships/{membership_id}/end",
    response=MembershipOut,
    url_name="membership_end",
)
def membership_end(request: HttpRequest, council_id: int, membership_id: int, payload: MembershipEndIn) -> Membership:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    membership = get_object_or_404(Membership.objects.select_related("person"), body__council=council, pk=membership_id)
    return services.membership_end(membership=membership, ends_on=payload.ends_on)


@router.get("/councils/{council_id}/delegates", response=list[DelegateOut], url_name="delegate_list")
@paginate(PageNumberPagination, page_size=50)
def delegate_list(request: HttpRequest, council_id: int, filters: Query[DelegateFilter]) -> QuerySet[Delegate]:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.delegate_list(
        council=council,
        search=filters.q or "",
        group=filters.group_id,
        term=filters.term_id,
        in_office_on=filters.in_office_on,
    )


@router.get("/councils/{council_id}/delegates/{delegate_id}", response=DelegateOut, url_name="delegate_detail")
def delegate_detail(request: HttpRequest, council_id: int, delegate_id: int) -> Delegate:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.delegate_get(council=council, pk=delegate_id)


@router.post("/councils/{council_id}/delegates", response={201: DelegateOut}, url_name="delegate_create")
def delegate_create(request: HttpRequest, council_id: int, payload: DelegateIn) -> tuple[int, Delegate]:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    term = get_object_or_404(Term, council=council, pk=payload.term_id)
    data = payload.dict(exclude={"term_id", "group_id"})
    delegate = services.delegate_register(term=term, group=_body(council, payload.group_id), **data)
    return 201, delegate


@router.post("/councils/{council_id}/delegates/{delegate_id}/status", response=DelegateOut, url_name="delegate_status")
def delegate_status(request: HttpRequest, council_id: int, delegate_id: int, payload: DelegateStatusIn) -> Delegate:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    delegate = selectors.delegate_get(council=council, pk=delegate_id)
    return services.delegate_change_status(delegate=delegate, **payload.dict())


def _setting_rows(council: Council) -> list[dict]:
    stored = {s.key: s for s in LegalSetting.objects.filter(council=council)}
    rows = []
    for rule in RULES:
        row = stored.get(rule.key)
        rows.append(
            {
                "key": rule.key,
                "group": rule.group,
                "label": rule.label,
                "default": rule.default,
                "citation": rule.citation,
                "value": row.value if row and row.value is not None else rule.default,
                "unit": row.unit if row and row.unit else rule.unit,
            }
        )
    return rows


@router.get("/councils/{council_id}/settings", response=list[SettingOut], url_name="setting_list")
def setting_list(request: HttpRequest, council_id: int) -> list[dict]:
    return _setting_rows(council_for_api(request.user, council_id, VIEW_REGISTRY))


@router.put("/councils/{council_id}/settings/{key}", response=SettingOut, url_name="setting_set")
def setting_set(request: HttpRequest, council_id: int, key: str, payload: SettingIn) -> dict:
    council = council_for_api(request.user, council_id, EDIT_SETTINGS)
    if key not in RULES_BY_KEY:
        raise Http404
    services.setting_set(council=council, key=key, value=payload.value, unit=payload.unit)
    return next(r for r in _setting_rows(council) if r["key"] == key)


@router.get("/councils/{council_id}/calendar", response=list[CalendarDayOut], url_name="calendar_list")
def calendar_list(request: HttpRequest, council_id: int) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(council=council_for_api(request.user, council_id, VIEW_REGISTRY))


@router.post("/councils/{council_id}/calendar", response={201: CalendarDayOut}, url_name="calendar_add")
def calendar_add(request: HttpRequest, council_id: int, payload: CalendarDayIn) -> tuple[int, CalendarDay]:
    council = council_for_api(request.user, council_id, EDIT_SETTINGS)
    return 201, services.calendar_day_add(council=council, **payload.dict())


@router.get("/councils/{council_id}/deadline", response=DeadlineOut, url_name="deadline")
def deadline_compute(
    request: HttpRequest, council_id: int, start: datetime.date, rule: str, before: bool = False
) -> dict:
    """Compute a deadline from a rule with the council's working-day calendar."""
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    if not YEAR_MIN <= start.year <= YEAR_MAX:
        # Counting from year 1 or 9999 runs off the calendar (an OverflowError, once a 500).
        raise ValidationError({"start": f"Ngày bắt đầu phải trong các năm {YEAR_MIN}–{YEAR_MAX}."})
    if rule not in RULES_BY_KEY:
        raise ValidationError({"rule": "Quy định không tồn tại."})
    try:
        due = deadline(council, start, rule=rule, before=before)
    except MissingSetting as exc:
        raise ValidationError({"rule": str(exc)}) from exc
    row = next(r for r in _setting_rows(council) if r["key"] == rule)
    return {"start": start, "deadline": due, "days": row["value"], "unit": row["unit"]}


@router.get("/councils/{council_id}/users", response=list[GrantOut], url_name="grant_list")
@paginate(PageNumberPagination, page_size=50)
def grant_list(request: HttpRequest, council_id: int) -> QuerySet[RoleGrant]:
    """Who holds which role in the council (system administrators only)."""
    council = council_for_api(request.user, council_id, MANAGE_USERS)
    return RoleGrant.objects.filter(council=council).select_related("user").order_by("user__username", "role")


@router.post("/councils/{council_id}/users", response={201: GrantOut}, url_name="grant_create")
def grant_create(request: HttpRequest, council_id: int, payload: GrantIn) -> tuple[int, RoleGrant]:
    council = council_for_api(request.user, council_id, MANAGE_USERS)
    data = payload.dict()
    body = _body(council, data.pop("body_id"))
    person_id = data.pop("person_id")
    person = get_object_or_404(Person, council=council, pk=person_id) if person_id else None
    return 201, services.user_grant(council=council, body=body, person=person, **data)


@router.delete("/councils/{council_id}/users/{grant_id}", response={204: None}, url_name="grant_delete")
def grant_delete(request: HttpRequest, council_id: int, grant_id: int) -> tuple[int, None]:
    council = council_for_api(request.user, council_id, MANAGE_USERS)
    services.role_revoke(grant=get_object_or_404(RoleGrant, council=council, pk=grant_id))
    return 204, None


@router.get("/councils/{council_id}/lockouts", response=list[LockoutOut], url_name="lockout_list")
def lockout_list(request: HttpRequest, council_id: int) -> list[dict]:
    """The council's accounts with wrong passwords still counting (office chief, administrator)."""
    council = council_for_api(request.user, council_id, UNLOCK_ACCOUNTS)
    return security.lockout_list(council=council)


@router.post(
    "/councils/{council_id}/lockouts/{username}/release", response=LockoutReleaseOut, url_name="lockout_release"
)
def lockout_release(request: HttpRequest, council_id: int, username: str) -> LockoutRelease:
    """Unlock a user of the council after wrong passwords; the unlock is recorded with who did it."""
    council = council_for_api(request.user, council_id, UNLOCK_ACCOUNTS)
    users = get_user_model().objects.filter(grants__council=council).distinct()
    user = get_object_or_404(users, username=username)
    return security.account_unlock(council=council, user=user, released_by=request.user)


def _no_control(text: str) -> bool:
    try:
        NO_CONTROL_CHARACTERS(text)
    except ValidationError:
        return False
    return True


@router.get(
    "/councils/{council_id}/personal-data-access",
    response=list[PersonalAccessOut],
    url_name="personal_access_list",
    summary="Nhật ký truy cập dữ liệu cá nhân",
    description=(
        "Ai đã xem, xuất Excel hay lấy qua API dữ liệu cá nhân của công dân trong Hội đồng, lúc nào, hồ sơ "
        "nào, từ địa chỉ nào; mới nhất trước. Lọc theo người dùng (user_id), khoảng ngày (date_from, "
        "date_to: yyyy-mm-dd, tính theo giờ Việt Nam), loại hồ sơ (record_kind), hình thức (kind) và chữ "
        "tìm (q, không cần dấu). Chỉ Chánh Văn phòng và quản trị viên của Hội đồng."
    ),
)
@paginate(PageNumberPagination, page_size=50)
def personal_access_list(
    request: HttpRequest, council_id: int, filters: Query[PersonalAccessFilter]
) -> QuerySet[PersonalDataAccess]:
    council = council_for_api(request.user, council_id, VIEW_ACCESS_LOG)
    errors = check_log_period(filters.date_from, filters.date_to)
    errors = {{"tu_ngay": "date_from", "den_ngay": "date_to"}[k]: v for k, v in errors.items()}
    if filters.record_kind and filters.record_kind.lower() not in selectors.PERSONAL_RECORD_KINDS:
        errors["record_kind"] = "Loại hồ sơ không hợp lệ."
    if filters.q and not _no_control(filters.q):
        errors["q"] = "Chữ tìm không được chứa ký tự điều khiển."
    if errors:
        raise ValidationError(errors)
    return selectors.personal_access_list(
        council=council,
        user_id=filters.user_id,
        date_from=filters.date_from,
        date_to=filters.date_to,
        record_kind=filters.record_kind or "",
        kind=filters.kind or "",
        search=filters.q or "",
    )
