from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "frontdoor.letters"
    label = "letters"
