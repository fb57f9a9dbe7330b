from django.http import HttpRequest
from django.urls import reverse

from followup.selectors import late_condition, obligation_visible, today, unread_count


def cards(request: HttpRequest) -> list[tuple[str, int, str]]:
    """The follow-up figures on the home dashboard: overdue obligations and the user's unread notices."""
    qs = obligation_visible(user=request.user, council=request.council)
    url = reverse("followup:obligation_list")
    # Kept on the request: the top bar's count (followup.context_processors) reads it instead of counting again.
    request.unread_notifications = unread_count(user=request.user)
    return [
        ("Việc quá hạn", qs.filter(late_condition(today())).count(), f"{url}?trang_thai=qua_han"),
        ("Thông báo nhắc việc chưa đọc", request.unread_notifications, reverse("followup:notification_list")),
    ]
