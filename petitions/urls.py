from django.urls import path

from petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("dot/them/", views.round_create, name="round_create"),
    path("dot/<int:pk>/", views.round_detail, name="round_detail"),
    path("dot/<int:pk>/cong-khai/", views.round_publish, name="round_publish"),
    path("dot/<int:pk>/hoi-nghi/them/", views.meeting_create, name="meeting_create"),
    path("dot/<int:pk>/nhap-excel/", views.round_import, name="round_import"),
    path("dot/<int:pk>/trung-lap/", views.round_duplicates, name="round_duplicates"),
    path("dot/<int:pk>/chuyen/", views.round_forward, name="round_forward"),
    path("dot/<int:pk>/bao-cao-tra-loi/", views.round_answer_report, name="round_answer_report"),
    path("dot/<int:pk>/tra-loi-theo-xa/", views.round_answers_by_unit, name="round_answers_by_unit"),
    path("dot/<int:pk>/tra-loi-theo-xa/van-ban/", views.round_answers_notice, name="round_answers_notice"),
    path("hoi-nghi/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("hoi-nghi/<int:pk>/sua/", views.meeting_edit, name="meeting_edit"),
    path("hoi-nghi/<int:pk>/xoa/", views.meeting_delete, name="meeting_delete"),
    path("thon-to-dan-pho/", views.place_list, name="place_list"),
    path("thon-to-dan-pho/<int:pk>/sua/", views.place_edit, name="place_edit"),
    path("danh-sach/", views.petition_list, name="petition_list"),
    path("danh-sach/excel/", views.petition_export, name="petition_export"),
    path("danh-sach/xuat-nen/", views.petition_export_start, name="petition_export_start"),
    path("danh-sach/xuat-nen/<int:pk>/", views.petition_export_status, name="petition_export_status"),
    path("danh-sach/xuat-nen/<int:pk>/tai-ve/", views.petition_export_download, name="petition_export_download"),
    path("mau-nhap-excel.xlsx", views.import_template, name="import_template"),
    path("gop/", views.petition_merge, name="petition_merge"),
    path("bao-cao/", views.report_counts, name="report_counts"),
    path("linh-vuc/", views.field_list, name="field_list"),
    path("<int:pk>/", views.petition_detail, name="petition_detail"),
    path("<int:pk>/sua/", views.petition_edit, name="petition_edit"),
    path("<int:pk>/tra-loi/", views.petition_answer, name="petition_answer"),
    path("<int:pk>/chap-nhan/", views.petition_accept, name="petition_accept"),
    path("<int:pk>/tach/", views.petition_split, name="petition_split"),
    path("cong-khai/", views.public_round_list, name="public_round_list"),
    path("cong-khai/dot/<int:pk>/", views.public_round_detail, name="public_round_detail"),
]
