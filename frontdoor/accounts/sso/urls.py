"""Single sign-on URLs, included at /oidc/ without a namespace (mozilla-django-oidc reverses
"oidc_authentication_callback"). The redirect URI to register with the provider: https://<host>/oidc/callback/"""

from django.urls import path

from . import views

urlpatterns = [
    path("authenticate/", views.sso_only(views.SSOAuthenticateView.as_view()), name="oidc_authentication_init"),
    path("callback/", views.sso_only(views.SSOCallbackView.as_view()), name="oidc_authentication_callback"),
    path("refused/", views.sso_only(views.refused), name="oidc_refused"),
]
