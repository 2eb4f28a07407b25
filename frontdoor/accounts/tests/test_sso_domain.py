"""Single sign-on claim rules: from claims and groups to username, names, role, team and agency (no database)."""

import pytest

from frontdoor.accounts.sso import domain

MAPPING = domain.GroupMapping(
    roles={"g-admin": "admin", "g-manager": "manager", "g-csw": "csw", "g-mash": "mash_partner"},
    teams={"g-cads": "cads", "g-fast": "fast-norwich"},
    agencies={"g-police": "norfolk-police"},
)


@pytest.mark.parametrize(
    ("groups", "role", "team", "agency"),
    [
        (["g-csw", "g-cads"], "csw", "cads", None),
        (["g-cads"], None, "cads", None),
        ([], None, None, None),
        (["unknown"], None, None, None),
        # several role groups: the first listed in the setting wins, whatever order the IdP sends
        (["g-csw", "g-manager"], "manager", None, None),
        (["g-csw", "g-admin", "g-manager"], "admin", None, None),
        (["g-fast", "g-cads"], None, "cads", None),
        (["g-mash", "g-police"], "mash_partner", None, "norfolk-police"),
    ],
)
def test_access_from_groups(groups, role, team, agency):
    assert domain.access_from_groups(groups, MAPPING) == domain.Access(role=role, team=team, agency=agency)


def test_a_role_that_does_not_exist_is_ignored_and_reported():
    mapping = domain.GroupMapping(roles={"g-x": "superhero", "g-csw": "csw"}, teams={}, agencies={})
    assert domain.access_from_groups(["g-x"], mapping).role is None
    assert domain.access_from_groups(["g-x", "g-csw"], mapping).role is None  # first listed wins, and it is wrong
    assert mapping.problems() == [
        "FRONTDOOR_OIDC_GROUP_ROLES maps 'g-x' to 'superhero', which is not a Front Door role"
    ]


@pytest.mark.parametrize(
    ("claims", "groups"),
    [({"groups": ["a", "b"]}, ["a", "b"]), ({"groups": "a"}, ["a"]), ({}, []), ({"groups": None}, [])],
)
def test_groups_from_claims(claims, groups):
    assert domain.groups_from_claims(claims) == groups


def test_group_overage_is_recognised():
    """Entra sends a pointer to Graph instead of groups when a user is in too many."""
    assert domain.has_group_overage({"_claim_names": {"groups": "src1"}})
    assert not domain.has_group_overage({"groups": [], "_claim_names": {"groups": "src1"}})
    assert not domain.has_group_overage({})


@pytest.mark.parametrize(
    ("claims", "username"),
    [
        ({"preferred_username": "Sam.Jones@Council.invalid", "email": "x@y.invalid"}, "sam.jones@council.invalid"),
        ({"upn": "SJ@council.invalid"}, "sj@council.invalid"),
        ({"email": "only@council.invalid"}, "only@council.invalid"),
        ({"sub": "abc"}, ""),
    ],
)
def test_username_from_claims(claims, username):
    assert domain.username_from_claims(claims) == username


@pytest.mark.parametrize(
    ("claims", "names"),
    [
        ({"given_name": "Sam", "family_name": "Jones", "name": "ignored"}, ("Sam", "Jones")),
        ({"name": "Priya Anne Shah"}, ("Priya", "Anne Shah")),
        ({}, ("", "")),
    ],
)
def test_names_from_claims(claims, names):
    assert domain.names_from_claims(claims) == names


def test_email_falls_back_to_a_preferred_username_that_is_an_address():
    assert domain.email_from_claims({"preferred_username": "a@b.invalid"}) == "a@b.invalid"
    assert domain.email_from_claims({"preferred_username": "abc"}) == ""


@pytest.mark.parametrize(
    ("access", "agency_known", "reason"),
    [
        (domain.Access(role=None, team="cads", agency=None), False, domain.NO_ROLE),
        (domain.Access(role="csw", team=None, agency=None), False, None),
        (domain.Access(role="mash_partner", team=None, agency=None), False, domain.NO_AGENCY),
        (domain.Access(role="mash_partner", team=None, agency=None), True, None),
    ],
)
def test_refusal(access, agency_known, reason):
    assert domain.refusal(access=access, agency_known=agency_known) == reason


def test_manage_py_check_reports_single_sign_on_half_configured(settings):
    from frontdoor.accounts.sso.checks import single_sign_on_configuration

    settings.FRONTDOOR_OIDC_ENABLED = False
    assert single_sign_on_configuration() == []
    settings.FRONTDOOR_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "front-door"
    settings.OIDC_RP_CLIENT_SECRET = ""
    settings.FRONTDOOR_OIDC_GROUP_ROLES = {"g1": "csw", "g2": "wizard"}
    ids = [e.id for e in single_sign_on_configuration()]
    assert ids.count("frontdoor.E101") == 5  # the secret and four endpoints
    assert "frontdoor.E103" in ids
