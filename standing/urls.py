from django.urls import path

from standing import views

app_name = "standing"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("phien-hop/them/", views.meeting_create, name="meeting_create"),
    path("phien-hop/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("phien-hop/<int:pk>/sua/", views.meeting_edit, name="meeting_edit"),
    path("phien-hop/<int:pk>/thanh-phan/", views.attendee_add, name="attendee_add"),
    path("phien-hop/<int:pk>/noi-dung/", views.agenda_add, name="agenda_add"),
    path("phien-hop/<int:pk>/muc-ket-luan/", views.section_add, name="section_add"),
    path("phien-hop/<int:pk>/doan-ket-luan/", views.paragraph_add, name="paragraph_add"),
    path("doan-ket-luan/<int:pk>/xoa/", views.paragraph_delete, name="paragraph_delete"),
    path("phien-hop/<int:pk>/thong-bao/tao/", views.notice_generate, name="notice_generate"),
    path("phien-hop/<int:pk>/thong-bao/ban-hanh/", views.notice_issue, name="notice_issue"),
    path("phien-hop/<int:pk>/giao-nhiem-vu/", views.tasks_assign, name="tasks_assign"),
    path(
        "phien-hop/<int:pk>/van-ban/<slug:kind>/tao/",
        views.meeting_document_generate,
        name="meeting_document_generate",
    ),
    path("noi-dung/<int:pk>/van-ban/", views.agenda_document_link, name="agenda_document_link"),
    path(
        "noi-dung/<int:pk>/van-ban/<int:document_pk>/bo/", views.agenda_document_unlink, name="agenda_document_unlink"
    ),
    path("phan/<slug:part>/<int:pk>/sua/", views.part_edit, name="part_edit"),
    path("phan/<slug:part>/<int:pk>/xoa/", views.part_delete, name="part_delete"),
    path("phan/<slug:part>/<int:pk>/<slug:direction>/", views.part_move, name="part_move"),
    path("y-kien/", views.opinion_list, name="opinion_list"),
    path("y-kien/them/", views.opinion_create, name="opinion_create"),
    path("y-kien/<int:pk>/", views.opinion_detail, name="opinion_detail"),
    path("y-kien/<int:pk>/thanh-vien/", views.opinion_add, name="opinion_add"),
    path("y-kien/<int:pk>/cong-van/tao/", views.reply_generate, name="reply_generate"),
    path("y-kien/<int:pk>/cong-van/ban-hanh/", views.reply_issue, name="reply_issue"),
    path("hoi-nghi/", views.conference_list, name="conference_list"),
    path("hoi-nghi/them/", views.conference_create, name="conference_create"),
    path("hoi-nghi/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("hoi-nghi/<int:pk>/sua/", views.conference_edit, name="conference_edit"),
    path("hoi-nghi/<int:pk>/nhiem-vu/", views.conference_task_add, name="conference_task_add"),
    path("nhiem-vu-hoi-nghi/<int:pk>/xoa/", views.conference_task_delete, name="conference_task_delete"),
    path("hoi-nghi/<int:pk>/van-ban/tao/", views.conference_document_generate, name="conference_document_generate"),
    path("hoi-nghi/<int:pk>/van-ban/ban-hanh/", views.conference_document_issue, name="conference_document_issue"),
    path("chuong-trinh/", views.programme_list, name="programme_list"),
    path("chuong-trinh/them/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("chuong-trinh/<int:pk>/cong-viec/", views.work_item_add, name="work_item_add"),
    path("cong-viec/<int:pk>/thuc-hien/", views.work_item_link, name="work_item_link"),
    path("cong-viec/<int:pk>/bo-lien-ket/", views.work_item_unlink, name="work_item_unlink"),
    path("thong-ke/", views.counts, name="counts"),
]
