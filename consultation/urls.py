from django.urls import path

from consultation import views

app_name = "consultation"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("moi/", views.create, name="create"),
    path("du-thao/<int:pk>/", views.detail, name="detail"),
    path("du-thao/<int:pk>/sua/", views.edit, name="edit"),
    path("du-thao/<int:pk>/phien-ban/", views.versions, name="versions"),
    path("du-thao/<int:pk>/phien-ban/them/", views.version_add, name="version_add"),
    path("du-thao/<int:pk>/dang-tai/", views.publish, name="publish"),
    path("du-thao/<int:pk>/ket-thuc/", views.close, name="close"),
    path("du-thao/<int:pk>/moi-co-quan/", views.invite, name="invite"),
    path("du-thao/<int:pk>/tiep-thu-giai-trinh/", views.respond, name="respond"),
    path("du-thao/<int:pk>/bao-cao-tong-hop/", views.report, name="report"),
    path("y-kien/<int:pk>/kiem-duyet/", views.moderate, name="moderate"),
    path("co-quan/", views.body_list, name="body_list"),
    path("co-quan/<int:pk>/", views.body_detail, name="body_detail"),
    path("co-quan/<int:pk>/gui/", views.body_submit, name="body_submit"),
    path("<int:council_id>/", views.public_list, name="public_list"),
    path("<int:council_id>/<int:pk>/", views.public_detail, name="public_detail"),
    path("<int:council_id>/<int:pk>/gop-y/", views.comment, name="comment"),
]
