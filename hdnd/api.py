"""The versioned JSON API: one NinjaAPI per version; each app brings its router."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from registry.models import ApiToken

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


api = NinjaAPI(
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
        loc = [str(p) for p in err.get("loc", ()) if p not in {"body", "query", "path", "payload", "filters"}]
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
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or "Vai trò của bạn không được phép thực hiện thao tác này."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Cần đăng nhập hoặc mã truy cập hợp lệ."}, status=401)


api.add_router("/", "registry.api.router")
api.add_router("/", "documents.api.router")
api.add_router("/", "followup.api.router")
api.add_router("/", "standing.api.router")
api.add_router("/", "plenary.api.router")
api.add_router("/", "supervision.api.router")
api.add_router("/", "petitions.api.router")
api.add_router("/", "reports.api.router")
