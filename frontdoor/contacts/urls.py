from django.urls import path

from .views import actions, flow, lists, people, relink

app_name = "contacts"
urlpatterns = [
    path("", lists.my_contacts, name="mine"),
    path("drafts/", lists.drafts, name="drafts"),
    path("team/", lists.team_contacts, name="team"),
    path("new/", flow.start, name="start"),
    path("<uuid:pk>/", lists.detail, name="detail"),
    path("<uuid:pk>/recorded/", lists.recorded, name="recorded"),
    path("<uuid:pk>/people/<uuid:person_pk>/linked-record/", relink.relink, name="relink_person"),
    path("<uuid:pk>/caller/", flow.step, {"slug": "caller"}, name="caller"),
    path("<uuid:pk>/family/", people.family, name="family"),
    path("<uuid:pk>/family/add-child/", people.person_add, {"kind": "child"}, name="add_child"),
    path("<uuid:pk>/family/add-person/", people.person_add, {"kind": "other"}, name="add_person"),
    path("<uuid:pk>/family/<uuid:person_pk>/change/", people.person_change, name="change_person"),
    path("<uuid:pk>/family/<uuid:person_pk>/remove/", people.person_remove, name="remove_person"),
    path("<uuid:pk>/worries/", flow.step, {"slug": "worries"}, name="worries"),
    path("<uuid:pk>/records/", flow.step, {"slug": "records"}, name="records"),
    path("<uuid:pk>/consent/", flow.step, {"slug": "consent"}, name="consent"),
    path("<uuid:pk>/relationship/", flow.step, {"slug": "relationship"}, name="relationship"),
    path("<uuid:pk>/outcome/", flow.step, {"slug": "outcome"}, name="outcome"),
    path("<uuid:pk>/actions/", actions.actions, name="actions"),
    path("<uuid:pk>/actions/add/", actions.action_add, name="action_add"),
    path("<uuid:pk>/actions/<uuid:action_pk>/remove/", actions.action_remove, name="action_remove"),
    path("<uuid:pk>/check/", flow.check, name="check"),
]
