from django.http import HttpRequest
from django.urls import reverse

from registry.access import has_perm
from supervision.access import VIEW
from supervision.selectors import programmes_to_watch, rounds_to_watch


def cards(request: HttpRequest) -> list[tuple[str, int, str]]:
    """Rounds with a legal milestone overdue or due within a week, or a body's report or a recommendation
    overdue (`rounds_to_watch`); programmes with a milestone overdue or due within a week."""
    if not has_perm(request.user, request.council, VIEW):
        return []
    return [
        (
            "Đợt giám sát có mốc sắp đến hạn, việc quá hạn",
            rounds_to_watch(council=request.council).count(),
            reverse("supervision:round_list") + "?canh_bao=1",
        ),
        (
            "Chương trình giám sát có mốc sắp đến hạn, quá hạn",
            programmes_to_watch(council=request.council).count(),
            reverse("supervision:programme_list"),
        ),
    ]
