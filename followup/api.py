"""Obligation routes of /api/v1/: the same filters, actions and scope as the screens."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from followup import selectors, services, why
from followup.access import MANAGE, VIEW_OWN, can_report
from followup.exports import EXPORT
from followup.filters import OVERDUE
from followup.filters import ObligationFilter as ObligationFilterSet
from followup.kinds import KINDS, MANUAL_REFUSED, is_manual
from followup.models import Obligation
from followup.schemas import (
    DueWhyOut,
    ExtendIn,
    FollowupNoteIn,
    FollowupReportIn,
    NotificationsReadOut,
    ObligationDetailOut,
    ObligationExportIn,
    ObligationFilter,
    ObligationIn,
    ObligationOut,
    ReasonIn,
    RecomputedOut,
    ScoreOut,
)
from hdnd import exports
from hdnd.params import PageNumberPagination
from hdnd.years import council_year
from registry.access import council_for_api, has_perm
from registry.models import Body, Council, Person
from registry.selectors import in_council

router = Router(tags=["Theo dõi, đôn đốc"])


def _get(request: HttpRequest, council: Council, obligation_id: int) -> Obligation:
    return selectors.obligation_get(user=request.user, council=council, pk=obligation_id)


def _reply(council: Council, reply_type: str | None, reply_id: int | None) -> Model | None:
    """The linked reply document, which must exist and belong to the same council."""
    if reply_type is None and reply_id is None:
        return None
    if not reply_type or reply_id is None:
        raise ValidationError({"reply_id": "Cần cả loại và mã văn bản trả lời."})
    try:
        app_label, model = reply_type.split(".", 1)
        ct = ContentType.objects.get_by_natural_key(app_label, model)
    except (ValueError, ContentType.DoesNotExist) as exc:
        raise ValidationError({"reply_type": "Loại văn bản trả lời không tồn tại."}) from exc
    model = ct.model_class()
    if model is None or not any(f.name == "council" for f in model._meta.fields):
        raise ValidationError({"reply_type": "Loại văn bản trả lời không tồn tại."})
    return in_council(model, reply_id, field="reply_id", label="văn bản trả lời", council=council)


@router.get(
    "/councils/{council_id}/obligations",
    response=list[ObligationOut],
    url_name="obligation_list",
    summary="Danh sách việc theo dõi",
)
@paginate(PageNumberPagination, page_size=50)
def obligation_list(
    request: HttpRequest, council_id: int, filters: Query[ObligationFilter]
) -> selectors.ListInOrder | selectors.OverdueInOrder:
    """Các việc người dùng được xem, quá hạn lâu nhất trước; bộ lọc như trên màn hình."""
    council = council_for_api(request.user, council_id, VIEW_OWN)
    on = selectors.overdue_on(council)
    qs = selectors.obligation_list(user=request.user, council=council, on=on).select_related("source_type")
    filterset = _filtered(request, council, filters.as_query(), qs, on)
    # Paged from the indexes in the list's order, as the screen is (issue 17); SQLite: the plain queryset.
    if filterset.form.cleaned_data.get("trang_thai") == OVERDUE:
        return selectors.overdue_in_order(filterset.qs, on=on)
    return selectors.list_in_order(filterset.qs, on=on)


_FILTER_NAMES = {
    "co_quan": "owner_id",
    "loai": "kind",
    "trang_thai": "state",
    "han_tu": "due_from",
    "han_den": "due_to",
}


def _filtered(
    request: HttpRequest, council: Council, query: dict, qs: QuerySet[Obligation], on: datetime.date
) -> ObligationFilterSet:
    """The screen's filters over `qs`; an invalid one is refused under the API's field name."""
    filterset = ObligationFilterSet(query, qs, user=request.user, council=council, on=on)
    if not filterset.is_valid():
        raise ValidationError({_FILTER_NAMES.get(k, k): v for k, v in filterset.errors.items()})
    return filterset


def _export_query(request: HttpRequest, council: Council, payload: ObligationExportIn) -> dict[str, str]:
    """The export's filters as the screen's query string, refused as the list refuses them."""
    # Another council's body is a 404 naming the field, as every id taken from a payload is.
    in_council(Body, payload.owner_id, field="owner_id", label="cơ quan thực hiện", council=council)
    query = payload.as_query()
    on = selectors.overdue_on(council)
    _filtered(request, council, query, selectors.obligation_list(user=request.user, council=council, on=on), on)
    return query


exports.add_routes(
    router,
    EXPORT,
    filters=ObligationExportIn,
    council=lambda request, council_id: council_for_api(request.user, council_id, VIEW_OWN),
    query=_export_query,
)


@router.get(
    "/councils/{council_id}/obligations/{obligation_id}",
    response=ObligationDetailOut,
    url_name="obligation_detail",
    summary="Thông tin một việc theo dõi",
)
def obligation_detail(request: HttpRequest, council_id: int, obligation_id: int) -> Obligation:
    council = council_for_api(request.user, council_id, VIEW_OWN)
    return _get(request, council, obligation_id)


@router.get(
    "/councils/{council_id}/obligations/{obligation_id}/why",
    response=DueWhyOut,
    url_name="obligation_why",
    summary="Vì sao hạn này",
)
def obligation_why(request: HttpRequest, council_id: int, obligation_id: int) -> dict:
    """“Vì sao hạn này”: quy định, phiên bản và căn cứ, ngày bắt đầu, đơn vị tính, những ngày nghỉ đã bỏ qua."""
    council = council_for_api(request.user, council_id, VIEW_OWN)
    return why.why_out(why.obligation_why(_get(request, council, obligation_id)))


@router.post(
    "/councils/{council_id}/obligations-recompute",
    response=list[RecomputedOut],
    url_name="recompute",
    summary="Tính lại hạn đang chạy",
)
def obligations_recompute(request: HttpRequest, council_id: int) -> list[dict]:
    """Sau khi thêm ngày nghỉ hoặc ngày làm bù: đưa các hạn đang chạy về ngày mà lịch làm việc mới cho ra."""
    council = council_for_api(request.user, council_id, MANAGE)
    changes = services.obligations_recompute(council=council, user=request.user)
    return [{"obligation_id": c.obligation.pk, "old": c.old, "new": c.new} for c in changes]


@router.post(
    "/councils/{council_id}/obligations",
    response={201: ObligationDetailOut},
    url_name="obligation_create",
    summary="Giao việc",
)
def obligation_create(request: HttpRequest, council_id: int, payload: ObligationIn) -> Status:
    council = council_for_api(request.user, council_id, MANAGE)
    data = payload.dict()
    # A registered kind that its workflow creates (with its own record) is refused here; an unknown
    # kind falls through to the service's "chưa được đăng ký".
    if data["kind"] in KINDS and not is_manual(data["kind"]):
        raise ValidationError({"kind": MANUAL_REFUSED})
    owner = in_council(Body, data.pop("owner_id"), field="owner_id", label="cơ quan thực hiện", council=council)
    person = in_council(
        Person,
        data.pop("owner_person_id") or None,
        field="owner_person_id",
        label="người chịu trách nhiệm",
        council=council,
    )
    obligation = services.obligation_create(
        council=council, owner=owner, owner_person=person, user=request.user, **data
    )
    return Status(201, _get(request, council, obligation.pk))


def _act(request: HttpRequest, council_id: int, obligation_id: int, *, manage: bool) -> tuple[Council, Obligation]:
    council = council_for_api(request.user, council_id, VIEW_OWN)
    obligation = _get(request, council, obligation_id)
    allowed = has_perm(request.user, council, MANAGE) if manage else can_report(request.user, council, obligation)
    if not allowed:
        raise PermissionDenied("Vai trò của bạn không được phép thực hiện thao tác này.")
    return council, obligation


@router.post(
    "/councils/{council_id}/obligations/{obligation_id}/start",
    response=ObligationDetailOut,
    url_name="obligation_start",
    summary="Bắt đầu thực hiện",
)
def obligation_start(request: HttpRequest, council_id: int, obligation_id: int, payload: FollowupNoteIn) -> Obligation:
    council, obligation = _act(request, council_id, obligation_id, manage=False)
    services.obligation_start(obligation=obligation, user=request.user, text=payload.text)
    return _get(request, council, obligation_id)


@router.post(
    "/councils/{council_id}/obligations/{obligation_id}/report",
    response=ObligationDetailOut,
    url_name="obligation_report",
    summary="Báo cáo tiến độ hoặc hoàn thành",
)
def obligation_report(
    request: HttpRequest, council_id: int, obligation_id: int, payload: FollowupReportIn
) -> Obligation:
    """Báo cáo tiến độ (`done: false`) hoặc hoàn thành (`done: true`), có thể gắn văn bản trả lời."""
    council, obligation = _act(request, council_id, obligation_id, manage=False)
    services.obligation_report(
        obligation=obligation,
        user=request.user,
        text=payload.text,
        done=payload.done,
        reply=_reply(council, payload.reply_type, payload.reply_id),
        reply_label=payload.reply_label,
    )
    return _get(request, council, obligation_id)


@router.post(
    "/councils/{council_id}/obligations/{obligation_id}/report-files",
    response=ObligationDetailOut,
    url_name="obligation_report_files",
    summary="Báo cáo kèm tệp minh chứng",
)
def obligation_report_files(
    request: HttpRequest,
    council_id: int,
    obligation_id: int,
    text: Form[str],
    files: File[list[UploadedFile]],
    done: Form[bool] = False,
    reply_label: Form[str] = "",
) -> Obligation:
    """Cùng báo cáo đó dưới dạng biểu mẫu multipart, kèm các tệp minh chứng (`files`, một hoặc nhiều tệp)."""
    council, obligation = _act(request, council_id, obligation_id, manage=False)
    services.obligation_report(
        obligation=obligation, user=request.user, text=text, done=done, files=files, reply_label=reply_label
    )
    return _get(request, council, obligation_id)


@router.post(
    "/councils/{council_id}/obligations/{obligation_id}/accept",
    response=ObligationDetailOut,
    url_name="obligation_accept",
    summary="Chấp nhận kết quả",
)
def obligation_accept(request: HttpRequest, council_id: int, obligation_id: int, payload: FollowupNoteIn) -> Obligation:
    council, obligation = _act(request, council_id, obligation_id, manage=True)
    services.obligation_accept(obligation=obligation, user=request.user, text=payload.text)
    return _get(request, council, obligation_id)


@router.post(
    "/councils/{council_id}/obligations/{obligation_id}/extend",
    response=ObligationDetailOut,
    url_name="obligation_extend",
    summary="Gia hạn",
)
def obligation_extend(request: HttpRequest, council_id: int, obligation_id: int, payload: ExtendIn) -> Obligation:
    council, obligation = _act(request, council_id, obligation_id, manage=True)
    services.obligation_extend(obligation=obligation, user=request.user, due_on=payload.due_on, reason=payload.reason)
    return _get(request, council, obligation_id)


@router.post(
    "/councils/{council_id}/obligations/{obligation_id}/return",
    response=ObligationDetailOut,
    url_name="obligation_return",
    summary="Trả lại để làm tiếp",
)
def obligation_return(request: HttpRequest, council_id: int, obligation_id: int, payload: ReasonIn) -> Obligation:
    council, obligation = _act(request, council_id, obligation_id, manage=True)
    services.obligation_return(obligation=obligation, user=request.user, reason=payload.reason)
    return _get(request, council, obligation_id)


@router.post(
    "/councils/{council_id}/obligations/{obligation_id}/cancel",
    response=ObligationDetailOut,
    url_name="obligation_cancel",
    summary="Hủy việc",
)
def obligation_cancel(request: HttpRequest, council_id: int, obligation_id: int, payload: ReasonIn) -> Obligation:
    council, obligation = _act(request, council_id, obligation_id, manage=True)
    services.obligation_cancel(obligation=obligation, user=request.user, reason=payload.reason)
    return _get(request, council, obligation_id)


@router.get(
    "/councils/{council_id}/obligation-scorecard",
    response=list[ScoreOut],
    url_name="obligation_scorecard",
    summary="Bảng điểm thực hiện theo cơ quan",
)
def obligation_scorecard(
    request: HttpRequest,
    council_id: int,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[selectors.Score]:
    """Theo từng cơ quan chủ trì, trên các việc đến hạn trong kỳ (mặc định: năm hiện tại)."""
    council = council_for_api(request.user, council_id, VIEW_OWN)
    on = selectors.overdue_on(council)
    date_from, date_to = selectors.scorecard_period(date_from, date_to, council_year(council))
    return selectors.scorecard(user=request.user, council=council, date_from=date_from, date_to=date_to, on=on)


@router.post(
    "/councils/{council_id}/notifications/read",
    response=NotificationsReadOut,
    url_name="notification_read",
    summary="Đánh dấu mọi thông báo là đã đọc",
)
def notification_read(request: HttpRequest, council_id: int) -> dict:
    """Mọi thông báo chưa đọc của người dùng thành đã đọc, như nút trên màn hình thông báo; trả lại số thông báo."""
    council_for_api(request.user, council_id, VIEW_OWN)
    return {"count": services.notifications_mark_read(user=request.user)}
