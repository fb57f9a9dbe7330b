from django.urls import path

from reception import views

app_name = "reception"

urlpatterns = [
    path("", views.letter_list, name="letter_list"),
    path("moi/", views.letter_create, name="letter_create"),
    path("<int:pk>/", views.letter_detail, name="letter_detail"),
    path("<int:pk>/ban-quet/", views.letter_scan, name="letter_scan"),
    path("<int:pk>/ban-quet/tai-len/", views.letter_scan_upload, name="letter_scan_upload"),
    path("<int:pk>/tu-choi-tiep/", views.letter_refusal, name="letter_refusal"),
    path("noi-dung/<int:pk>/giam-sat/", views.case_round, name="case_round"),
    path("don-doc/", views.chase_list, name="chase_list"),
    path("don-doc/lap/", views.chase_make, name="chase_make"),
    path("noi-dung/<int:pk>/phan-loai/", views.case_classify, name="case_classify"),
    path("noi-dung/<int:pk>/chuyen/", views.case_forward, name="case_forward"),
    path("noi-dung/<int:pk>/tach/", views.case_split, name="case_split"),
    path("noi-dung/<int:pk>/thong-bao/", views.case_told, name="case_told"),
    path("noi-dung/<int:pk>/giao-quyen-xem/", views.case_grant, name="case_grant"),
    path("quyen-xem/<int:pk>/thu-hoi/", views.grant_revoke, name="grant_revoke"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("so-don-thu.xlsx", views.register_export, name="register_export"),
    path("tiep-cong-dan/", views.session_list, name="session_list"),
    path("tiep-cong-dan/moi/", views.session_create, name="session_create"),
    path("tiep-cong-dan/<int:pk>/", views.session_detail, name="session_detail"),
    path("tiep-cong-dan/<int:pk>/nhiem-vu/", views.session_task_add, name="session_task_add"),
    path("tiep-cong-dan/<int:pk>/thong-bao/", views.session_notice, name="session_notice"),
    path("lich-tiep/", views.schedule_page, name="schedule"),
    path("lich-tiep/quy-dinh/", views.roster_edit, name="roster_edit"),
    path("lich-tiep/lap/", views.schedule_generate, name="schedule_generate"),
    path("lich-tiep/cong-bo/", views.schedule_publish, name="schedule_publish"),
    path("lich-tiep/<int:pk>/thay-doi/", views.slot_change, name="slot_change"),
    path("tu-tiep-xuc-cu-tri/", views.from_petitions, name="from_petitions"),
    path("tu-tiep-xuc-cu-tri/<int:pk>/", views.from_petition, name="from_petition"),
    path("cong-khai/<int:council_id>/", views.public_page, name="public"),
]
