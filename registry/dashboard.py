import datetime

from django.http import HttpRequest
from django.urls import reverse

from registry.access import VIEW_REGISTRY, has_perm
from registry.models import Body, BodyKind
from registry.selectors import delegates_in_office


def cards(request: HttpRequest) -> list[tuple[str, int, str]]:
    """The registry's figures on the home dashboard."""
    council = request.council
    if not has_perm(request.user, council, VIEW_REGISTRY):
        return []
    today = datetime.date.today()
    bodies = Body.objects.filter(council=council)
    return [
        (
            "Đại biểu đang làm nhiệm vụ",
            delegates_in_office(council=council, on=today).count(),
            reverse("registry:delegate_list"),
        ),
        (
            "Tổ đại biểu",
            bodies.filter(kind=BodyKind.DELEGATE_GROUP).count(),
            reverse("registry:body_list") + "?loai=" + BodyKind.DELEGATE_GROUP,
        ),
        ("Cơ quan, tổ chức", bodies.count(), reverse("registry:body_list")),
    ]
