"""The follow-up engine's sections of the home page: what is due this week and what is late (the office),
what is new and late for the user's agency (an agency user), each row linking to the obligation and to
the record it comes from."""

import datetime

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse

from followup.access import MANAGE, VIEW, VIEW_OWN
from followup.kinds import source_link
from followup.models import OPEN_STATES, Obligation, State
from followup.selectors import is_late, late_condition, obligation_visible, overdue_on, today
from hdnd.home import SECTION_ROWS, HomeItem, HomeSection, ddmmyyyy, overdue_as_of
from registry.access import has_perm

WEEK = datetime.timedelta(days=7)


def _items(request: HttpRequest, qs: QuerySet[Obligation], on: datetime.date) -> list[HomeItem]:
    rows = qs.select_related("owner", "source_type").order_by("due_on", "pk")[:SECTION_ROWS]
    items = []
    for o in rows:
        late = is_late(o, on)
        note = f"{o.owner.short_name or o.owner.name} · hạn {ddmmyyyy(o.due_on)}"
        if late:
            note += f" · quá hạn {(on - o.due_on).days} ngày"
        link = source_link(o, request.user, request.council)
        items.append(
            HomeItem(
                o.title,
                reverse("followup:obligation_detail", args=[o.pk]),
                note,
                late=late,
                links=(link,) if link else (),
            )
        )
    return items


def _section(
    request: HttpRequest,
    title: str,
    qs: QuerySet[Obligation],
    more: str,
    empty: str,
    order: int,
    note: str = "",
) -> HomeSection:
    return HomeSection(
        title,
        _items(request, qs, overdue_on(request.council)),
        total=qs.count(),
        more_url=f"{reverse('followup:obligation_list')}?{more}" if more else reverse("followup:obligation_list"),
        empty=empty,
        order=order,
        note=note,
    )


def sections(request: HttpRequest) -> list[HomeSection]:
    """Four queries for the office (two lists and their counts), four for an agency user, none for others."""
    user, council = request.user, request.council
    if not has_perm(user, council, VIEW_OWN):
        return []
    on = today()
    # Overdue as of the council's day (a ceased council's last day: its lateness stops there, and says so).
    late_on, as_of = overdue_on(council, on), overdue_as_of(council.last_day)
    visible = obligation_visible(user=user, council=council)
    late = visible.filter(late_condition(late_on))
    if has_perm(user, council, VIEW) and has_perm(user, council, MANAGE):
        week = visible.filter(state__in=OPEN_STATES, due_on__gte=on, due_on__lte=on + WEEK)
        return [
            _section(request, "Việc quá hạn", late, "trang_thai=qua_han", "Không có việc nào quá hạn.", 10, as_of),
            _section(
                request,
                "Việc đến hạn trong 7 ngày tới",
                week,
                f"trang_thai=chua_xong&han_tu={on:%d/%m/%Y}&han_den={on + WEEK:%d/%m/%Y}",
                "Không có việc nào đến hạn trong tuần.",
                11,
            ),
        ]
    if has_perm(user, council, VIEW):
        return []
    new = visible.filter(Q(state=State.ASSIGNED) | Q(state=State.RETURNED)).exclude(late_condition(late_on))
    return [
        _section(
            request, "Việc quá hạn của cơ quan", late, "trang_thai=qua_han", "Không có việc nào quá hạn.", 10, as_of
        ),
        _section(
            request,
            "Việc mới giao, việc bị trả lại",
            new,
            "",
            "Không có việc mới nào được giao cho cơ quan.",
            11,
        ),
    ]
