"""The project's URLs plus two routes that fail, to see the error pages users would get."""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from hdnd.urls import handler400, handler403, handler404, handler500
from hdnd.urls import urlpatterns as project_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("chi tiết nội bộ không được lộ ra")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("chi tiết nội bộ không được lộ ra")


urlpatterns = [
    path("thu-loi/500/", crash),
    path("thu-loi/400/", suspicious),
    *project_urlpatterns,
]
