from django.urls import path

from .duplicates import views as duplicates
from .family import views as family
from .record import views as record
from .restricted import views as restricted
from .search import views as search

app_name = "people"
urlpatterns = [
    path("", search.search, name="search"),
    path("<uuid:pk>/", record.detail, name="detail"),
    path("<uuid:pk>/family/", family.family, name="family"),
    path("<uuid:pk>/looks/", record.looks, name="looks"),
    # Restricted records and break-glass (decision 26)
    path("<uuid:pk>/restrict/", restricted.restrict, name="restrict"),
    path("<uuid:pk>/restrict/lift/", restricted.lift, name="restriction_lift"),
    path("<uuid:pk>/break-glass/", restricted.break_glass, name="break_glass"),
    path("break-glass/", restricted.break_glass_log, name="break_glass_log"),
    # Keeping the record right (each linked from the record page)
    path("<uuid:pk>/details/", record.details_edit, name="details_edit"),
    path("<uuid:pk>/checked/", record.needs_checking_clear, name="needs_checking_clear"),
    path("<uuid:pk>/address/new/", record.address_move, name="address_move"),
    path("<uuid:pk>/address/correct/", record.address_correct, name="address_correct"),
    path("<uuid:pk>/addresses/<uuid:row_pk>/", record.address_history_correct, name="address_history_correct"),
    path(
        "<uuid:pk>/addresses/<uuid:row_pk>/remove/",
        record.address_history_archive,
        name="address_history_archive",
    ),
    path("<uuid:pk>/names/add/", record.alias_add, name="alias_add"),
    path("<uuid:pk>/names/<uuid:alias_pk>/remove/", record.alias_archive, name="alias_archive"),
    path("<uuid:pk>/disabilities/add/", record.disability_add, name="disability_add"),
    path(
        "<uuid:pk>/disabilities/<uuid:disability_pk>/remove/",
        record.disability_archive,
        name="disability_archive",
    ),
    path("<uuid:pk>/relationships/add/", family.relationship_find, name="relationship_find"),
    path("<uuid:pk>/relationships/add/new/", family.relationship_add_new, name="relationship_add_new"),
    path("<uuid:pk>/relationships/add/<uuid:other_pk>/", family.relationship_add, name="relationship_add"),
    path("<uuid:pk>/relationships/<uuid:rel_pk>/", family.relationship_change, name="relationship_change"),
    path("<uuid:pk>/relationships/<uuid:rel_pk>/end/", family.relationship_end, name="relationship_end"),
    path("<uuid:pk>/involvements/add/", family.involvement_add, name="involvement_add"),
    path("<uuid:pk>/involvements/<uuid:inv_pk>/", family.involvement_change, name="involvement_change"),
    path("<uuid:pk>/involvements/<uuid:inv_pk>/end/", family.involvement_end, name="involvement_end"),
    path("repeat-concerns/", family.repeat_concerns, name="repeat_concerns"),
    path("needs-checking/", record.needs_checking, name="needs_checking"),
    path("duplicates/", duplicates.duplicate_list, name="duplicates"),
    path("duplicates/scan/", duplicates.duplicate_scan, name="duplicate_scan"),
    path("duplicates/<int:pk>/", duplicates.duplicate_compare, name="duplicate"),
    path("merges/<uuid:pk>/", duplicates.merge_detail, name="merge"),
    path("merges/<uuid:pk>/undo/", duplicates.merge_undo, name="merge_undo"),
]
