from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from hdnd import views
from hdnd.api import api, api_not_found
from registry import passkeys

handler400 = "hdnd.views.error_400"
handler403 = "hdnd.views.error_403"
handler404 = "hdnd.views.error_404"
handler500 = "hdnd.views.error_500"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("dang-ky/", include("registry.urls")),
    path("dang-ky/tai-khoan/khoa-truy-cap/webauthn/", include((passkeys.urlpatterns, "otp_webauthn"))),
    path("van-ban/", include("documents.urls")),
    path("theo-doi/", include("followup.urls")),
    path("thuong-truc/", include("standing.urls")),
    path("ky-hop/", include("plenary.urls")),
    path("giam-sat/", include("supervision.urls")),
    path("kien-nghi/", include("petitions.urls")),
    path("don-thu/", include("reception.urls")),
    path("y-kien-du-thao/", include("consultation.urls")),
    path("bao-cao/", include("reports.urls")),
    path("cong-khai/", include("portal.urls")),
    path("nhap-tep/", include("hdnd.imports.urls")),
    path("du-lieu-mo/", include("opendata.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found, name="api_not_found"),
    path("quan-tri/", admin.site.urls),
]
