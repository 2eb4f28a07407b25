from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "frontdoor.ui"
    label = "ui"
