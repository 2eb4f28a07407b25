from django.urls import path

from . import views

app_name = "mash"
urlpatterns = [
    path("contacts/<uuid:contact_id>/open/", views.enquiry_open, name="open"),
    path("requests/<uuid:pk>/", views.request_detail, name="request"),
    path("<uuid:pk>/", views.enquiry_detail, name="detail"),
    path("<uuid:pk>/requests/new/", views.request_add, name="request_add"),
    path("<uuid:pk>/conclude/", views.enquiry_conclude, name="conclude"),
]
