from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import sessions, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", login_not_required(views.SignInView.as_view()), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("session/", sessions.session_status, name="session_status"),
    path("session/keep-alive/", sessions.session_keep_alive, name="session_keep_alive"),
]
