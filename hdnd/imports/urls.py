from django.urls import path

from hdnd.imports import views

app_name = "imports"
urlpatterns = [
    path("tep/<int:pk>/", views.upload, name="upload"),
    path("tep/<int:pk>/xem-truoc/", views.upload_preview, name="preview"),
    path("tep/<int:pk>/tien-do/", views.upload_progress, name="progress"),
    path("tep/<int:pk>/luu/", views.confirm, name="confirm"),
    path("tep/<int:pk>/huy/", views.cancel, name="cancel"),
    path("<slug:target>/<int:pk>/", views.start, name="start"),
    path("<slug:target>/<int:pk>/<slug:what>.xlsx", views.sheet, name="sheet"),
]
