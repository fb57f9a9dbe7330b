from django.http import HttpRequest
from django.urls import reverse

from followup.selectors import late_condition, obligation_visible, today, unread_count


def cards(request: HttpRequest) -> list[tuple[str, int, str]]:
    """The follow-up figures on the home dashboard: overdue obligations and the user's unread notices."""
    qs = obligation_visible(user=request.user, council=request.council)
    url = reverse("followup:obligation_list")
    return [
        ("Việc quá hạn", qs.filter(late_condition(today())).count(), f"{url}?trang_thai=qua_han"),
        ("Thông báo nhắc việc chưa đọc", unread_count(user=request.user), reverse("followup:notification_list")),
    ]
