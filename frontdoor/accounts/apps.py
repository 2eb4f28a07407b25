from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frontdoor.accounts"
    label = "accounts"

    def ready(self):
        from .sso import checks  # noqa: F401 (registers the single sign-on configuration check)
