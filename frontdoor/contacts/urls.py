from django.urls import path

from . import views, views_family, views_flow

app_name = "contacts"
urlpatterns = [
    path("", views.my_contacts, name="mine"),
    path("drafts/", views.drafts, name="drafts"),
    path("team/", views.team_contacts, name="team"),
    path("new/", views_flow.start, name="start"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/recorded/", views.recorded, name="recorded"),
    path("<uuid:pk>/caller/", views_flow.step, {"slug": "caller"}, name="caller"),
    path("<uuid:pk>/family/", views_family.family, name="family"),
    path("<uuid:pk>/family/add-child/", views_family.person_add, {"kind": "child"}, name="add_child"),
    path("<uuid:pk>/family/add-person/", views_family.person_add, {"kind": "other"}, name="add_person"),
    path("<uuid:pk>/family/<uuid:person_pk>/change/", views_family.person_change, name="change_person"),
    path("<uuid:pk>/family/<uuid:person_pk>/remove/", views_family.person_remove, name="remove_person"),
    path("<uuid:pk>/worries/", views_flow.step, {"slug": "worries"}, name="worries"),
    path("<uuid:pk>/records/", views_flow.step, {"slug": "records"}, name="records"),
    path("<uuid:pk>/consent/", views_flow.step, {"slug": "consent"}, name="consent"),
    path("<uuid:pk>/relationship/", views_flow.step, {"slug": "relationship"}, name="relationship"),
    path("<uuid:pk>/outcome/", views_flow.step, {"slug": "outcome"}, name="outcome"),
    path("<uuid:pk>/actions/", views_family.actions, name="actions"),
    path("<uuid:pk>/actions/add/", views_family.action_add, name="action_add"),
    path("<uuid:pk>/actions/<uuid:action_pk>/remove/", views_family.action_remove, name="action_remove"),
    path("<uuid:pk>/check/", views_flow.check, name="check"),
]
