"""The demo seed makes recorded contacts linked to seeded people, some overdue, and drafts for csw."""

import random

import pytest
from faker import Faker

from frontdoor.accounts import demo as accounts_demo
from frontdoor.contacts import demo
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.people import demo as people_demo

pytestmark = pytest.mark.django_db


def test_seed_links_contacts_to_people(reference_data):
    fake, rng = Faker("en_GB"), random.Random(4)
    fake.seed_instance(4)
    accounts_demo.seed(people=80, fake=fake, rng=rng)
    people_demo.seed(people=80, fake=fake, rng=rng)
    message = demo.seed(people=80, fake=fake, rng=rng)
    recorded = Contact.objects.filter(status="recorded")
    assert recorded.count() == 10, message
    assert Contact.objects.filter(status="draft", worker__username="csw").count() == 2
    assert not ContactPerson.objects.filter(role="child", person__isnull=True).exists()
    assert all(c.decision_due_at and c.letter_due_at for c in recorded)
    assert all(c.people.filter(role="child").exists() for c in Contact.objects.all())
