from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frontdoor.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import receivers  # noqa: F401  (connects the audit of sign-ins, sign-outs, failures and lockouts)
        from .sessions import session_clock_start_at_sign_in
        from .sso import checks  # noqa: F401 (registers the single sign-on configuration check)

        user_logged_in.connect(session_clock_start_at_sign_in, dispatch_uid="frontdoor_session_clock")
