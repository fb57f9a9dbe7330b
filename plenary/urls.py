from django.urls import path

from plenary import views

app_name = "plenary"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("them/", views.session_create, name="session_create"),
    path("bao-cao-chuan-bi-cham/", views.lateness_report, name="lateness_report"),
    path("tai-lieu-cua-toi/", views.my_documents, name="my_documents"),
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("<int:pk>/sua/", views.session_edit, name="session_edit"),
    path("<int:pk>/chuong-trinh/them/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/ho-so/them/", views.submission_create, name="submission_create"),
    path("<int:pk>/chat-van/them/", views.question_create, name="question_create"),
    path("<int:pk>/tai-lieu/them/", views.document_add, name="document_add"),
    path("<int:pk>/tai-lieu/gui/", views.documents_send, name="documents_send"),
    path("<int:pk>/tai-lieu/chua-mo/", views.not_opened, name="not_opened"),
    path("ho-so/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("ho-so/<int:pk>/tiep-nhan/", views.submission_receive, name="submission_receive"),
    path("ho-so/<int:pk>/tra-lai/", views.submission_return, name="submission_return"),
    path("ho-so/<int:pk>/nop-lai/", views.submission_resubmit, name="submission_resubmit"),
    path("ho-so/<int:pk>/phan-cong-tham-tra/", views.verification_assign, name="verification_assign"),
    path("ho-so/<int:pk>/bao-cao-tham-tra/", views.verification_report, name="verification_report"),
    path("ho-so/<int:pk>/giai-trinh/", views.verification_explain, name="verification_explain"),
    path("ho-so/<int:pk>/bieu-quyet/", views.vote_record, name="vote_record"),
    path("ho-so/<int:pk>/nghi-quyet/", views.resolution_issue, name="resolution_issue"),
    path("ho-so/<int:pk>/cong-khai/", views.resolution_publish, name="resolution_publish"),
    path("chat-van/<int:pk>/tra-loi/", views.question_answer, name="question_answer"),
    path("chat-van/<int:pk>/loi-hua/", views.commitment_create, name="commitment_create"),
    path("tai-lieu/<int:pk>/", views.document_open, name="document_open"),
]
