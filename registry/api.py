"""Registry routes of /api/v1/: what the registry screens do, scoped by council and role."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
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
from registry.calendar import MissingSetting, compute, rule_periods, value_on
from registry.forms import NO_CONTROL_CHARACTERS, check_log_period
from registry.models import (
    ApiToken,
    Body,
    CalendarDay,
    Council,
    Delegate,
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
    CouncilCreateIn,
    CouncilFilter,
    CouncilOut,
    CouncilPatch,
    DeadlineOut,
    DelegateFilter,
    DelegateIn,
    DelegateOut,
    DelegatePatch,
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
    PersonIn,
    PersonOut,
    PersonPatch,
    SettingIn,
    SettingOut,
    TermIn,
    TermOut,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)
from registry.selectors import in_council

router = Router(tags=["Danh mục"])


def _body(council: Council, pk: int | None, field: str = "body_id") -> Body | None:
    return in_council(Body, pk, field=field, label="cơ quan", council=council)


@router.get("/councils", response=list[CouncilOut], url_name="council_list", summary="Danh sách Hội đồng")
@paginate(PageNumberPagination, page_size=50)
def council_list(request: HttpRequest, filters: Query[CouncilFilter]) -> QuerySet[Council]:
    return selectors.council_list(
        councils=councils_for(request.user), search=filters.q or "", level=filters.level or ""
    )


@router.get("/councils/{council_id}", response=CouncilOut, url_name="council_detail", summary="Thông tin một Hội đồng")
def council_detail(request: HttpRequest, council_id: int) -> Council:
    return council_for_api(request.user, council_id, VIEW_REGISTRY)


def _require_superuser(request: HttpRequest) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied("Chỉ quản trị viên hệ thống được tạo hoặc kích hoạt Hội đồng.")


@router.post("/councils", response={201: CouncilOut}, url_name="council_create", summary="Tạo Hội đồng (lịch sử)")
def council_create(request: HttpRequest, payload: CouncilCreateIn) -> tuple[int, Council]:
    """Tạo một Hội đồng không có trong danh mục đơn vị hành chính đã nạp: Hội đồng cấp huyện trước
    01/07/2025 hay đơn vị đã sáp nhập (ghi là lịch sử). Hội đồng hiện hành thì kích hoạt từ danh mục.
    Chỉ quản trị viên hệ thống."""
    _require_superuser(request)
    data = payload.dict()
    parent_id = data.pop("parent_id")
    parent = in_council(Council, parent_id, field="parent_id", label="Hội đồng cấp trên")
    active = data["ceased_on"] is None
    return 201, services.council_create(historical=True, parent=parent, active=active, **data)


@router.post(
    "/councils/{council_id}/activate",
    response=CouncilOut,
    url_name="council_activate",
    summary="Kích hoạt Hội đồng từ danh mục đơn vị hành chính",
)
def council_activate(request: HttpRequest, council_id: int) -> Council:
    """Đưa một Hội đồng của danh mục đơn vị hành chính (đã nạp, chưa hoạt động) vào sử dụng; sau đó giao vai
    trò cho Văn phòng. Chỉ quản trị viên hệ thống."""
    _require_superuser(request)
    council = in_council(Council, council_id, label="Hội đồng")
    return services.council_update(council=council, active=True)


@router.patch(
    "/councils/{council_id}", response=CouncilOut, url_name="council_update", summary="Sửa thông tin Hội đồng"
)
def council_update(request: HttpRequest, council_id: int, payload: CouncilPatch) -> Council:
    """Tên đơn vị, địa danh ghi trên văn bản, ngày chấm dứt hoạt động; các mốc thời hạn theo luật ở /settings."""
    council = council_for_api(request.user, council_id, EDIT_SETTINGS)
    return services.council_update(council=council, **payload.dict(exclude_unset=True))


@router.get(
    "/councils/{council_id}/units",
    response=list[CouncilOut],
    url_name="council_units",
    summary="Các đơn vị cấp dưới của Hội đồng",
)
@paginate(PageNumberPagination, page_size=100)
def council_units(request: HttpRequest, council_id: int) -> QuerySet[Council]:
    """Các xã, phường (Hội đồng cấp dưới) thuộc địa bàn của Hội đồng, kể cả khi người dùng không giữ vai trò ở đó."""
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.child_council_list(council=council)


@router.get(
    "/councils/{council_id}/people", response=list[PersonOut], url_name="person_list", summary="Danh sách người"
)
@paginate(PageNumberPagination, page_size=100)
def person_list(request: HttpRequest, council_id: int, q: str = "") -> QuerySet[Person]:
    """Mọi người của Hội đồng: đại biểu, lãnh đạo, công chức Văn phòng (tìm theo tên, không cần dấu)."""
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.person_list(council=council, search=q)


@router.post("/councils/{council_id}/people", response={201: PersonOut}, url_name="person_create", summary="Thêm người")
def person_create(request: HttpRequest, council_id: int, payload: PersonIn) -> tuple[int, Person]:
    """Một người không phải đại biểu (ví dụ Chánh Văn phòng), để giao vai trò hay ghi thành viên cơ quan."""
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    data = payload.dict()
    data["gender"] = data["gender"] or ""
    return 201, services.person_create(council=council, **data)


@router.patch(
    "/councils/{council_id}/people/{person_id}",
    response=PersonOut,
    url_name="person_update",
    summary="Sửa thông tin người",
)
def person_update(request: HttpRequest, council_id: int, person_id: int, payload: PersonPatch) -> Person:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    person = in_council(Person, person_id, label="người", council=council)
    data = payload.dict(exclude_unset=True)
    if "gender" in data:
        data["gender"] = data["gender"] or ""
    return services.person_update(person=person, **data)


@router.get("/tokens", response=list[TokenOut], url_name="token_list", summary="Mã truy cập của tôi")
def token_list(request: HttpRequest) -> QuerySet[ApiToken]:
    """Các mã truy cập cá nhân của người dùng (không bao giờ trả lại mã đầy đủ)."""
    return request.user.api_tokens.order_by("-created_at", "-pk")


@router.post("/tokens", response={201: TokenCreatedOut}, url_name="token_create", summary="Tạo mã truy cập")
def token_create(request: HttpRequest, payload: TokenIn) -> tuple[int, dict]:
    """Tạo mã truy cập cá nhân; mã đầy đủ (`key`) chỉ có trong câu trả lời này."""
    token, key = services.token_create(user=request.user, name=payload.name)
    return 201, {**TokenOut.from_orm(token).dict(), "key": key}


@router.post("/tokens/{token_id}/revoke", response=TokenOut, url_name="token_revoke", summary="Thu hồi mã truy cập")
def token_revoke(request: HttpRequest, token_id: int) -> ApiToken:
    return services.token_revoke(token=in_council(request.user.api_tokens.all(), token_id, label="mã truy cập"))


@router.get("/councils/{council_id}/terms", response=list[TermOut], url_name="term_list", summary="Danh sách nhiệm kỳ")
def term_list(request: HttpRequest, council_id: int) -> QuerySet[Term]:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.term_list(council=council)


@router.post("/councils/{council_id}/terms", response={201: TermOut}, url_name="term_create", summary="Tạo nhiệm kỳ")
def term_create(request: HttpRequest, council_id: int, payload: TermIn) -> tuple[int, Term]:
    council = council_for_api(request.user, council_id, EDIT_SETTINGS)
    return 201, services.term_create(council=council, **payload.dict())


@router.get(
    "/councils/{council_id}/bodies", response=list[BodyOut], url_name="body_list", summary="Danh sách cơ quan, tổ chức"
)
@paginate(PageNumberPagination, page_size=50)
def body_list(request: HttpRequest, council_id: int, q: str = "", kind: str = "") -> QuerySet[Body]:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.body_list(council=council, search=q, kind=kind)


@router.post(
    "/councils/{council_id}/bodies", response={201: BodyOut}, url_name="body_create", summary="Tạo cơ quan, tổ chức"
)
def body_create(request: HttpRequest, council_id: int, payload: BodyIn) -> tuple[int, Body]:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    data = payload.dict()
    parent = _body(council, data.pop("parent_id"), "parent_id")
    linked_id = data.pop("linked_council_id")
    linked = None
    if linked_id is not None:
        # Only the council above or one of the councils below (the form offers the same).
        linked = in_council(
            selectors.linkable_councils(council=council),
            linked_id,
            field="linked_council_id",
            label="Hội đồng liên kết (cấp trên hoặc cấp dưới)",
        )
    return 201, services.body_create(council=council, parent=parent, linked_council=linked, **data)


@router.get(
    "/councils/{council_id}/bodies/{body_id}",
    response=BodyOut,
    url_name="body_detail",
    summary="Thông tin một cơ quan, tổ chức",
)
def body_detail(request: HttpRequest, council_id: int, body_id: int) -> Body:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return in_council(Body, body_id, label="cơ quan", council=council)


@router.patch(
    "/councils/{council_id}/bodies/{body_id}", response=BodyOut, url_name="body_update", summary="Sửa cơ quan, tổ chức"
)
def body_update(request: HttpRequest, council_id: int, body_id: int, payload: BodyPatch) -> Body:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    body = in_council(Body, body_id, label="cơ quan", council=council)
    data = payload.dict(exclude_unset=True)
    if "parent_id" in data:
        data["parent"] = _body(council, data.pop("parent_id"), "parent_id")
    return services.body_update(body=body, **data)


@router.delete(
    "/councils/{council_id}/bodies/{body_id}",
    response={204: None},
    url_name="body_delete",
    summary="Xóa cơ quan, tổ chức",
)
def body_delete(request: HttpRequest, council_id: int, body_id: int) -> tuple[int, None]:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    services.record_delete(obj=in_council(Body, body_id, label="cơ quan", council=council))
    return 204, None


@router.get(
    "/councils/{council_id}/bodies/{body_id}/memberships",
    response=list[MembershipOut],
    url_name="membership_list",
    summary="Thành viên của cơ quan",
)
def membership_list(request: HttpRequest, council_id: int, body_id: int) -> QuerySet[Membership]:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.membership_list(body=in_council(Body, body_id, label="cơ quan", council=council))


@router.post(
    "/councils/{council_id}/bodies/{body_id}/memberships",
    response={201: MembershipOut},
    url_name="membership_create",
    summary="Thêm thành viên vào cơ quan",
)
def membership_create(
    request: HttpRequest, council_id: int, body_id: int, payload: MembershipIn
) -> tuple[int, Membership]:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    body = in_council(Body, body_id, label="cơ quan", council=council)
    data = payload.dict()
    person = in_council(Person, data.pop("person_id"), field="person_id", label="người", council=council)
    return 201, services.membership_create(person=person, body=body, **data)


@router.post(
    "/councils/{council_id}/memberships/{membership_id}/end",
    response=MembershipOut,
    url_name="membership_end",
    summary="Kết thúc tư cách thành viên",
)
def membership_end(request: HttpRequest, council_id: int, membership_id: int, payload: MembershipEndIn) -> Membership:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    membership = selectors.membership_get(council=council, pk=membership_id)
    return services.membership_end(membership=membership, ends_on=payload.ends_on)


@router.get(
    "/councils/{council_id}/delegates",
    response=list[DelegateOut],
    url_name="delegate_list",
    summary="Danh sách đại biểu",
)
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


@router.get(
    "/councils/{council_id}/delegates/{delegate_id}",
    response=DelegateOut,
    url_name="delegate_detail",
    summary="Thông tin một đại biểu",
)
def delegate_detail(request: HttpRequest, council_id: int, delegate_id: int) -> Delegate:
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    return selectors.delegate_get(council=council, pk=delegate_id)


@router.post(
    "/councils/{council_id}/delegates", response={201: DelegateOut}, url_name="delegate_create", summary="Thêm đại biểu"
)
def delegate_create(request: HttpRequest, council_id: int, payload: DelegateIn) -> tuple[int, Delegate]:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    term = in_council(Term, payload.term_id, field="term_id", label="nhiệm kỳ", council=council)
    data = payload.dict(exclude={"term_id", "group_id"})
    delegate = services.delegate_register(term=term, group=_body(council, payload.group_id, "group_id"), **data)
    return 201, delegate


@router.patch(
    "/councils/{council_id}/delegates/{delegate_id}",
    response=DelegateOut,
    url_name="delegate_edit",
    summary="Sửa thông tin đại biểu",
)
def delegate_edit(request: HttpRequest, council_id: int, delegate_id: int, payload: DelegatePatch) -> Delegate:
    """Tổ đại biểu, đơn vị bầu cử và thông tin cá nhân, như màn hình sửa đại biểu; trường không gửi giữ nguyên."""
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    delegate = selectors.delegate_get(council=council, pk=delegate_id)
    person = delegate.person
    data = payload.dict(exclude_unset=True)
    group = delegate.group
    if "group_id" in data:
        group = _body(council, data.pop("group_id"), "group_id")
    fields = {f: getattr(person, f) for f in ("full_name", "gender", "birth_year", "position", "workplace")}
    fields.update({f: ("" if v is None and f != "birth_year" else v) for f, v in data.items() if f in fields})
    constituency = data.get("constituency") or (delegate.constituency if "constituency" not in data else "")
    services.delegate_edit(delegate=delegate, group=group, constituency=constituency, **fields)
    return selectors.delegate_get(council=council, pk=delegate.pk)


@router.post(
    "/councils/{council_id}/delegates/{delegate_id}/status",
    response=DelegateOut,
    url_name="delegate_status",
    summary="Đổi tình trạng đại biểu",
)
def delegate_status(request: HttpRequest, council_id: int, delegate_id: int, payload: DelegateStatusIn) -> Delegate:
    council = council_for_api(request.user, council_id, EDIT_REGISTRY)
    delegate = selectors.delegate_get(council=council, pk=delegate_id)
    return services.delegate_change_status(delegate=delegate, **payload.dict())


def _setting_rows(council: Council) -> list[dict]:
    settings = list(selectors.settings_stored(council=council).values())
    today = timezone.localdate()
    rows = []
    for rule in RULES:
        now = value_on(rule.key, settings, today, council.level)
        rows.append(
            {
                "key": rule.key,
                "group": rule.group,
                "label": rule.label,
                "default": rule.default,
                "citation": now.citation if now else rule.citation,
                "value": now.value if now else None,
                "unit": now.unit if now else rule.unit,
                "periods": rule_periods(rule.key, settings, council.level),
            }
        )
    return rows


@router.get(
    "/councils/{council_id}/settings",
    response=list[SettingOut],
    url_name="setting_list",
    summary="Các thiết lập theo luật",
)
def setting_list(request: HttpRequest, council_id: int) -> list[dict]:
    return _setting_rows(council_for_api(request.user, council_id, VIEW_REGISTRY))


@router.put(
    "/councils/{council_id}/settings/{key}", response=SettingOut, url_name="setting_set", summary="Đặt một thiết lập"
)
def setting_set(request: HttpRequest, council_id: int, key: str, payload: SettingIn) -> dict:
    council = council_for_api(request.user, council_id, EDIT_SETTINGS)
    if key not in RULES_BY_KEY:
        raise Http404
    services.setting_set(council=council, key=key, **payload.dict())
    return next(r for r in _setting_rows(council) if r["key"] == key)


@router.get(
    "/councils/{council_id}/calendar",
    response=list[CalendarDayOut],
    url_name="calendar_list",
    summary="Lịch ngày làm việc",
)
def calendar_list(request: HttpRequest, council_id: int) -> QuerySet[CalendarDay]:
    return selectors.calendar_days(council=council_for_api(request.user, council_id, VIEW_REGISTRY), limit=None)


@router.post(
    "/councils/{council_id}/calendar",
    response={201: CalendarDayOut},
    url_name="calendar_add",
    summary="Thêm ngày nghỉ hoặc ngày làm bù",
)
def calendar_add(request: HttpRequest, council_id: int, payload: CalendarDayIn) -> tuple[int, CalendarDay]:
    council = council_for_api(request.user, council_id, EDIT_SETTINGS)
    return 201, services.calendar_day_add(council=council, **payload.dict())


@router.get(
    "/councils/{council_id}/deadline", response=DeadlineOut, url_name="deadline", summary="Tính hạn theo ngày làm việc"
)
def deadline_compute(
    request: HttpRequest, council_id: int, start: datetime.date, rule: str, before: bool = False
) -> dict:
    """Tính hạn từ một quy định theo lịch ngày làm việc của Hội đồng."""
    council = council_for_api(request.user, council_id, VIEW_REGISTRY)
    if not YEAR_MIN <= start.year <= YEAR_MAX:
        # Counting from year 1 or 9999 runs off the calendar (an OverflowError, once a 500).
        raise ValidationError({"start": f"Ngày bắt đầu phải trong các năm {YEAR_MIN}–{YEAR_MAX}."})
    if rule not in RULES_BY_KEY:
        raise ValidationError({"rule": "Quy định không tồn tại."})
    try:
        basis = compute(council, start, rule=rule, before=before)
    except MissingSetting as exc:
        raise ValidationError({"rule": str(exc)}) from exc
    return {
        "start": start,
        "deadline": basis.due,
        "days": basis.value,
        "unit": basis.unit,
        "citation": basis.citation,
        "valid_from": basis.valid_from,
        "valid_to": basis.valid_to,
        "skipped": [d for d, _ in basis.counting.skipped + basis.counting.moved],
        "made_up": basis.counting.made_up,
    }


@router.get(
    "/councils/{council_id}/users", response=list[GrantOut], url_name="grant_list", summary="Người dùng và vai trò"
)
@paginate(PageNumberPagination, page_size=50)
def grant_list(request: HttpRequest, council_id: int) -> QuerySet[RoleGrant]:
    """Ai giữ vai trò nào trong Hội đồng (chỉ quản trị viên hệ thống)."""
    council = council_for_api(request.user, council_id, MANAGE_USERS)
    return selectors.grant_list(council=council)


@router.post(
    "/councils/{council_id}/users",
    response={201: GrantOut},
    url_name="grant_create",
    summary="Giao vai trò cho người dùng",
)
def grant_create(request: HttpRequest, council_id: int, payload: GrantIn) -> tuple[int, RoleGrant]:
    council = council_for_api(request.user, council_id, MANAGE_USERS)
    data = payload.dict()
    body = _body(council, data.pop("body_id"))
    person_id = data.pop("person_id")
    person = in_council(Person, person_id or None, field="person_id", label="người", council=council)
    return 201, services.user_grant(council=council, body=body, person=person, **data)


@router.delete(
    "/councils/{council_id}/users/{grant_id}", response={204: None}, url_name="grant_delete", summary="Thu hồi vai trò"
)
def grant_delete(request: HttpRequest, council_id: int, grant_id: int) -> tuple[int, None]:
    council = council_for_api(request.user, council_id, MANAGE_USERS)
    services.role_revoke(grant=selectors.grant_get(council=council, pk=grant_id))
    return 204, None


@router.get(
    "/councils/{council_id}/lockouts",
    response=list[LockoutOut],
    url_name="lockout_list",
    summary="Tài khoản đang bị đếm sai mật khẩu",
)
def lockout_list(request: HttpRequest, council_id: int) -> list[dict]:
    """Các tài khoản của Hội đồng còn đang bị đếm lần nhập sai mật khẩu (Chánh Văn phòng, quản trị viên)."""
    council = council_for_api(request.user, council_id, UNLOCK_ACCOUNTS)
    return security.lockout_list(council=council)


@router.post(
    "/councils/{council_id}/lockouts/{username}/release",
    response=LockoutReleaseOut,
    url_name="lockout_release",
    summary="Mở khóa tài khoản",
)
def lockout_release(request: HttpRequest, council_id: int, username: str) -> LockoutRelease:
    """Mở khóa một người dùng của Hội đồng sau những lần nhập sai mật khẩu; việc mở khóa được ghi lại cùng người thực
    hiện.
    """
    council = council_for_api(request.user, council_id, UNLOCK_ACCOUNTS)
    user = selectors.council_user_get(council=council, username=username)
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
