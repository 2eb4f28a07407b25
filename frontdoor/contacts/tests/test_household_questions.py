"""The four household questions (domestic abuse, mental illness, substance misuse, learning difficulties) are
asked during the call on the worries step, shown on check your answers, and kept as answered."""

import pytest
from django.urls import reverse

from frontdoor.contacts import domain

from . import factories
from .test_views import WORRIES

pytestmark = pytest.mark.django_db

ANSWERS = {"domestic_abuse": "yes", "mental_illness": "no", "substance_misuse": "unknown", "learning_difficulties": ""}


def test_the_worries_step_asks_the_four_questions(users, client_for):
    contact = factories.complete_draft(worker=users["csw"])
    client = client_for(users["csw"])
    page = client.get(reverse("contacts:worries", args=[contact.pk])).content.decode()
    for _, question in domain.HOUSEHOLD_QUESTIONS:
        assert question in page
    for name in ANSWERS:
        assert page.count(f'name="{name}"') == 3  # yes, no, not known
    response = client.post(
        reverse("contacts:worries", args=[contact.pk]), {"version": contact.version, **WORRIES, **ANSWERS}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert [getattr(contact, f) for f in ANSWERS] == ["yes", "no", "unknown", ""]
    check = client.get(reverse("contacts:check", args=[contact.pk])).content.decode()
    assert "Domestic abuse in the household" in check and "Learning difficulties in the household" in check
    assert domain.household_answers(contact) == {
        "domestic_abuse": "yes",
        "mental_illness": "no",
        "substance_misuse": "unknown",
        "learning_difficulties": "unknown",  # not asked: unknown on the referral
    }


def test_a_made_up_answer_is_refused_and_the_rest_kept(users, client_for):
    contact = factories.complete_draft(worker=users["csw"])
    response = client_for(users["csw"]).post(
        reverse("contacts:worries", args=[contact.pk]),
        {"version": contact.version, **WORRIES, "domestic_abuse": "maybe"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select yes, no or not known" in page and "One injury" in page
