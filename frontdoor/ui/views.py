from django.shortcuts import render

from .selectors import home_sections_for_user


def home(request):
    return render(request, "ui/home.html", {"sections": home_sections_for_user(request)})


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (usually an expired session or a page left open for long):
    a GOV.UK page, never Django's yellow one, and nothing about the reason."""
    return render(request, "ui/csrf_failure.html", status=403)
