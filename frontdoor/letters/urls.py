from django.urls import path

from . import views, views_feedback

app_name = "letters"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("team/", views.team, name="team"),
    path("contact/<uuid:pk>/", views.contact, name="contact"),
    path("contact/<uuid:pk>/draft/", views.draft, name="draft"),
    path("contact/<uuid:pk>/disagreements/new/", views_feedback.disagreement_new, name="disagreement_new"),
    path("<uuid:pk>/", views.letter, name="letter"),
    path("<uuid:pk>/edit/", views.edit, name="edit"),
    path("<uuid:pk>/approve/", views.approve, name="approve"),
    path("<uuid:pk>/pdf/", views.pdf, name="pdf"),
    path("<uuid:pk>/send/", views.send, name="send"),
    path("<uuid:pk>/post/", views.post, name="post"),
    path("sent/<uuid:pk>/pdf/", views.sent_pdf, name="sent_pdf"),
    path("disagreements/<uuid:pk>/", views_feedback.disagreement, name="disagreement"),
    path("survey/thanks/", views_feedback.survey_thanks, name="survey_thanks"),
    path("survey/<str:token>/", views_feedback.survey, name="survey"),
    path("surveys/", views_feedback.survey_results, name="survey_results"),
]
