"""The versioned JSON API: one NinjaAPI per version; each app brings its router."""

import functools
import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse, RawPostDataException
from django.urls import URLPattern
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from registry.models import ApiToken
from registry.selectors import NotInCouncil

logger = logging.getLogger("hdnd.api")

PYDANTIC_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "string_too_short": "Không được để trống.",
    "string_too_long": "Quá dài.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng yyyy-mm-dd).",
    "date_parsing": "Ngày không hợp lệ (định dạng yyyy-mm-dd).",
    "date_type": "Ngày không hợp lệ (định dạng yyyy-mm-dd).",
    "enum": "Giá trị không nằm trong danh sách cho phép.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "bool_parsing": "Phải là true hoặc false.",
    "json_invalid": "Dữ liệu JSON không hợp lệ.",
    "string_type": "Phải là chuỗi ký tự.",
    "value_error": "Giá trị không hợp lệ.",
    "extra_forbidden": "Trường không có trong tài liệu API (gõ sai tên trường?), không được nhận.",
    "list_type": "Phải là một danh sách.",
    "model_type": "Phải là một đối tượng JSON.",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "too_short": "Danh sách quá ngắn.",
    "too_long": "Danh sách quá dài.",
    "float_parsing": "Phải là số.",
    "float_type": "Phải là số.",
    "bool_type": "Phải là true hoặc false.",
    "int_from_float": "Phải là số nguyên.",
    "string_pattern_mismatch": "Không đúng định dạng.",
    "date_from_datetime_inexact": "Ngày không hợp lệ (định dạng yyyy-mm-dd).",
    "datetime_parsing": "Thời điểm không hợp lệ (định dạng ISO 8601).",
    "datetime_type": "Thời điểm không hợp lệ (định dạng ISO 8601).",
    "greater_than": "Giá trị quá nhỏ.",
    "less_than": "Giá trị quá lớn.",
}


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a personal token from the user's page."""

    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


def _method_not_allowed_in_json(view: Callable) -> Callable:
    """ninja answers a method its path does not serve with an empty English 405; hdnd answers it like every
    other API error (a Vietnamese `detail`), keeping the Allow header that names the methods served."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = response["Allow"]
        detail = f"Phương thức {request.method} không dùng được ở địa chỉ này; dùng: {allowed}."
        answer = JsonResponse({"detail": detail}, status=405)
        answer["Allow"] = allowed
        return answer

    return wrapper


class Api(NinjaAPI):
    def _get_urls(self) -> list:
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = _method_not_allowed_in_json(pattern.callback)
        return urls


api = Api(
    title="API Hệ thống quản lý hoạt động HĐND",
    version="1",
    description="Mọi thao tác trên màn hình đều có qua API. Xác thực: `Authorization: Bearer <mã truy cập>`.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api-v1",
)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for err in exc.errors:
        # A row of a list is counted from 1, as the user counts the rows of a table.
        loc = [
            str(p + 1) if isinstance(p, int) else str(p)
            for p in err.get("loc", ())
            if p not in {"body", "query", "path", "payload", "filters"}
        ]
        message = PYDANTIC_MESSAGES.get(err.get("type", ""), "Giá trị không hợp lệ.")
        errors.append({"field": ".".join(loc), "message": message})
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return api.create_response(request, {"detail": f"Dữ liệu không hợp lệ — {detail}", "errors": errors}, status=422)


@api.exception_handler(DjangoValidationError)
def on_service_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": f, "message": " ".join(m for e in errs for m in e.messages)} for f, errs in exc.error_dict.items()
        ]
    else:
        errors = [{"field": "", "message": m} for m in exc.messages]
    detail = "; ".join(
        (f"{e['field']}: " if e["field"] and e["field"] != "__all__" else "") + e["message"] for e in errors
    )
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    if isinstance(exc, NotInCouncil):
        body = {"detail": str(exc), "errors": [{"field": exc.field, "message": str(exc)}]}
        return api.create_response(request, body, status=404)
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "Vai trò của bạn không được phép thực hiện thao tác này."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Cần đăng nhập hoặc mã truy cập hợp lệ."}, status=401)


# The API answers JSON with a Vietnamese `detail` for every exception, whatever DEBUG says: ninja's own
# defaults answer in English, and for an unexpected exception with a traceback (DEBUG) or Django's HTML 500.
# ninja's own English messages (its body parser, CSRF check, throttling, authorization), by how they start;
# an HttpError raised by hdnd's code already carries a Vietnamese message and passes as it is.
NINJA_MESSAGES = {
    "Cannot parse request body": "Không đọc được nội dung yêu cầu (JSON không hợp lệ).",
    "CSRF check Failed": "Yêu cầu bị từ chối (kiểm tra CSRF không đạt).",
    "Too many requests": "Quá nhiều yêu cầu, vui lòng thử lại sau.",
    "Forbidden": "Vai trò của bạn không được phép thực hiện thao tác này.",
    "Unauthorized": "Cần đăng nhập hoặc mã truy cập hợp lệ.",
}


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = next((vi for en, vi in NINJA_MESSAGES.items() if str(exc).startswith(en)), str(exc))
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": "Nội dung yêu cầu quá lớn."}, status=413)


@api.exception_handler(RawPostDataException)
def on_unreadable_body(request: HttpRequest, exc: RawPostDataException) -> HttpResponse:
    """A form-encoded body sent to a route that reads JSON: the stream was already read as a form."""
    message = "Nội dung yêu cầu phải là JSON (Content-Type: application/json)."
    return api.create_response(request, {"detail": message}, status=400)


@api.exception_handler(SuspiciousOperation)
def on_bad_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    logger.warning("Yêu cầu bất thường tới %s: %s", request.path, exc.__class__.__name__)
    return api.create_response(request, {"detail": "Yêu cầu không hợp lệ."}, status=400)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Any other exception: logged with its traceback for the administrators, a generic message for the client."""
    logger.error("Lỗi không lường trước ở %s %s", request.method, request.path, exc_info=exc)
    message = "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên."
    return api.create_response(request, {"detail": message}, status=500)


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any address under /api/ that no route answers: JSON like every API answer, whatever DEBUG says."""
    return JsonResponse({"detail": "Không tìm thấy địa chỉ API này. Xem /api/v1/docs."}, status=404)


api.add_router("/", "registry.api.router")
api.add_router("/", "documents.api.router")
api.add_router("/", "followup.api.router")
api.add_router("/", "standing.api.router")
api.add_router("/", "plenary.api.router")
api.add_router("/", "supervision.api.router")
api.add_router("/", "petitions.api.router")
api.add_router("/", "reception.api.router")
api.add_router("/", "consultation.api.router")
api.add_router("/", "reports.api.router")
api.add_router("/", "hdnd.imports.api.router")
api.add_router("/", "opendata.api.router")
