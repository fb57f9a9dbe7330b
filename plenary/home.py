"""A delegate's home sections: their next session, the session documents they have not opened yet,
and their questions still waiting for an answer."""

from django.http import HttpRequest
from django.urls import reverse

from followup.selectors import today
from hdnd.home import SECTION_ROWS, HomeItem, HomeSection, ddmmyyyy
from plenary import selectors
from plenary.access import MY_DOCUMENTS, VIEW
from plenary.models import Session
from registry.access import has_perm


def sections(request: HttpRequest) -> list[HomeSection]:
    """For a user whose "Đại biểu" role names a delegate: 1 delegate, 2 next session, 3 documents,
    4 questions, 5 their count."""
    user, council = request.user, request.council
    if not has_perm(user, council, MY_DOCUMENTS):
        return []
    delegate = selectors.delegate_for_user(user, council)
    if delegate is None:
        return []
    on = today()
    upcoming = (
        Session.objects.filter(council=council, closed_on__isnull=True, closes_on__gte=on)
        .order_by("opens_on", "pk")
        .first()
    )
    session = HomeSection("Kỳ họp sắp tới", order=5, empty="Chưa có kỳ họp nào được triệu tập.")
    if upcoming is not None:
        place = f", tại {upcoming.place}" if upcoming.place else ""
        session.items = [
            HomeItem(
                f"{upcoming} {upcoming.council}",
                reverse("plenary:session_detail", args=[upcoming.pk]) if has_perm(user, council, VIEW) else "",
                f"khai mạc {ddmmyyyy(upcoming.opening)}, bế mạc dự kiến {ddmmyyyy(upcoming.closes_on)}{place}",
            )
        ]
    sent = list(selectors.my_documents(council=council, delegate=delegate, on=on))
    unread = [d for d in sent if not d.opened]
    documents = HomeSection(
        "Tài liệu kỳ họp chưa đọc",
        [
            HomeItem(d.title, reverse("plenary:document_open", args=[d.pk]), f"{d.session} · gửi {ddmmyyyy(d.sent_on)}")
            for d in unread[:SECTION_ROWS]
        ],
        total=len(unread),
        more_url=reverse("plenary:my_documents"),
        empty="Bạn đã đọc hết tài liệu được gửi." if sent else "Chưa có tài liệu nào được gửi cho kỳ họp sắp tới.",
        order=6,
    )
    pending = selectors.questions_unanswered(council=council, delegate=delegate)
    rows = list(pending[:SECTION_ROWS])
    questions = HomeSection(
        "Chất vấn của bạn chưa được trả lời",
        [
            HomeItem(
                q.content[:200],
                reverse("plenary:session_detail", args=[q.session_id]) if has_perm(user, council, VIEW) else "",
                f"{q.session} · gửi {q.addressee} ngày {ddmmyyyy(q.asked_on)}",
            )
            for q in rows
        ],
        total=pending.count(),
        empty="Không có chất vấn nào đang chờ trả lời.",
        order=7,
    )
    return [session, documents, questions]
