from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frontdoor.accounts"
    label = "accounts"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the audit of failed sign-ins and lockouts)
