from django.http import HttpRequest

from hdnd import dates
from registry.access import councils_for, has_perm, roles_of
from registry.models import Role

# The modules that exist; each app adds its entry when it lands (no link to a page that does not exist).
NAVIGATION: list[tuple[str, str, str]] = [("Trang chủ", "home", "")]
# The registry's pages, rarely visited once the council is set up, sit in one drop-down menu.
REGISTRY_MENU = "Danh mục"
REGISTRY_NAVIGATION: list[tuple[str, str, str]] = [
    ("Đại biểu", "registry:delegate_list", "registry.view"),
    ("Cơ quan, tổ chức", "registry:body_list", "registry.view"),
    ("Hội đồng", "registry:council_list", "registry.view"),
    ("Cài đặt", "registry:settings", "registry.view"),
    ("Người dùng", "registry:user_list", "users.manage"),
    ("Tài khoản bị khoá", "registry:lockout_list", "users.unlock"),
    ("Nhật ký dữ liệu cá nhân", "registry:personal_access_list", "personal_data.log"),
]


def shell(request: HttpRequest) -> dict:
    user = request.user
    council = getattr(request, "council", None)
    if not user.is_authenticated:
        return {"current_council": None, "nav": []}
    allowed = [(label, name) for label, name, perm in NAVIGATION if not perm or has_perm(user, council, perm)]
    menu = [(label, name) for label, name, perm in REGISTRY_NAVIGATION if has_perm(user, council, perm)]
    # Entries are (label, url name, submenu): the drop-down comes right after the home page.
    nav = [(label, name, []) for label, name in allowed[:1]]
    if menu:
        nav.append((REGISTRY_MENU, "", menu))
    nav += [(label, name, []) for label, name in allowed[1:]]
    roles = roles_of(user, council)
    return {
        "current_council": council,
        "my_councils": list(councils_for(user).order_by("level", "unit_name")[:50]),
        "nav": nav,
        "my_roles": [Role(r).label for r in sorted(roles)],
        # A council that ceased (a pre-2025 district or town): every screen says its records are read-only
        # and points to its successors (read in the template, so only that council's pages query them).
        "council_ceased": council if council is not None and council.ceased_on else None,
        # Past its last day it is read-only, backdated records included (`registry.services.council_accepts`).
        "council_closed": council is not None and not council.open_on(dates.today()),
    }
