from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("tim-kiem/", views.search, name="search"),
    path("<int:council_id>/", views.council_home, name="council"),
    path("<int:council_id>/tim-kiem/", views.council_search, name="council_search"),
    path("<int:council_id>/dai-bieu/", views.bodies, name="bodies"),
    path("<int:council_id>/dai-bieu/<int:pk>/", views.delegate, name="delegate"),
    path("<int:council_id>/ky-hop/", views.sessions, name="sessions"),
    path("<int:council_id>/ky-hop/<int:pk>/", views.session, name="session"),
    path("<int:council_id>/van-ban/", views.document_list, name="documents"),
    path("<int:council_id>/van-ban/<int:pk>/", views.document, name="document"),
    path("<int:council_id>/nghi-quyet/", views.resolutions, name="resolutions"),
    path("<int:council_id>/giam-sat/", views.supervision_list, name="supervision"),
    path("<int:council_id>/kien-nghi/", views.petition_list, name="petitions"),
    path("<int:council_id>/tiep-cong-dan/", views.reception, name="reception"),
    path("<int:council_id>/bao-cao/", views.reports, name="reports"),
    path("<int:council_id>/tin-moi.atom", views.feed, name="feed"),
]
