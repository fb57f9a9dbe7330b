from django.urls import path

from registry import passkeys, personal_data_views, security_views, views

app_name = "registry"

urlpatterns = [
    path("", views.index, name="index"),
    path("hoi-dong/", views.council_list, name="council_list"),
    path("hoi-dong/chon/", views.council_switch, name="council_switch"),
    path("hoi-dong/<int:pk>/", views.council_detail, name="council_detail"),
    path("hoi-dong/<int:pk>/sua/", views.council_edit, name="council_edit"),
    path("nhiem-ky/them/", views.term_create, name="term_create"),
    path("dai-bieu/", views.delegate_list, name="delegate_list"),
    path("dai-bieu/them/", views.delegate_create, name="delegate_create"),
    path("dai-bieu/<int:pk>/", views.delegate_detail, name="delegate_detail"),
    path("dai-bieu/<int:pk>/sua/", views.delegate_edit, name="delegate_edit"),
    path("dai-bieu/<int:pk>/tinh-trang/", views.delegate_status, name="delegate_status"),
    path("co-quan/", views.body_list, name="body_list"),
    path("co-quan/them/", views.body_form, name="body_create"),
    path("co-quan/<int:pk>/", views.body_detail, name="body_detail"),
    path("co-quan/<int:pk>/sua/", views.body_form, name="body_edit"),
    path("co-quan/<int:pk>/xoa/", views.body_delete, name="body_delete"),
    path("co-quan/<int:pk>/thanh-vien/them/", views.membership_create, name="membership_create"),
    path("thanh-vien/<int:pk>/ket-thuc/", views.membership_end, name="membership_end"),
    path("cai-dat/", views.settings_page, name="settings"),
    path("cai-dat/<str:key>/", views.setting_edit, name="setting_edit"),
    path("lich/them/", views.calendar_day_add, name="calendar_day_add"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_grant, name="user_grant"),
    path("nguoi-dung/vai-tro/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("nguoi-dung/bi-khoa/", security_views.lockout_list, name="lockout_list"),
    path("nhat-ky-du-lieu-ca-nhan/", personal_data_views.access_list, name="personal_access_list"),
    path("nhat-ky-du-lieu-ca-nhan/xuat-excel/", personal_data_views.access_export, name="personal_access_export"),
    path("nguoi-dung/bi-khoa/<str:username>/mo-khoa/", security_views.lockout_release, name="lockout_release"),
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/xac-thuc-hai-buoc/", security_views.otp_setup, name="otp_setup"),
    path("tai-khoan/xac-minh/", security_views.otp_verify, name="otp_verify"),
    path("tai-khoan/khoa-truy-cap/", passkeys.passkey_list, name="passkey_list"),
    path("tai-khoan/khoa-truy-cap/<int:pk>/xoa/", passkeys.passkey_remove, name="passkey_remove"),
    path("tai-khoan/ma-truy-cap/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
