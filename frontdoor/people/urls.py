from django.urls import path

from . import views, views_duplicates

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/family/", views.family, name="family"),
    path("repeat-concerns/", views.repeat_concerns, name="repeat_concerns"),
    path("duplicates/", views_duplicates.duplicate_list, name="duplicates"),
    path("duplicates/scan/", views_duplicates.duplicate_scan, name="duplicate_scan"),
    path("duplicates/<int:pk>/", views_duplicates.duplicate_compare, name="duplicate"),
    path("merges/<uuid:pk>/", views_duplicates.merge_detail, name="merge"),
    path("merges/<uuid:pk>/undo/", views_duplicates.merge_undo, name="merge_undo"),
]
