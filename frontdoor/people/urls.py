from django.urls import path

from . import views, views_duplicates, views_family, views_record

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/family/", views.family, name="family"),
    # Keeping the record right (each linked from the record page)
    path("<uuid:pk>/details/", views_record.details_edit, name="details_edit"),
    path("<uuid:pk>/address/new/", views_record.address_move, name="address_move"),
    path("<uuid:pk>/address/correct/", views_record.address_correct, name="address_correct"),
    path("<uuid:pk>/addresses/<uuid:row_pk>/", views_record.address_history_correct, name="address_history_correct"),
    path(
        "<uuid:pk>/addresses/<uuid:row_pk>/remove/",
        views_record.address_history_archive,
        name="address_history_archive",
    ),
    path("<uuid:pk>/names/add/", views_record.alias_add, name="alias_add"),
    path("<uuid:pk>/names/<uuid:alias_pk>/remove/", views_record.alias_archive, name="alias_archive"),
    path("<uuid:pk>/disabilities/add/", views_record.disability_add, name="disability_add"),
    path(
        "<uuid:pk>/disabilities/<uuid:disability_pk>/remove/",
        views_record.disability_archive,
        name="disability_archive",
    ),
    path("<uuid:pk>/relationships/add/", views_family.relationship_find, name="relationship_find"),
    path("<uuid:pk>/relationships/add/new/", views_family.relationship_add_new, name="relationship_add_new"),
    path("<uuid:pk>/relationships/add/<uuid:other_pk>/", views_family.relationship_add, name="relationship_add"),
    path("<uuid:pk>/relationships/<uuid:rel_pk>/", views_family.relationship_change, name="relationship_change"),
    path("<uuid:pk>/relationships/<uuid:rel_pk>/end/", views_family.relationship_end, name="relationship_end"),
    path("<uuid:pk>/involvements/add/", views_family.involvement_add, name="involvement_add"),
    path("<uuid:pk>/involvements/<uuid:inv_pk>/", views_family.involvement_change, name="involvement_change"),
    path("<uuid:pk>/involvements/<uuid:inv_pk>/end/", views_family.involvement_end, name="involvement_end"),
    path("repeat-concerns/", views.repeat_concerns, name="repeat_concerns"),
    path("duplicates/", views_duplicates.duplicate_list, name="duplicates"),
    path("duplicates/scan/", views_duplicates.duplicate_scan, name="duplicate_scan"),
    path("duplicates/<int:pk>/", views_duplicates.duplicate_compare, name="duplicate"),
    path("merges/<uuid:pk>/", views_duplicates.merge_detail, name="merge"),
    path("merges/<uuid:pk>/undo/", views_duplicates.merge_undo, name="merge_undo"),
]
