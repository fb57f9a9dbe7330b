from django.http import HttpRequest
from django.urls import reverse

from petitions.access import VIEW
from petitions.models import Petition, PetitionState, state_q
from registry.access import has_perm


def cards(request: HttpRequest) -> list[tuple[str, int, str]]:
    """The petitions' figures on the home dashboard: waiting to be forwarded, waiting for an answer."""
    council = request.council
    if not has_perm(request.user, council, VIEW):
        return []
    top = Petition.objects.filter(council=council, merged_into__isnull=True, complaint=False)
    url = reverse("petitions:petition_list")
    return [
        (
            "Kiến nghị cử tri chờ chuyển",
            top.filter(state_q(PetitionState.RECEIVED)).count(),
            f"{url}?trang_thai=tiep_nhan",
        ),
        (
            "Kiến nghị cử tri chờ trả lời",
            top.filter(state_q(PetitionState.FORWARDED)).count(),
            f"{url}?trang_thai=da_chuyen",
        ),
    ]
