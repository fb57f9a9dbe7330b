from django.urls import path

from supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("dot/them/", views.round_create, name="round_create"),
    path("dot/<int:pk>/", views.round_detail, name="round_detail"),
    path("dot/<int:pk>/sua/", views.round_edit, name="round_edit"),
    path("dot/<int:pk>/thanh-vien/", views.member_add, name="member_add"),
    path("dot/<int:pk>/buoi-lam-viec/", views.session_add, name="session_add"),
    path("dot/<int:pk>/yeu-cau-bao-cao/", views.body_reports_request, name="body_reports_request"),
    path("dot/<int:pk>/bao-cao/", views.report_record, name="report_record"),
    path("dot/<int:pk>/ket-luan/", views.round_consider, name="round_consider"),
    path("dot/<int:pk>/kien-nghi/", views.recommendation_add, name="recommendation_add"),
    path("dot/<int:pk>/quyet-dinh/tao/", views.decision_generate, name="decision_generate"),
    path("dot/<int:pk>/cong-khai/", views.round_publish, name="round_publish"),
    path("kien-nghi/", views.recommendation_report, name="recommendation_report"),
    path("kien-nghi/bao-cao/tao/", views.recommendation_report_document, name="recommendation_report_document"),
    path("thong-ke/", views.counts, name="counts"),
    path("chuong-trinh/", views.programme_list, name="programme_list"),
    path("chuong-trinh/them/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("chuong-trinh/<int:pk>/sua/", views.programme_edit, name="programme_edit"),
    path("chuong-trinh/<int:pk>/vi-sao-han-de-xuat/", views.programme_proposals_why, name="programme_proposals_why"),
    path("chuong-trinh/<int:pk>/noi-dung/", views.item_add, name="item_add"),
    path("chuong-trinh/<int:pk>/cong-khai/", views.programme_publish, name="programme_publish"),
    path("van-ban/", views.review_list, name="review_list"),
    path("van-ban/them/", views.review_create, name="review_create"),
    path("van-ban/<int:pk>/ket-qua/", views.review_record, name="review_record"),
    path("cong-khai/<int:council_id>/", views.public_index, name="public_index"),
    path("cong-khai/<int:council_id>/dot/<int:pk>/", views.public_round, name="public_round"),
    path("cong-khai/<int:council_id>/chuong-trinh/<int:pk>/", views.public_programme, name="public_programme"),
]
