from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "frontdoor.referrals"
    label = "referrals"
