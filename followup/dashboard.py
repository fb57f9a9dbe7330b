from django.http import HttpRequest
from django.urls import reverse

from followup.selectors import late_condition, obligation_visible, overdue_on, unread_count
from hdnd.home import ddmmyyyy
from registry.models import Council


def cards(request: HttpRequest) -> list[tuple[str, int, str]]:
    """The follow-up figures on the home dashboard: overdue obligations and the user's unread notices."""
    qs = obligation_visible(user=request.user, council=request.council)
    url = reverse("followup:obligation_list")
    late_url = f"{url}?trang_thai=qua_han"
    # Kept on the request: the top bar's count (followup.context_processors) reads it instead of counting again.
    request.unread_notifications = unread_count(user=request.user)
    return [
        (_overdue_label(request.council), qs.filter(late_condition(overdue_on(request.council))).count(), late_url),
        ("Thông báo nhắc việc chưa đọc", request.unread_notifications, reverse("followup:notification_list")),
    ]


def _overdue_label(council: Council) -> str:
    """The card's label: a ceased council's overdue stands on its last day (`overdue_on`), and says so."""
    last = council.last_day
    return f"Việc quá hạn tính đến ngày {ddmmyyyy(last)}" if last is not None else "Việc quá hạn"
