from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("soan/", views.document_create, name="document_create"),
    path("vao-so-den/", views.incoming_create, name="incoming_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/sua/", views.document_edit, name="document_edit"),
    path("<int:pk>/ban-hanh/", views.document_issue, name="document_issue"),
    path("<int:pk>/cong-khai/", views.document_publish, name="document_publish"),
    path("<int:pk>/thu-hoi/", views.document_withdraw, name="document_withdraw"),
    path("<int:pk>/dinh-kem/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/tai-ve.docx", views.document_docx, name="document_docx"),
    path("<int:pk>/tai-ve.pdf", views.document_pdf, name="document_pdf"),
    path("<int:pk>/xem-truoc/", views.document_preview, name="document_preview"),
    path("<int:pk>/xem-truoc.docx", views.document_preview_docx, name="document_preview_docx"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("mau/", views.template_list, name="template_list"),
    path("mau/<slug:doc_type>/tai-ve/", views.template_download, name="template_download"),
    path("mau/<slug:doc_type>/tai-len/", views.template_upload, name="template_upload"),
    path("mau/<slug:doc_type>/mac-dinh/", views.template_reset, name="template_reset"),
    path("co-quan-ban-hanh/", views.issuer_list, name="issuer_list"),
    path("co-quan-ban-hanh/them/", views.issuer_create, name="issuer_create"),
    path("co-quan-ban-hanh/<int:pk>/sua/", views.issuer_edit, name="issuer_edit"),
    path("so-dang-ky/", views.series_list, name="series_list"),
    path("so-dang-ky/<slug:doc_type>/<slug:kind>/", views.series_edit, name="series_edit"),
    path("so-dang-ky/<slug:doc_type>/<slug:kind>/mac-dinh/", views.series_reset, name="series_reset"),
    path("cong-khai/", views.public_list, name="public_list"),
    path("cong-khai/<int:pk>/tai-ve.docx", views.public_docx, name="public_docx"),
    path("cong-khai/<int:pk>/tai-ve.pdf", views.public_pdf, name="public_pdf"),
]
