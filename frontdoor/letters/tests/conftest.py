import io

import pypdf
import pytest

from frontdoor.letters.writing import services

from .factories import recorded_contact


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(bytes(data))).pages)


@pytest.fixture
def contact(users):
    return recorded_contact(worker=users["csw"])


@pytest.fixture
def public_contact(users):
    return recorded_contact(worker=users["csw"], caller_type="public")


@pytest.fixture
def approved(users, contact):
    """An approved letter for a professional caller."""
    letter = services.letter_draft(actor=users["csw"], contact=contact)
    return services.letter_approve(actor=users["csw"], letter=letter, version=letter.version)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The users fixture makes eight users: hash their passwords quickly in these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
