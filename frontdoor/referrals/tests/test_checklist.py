"""The referral starts from what is known (issue 11, deliverable 5): the checklist is filled from the person
records, each missing item links to where to add it and comes back to the referral, its wording follows the
referral's state, and the four household questions asked on the call are carried into the referral."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse

from frontdoor.contacts.builders import build_recorded_contact, linked
from frontdoor.contacts.models import ContactPerson
from frontdoor.directory.models import Team
from frontdoor.people.models import Relationship
from frontdoor.referrals import domain, selectors, services
from frontdoor.referrals.tests.factories import decision_make, person_make

pytestmark = pytest.mark.django_db


def _recorded_child():
    """A child whose record holds everything the call did not (the caller misspelt the name, knew no date of
    birth and no sex), with a mother in the same household with parental responsibility on the record."""
    child = person_make(
        given_name="Geraldine",
        family_name="Hughes",
        sex="F",
        school="Lakenham Primary",
        ethnicity="WBRI",
        first_language="English",
        religion="No religion",
        nationality="British",
        communication_needs="None known; speaks in full sentences",
    )
    mother = person_make(given_name="Dawn", family_name="Hughes", date_of_birth=dt.date(1990, 2, 3))
    Relationship.objects.create(
        from_person=mother, to_person=child, kind="parent", parental_responsibility=True, same_household=True
    )
    return child, mother


def _referral(users, child, **contact_fields):
    contact = build_recorded_contact(
        worker=users["csw"],
        people=[linked(child, given_name="Geraldene", family_name="Hughs", date_of_birth=None, sex="U")],
        reason_for_call="Bruising",
        worried_about="Bruise on the arm",
        immediacy="urgent",
        parents_aware="no",
        child_location="At school",
        caller_relationship="Class teacher",
        **contact_fields,
    )
    return decision_make(contact=contact, actor=users["csw"]).referral


def test_the_person_record_fills_the_checklist(users):
    """What the record holds is known, even where the caller said nothing or something else."""
    child, _ = _recorded_child()
    referral = _referral(users, child)
    known = {i["code"] for i in selectors.referral_checklist(referral, user=users["csw"]) if i["known"]}
    assert {
        "child_names",
        "child_dobs",
        "child_sex",
        "address",
        "school",
        "ethnicity",
        "language_religion",
        "nationality",
        "communication",
        "parental_responsibility",
        "household",
    } <= known


def test_each_missing_item_links_to_where_to_add_it_and_back(users):
    child = person_make(given_name="Tom", family_name="Ward")
    referral = _referral(users, child)
    back = reverse("referrals:edit", args=[referral.pk])
    checklist = selectors.referral_checklist(referral, user=users["csw"], next_url=back)
    items = {i["code"]: i for i in checklist}
    school = items["school"]
    assert not school["known"]
    assert school["fixes"][0].text == "Add Tom Ward's school or nursery"
    assert school["fixes"][0].href == (
        reverse("people:details_edit", args=[child.pk]) + "?next=" + quote(back, safe="") + "#id_school"
    )
    assert items["parental_responsibility"]["fixes"][0].href.startswith(
        reverse("people:relationship_find", args=[child.pk]) + "?next="
    )
    household = items["household_questions"]["fixes"][0]
    assert household.href == back + "#id_domestic_abuse_0"
    assert items["perpetrator"]["fixes"][0].href == ""  # only the call could say, and it is recorded


def test_a_child_with_no_record_is_said_so(users):
    contact = build_recorded_contact(
        worker=users["csw"], people=[{"role": ContactPerson.Role.CHILD, "given_name": "Amy", "family_name": "Lee"}]
    )
    referral = decision_make(contact=contact, actor=users["csw"]).referral
    items = {i["code"]: i for i in selectors.referral_checklist(referral, user=users["csw"])}
    assert items["school"]["fixes"][0].text == "Amy Lee has no person record yet"
    assert items["school"]["fixes"][0].href == ""


def test_no_links_where_the_user_cannot_add(users):
    """A referral sent on cannot be edited: the household questions are no longer a link to its form."""
    child = person_make()
    referral = _referral(users, child)
    referral = services.referral_update(
        actor=users["csw"],
        referral=referral,
        version=referral.version,
        submit=True,
        disposal=4,
        disposal_reasons="Harm",
        receiving_team=Team.objects.get(code="fast-norwich"),
    )
    items = {i["code"]: i for i in selectors.referral_checklist(referral, user=users["csw"], next_url="/x/")}
    assert items["household_questions"]["fixes"][0].href == ""
    assert items["school"]["fixes"][0].href  # the person record can still be kept right


@pytest.mark.parametrize(
    ("state", "missing", "fixes"),
    [
        ("draft", "Still missing", True),
        ("returned", "Still missing", True),
        ("awaiting_authorisation", "Not known yet", True),
        ("with_team", "Not known yet", True),
        ("allocated", "Not known yet", True),
        ("closed", "Not known", False),
    ],
)
def test_the_wording_follows_the_referral_state(state, missing, fixes):
    wording = domain.checklist_wording(state)
    assert (wording.missing, wording.fixes) == (missing, fixes)


def test_the_panel_on_the_page_says_still_missing_then_not_known_yet(users, client_for):
    child = person_make()
    referral = _referral(users, child)
    html = client_for(users["csw"]).get(reverse("referrals:edit", args=[referral.pk])).content.decode()
    assert "Still missing" in html and "Add " in html and "?next=" in html
    referral = services.referral_update(
        actor=users["csw"],
        referral=referral,
        version=referral.version,
        submit=True,
        disposal=4,
        disposal_reasons="Harm",
        receiving_team=Team.objects.get(code="fast-norwich"),
    )
    html = client_for(users["manager"]).get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Still missing" not in html and "Not known yet" in html


def test_the_person_record_page_comes_back_to_the_referral(users, client_for):
    child = person_make(given_name="Tom", family_name="Ward")
    referral = _referral(users, child)
    back = reverse("referrals:edit", args=[referral.pk])
    url = reverse("people:details_edit", args=[child.pk]) + "?next=" + quote(back, safe="")
    client = client_for(users["csw"])
    page = client.get(url).content.decode()
    assert f'href="{back}" class="govuk-back-link"' in page
    data = {
        "version": child.version,
        "given_name": "Tom",
        "family_name": "Ward",
        "date_of_birth_0": "4",
        "date_of_birth_1": "5",
        "date_of_birth_2": "2018",
        "sex": "F",
        "school": "Lakenham Primary",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == back
    child.refresh_from_db()
    assert child.school == "Lakenham Primary"
    items = {i["code"]: i for i in selectors.referral_checklist(referral, user=users["csw"])}
    assert items["school"]["known"]


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_next_to_another_site_is_ignored(users, client_for, evil):
    child = person_make()
    url = reverse("people:details_edit", args=[child.pk]) + "?next=" + quote(evil, safe="")
    client = client_for(users["csw"])
    page = client.get(url).content.decode()
    assert f'href="{reverse("people:detail", args=[child.pk])}" class="govuk-back-link"' in page
    data = {
        "version": child.version,
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth_0": "4",
        "date_of_birth_1": "5",
        "date_of_birth_2": "2018",
        "sex": "F",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[child.pk])


def test_the_relationship_search_keeps_the_way_back(users, client_for):
    child = person_make()
    back = "/referrals/x/edit/"
    url = reverse("people:relationship_find", args=[child.pk]) + "?next=" + quote(back, safe="")
    response = client_for(users["csw"]).post(url, {"q": "Dawn Hughes"})
    assert response.status_code == 302 and "next=" + quote(back, safe="") in response["Location"]


# --- The household questions: asked on the call, carried into the referral ---------------------------


def test_the_household_answers_from_the_call_are_copied_into_the_referral(users):
    child = person_make()
    referral = _referral(users, child, domestic_abuse="yes", mental_illness="no", substance_misuse="unknown")
    assert (referral.domestic_abuse, referral.mental_illness) == ("yes", "no")
    assert (referral.substance_misuse, referral.learning_difficulties) == ("unknown", "unknown")  # not asked
    # The referral keeps its own copy: changing it leaves the call as it was.
    services.referral_update(actor=users["csw"], referral=referral, version=referral.version, mental_illness="yes")
    referral.refresh_from_db()
    referral.contact.refresh_from_db()
    assert referral.mental_illness == "yes" and referral.contact.mental_illness == "no"
    items = {i["code"]: i for i in selectors.referral_checklist(referral)}
    assert not items["household_questions"]["known"]
