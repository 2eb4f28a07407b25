"""Sign-in rules without a database."""

from types import SimpleNamespace

import pytest

from frontdoor.accounts import domain


def request(signed_in_by=None, verified=False):
    return SimpleNamespace(
        session={domain.SIGNED_IN_BY: signed_in_by} if signed_in_by else {},
        user=SimpleNamespace(is_verified=lambda: verified),
    )


@pytest.mark.parametrize(
    ("signed_in_by", "verified", "done"),
    [
        ("sso", False, True),
        ("password", False, False),
        ("password", True, True),
        (None, False, False),
        (None, True, True),
    ],
)
def test_second_factor_done(signed_in_by, verified, done):
    assert domain.second_factor_done(request(signed_in_by, verified)) is done


@pytest.mark.parametrize(
    ("required", "has_device", "needed"),
    [(True, False, True), (True, True, True), (False, True, True), (False, False, False)],
)
def test_second_factor_needed(required, has_device, needed):
    assert domain.second_factor_needed(required=required, has_device=has_device) is needed


def test_codes_are_read_as_people_type_them():
    assert domain.normalise_code(" ABCD-efgh ") == "abcdefgh"
    assert domain.normalise_code("123 456") == "123456"
    assert domain.grouped("ABCDEFGHIJ") == "ABCD EFGH IJ"
