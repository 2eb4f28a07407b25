from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import sessions, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", login_not_required(views.SignInView.as_view()), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    # Issue 13: your account, second factor, the administrator's Users pages
    path("", views.account, name="account"),
    path("password/", views.change_password, name="password_change"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path("users/<int:pk>/temporary-password/", views.temporary_password, name="user_password"),
    path("users/<int:pk>/reset-two-factor/", views.reset_two_factor, name="user_reset_two_factor"),
    path("users/<int:pk>/unlock/", views.unlock, name="user_unlock"),
    path("session/", sessions.session_status, name="session_status"),
    path("session/keep-alive/", sessions.session_keep_alive, name="session_keep_alive"),
]
