"""Consultations on the home page: the office's running ones (with comments waiting for moderation), and
an agency user's invitations still taking opinions, with its obligation's deadline."""

from django.http import HttpRequest
from django.urls import reverse

from consultation import selectors
from consultation.access import EDIT
from hdnd.dates import format_date, today
from hdnd.home import HomeItem, HomeSection
from registry.access import agency_bodies, has_perm


def sections(request: HttpRequest) -> list[HomeSection]:
    council = getattr(request, "council", None)
    if council is None or not request.user.is_authenticated:
        return []
    out = []
    if has_perm(request.user, council, EDIT):
        rows = list(
            selectors.consultation_list(council=council).filter(closed_on__isnull=True, closes_on__gte=today())[:5]
        )
        out.append(
            HomeSection(
                title="Lấy ý kiến dự thảo",
                items=[
                    HomeItem(
                        text=c.title,
                        url=reverse("consultation:detail", args=[c.pk]),
                        note=f"đến {format_date(c.closes_on)}; {c.pending_count} góp ý chờ duyệt",
                    )
                    for c in rows
                ],
                more_url=reverse("consultation:list"),
                empty="Không có dự thảo đang lấy ý kiến.",
                order=60,
            )
        )
    if agency_bodies(request.user, council):
        invitations = list(selectors.open_invitations(request.user, council, today=today())[:5])
        if invitations:
            out.append(
                HomeSection(
                    title="Dự thảo cần góp ý",
                    items=[
                        HomeItem(
                            text=i.consultation.title,
                            url=reverse("consultation:body_detail", args=[i.consultation_id]),
                            note=f"hạn {format_date(i.obligation.due_on)}",
                        )
                        for i in invitations
                    ],
                    more_url=reverse("consultation:body_list"),
                    order=25,
                )
            )
    return out
