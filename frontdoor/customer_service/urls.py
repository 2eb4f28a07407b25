from django.urls import path

from . import views

app_name = "customer_service"
urlpatterns = [
    path("", views.check, name="check"),
    path("handover/", views.handover, name="handover"),
    path("calls/", views.handovers, name="handovers"),
]
