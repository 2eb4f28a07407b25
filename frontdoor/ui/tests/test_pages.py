"""Every page needs a login; the home page and navigation follow the role."""

import pytest


@pytest.mark.parametrize("url", ["/", "/reporting/", "/reporting/annex-a/list-1/"])
def test_anonymous_users_are_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/")


@pytest.mark.parametrize("role", ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"])
def test_home_page_for_every_role(users, client_for, role):
    response = client_for(users[role]).get("/")
    assert response.status_code == 200
    assert users[role].get_role_display() in response.content.decode()


@pytest.mark.parametrize("role, sees_admin", [("admin", True), ("csw", False), ("manager", False)])
def test_administration_link_only_for_administrators(users, client_for, role, sees_admin):
    body = client_for(users[role]).get("/").content.decode()
    assert ('href="/admin/"' in body) is sees_admin


def test_sign_out_needs_post(users, client_for):
    client = client_for(users["csw"])
    assert client.post("/accounts/sign-out/").status_code == 302
    assert client.get("/").status_code == 302


def test_navigation_is_worked_out_once_per_request(users, rf, django_assert_num_queries):
    """A page that renders several templates still counts the header's drafts and contacts once."""
    from frontdoor.ui.context_processors import navigation

    request = rf.get("/")
    request.user = users["csw"]
    first = list(navigation(request)["nav_items"])
    assert any(item["label"] == "My drafts" for item in first)
    with django_assert_num_queries(0):
        again = list(navigation(request)["nav_items"])
    assert again == first


def test_an_htmx_partial_response_computes_no_navigation(users, client_for, monkeypatch):
    """The live search's result list has no header, so the header's counts are never queried for it."""
    from frontdoor.contacts import selectors

    def refuse(**kwargs):
        raise AssertionError("navigation counts computed for a partial response")

    monkeypatch.setattr(selectors, "nav_counts", refuse)
    client = client_for(users["csw"])
    response = client.post("/people/", {"q": "Smith"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "govuk-header" not in response.content.decode()
    with pytest.raises(AssertionError, match="partial"):
        client.get("/people/")


@pytest.mark.parametrize("url", ["/", "/people/", "/accounts/sign-in/"])
def test_pages_are_never_stored_in_a_browser_cache(users, client_for, url):
    """A child's record must not stay in a shared PC's browser cache after sign-out."""
    response = client_for(users["csw"]).get(url)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_missing_page_is_a_gov_uk_page_with_a_way_home(users, client_for):
    response = client_for(users["csw"]).get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and 'href="/"' in body and "govuk-header" in body


def test_a_refused_page_is_a_gov_uk_page_with_a_way_home(users, client_for):
    response = client_for(users["analyst"]).get("/people/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot open this page" in body and 'href="/"' in body and "govuk-header" in body


def test_the_server_error_page_needs_no_request():
    """Django renders 500.html without a request (no user, no context processors): it must still render."""
    from django.template.loader import render_to_string

    body = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in body and "call 999" in body
