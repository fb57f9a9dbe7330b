"""Home section of a signer (the chair, the office chief): the drafts that name them as signer."""

from django.http import HttpRequest
from django.urls import reverse

from documents.models import State
from documents.selectors import document_scope, signed_by
from hdnd.home import SECTION_ROWS, HomeItem, HomeSection
from registry.access import grants_of
from registry.models import Role

# Roles whose people sign the council's documents: the section shows for them even when it is empty.
SIGNERS = {Role.STANDING_MEMBER, Role.OFFICE_CHIEF}


def sections(request: HttpRequest) -> list[HomeSection]:
    """Drafts whose signer is the person the user's role names: 1 the drafts, 2 their count."""
    user, council = request.user, request.council
    grants = grants_of(user, council)
    if not any(g.person_id for g in grants):
        return []
    drafts = document_scope(user=user, council=council).filter(signed_by(user, council), state=State.DRAFT)
    rows = list(drafts.order_by("-pk")[:SECTION_ROWS])
    if not rows and not {g.role for g in grants} & SIGNERS:
        return []  # a delegate who is named on no draft has no signing to do
    return [
        HomeSection(
            "Văn bản chờ bạn ký",
            [
                HomeItem(
                    d.subject or d.get_doc_type_display(),
                    reverse("documents:document_detail", args=[d.pk]),
                    f"{d.get_doc_type_display()} · {d.signer_title} {d.signer_name}",
                )
                for d in rows
            ],
            total=drafts.count(),
            more_url=f"{reverse('documents:document_list')}?trang_thai={State.DRAFT}",
            empty="Không có văn bản nào chờ bạn ký.",
            order=1,
        )
    ]
