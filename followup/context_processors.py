from django.http import HttpRequest

from followup.selectors import unread_count


def notifications(request: HttpRequest) -> dict:
    """The number of unread reminders shown in the top bar (one COUNT on the user's unread index, none when
    the home page's dashboard counted them already)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = getattr(request, "unread_notifications", None)
    return {"unread_notifications": unread_count(user=user) if count is None else count}
