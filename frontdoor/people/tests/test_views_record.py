"""The record-keeping pages: who may use them, errors next to the field with the typed values kept,
stale saves refused, and the person record page linking to every one of them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import AddressHistory, Alias, Involvement, Person, Relationship

from .factories import make_person, relate

pytestmark = pytest.mark.django_db

ALL_ROLES = ["csw", "manager", "csa", "mash_partner", "receiving", "analyst", "admin"]
EDIT_ROLES = {"csw", "manager"}
VIEW_ONLY_ROLES: set[str] = set()  # nobody sees a record they may not keep (issue 12)
# Everyone else may not see this child at all: 404, as for the record page. The advisor never opens a person,
# the administrator keeps users and teams, not children; a receiving practitioner keeps only the children
# their team holds work for (tested below with the child held and not held).


def _pages(r) -> dict[str, str]:
    pk = r["child"].pk

    def url(name, *more):
        return reverse(f"people:{name}", args=[pk, *more])

    return {
        "details_edit": url("details_edit"),
        "address_move": url("address_move"),
        "address_correct": url("address_correct"),
        "address_history_correct": url("address_history_correct", r["earlier"].pk),
        "address_history_archive": url("address_history_archive", r["earlier"].pk),
        "alias_add": url("alias_add"),
        "alias_archive": url("alias_archive", r["alias"].pk),
        "disability_add": url("disability_add"),
        "disability_archive": url("disability_archive", r["disability"].pk),
        "relationship_find": url("relationship_find"),
        "relationship_add": url("relationship_add", r["gran"].pk),
        "relationship_add_new": url("relationship_add_new"),
        "relationship_change": url("relationship_change", r["rel"].pk),
        "relationship_end": url("relationship_end", r["rel"].pk),
        "involvement_add": url("involvement_add"),
        "involvement_change": url("involvement_change", r["inv"].pk),
        "involvement_end": url("involvement_end", r["inv"].pk),
    }


PAGES = [
    "details_edit",
    "address_move",
    "address_correct",
    "address_history_correct",
    "address_history_archive",
    "alias_add",
    "alias_archive",
    "disability_add",
    "disability_archive",
    "relationship_find",
    "relationship_add",
    "relationship_add_new",
    "relationship_change",
    "relationship_end",
    "involvement_add",
    "involvement_change",
    "involvement_end",
]


def _expected(role: str) -> int:
    return 200 if role in EDIT_ROLES else 403 if role in VIEW_ONLY_ROLES else 404


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_permission_matrix_get(client_for, users, record, role, page):
    """Every record-keeping page × every role: editors 200, the advisor 403, the rest 404."""
    response = client_for(users[role]).get(_pages(record)[page])
    assert response.status_code == _expected(role)


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - EDIT_ROLES))
@pytest.mark.parametrize("page", [p for p in PAGES if p != "relationship_find"])
def test_permission_matrix_post_changes_nothing(client_for, users, record, role, page):
    """A refused role cannot change anything by posting either (403 or 404, and nothing audited)."""
    response = client_for(users[role]).post(_pages(record)[page], {})
    assert response.status_code == _expected(role)
    assert not AuditEvent.objects.filter(action__in=["change", "archive"]).exists()
    assert not Alias.objects.filter(archived=True).exists() and not Relationship.objects.filter(archived=True).exists()


def test_a_mistyped_record_address_is_404_for_editors_too(client_for, users, record):
    """A row of someone else's record is not found from this person's page."""
    other = make_person("Tom", "Brown")
    url = reverse("people:alias_archive", args=[other.pk, record["alias"].pk])
    assert client_for(users["csw"]).get(url).status_code == 404


# The person record page ------------------------------------------------------------------------


def test_record_page_links_every_change_for_editors(client_for, users, record):
    html = client_for(users["csw"]).get(reverse("people:detail", args=[record["child"].pk])).content.decode()
    for name, url in _pages(record).items():
        if name in ("relationship_add", "relationship_add_new"):
            continue  # the second step is reached from the search
        assert url.split("?")[0] in html, url
    assert 'Change<span class="govuk-visually-hidden"> date of birth</span>' in html
    for button in ("Add another name", "Record a new address", "Add a disability", "Add an involvement"):
        assert button in html
    assert "Sarah Smith is the parent of Jack Smith" in html


@pytest.mark.parametrize("page", PAGES)
def test_a_receiving_practitioner_keeps_a_child_their_team_holds_work_for(client_for, users, record, page):
    """The same pages answer 200 once the child has an open involvement with the practitioner's team."""
    record["inv"].team = users["receiving"].team
    record["inv"].save()
    # Relating the child to someone outside the family the team holds: that person is "not found" to them.
    expected = 404 if page == "relationship_add" else 200
    assert client_for(users["receiving"]).get(_pages(record)[page]).status_code == expected


@pytest.mark.parametrize("who", ["child", "mum"])
def test_a_receiving_practitioner_reads_a_held_child_and_their_family_but_no_one_else(client_for, users, record, who):
    client = client_for(users["receiving"])
    url = reverse("people:detail", args=[record[who].pk])
    assert client.get(url).status_code == 404
    record["inv"].worker = users["receiving"]  # allocated to them, whatever the team
    record["inv"].save()
    assert client.get(url).status_code == 200
    assert client.get(reverse("people:detail", args=[record["gran"].pk])).status_code == 404  # not related


def test_the_advisor_and_the_administrator_open_no_person(client_for, users, record):
    for role in ("csa", "admin"):
        assert client_for(users[role]).get(reverse("people:detail", args=[record["child"].pk])).status_code == 404


def test_record_page_query_count_is_bounded_with_every_part(client_for, users, record, django_assert_max_num_queries):
    """Aliases, addresses, disabilities, relationships and involvements do not add a query each."""
    child = record["child"]
    for i in range(4):
        Alias.objects.create(person=child, given_name=f"Name{i}", family_name="Smith")
        AddressHistory.objects.create(person=child, address=f"{i} Road", moved_out=dt.date(2019, 1, i + 1))
        relate(make_person(f"Sib{i}", "Smith"), "sibling", child)
        Involvement.objects.create(
            person=child, kind="early_help", start_date=dt.date(2020, 1, 1), end_date=dt.date(2021, 1, 1)
        )
    c = client_for(users["csw"])
    with django_assert_max_num_queries(25):  # the same bound as the plain record page
        response = c.get(reverse("people:detail", args=[child.pk]))
    assert response.status_code == 200


# Details ---------------------------------------------------------------------------------------


def _details_post(person, **changes) -> dict:
    data = {
        "version": person.version,
        "given_name": person.given_name,
        "middle_names": "",
        "family_name": person.family_name,
        "preferred_name": "",
        "date_of_birth_0": str(person.date_of_birth.day),
        "date_of_birth_1": str(person.date_of_birth.month),
        "date_of_birth_2": str(person.date_of_birth.year),
        "sex": person.sex,
        "ethnicity": "",
        "nhs_number": "",
        "upn": "",
    }
    data.update(changes)
    return data


def test_details_save_and_show_on_the_record(client_for, users, record):
    c = client_for(users["csw"])
    child = record["child"]
    response = c.post(
        reverse("people:details_edit", args=[child.pk]),
        _details_post(child, first_language="Polish", nhs_number="943 476 5919"),
        follow=True,
    )
    html = response.content.decode()
    assert "govuk-notification-banner--success" in html and "Details saved" in html
    assert "Polish" in html and "9434765919" in html


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"nhs_number": "943 476 5918"}, "nhs_number", "Enter a real NHS number"),
        ({"upn": "A12345678901X"}, "upn", "Enter a real unique pupil number"),
        (
            {"date_of_birth_2": str(timezone.localdate().year + 1)},
            "date_of_birth",
            "Date of birth must be today or in the past",
        ),
        ({"date_of_birth_2": "1899"}, "date_of_birth", "Date of birth must be after 1 January 1900"),
        (
            {"date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""},
            "date_of_birth",
            "Enter a date of birth",
        ),
        (  # no name at all is only for a baby not yet named, who has a date of birth
            {
                "given_name": "",
                "family_name": "",
                **{f"date_of_birth_{i}": "" for i in range(3)},
                "approximate_age": "8",
            },
            "given_name",
            "Enter a first name or last name (for a baby not yet named, a date of birth)",
        ),
        ({"approximate_age": "8"}, "approximate_age", "Remove the approximate age"),
    ],
)
def test_details_errors_sit_next_to_the_field_and_keep_what_was_typed(
    client_for, users, record, changes, field, message
):
    child = record["child"]
    typed = {"religion": "Typed religion", "school": "Typed Primary School", **changes}
    response = client_for(users["csw"]).post(
        reverse("people:details_edit", args=[child.pk]), _details_post(child, **typed)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and html.startswith("<!DOCTYPE html>")
    assert f'id="id_{field}-error"' in html and message in html
    assert 'value="Typed religion"' in html and 'value="Typed Primary School"' in html
    for value in changes.values():
        if value:
            assert f'value="{value}"' in html
    child.refresh_from_db()
    assert child.religion == ""


def test_a_stale_details_save_is_refused_with_the_typed_text_kept(client_for, users, record):
    child = record["child"]
    stale = _details_post(child, religion="Typed in the old tab")
    first = client_for(users["manager"]).post(
        reverse("people:details_edit", args=[child.pk]), _details_post(child, religion="Saved first")
    )
    assert first.status_code == 302
    response = client_for(users["csw"]).post(reverse("people:details_edit", args=[child.pk]), stale)
    html = response.content.decode()
    assert "your changes have not been saved" in html and 'value="Typed in the old tab"' in html
    child.refresh_from_db()
    assert child.religion == "Saved first"
    assert f'value="{child.version}"' in html  # saving again is a deliberate choice


# Addresses, names, disabilities ----------------------------------------------------------------


def test_a_bad_postcode_is_shown_next_to_the_field_with_the_address_kept(client_for, users, record):
    child = record["child"]
    response = client_for(users["csw"]).post(
        reverse("people:address_move", args=[child.pk]),
        {
            "address": "2 Oak Lane, Norwich",
            "postcode": "ZZ",
            "moved_in_0": "5",
            "moved_in_1": "1",
            "moved_in_2": "2026",
        },
    )
    html = response.content.decode()
    assert 'id="id_postcode-error"' in html and "Enter a real postcode" in html
    assert "2 Oak Lane, Norwich</textarea>" in html and 'value="ZZ"' in html
    assert not AddressHistory.objects.filter(address__startswith="2 Oak").exists()


def test_moving_shows_the_new_address_and_keeps_the_old_one(client_for, users, record):
    child = record["child"]
    response = client_for(users["csw"]).post(
        reverse("people:address_move", args=[child.pk]),
        {
            "address": "2 Oak Lane, Norwich",
            "postcode": "nr2 3dh",
            "moved_in_0": "5",
            "moved_in_1": "1",
            "moved_in_2": "2026",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "New address recorded" in html and "NR2 3DH" in html and "Since 5 January 2026" in html
    assert "1 Elm Road" in html and "9 Old Street" in html  # both earlier addresses


def test_an_alias_added_on_the_page_is_listed(client_for, users, record):
    child = record["child"]
    response = client_for(users["csw"]).post(
        reverse("people:alias_add", args=[child.pk]),
        {"kind": "previous", "given_name": "", "family_name": "Kowalski"},
        follow=True,
    )
    html = response.content.decode()
    assert "Other name added" in html and "Kowalski" in html


def test_an_alias_without_a_name_is_refused(client_for, users, record):
    response = client_for(users["csw"]).post(reverse("people:alias_add", args=[record["child"].pk]), {"kind": "alias"})
    assert "Enter a first name or last name" in response.content.decode()


def test_a_duplicate_disability_is_refused_next_to_the_field(client_for, users, record):
    response = client_for(users["csw"]).post(
        reverse("people:disability_add", args=[record["child"].pk]), {"code": "AUT", "notes": "Typed note"}
    )
    html = response.content.decode()
    assert 'id="id_code-error"' in html and "already recorded" in html and 'value="Typed note"' in html


def test_removing_asks_first_then_archives(client_for, users, record):
    c = client_for(users["csw"])
    url = reverse("people:alias_archive", args=[record["child"].pk, record["alias"].pk])
    html = c.get(url).content.decode()
    assert "Are you sure you want to remove the name Jackie Smith?" in html
    response = c.post(url, {"version": record["alias"].version}, follow=True)
    assert "Other name removed" in response.content.decode()
    record["alias"].refresh_from_db()
    assert record["alias"].archived


# Relationships ---------------------------------------------------------------------------------


def test_finding_the_other_person_without_javascript(client_for, users, record):
    c = client_for(users["csw"])
    html = c.post(
        reverse("people:relationship_find", args=[record["child"].pk]), {"q": "Maureen Hall"}, follow=True
    ).content.decode()
    assert "Maureen Hall" in html
    assert reverse("people:relationship_add", args=[record["child"].pk, record["gran"].pk]) in html
    own = reverse("people:relationship_add", args=[record["child"].pk, record["child"].pk])
    html = c.post(
        reverse("people:relationship_find", args=[record["child"].pk]), {"q": "Jack Smith"}, follow=True
    ).content.decode()
    assert own not in html  # never offered themselves


def test_the_direction_is_said_in_plain_words_and_saved_that_way(client_for, users, record):
    child, gran = record["child"], record["gran"]
    url = reverse("people:relationship_add", args=[child.pk, gran.pk])
    c = client_for(users["csw"])
    html = c.get(url).content.decode()
    assert "Maureen Hall is the grandparent of Jack Smith" in html
    assert "Jack Smith is the grandparent of Maureen Hall" in html
    response = c.post(
        url,
        {"kind": "grandparent:other", "parental_responsibility": "False", "same_household": "False", "description": ""},
        follow=True,
    )
    assert "Relationship recorded: Maureen Hall is the grandparent of Jack Smith" in response.content.decode()
    rel = Relationship.objects.get(kind="grandparent")
    assert (rel.from_person, rel.to_person) == (gran, child)
    family = c.get(reverse("people:family", args=[child.pk])).content.decode()
    assert "Maureen Hall is the grandparent of Jack Smith" in family


def test_relationship_form_errors_keep_the_answers(client_for, users, record):
    child, gran = record["child"], record["gran"]
    response = client_for(users["csw"]).post(
        reverse("people:relationship_add", args=[child.pk, gran.pk]),
        {"same_household": "True", "description": "Typed description"},
    )
    html = response.content.decode()
    assert "Select how they are related" in html and 'id="id_kind-error"' in html
    assert "Select yes if they have parental responsibility" in html
    assert 'value="Typed description"' in html
    assert 'value="True" checked' in html


def test_relating_someone_to_themselves_is_refused(client_for, users, record):
    child = record["child"]
    response = client_for(users["csw"]).post(
        reverse("people:relationship_add", args=[child.pk, child.pk]),
        {"kind": "sibling", "parental_responsibility": "False", "same_household": "True"},
    )
    assert "cannot be related to themselves" in response.content.decode()
    assert not Relationship.objects.filter(from_person=child, to_person=child).exists()


def test_changing_the_flags(client_for, users, record):
    child, rel = record["child"], record["rel"]
    url = reverse("people:relationship_change", args=[child.pk, rel.pk])
    c = client_for(users["csw"])
    assert "Does Sarah Smith have parental responsibility for Jack Smith?" in c.get(url).content.decode()
    c.post(url, {"version": rel.version, "parental_responsibility": "True", "same_household": "False"})
    rel.refresh_from_db()
    assert rel.parental_responsibility and not rel.same_household


# A family member with no record yet ------------------------------------------------------------


def _new_person_post(**changes) -> dict:
    data = {
        "given_name": "Claire",
        "family_name": "Ward",
        "date_of_birth_0": "",
        "date_of_birth_1": "",
        "date_of_birth_2": "",
        "expected_date_of_birth_0": "",
        "expected_date_of_birth_1": "",
        "expected_date_of_birth_2": "",
        "approximate_age": "34",
        "sex": "F",
        "postcode": "NR2 4AB",
        "kind": "parent:other",
        "parental_responsibility": "True",
        "same_household": "True",
        "description": "Typed description",
    }
    data.update(changes)
    return data


def test_none_of_these_is_offered_after_a_search_with_what_was_searched_for(client_for, users, record):
    """Search first, create only when the worker chooses to: the choice comes with the results, or with none."""
    c = client_for(users["csw"])
    url = reverse("people:relationship_find", args=[record["child"].pk])
    new = reverse("people:relationship_add_new", args=[record["child"].pk])
    assert new not in c.get(url).content.decode()  # not before searching
    for searched in ("Maureen Hall", "Nobody Likethis"):
        response = c.post(url, {"q": searched})
        assert searched.split()[0] not in response["Location"]  # the name is never in the URL
        html = c.get(response["Location"]).content.decode()
        assert "None of these: add a new person" in html
        token = response["Location"].split("?s=")[1]
        assert f"{new}?s={token}" in html
        assert f"You searched for ‘{searched}’" in c.get(f"{new}?s={token}").content.decode()


def test_the_new_person_form_starts_from_what_was_searched_for(client_for, users, record):
    c = client_for(users["csw"])
    found = c.post(reverse("people:relationship_find", args=[record["child"].pk]), {"q": "Claire Ward 34"})
    token = found["Location"].split("?s=")[1]
    url = reverse("people:relationship_add_new", args=[record["child"].pk])
    html = c.get(url, {"s": token}).content.decode()
    assert 'name="given_name" type="text" value="Claire"' in html
    assert 'name="family_name" type="text" value="Ward"' in html and 'value="34"' in html
    assert "You searched for ‘Claire Ward 34’" in html
    assert "The new person is the parent of Jack Smith" in html
    assert "Jack Smith is the parent of the new person" in html


def test_adding_a_new_person_shows_them_on_the_record_the_family_and_in_search(client_for, users, record):
    child = record["child"]
    c = client_for(users["csw"])
    response = c.post(
        reverse("people:relationship_add_new", args=[child.pk]),
        _new_person_post(description=""),
        follow=True,
    )
    html = response.content.decode()
    assert "Claire Ward added to the records" in html
    assert "Relationship recorded: Claire Ward is the parent of Jack Smith" in html
    claire = Person.objects.get(given_name="Claire", family_name="Ward")
    assert reverse("people:detail", args=[claire.pk]) in html  # listed under relationships
    assert (claire.approximate_age, claire.sex, claire.postcode) == (34, "F", "NR2 4AB")
    family = c.get(reverse("people:family", args=[child.pk])).content.decode()
    assert "Claire Ward</text>" in family and "Claire Ward is the parent of Jack Smith" in family
    found = c.post(reverse("people:search"), {"q": "Claire Ward"}, follow=True).content.decode()
    assert reverse("people:detail", args=[claire.pk]) in found


@pytest.mark.parametrize("role", sorted(EDIT_ROLES))
def test_every_role_that_may_edit_may_add_a_new_family_member(client_for, users, record, role):
    response = client_for(users[role]).post(
        reverse("people:relationship_add_new", args=[record["child"].pk]), _new_person_post()
    )
    assert response.status_code == 302
    assert Relationship.objects.filter(from_person__family_name="Ward", to_person=record["child"]).exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"given_name": ""}, "given_name", "Enter their first name"),
        ({"family_name": ""}, "family_name", "Enter their last name"),
        (
            {"approximate_age": ""},
            "date_of_birth",
            "Enter a date of birth, an expected date of birth or an approximate age",
        ),
        (
            {"date_of_birth_0": "1", "date_of_birth_1": "5", "date_of_birth_2": "1990"},
            "approximate_age",
            "Remove the approximate age",
        ),
        (
            {"date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "1990"},
            "date_of_birth",
            "Date of birth must be a real date",
        ),
        ({"approximate_age": "three"}, "approximate_age", "Approximate age must be a number"),
        ({"postcode": "NR99 ZZZZ"}, "postcode", "Enter a real postcode"),
        ({"sex": ""}, "sex", "Select their sex"),
        ({"kind": ""}, "kind", "Select how they are related"),
        ({"same_household": ""}, "same_household", "Select yes if they live in the same household"),
        ({"kind": "other", "description": ""}, "description", "Enter how they are related"),  # from the service
    ],
)
def test_new_person_errors_sit_next_to_the_field_and_keep_what_was_typed(
    client_for, users, record, changes, field, message
):
    people_before = Person.objects.count()
    data = _new_person_post(**changes)
    response = client_for(users["csw"]).post(reverse("people:relationship_add_new", args=[record["child"].pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and html.startswith("<!DOCTYPE html>")
    assert f'id="id_{field}-error"' in html and message in html
    assert f'href="#id_{field}' in html  # the summary links to the field
    for name in ("given_name", "family_name", "approximate_age", "postcode", "description"):
        if data[name]:
            assert f'value="{data[name]}"' in html, name
    if data["kind"]:
        assert f'value="{data["kind"]}" checked' in html
    assert Person.objects.count() == people_before
    assert not AuditEvent.objects.filter(action__in=["create", "change"]).exists()


def test_an_unborn_child_must_have_sex_not_known(client_for, users, record):
    soon = timezone.localdate() + dt.timedelta(days=60)
    response = client_for(users["csw"]).post(
        reverse("people:relationship_add_new", args=[record["child"].pk]),
        _new_person_post(
            given_name="Baby",
            family_name="Smith",
            approximate_age="",
            expected_date_of_birth_0=str(soon.day),
            expected_date_of_birth_1=str(soon.month),
            expected_date_of_birth_2=str(soon.year),
            kind="half_sibling",
            parental_responsibility="False",
        ),
    )
    html = response.content.decode()
    assert 'id="id_sex-error"' in html and "Select ‘Not known or unborn’ for an unborn child" in html
    assert f'value="{soon.year}"' in html
    assert not Person.objects.filter(given_name="Baby").exists()


# Involvements ----------------------------------------------------------------------------------


def _involvement_post(**changes) -> dict:
    data = {
        "kind": "cp_plan",
        "cp_category": "",
        "start_date_0": "5",
        "start_date_1": "1",
        "start_date_2": "2026",
        "worker": "",
        "worker_name": "",
        "team": "",
        "notes": "Typed notes",
    }
    data.update(changes)
    return data


def test_a_child_protection_plan_without_a_category_is_refused_next_to_the_field(client_for, users, record):
    response = client_for(users["csw"]).post(
        reverse("people:involvement_add", args=[record["child"].pk]), _involvement_post()
    )
    html = response.content.decode()
    assert 'id="id_cp_category-error"' in html and "Select the category of abuse" in html
    assert "Typed notes</textarea>" in html and 'value="2026"' in html
    assert not Involvement.objects.filter(kind="cp_plan").exists()


def test_an_involvement_is_added_and_shows_as_current(client_for, users, record):
    response = client_for(users["csw"]).post(
        reverse("people:involvement_add", args=[record["child"].pk]),
        _involvement_post(cp_category="NEG", worker=str(users["receiving"].pk)),
        follow=True,
    )
    html = response.content.decode()
    assert "Involvement recorded" in html and "Child protection plan (Neglect) since 5 January 2026" in html


def test_ending_before_the_start_is_refused(client_for, users, record):
    inv = record["inv"]
    response = client_for(users["csw"]).post(
        reverse("people:involvement_end", args=[record["child"].pk, inv.pk]),
        {"version": inv.version, "end_date_0": "31", "end_date_1": "8", "end_date_2": "2025"},
    )
    html = response.content.decode()
    assert 'id="id_end_date-error"' in html and "End date must be the same as or after the start date" in html
    assert 'value="31"' in html


def test_a_receiving_practitioner_opens_everyone_named_on_a_call_routed_to_their_team(client_for, users):
    """The mother's partner named as alleged perpetrator is on the contact the team reads, so his record opens,
    though the index relates him to the mother only (the journey test's finding, issue 11)."""
    from frontdoor.contacts.models import ContactPerson
    from frontdoor.referrals.tests.factories import person_make, referral_make

    referral = referral_make(worker=users["csw"], team=users["receiving"].team)
    type(referral).objects.filter(pk=referral.pk).update(state="with_team")  # authorised and routed to FAST
    partner = person_make(given_name="Darren", family_name="Cole")
    ContactPerson.objects.create(
        contact=referral.contact, person=partner, role="alleged_perpetrator", given_name="Darren", family_name="Cole"
    )
    stranger = person_make(given_name="Ann", family_name="Other")
    client = client_for(users["receiving"])
    assert client.get(reverse("people:detail", args=[partner.pk])).status_code == 200
    assert client.get(reverse("people:detail", args=[stranger.pk])).status_code == 404
