"""The demo seed makes drafts, sent, overdue and failed letters, survey answers and a disagreement."""

import random

import pytest
from faker import Faker

from frontdoor.accounts.demo import seed_users
from frontdoor.letters import demo
from frontdoor.letters.models import Disagreement, Letter, LetterDispatch, SentLetter, SurveyResponse

pytestmark = pytest.mark.django_db


def test_seed(reference_data):
    seed_users()
    summary = demo.seed(people=0, fake=Faker("en_GB"), rng=random.Random(5))
    assert "9 contacts" in summary
    assert Letter.objects.filter(status="draft").count() == 2
    assert SentLetter.objects.count() == 3
    assert LetterDispatch.objects.filter(status="failed").count() == 1
    assert SurveyResponse.objects.count() == 6 and Disagreement.objects.count() == 1
    assert demo.seed(people=0, fake=Faker("en_GB"), rng=random.Random(5)) == "letters: nothing to do"
