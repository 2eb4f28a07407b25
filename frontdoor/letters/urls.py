from django.urls import path

from .disagreements import views as disagreements
from .dispatch import views as dispatch
from .survey import views as survey
from .writing import views as writing

app_name = "letters"
urlpatterns = [
    path("", writing.queue, name="queue"),
    path("team/", writing.team, name="team"),
    path("contact/<uuid:pk>/", writing.contact, name="contact"),
    path("contact/<uuid:pk>/draft/", writing.draft, name="draft"),
    path("contact/<uuid:pk>/disagreements/new/", disagreements.disagreement_new, name="disagreement_new"),
    path("<uuid:pk>/", writing.letter, name="letter"),
    path("<uuid:pk>/edit/", writing.edit, name="edit"),
    path("<uuid:pk>/approve/", writing.approve, name="approve"),
    path("<uuid:pk>/pdf/", writing.pdf, name="pdf"),
    path("<uuid:pk>/send/", dispatch.send, name="send"),
    path("<uuid:pk>/post/", dispatch.post, name="post"),
    path("sent/<uuid:pk>/pdf/", dispatch.sent_pdf, name="sent_pdf"),
    path("disagreements/<uuid:pk>/", disagreements.disagreement, name="disagreement"),
    path("survey/thanks/", survey.survey_thanks, name="survey_thanks"),
    path("survey/<str:token>/", survey.survey, name="survey"),
    path("surveys/", survey.survey_results, name="survey_results"),
]
