from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("queues/<slug:name>/", views.queue, name="queue"),
    path("contacts/<uuid:contact_id>/decision/", views.decision, name="decision"),
    path("<uuid:pk>/", views.referral_detail, name="detail"),
    path("<uuid:pk>/edit/", views.referral_edit, name="edit"),
    path("<uuid:pk>/authorise/", views.referral_authorise, name="authorise"),
    path("<uuid:pk>/sharing/", views.referral_sharing, name="sharing"),
    path("<uuid:pk>/police/", views.referral_police, name="police"),
    path("<uuid:pk>/milestones/", views.referral_milestone, name="milestone"),
    path("<uuid:pk>/take/", views.referral_take, name="take"),
]
