from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("xuat-excel/", views.dashboard_excel, name="dashboard_excel"),
    path("dai-bieu/", views.delegate_activity, name="delegate_activity"),
    path("hoat-dong/", views.activity_report, name="activity_report"),
    path("kiem-diem/<int:year>/", views.annual_report, name="annual_report"),
    path("kiem-diem/<int:year>/sua/", views.annual_report_edit, name="annual_report_edit"),
    path("kiem-diem/<int:year>/xem-truoc/", views.annual_report_preview, name="annual_report_preview"),
    path("kiem-diem/<int:year>/du-thao.docx", views.annual_report_preview_docx, name="annual_report_preview_docx"),
    path("kiem-diem/<int:year>/danh-gia/", views.annual_report_rate, name="annual_report_rate"),
    path("kiem-diem/<int:year>/ban-hanh/", views.annual_report_issue, name="annual_report_issue"),
    path("kiem-diem/<int:year>/so-lieu/<slug:key>/", views.figure_detail, name="figure_detail"),
]
