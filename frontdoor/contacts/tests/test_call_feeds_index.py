"""The call feeds the person index (issue 11, part 3): confirmed new people get records, the relationships
said on the call join the index without duplicates, and the seeds' consent rule holds for children."""

import datetime as dt

import pytest
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import domain, selectors, services
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.people.models import Person, Relationship
from frontdoor.people.selectors import family_get, person_search
from frontdoor.people.services import relationship_add

from . import factories

pytestmark = pytest.mark.django_db


# The consent rule (pure) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "consent, immediacy, outcome, section_47, allowed",
    [
        ("obtained", "not_urgent", "advice", False, True),  # consent obtained
        ("refused", "immediate", "advice", False, True),  # no consent, but immediate
        ("not_sought", "urgent", "signpost", False, True),  # no consent, but urgent
        ("refused", "not_urgent", "mash", False, True),  # no consent, MASH outcome
        ("refused", "not_urgent", "police", False, True),  # no consent, police notified
        ("refused", "not_urgent", "referral", True, True),  # no consent, Section 47 indicators
        ("refused", "not_urgent", "advice", False, False),  # refusal alone is no reason to escalate
        ("not_sought", "not_urgent", "referral", False, False),
        ("", "", "", False, False),
    ],
)
def test_a_child_record_needs_consent_or_safeguarding_concerns(consent, immediacy, outcome, section_47, allowed):
    """Seed 002 section 1 and DOMAIN section 5: consent obtained, or else safeguarding concerns."""
    ok, why = domain.child_record_allowed(consent=consent, immediacy=immediacy, outcome=outcome, section_47=section_47)
    assert ok is allowed
    assert why  # the worker is always told why


@pytest.mark.parametrize(
    "role, words, lives, pr, expected",
    [
        ("parent_carer", "Mother", True, True, [("parent", "child", True, True, "", False)]),
        ("parent_carer", "stepfather", False, False, [("step_parent", "child", False, False, "", False)]),
        ("parent_carer", "Grandmother", True, True, [("grandparent", "child", True, True, "", False)]),
        ("parent_carer", "Foster carer", True, False, [("carer", "child", False, True, "", False)]),
        ("sibling", "Older brother", False, False, [("sibling", "child", False, False, "", False)]),
        ("household", "half-sister", True, False, [("half_sibling", "child", False, True, "", False)]),
        (
            "alleged_perpetrator",
            "Mum's partner",
            True,
            False,
            [("partner", "parents", False, True, "", False), ("other", "child", False, True, "Mum's partner", True)],
        ),
        ("important", "Mother's boyfriend", False, False, [("partner", "parents", False, False, "", False)]),
        ("household", "Lodger", True, False, [("other", "child", False, True, "Lodger", False)]),
        ("important", "Aunt", False, False, []),  # said, but nothing the index records
    ],
)
def test_relationships_said_on_the_call(role, words, lives, pr, expected):
    said = domain.said_relationships(role=role, relationship=words, lives_with_child=lives, parental_responsibility=pr)
    got = [
        (r.kind, r.to, r.parental_responsibility, r.same_household, r.description, r.only_if_no_parent) for r in said
    ]
    assert got == expected


# Recording ------------------------------------------------------------------------------------------


def family_call(users, **fields) -> tuple[Contact, dict]:
    """A call about a linked child (misspelt) and a new sibling, with the mother (linked), her partner (new,
    alleged perpetrator, lives in the household) and the children's brother (new)."""
    fields.setdefault("consent", Contact.Consent.REFUSED)
    fields.setdefault("immediacy", Contact.Immediacy.URGENT)
    contact = factories.complete_draft(worker=users["csw"], children=0, **fields)
    geraldine = factories.person(
        given_name="Geraldine", family_name="Hughes", date_of_birth=dt.date(2019, 4, 2), address="1 Elm Road"
    )
    mother = factories.person(given_name="Sandra", family_name="Hughes", date_of_birth=dt.date(1990, 1, 5))

    def add(role, given, family, **more):
        return ContactPerson.objects.create(
            contact=contact,
            role=role,
            given_name=given,
            family_name=family,
            match_decision="linked" if more.get("person") else "new",
            position=contact.people.count(),
            **more,
        )

    people = {
        "geraldine": add("child", "Geraldene", "Hughs", approximate_age=6, person=geraldine),
        "toby": add("child", "Toby", "Hughes", date_of_birth=dt.date(2021, 2, 3)),
        "mother": add(
            "parent_carer",
            "Sandra",
            "Hughes",
            relationship="Mother",
            lives_with_child=True,
            parental_responsibility=True,
            person=mother,
        ),
        "partner": add(
            "alleged_perpetrator",
            "Darren",
            "Cole",
            approximate_age=35,
            relationship="Mum's partner",
            lives_with_child=True,
        ),
        "brother": add("sibling", "Kyle", "Hughes", approximate_age=15, relationship="Older brother"),
    }
    return contact, people


def record(users, contact, **kwargs):
    return services.contact_record(
        actor=users["csw"], contact=contact, version=contact.version, named_problem="x", **kwargs
    )


def test_new_people_join_the_index_with_the_relationships_said_on_the_call(users):
    """Each confirmed new person gets a record the search finds; the relationships join the genogram."""
    contact, people = family_call(users)
    record(users, contact)
    toby, partner, brother = (ContactPerson.objects.get(pk=people[n].pk).person for n in ("toby", "partner", "brother"))
    mother, geraldine = people["mother"].person, people["geraldine"].person
    assert toby and partner and brother
    # The alleged perpetrator: a person record the search finds, and the role on the contact.
    found = person_search(user=users["csw"], text="Darren Cole")
    assert found and found[0].person == partner
    assert ContactPerson.objects.get(pk=people["partner"].pk).role == ContactPerson.Role.ALLEGED_PERPETRATOR
    # Relationships: mother parent of both children (with PR, household), partner of the mother, brother.
    rels = {
        (r.from_person_id, r.kind, r.to_person_id, r.parental_responsibility, r.same_household)
        for r in Relationship.objects.filter(archived=False)
    }
    assert (mother.pk, "parent", geraldine.pk, True, True) in rels
    assert (mother.pk, "parent", toby.pk, True, True) in rels
    assert (partner.pk, "partner", mother.pk, False, True) in rels
    assert not any(r[0] == partner.pk and r[2] == toby.pk for r in rels)  # related through the mother
    assert (brother.pk, "sibling", geraldine.pk, False, False) in rels
    # The family's genogram, seen from the linked child, has the partner and the new child.
    family = family_get(user=users["csw"], person=geraldine)
    assert {partner.pk, toby.pk, brother.pk} <= {p.pk for p in family.people}
    # Every create is audited.
    created = AuditEvent.objects.filter(action="create", object_type="people.person").values_list(
        "object_id", flat=True
    )
    assert {str(toby.pk), str(partner.pk), str(brother.pk)} <= set(created)


def test_relationships_already_in_the_index_are_not_duplicated(users):
    """A pair already related on the record (any kind) gets no second relationship; recording twice adds none."""
    contact, people = family_call(users)
    mother, geraldine = people["mother"].person, people["geraldine"].person
    relationship_add(actor=users["csw"], from_person=geraldine, kind="other", to_person=mother, description="Daughter")
    record(users, contact)
    pair = Relationship.objects.filter(from_person__in=[mother, geraldine], to_person__in=[mother, geraldine])
    assert pair.count() == 1
    # A second call about the same family adds nothing already there.
    before = Relationship.objects.count()
    again = factories.complete_draft(worker=users["csw"], children=0)
    ContactPerson.objects.create(
        contact=again, role="child", given_name="G", family_name="H", person=geraldine, match_decision="linked"
    )
    ContactPerson.objects.create(
        contact=again,
        role="parent_carer",
        given_name="S",
        family_name="H",
        relationship="Mother",
        person=mother,
        match_decision="linked",
    )
    record(users, again)
    assert Relationship.objects.count() == before


def test_the_worker_confirms_who_joins_the_index(users):
    """Only the ticked people get a record; the unticked one stays on the contact only."""
    contact, people = family_call(users)
    record(users, contact, add_to_index=[str(people["toby"].pk), str(people["partner"].pk)])
    assert ContactPerson.objects.get(pk=people["toby"].pk).person_id
    assert ContactPerson.objects.get(pk=people["partner"].pk).person_id
    assert ContactPerson.objects.get(pk=people["brother"].pk).person_id is None


def test_without_consent_or_safeguarding_concerns_a_new_child_stays_on_the_contact(users):
    """Consent refused, not urgent, advice: the new child gets no record (adults still may)."""
    contact, people = family_call(users, immediacy=Contact.Immediacy.NOT_URGENT, agreed_outcome="advice")
    plan = {c.contact_person.pk: c for c in services.index_plan(contact)}
    assert not plan[people["toby"].pk].allowed and "consent" in plan[people["toby"].pk].reason
    record(users, contact, add_to_index=[str(people["toby"].pk)])  # ticked by a forged post: still refused
    assert ContactPerson.objects.get(pk=people["toby"].pk).person_id is None
    assert not Person.objects.filter(given_name="Toby").exists()


def test_the_check_page_lists_who_joins_the_index_and_says_why_not(users, client_for):
    contact, people = family_call(users, immediacy=Contact.Immediacy.NOT_URGENT, agreed_outcome="advice")
    page = client_for(users["csw"]).get(reverse("contacts:check", kwargs={"pk": contact.pk})).content.decode()
    assert "These people will be added to the person index" in page
    assert f'value="{people["partner"].pk}" checked' in page and f'value="{people["brother"].pk}" checked' in page
    assert f'value="{people["toby"].pk}"' not in page  # the consent rule: no tick to give
    assert "Toby Hughes: No record is made for this child: consent was not obtained" in page
    # Unticking one on the page leaves them on the contact only.
    response = client_for(users["csw"]).post(
        reverse("contacts:check", kwargs={"pk": contact.pk}),
        {"version": contact.version, "named_problem": "Bruises", "add_to_index": [str(people["partner"].pk)]},
    )
    assert response.status_code == 302
    assert ContactPerson.objects.get(pk=people["partner"].pk).person_id
    assert ContactPerson.objects.get(pk=people["brother"].pk).person_id is None


def test_the_next_records_check_finds_this_contact(users):
    """A later call about the partner: the records check shows this contact and the role he had on it."""
    contact, people = family_call(users)
    record(users, contact)
    partner = ContactPerson.objects.get(pk=people["partner"].pk).person
    later = factories.complete_draft(worker=users["csw2"], children=0)
    ContactPerson.objects.create(
        contact=later,
        role="household",
        given_name="Darren",
        family_name="Cole",
        relationship="Lodger",
        person=partner,
        match_decision="linked",
    )
    rows = selectors.records_check_for(user=users["csw2"], contact=later)
    assert [link.contact for link in rows[0].previous_contacts] == [contact]
    assert rows[0].previous_contacts[0].role == "alleged_perpetrator"
