from django.http import HttpRequest
from django.urls import reverse

from hdnd import dates
from registry.access import VIEW_REGISTRY, has_perm
from registry.models import Body, BodyKind
from registry.selectors import delegates_in_office, term_current


def cards(request: HttpRequest) -> list[tuple[str, int, str]]:
    """The registry's figures on the home dashboard."""
    council = request.council
    if not has_perm(request.user, council, VIEW_REGISTRY):
        return []
    today = dates.today()
    bodies = Body.objects.filter(council=council)
    term = term_current(council=council, on=today)
    # A council whose last term has ended (the historical demo town) shows that term's delegates at its end.
    on = today if term is None or term.ends_on is None or term.ends_on >= today else term.ends_on
    label = "Đại biểu đang làm nhiệm vụ" if on == today else f"Đại biểu cuối nhiệm kỳ {term.name}"
    return [
        (label, delegates_in_office(council=council, on=on).count(), reverse("registry:delegate_list")),
        (
            "Tổ đại biểu",
            bodies.filter(kind=BodyKind.DELEGATE_GROUP).count(),
            reverse("registry:body_list") + "?loai=" + BodyKind.DELEGATE_GROUP,
        ),
        ("Cơ quan, tổ chức", bodies.count(), reverse("registry:body_list")),
    ]
