from django.shortcuts import render

from .selectors import home_sections_for_user


def home(request):
    return render(request, "ui/home.html", {"sections": home_sections_for_user(request)})
