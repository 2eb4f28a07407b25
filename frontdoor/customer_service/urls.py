from django.urls import path

from . import views

app_name = "customer_service"
urlpatterns = [
    path("", views.check, name="check"),
    path("handover/", views.handover, name="handover"),
    path("calls/", views.handovers, name="handovers"),
    path("calls/<uuid:pk>/", views.handover_detail, name="handover_detail"),
    path("calls/<uuid:pk>/take/", views.take, name="handover_take"),
]
