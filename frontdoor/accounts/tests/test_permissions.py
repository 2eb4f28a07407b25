"""Role x page matrix for the accounts pages: everybody has their own account pages; only an
administrator reaches the Users pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["csw", "csw2", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]
ADMIN_ONLY = {"admin": 200}
EVERYONE = dict.fromkeys(ROLES, 200)

# (url name, needs the target user's pk, method): {role: status}; the rest 403.
MATRIX = {
    ("account", False, "get"): EVERYONE,
    ("password_change", False, "get"): EVERYONE,
    ("two_factor_enrol", False, "get"): EVERYONE,
    ("two_factor_verify", False, "get"): dict.fromkeys(ROLES, 302),  # nothing to verify: sent to set up
    ("recovery_codes", False, "get"): dict.fromkeys(ROLES, 302),  # no app yet: back to the account page
    ("users", False, "get"): ADMIN_ONLY,
    ("user", True, "get"): ADMIN_ONLY,
    ("user_password", True, "get"): {"admin": 302},
    ("user_password", True, "post"): ADMIN_ONLY,  # empty form: the error is shown
    ("user_reset_two_factor", True, "post"): {"admin": 302},
    ("user_unlock", True, "post"): {"admin": 302},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "with_pk", "method"), list(MATRIX))
def test_role_page_matrix(users, client_for, role, name, with_pk, method):
    url = reverse(f"accounts:{name}", kwargs={"pk": users["csw2"].pk} if with_pk else None)
    response = getattr(client_for(users[role]), method)(url)
    assert response.status_code == MATRIX[(name, with_pk, method)].get(role, 403), (name, method, role)


def test_an_unknown_user_is_404_for_the_administrator(users, client_for):
    assert client_for(users["admin"]).get(reverse("accounts:user", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize("name", ["account", "password_change", "two_factor_enrol", "two_factor_verify", "users"])
def test_signed_out_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


def test_the_users_page_is_in_the_administrators_menu_only(users, client_for):
    assert 'href="/accounts/users/"' in client_for(users["admin"]).get("/").content.decode()
    assert 'href="/accounts/users/"' not in client_for(users["manager"]).get("/").content.decode()
