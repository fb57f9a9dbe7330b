from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:council_id>/", views.council, name="council"),
    path("tai-ve/<int:pk>.zip", views.download, name="download"),
]
