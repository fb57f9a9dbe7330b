from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from registry.access import councils_for

SESSION_KEY = "council_id"


class CurrentCouncilMiddleware:
    """Sets `request.council`: the council chosen in the switcher, else the user's first one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.council = None
        if request.user.is_authenticated:
            councils = councils_for(request.user)
            chosen = request.session.get(SESSION_KEY)
            council = councils.filter(pk=chosen).first() if chosen else None
            if council is None:
                # The first active council the user holds a role in (a ceased one only when it is all they
                # have); a superuser without one gets the first active.
                mine = councils.filter(grants__user=request.user).order_by("-active", "pk")
                council = mine.first()
                council = council or councils.filter(active=True).order_by("pk").first()
            request.council = council
        return self.get_response(request)
