from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse

from documents.access import VIEW_DRAFTS
from documents.models import Direction, Document, State
from documents.selectors import document_scope
from hdnd.years import latest_year
from registry.access import has_perm


def cards(request: HttpRequest) -> list[tuple[str, int, str]]:
    """The register's figures on the home dashboard (one query)."""
    council = request.council
    year = latest_year((Document.objects.filter(council=council), "year"), council=council)
    counts = document_scope(user=request.user, council=council).aggregate(
        drafts=Count("pk", filter=Q(state=State.DRAFT)),
        issued=Count("pk", filter=Q(direction=Direction.OUTGOING, year=year) & ~Q(state=State.DRAFT)),
        incoming=Count("pk", filter=Q(direction=Direction.INCOMING, year=year)),
    )
    url = reverse("documents:document_list")
    out = [
        (f"Văn bản đi năm {year}", counts["issued"], url),
        (f"Văn bản đến năm {year}", counts["incoming"], f"{url}?so=den"),
    ]
    if has_perm(request.user, council, VIEW_DRAFTS):
        out.insert(0, ("Dự thảo văn bản", counts["drafts"], f"{url}?trang_thai={State.DRAFT}"))
    return out
