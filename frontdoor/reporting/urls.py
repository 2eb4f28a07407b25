from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("annex-a/list-1/", views.annex_a_list_1_download, name="annex_a_list_1"),
]
