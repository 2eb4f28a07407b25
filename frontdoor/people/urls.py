from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/family/", views.family, name="family"),
    path("repeat-concerns/", views.repeat_concerns, name="repeat_concerns"),
]
