from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_action, run_form
from registry import selectors, services
from registry.access import (
    EDIT_REGISTRY,
    EDIT_SETTINGS,
    MANAGE_USERS,
    VIEW_REGISTRY,
    councils_for,
    has_perm,
    require,
)
from registry.calendar import rule_periods, rule_value, value_on
from registry.forms import (
    BodyForm,
    CalendarDayForm,
    CouncilForm,
    DelegateEditForm,
    DelegateForm,
    DelegateStatusForm,
    MembershipEndForm,
    MembershipForm,
    SettingForm,
    TermForm,
    TokenForm,
    UserGrantForm,
)
from registry.middleware import SESSION_KEY
from registry.models import Body, BodyKind, CalendarDay, CouncilLevel, LegalSetting
from registry.rules import DAY_OF_YEAR, RULES, RULES_BY_KEY, rule_citation
from registry.security import HAS_DEVICE_KEY

PAGE_SIZE = 50


def _page(request: HttpRequest, qs: object) -> object:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))


# Councils --------------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """/dang-ky/: the registry's pages this user may open, the same entries as the "Danh mục" menu."""
    from registry.context_processors import REGISTRY_NAVIGATION

    council = require(request, VIEW_REGISTRY)
    entries = [(label, name) for label, name, perm in REGISTRY_NAVIGATION if has_perm(request.user, council, perm)]
    return render(request, "registry/index.html", {"entries": entries})


@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    require(request, VIEW_REGISTRY)
    search, level = request.GET.get("q", ""), request.GET.get("cap", "")
    qs = selectors.council_list(councils=councils_for(request.user), search=search, level=level)
    return render(
        request,
        "registry/council_list.html",
        {"page": _page(request, qs), "q": search, "level": level, "levels": CouncilLevel.choices},
    )


@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW_REGISTRY)
    council = get_object_or_404(councils_for(request.user).select_related("parent"), pk=pk)
    if not has_perm(request.user, council, VIEW_REGISTRY):
        raise Http404
    return render(
        request,
        "registry/council_detail.html",
        {
            "council": council,
            "terms": list(council.terms.all()),
            "children": list(council.children.order_by("unit_name")),
            "successors": list(council.successors.order_by("unit_name")),
            "predecessors": list(council.predecessors.order_by("unit_name")),
            "history": history_rows(council),
            "can_edit": has_perm(request.user, council, EDIT_SETTINGS),
        },
    )


@login_required
def council_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(councils_for(request.user), pk=pk)
    if not has_perm(request.user, council, EDIT_SETTINGS):
        raise Http404
    form = CouncilForm(request.POST or None, instance=council)
    form.fields["parent"].queryset = councils_for(request.user).exclude(pk=council.pk)
    done = run_form(
        request, form, lambda d: services.council_update(council=council, **d), "Đã lưu thông tin Hội đồng."
    )
    if done is not NOT_DONE:
        return redirect("registry:council_detail", pk=council.pk)
    return render(request, "registry/form.html", {"form": form, "title": f"Sửa thông tin {council}"})


@login_required
@require_POST
def council_switch(request: HttpRequest) -> HttpResponse:
    council = councils_for(request.user).filter(pk=request.POST.get("council")).first()
    if council is None:
        raise Http404
    request.session[SESSION_KEY] = council.pk
    messages.info(request, f"Đang làm việc với {council}.")
    return redirect("home")


@login_required
def term_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT_SETTINGS)
    if refused := refuse_closed(request, council, "registry:council_detail", council.pk):
        return refused
    form = TermForm(request.POST or None, instance=None)
    form.instance.council = council
    done = run_form(request, form, lambda d: services.term_create(council=council, **d), "Đã thêm nhiệm kỳ.")
    if done is not NOT_DONE:
        return redirect("registry:council_detail", pk=council.pk)
    return render(request, "registry/form.html", {"form": form, "title": "Thêm nhiệm kỳ"})


# Delegates -------------------------------------------------------------------------------------


@login_required
def delegate_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW_REGISTRY)
    search = request.GET.get("q", "")
    group = request.GET.get("to") or None
    qs = selectors.delegate_list(council=council, search=search, group=int(group) if str(group).isdigit() else None)
    groups = selectors.body_list(council=council, kind=BodyKind.DELEGATE_GROUP)
    return render(
        request,
        "registry/delegate_list.html",
        {
            "page": _page(request, qs),
            "q": search,
            "group": group,
            "groups": list(groups),
            "can_edit": has_perm(request.user, council, EDIT_REGISTRY),
            "term": council.terms.order_by("-starts_on").first(),  # where an imported list of delegates goes
        },
    )


@login_required
def delegate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW_REGISTRY)
    delegate = selectors.delegate_get(council=council, pk=pk)
    return render(
        request,
        "registry/delegate_detail.html",
        {
            "delegate": delegate,
            "memberships": list(delegate.person.memberships.select_related("body")),
            "history": history_rows(delegate),
            "person_history": history_rows(delegate.person),
            "can_edit": has_perm(request.user, council, EDIT_REGISTRY),
        },
    )


@login_required
def delegate_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT_REGISTRY)
    form = DelegateForm(request.POST or None, council=council)
    delegate = run_form(request, form, lambda d: services.delegate_register(**d), "Đã thêm đại biểu.")
    if delegate is not NOT_DONE:
        return redirect("registry:delegate_detail", pk=delegate.pk)
    return render(request, "registry/form.html", {"form": form, "title": "Thêm đại biểu"})


@login_required
def delegate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT_REGISTRY)
    delegate = selectors.delegate_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "registry:delegate_detail", pk):
        return refused
    person = delegate.person
    initial = {
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_year": person.birth_year,
        "position": person.position,
        "workplace": person.workplace,
        "group": delegate.group_id,
        "constituency": delegate.constituency,
    }
    form = DelegateEditForm(request.POST or None, initial=initial, council=council)
    done = run_form(
        request, form, lambda d: services.delegate_edit(delegate=delegate, **d), "Đã lưu thông tin đại biểu."
    )
    if done is not NOT_DONE:
        return redirect("registry:delegate_detail", pk=delegate.pk)
    return render(request, "registry/form.html", {"form": form, "title": f"Sửa thông tin đại biểu {delegate}"})


@login_required
def delegate_status(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT_REGISTRY)
    delegate = selectors.delegate_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "registry:delegate_detail", pk):
        return refused
    form = DelegateStatusForm(request.POST or None)
    done = run_form(
        request,
        form,
        lambda d: services.delegate_change_status(delegate=delegate, **d),
        "Đã ghi nhận thay đổi tình trạng đại biểu.",
    )
    if done is not NOT_DONE:
        return redirect("registry:delegate_detail", pk=delegate.pk)
    return render(request, "registry/form.html", {"form": form, "title": f"Thay đổi tình trạng: {delegate}"})


# Bodies and memberships ------------------------------------------------------------------------


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW_REGISTRY)
    search, kind = request.GET.get("q", ""), request.GET.get("loai", "")
    qs = selectors.body_list(council=council, search=search, kind=kind)
    return render(
        request,
        "registry/body_list.html",
        {
            "page": _page(request, qs),
            "q": search,
            "kind": kind,
            "kinds": BodyKind.choices,
            "can_edit": has_perm(request.user, council, EDIT_REGISTRY),
        },
    )


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW_REGISTRY)
    body = selectors.body_get(council=council, pk=pk)
    return render(
        request,
        "registry/body_detail.html",
        {
            "body": body,
            "history": history_rows(body),
            "can_edit": has_perm(request.user, council, EDIT_REGISTRY),
        },
    )


@login_required
def body_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    council = require(request, EDIT_REGISTRY)
    body = selectors.body_get(council=council, pk=pk) if pk else None
    # A body's page of a ceased council offers no change (a new body is refused on the form, by the service).
    if body is not None and (refused := refuse_closed(request, council, "registry:body_detail", pk)):
        return refused
    form = BodyForm(request.POST or None, instance=body, council=council)

    def save(data: dict) -> Body:
        if body is None:
            return services.body_create(council=council, **{k: v for k, v in data.items() if k != "active"})
        return services.body_update(body=body, **data)

    saved = run_form(request, form, save, "Đã lưu cơ quan, tổ chức.")
    if saved is not NOT_DONE:
        return redirect("registry:body_detail", pk=saved.pk)
    title = f"Sửa {body}" if body else "Thêm cơ quan, tổ chức"
    return render(request, "registry/form.html", {"form": form, "title": title})


@login_required
@require_POST
def body_delete(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT_REGISTRY)
    body = selectors.body_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "registry:body_detail", pk):
        return refused
    if run_action(request, lambda: services.record_delete(obj=body), "Đã xóa.") is NOT_DONE:
        return redirect("registry:body_detail", pk=pk)
    return redirect("registry:body_list")


@login_required
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT_REGISTRY)
    body = selectors.body_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "registry:body_detail", pk):
        return refused
    form = MembershipForm(request.POST or None, council=council)
    done = run_form(request, form, lambda d: services.membership_create(body=body, **d), "Đã thêm thành viên.")
    if done is not NOT_DONE:
        return redirect("registry:body_detail", pk=body.pk)
    return render(request, "registry/form.html", {"form": form, "title": f"Thêm thành viên: {body}"})


@login_required
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT_REGISTRY)
    membership = selectors.membership_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "registry:body_detail", membership.body_id):
        return refused
    form = MembershipEndForm(request.POST or None)
    done = run_form(
        request, form, lambda d: services.membership_end(membership=membership, **d), "Đã kết thúc nhiệm vụ."
    )
    if done is not NOT_DONE:
        return redirect("registry:body_detail", pk=membership.body_id)
    return render(request, "registry/form.html", {"form": form, "title": f"Kết thúc nhiệm vụ: {membership}"})


# Settings and calendar -------------------------------------------------------------------------


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW_REGISTRY)
    settings = list(LegalSetting.objects.filter(council=council))
    today = timezone.localdate()
    rows = []
    for rule in RULES:
        now = value_on(rule.key, settings, today, council.level)
        rows.append(
            {
                "rule": rule,
                "now": now,
                "periods": rule_periods(rule.key, settings, council.level),
                "custom": any(s.key == rule.key for s in settings),
            }
        )
    days = CalendarDay.objects.filter(council=council).order_by("-day")[:100]
    return render(
        request,
        "registry/settings.html",
        {
            "rows": rows,
            "days": days,
            "day_form": CalendarDayForm(),
            "can_edit": has_perm(request.user, council, EDIT_SETTINGS),
        },
    )


@login_required
def setting_edit(request: HttpRequest, key: str) -> HttpResponse:
    council = require(request, EDIT_SETTINGS)
    rule = RULES_BY_KEY.get(key)
    if rule is None:
        raise Http404
    if refused := refuse_closed(request, council, "registry:settings"):
        return refused
    try:
        value, unit = rule_value(council, key)
    except LookupError:
        value, unit = None, rule.unit
    form = SettingForm(request.POST or None, initial={"value": value, "unit": unit})
    done = run_form(
        request, form, lambda d: services.setting_set(council=council, key=key, **d), f"Đã lưu: {rule.label}."
    )
    if done is not NOT_DONE:
        return redirect("registry:settings")
    citation = rule_citation(key, council.level, timezone.localdate())
    note = (
        f"Căn cứ: {citation}. Thiết lập mới áp dụng từ ngày ghi dưới đây đến khi có thiết lập sau; "
        "thời hạn đang chạy giữ phiên bản đã dùng để tính."
    )
    if rule.unit == DAY_OF_YEAR:
        note += " Ngày trong năm ghi theo dạng tháng × 100 + ngày (301 là ngày 01/03)."
    return render(request, "registry/form.html", {"form": form, "title": rule.label, "note": note})


@login_required
def calendar_day_add(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT_SETTINGS)
    if refused := refuse_closed(request, council, "registry:settings"):
        return refused
    form = CalendarDayForm(request.POST or None)
    done = run_form(
        request, form, lambda d: services.calendar_day_add(council=council, **d), "Đã thêm ngày vào lịch làm việc."
    )
    if done is not NOT_DONE:
        return redirect("registry:settings")
    return render(request, "registry/form.html", {"form": form, "title": "Thêm ngày nghỉ hoặc ngày làm bù"})


# Users and roles of the council ------------------------------------------------------------------


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    council = require(request, MANAGE_USERS)
    grants = selectors.grant_list(council=council)
    return render(request, "registry/user_list.html", {"page": _page(request, grants)})


@login_required
def user_grant(request: HttpRequest) -> HttpResponse:
    council = require(request, MANAGE_USERS)
    form = UserGrantForm(request.POST or None, council=council)
    grant = run_form(request, form, lambda d: services.user_grant(council=council, **d), "Đã phân quyền.")
    if grant is not NOT_DONE:
        return redirect("registry:user_list")
    return render(request, "registry/form.html", {"form": form, "title": "Thêm người dùng, phân quyền"})


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, MANAGE_USERS)
    grant = selectors.grant_get(council=council, pk=pk)
    run_action(
        request,
        lambda: services.role_revoke(grant=grant, by=request.user),
        f"Đã thu hồi vai trò {grant.get_role_display()} của {grant.user.username}.",
    )
    return redirect("registry:user_list")


# The user's own page ---------------------------------------------------------------------------


@login_required
def account(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _, new_key = services.token_create(user=request.user, **form.cleaned_data)
        messages.success(request, "Đã tạo mã truy cập. Hãy sao chép ngay: mã chỉ hiển thị một lần.")
        form = TokenForm()
    return render(
        request,
        "registry/account.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": list(request.user.api_tokens.all()),
            "otp_enabled": request.session.get(HAS_DEVICE_KEY, False),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.token_revoke(token=token)
    messages.success(request, f"Đã thu hồi mã truy cập “{token.name}”.")
    return redirect("registry:account")
