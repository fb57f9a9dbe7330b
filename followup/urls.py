from django.urls import path

from followup import views

app_name = "followup"

urlpatterns = [
    path("", views.obligation_list, name="obligation_list"),
    path("xuat-excel/", views.obligation_export, name="obligation_export"),
    path("xuat-nen/", views.obligation_export_start, name="obligation_export_start"),
    path("xuat-nen/<int:pk>/", views.obligation_export_status, name="obligation_export_status"),
    path("xuat-nen/<int:pk>/tai-ve/", views.obligation_export_download, name="obligation_export_download"),
    path("giao-viec/", views.obligation_create, name="obligation_create"),
    path("<int:pk>/", views.obligation_detail, name="obligation_detail"),
    path("<int:pk>/tiep-nhan/", views.obligation_start, name="obligation_start"),
    path("<int:pk>/bao-cao/", views.obligation_report, name="obligation_report"),
    path("<int:pk>/chap-nhan/", views.obligation_accept, name="obligation_accept"),
    path("<int:pk>/tra-lai/", views.obligation_return, name="obligation_return"),
    path("<int:pk>/huy/", views.obligation_cancel, name="obligation_cancel"),
    path("<int:pk>/gia-han/", views.obligation_extend, name="obligation_extend"),
    path("<int:pk>/vi-sao-han/", views.obligation_why, name="obligation_why"),
    path("tinh-lai-han/", views.recompute, name="recompute"),
    path("tep/<int:pk>/", views.file_download, name="file_download"),
    path("bang-danh-gia/", views.scorecard, name="scorecard"),
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/da-doc/", views.notification_read, name="notification_read"),
]
