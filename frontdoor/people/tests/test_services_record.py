"""Keeping the record right: details, addresses, other names and disabilities, each audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.locking import StaleEdit
from frontdoor.people.models import AddressHistory, Alias, Disability, PersonSearchKey
from frontdoor.people.record import services
from frontdoor.people.search.matching.card import read_card
from frontdoor.people.selectors import person_search
from frontdoor.people.validators import upn_check_letter

from .factories import make_person

pytestmark = pytest.mark.django_db

VALID_NHS = "9434765919"
VALID_UPN = upn_check_letter("801200001001") + "801200001001"


@pytest.fixture
def child(users):
    return make_person("Jessica", "Smith", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB", address="1 Elm Road")


def _update(actor, person, **values):
    return services.person_details_update(actor=actor, person=person, version=person.version, **values)


def _correct(actor, person, **values):
    """Correct the current address from a freshly read record (as the page does)."""
    person.refresh_from_db()
    return services.person_address_correct(actor=actor, person=person, version=person.version, **values)


def _events(person, action="change"):
    return AuditEvent.objects.filter(object_id=str(person.pk), action=action)


# Details ---------------------------------------------------------------------------------------


def test_details_change_is_saved_and_audited_field_by_field(users, child):
    """The audit event names each changed field with its old and new value."""
    person = _update(
        users["csw"], child, first_language="Polish", nhs_number="943 476 5919", upn=VALID_UPN.lower(), ethnicity="WOTH"
    )
    person.refresh_from_db()
    assert (person.first_language, person.nhs_number, person.upn) == ("Polish", VALID_NHS, VALID_UPN)
    assert person.modified_by == users["csw"]
    event = _events(child).get()
    assert event.changes["first_language"] == ["", "Polish"]
    assert event.changes["nhs_number"] == ["", VALID_NHS]
    assert set(event.changes) == {"first_language", "nhs_number", "upn", "ethnicity"}
    assert event.actor == users["csw"]


def test_nothing_changed_writes_nothing(users, child):
    _update(users["csw"], child, given_name="Jessica")
    assert not _events(child).exists()


def test_a_new_name_rebuilds_the_search_keys(users, child):
    """Found by the new name straight away (the keys are rebuilt in the same transaction)."""
    assert not person_search(user=users["csw"], text="Jasmine Okafor")
    _update(users["csw"], child, given_name="Jasmine", family_name="Okafor")
    child.refresh_from_db()
    assert child.search_family == "okafor"
    results = person_search(user=users["csw"], text="Jasmine Okafor")
    assert results and results[0].person == child


def _cards(person):
    """The person's card and the cards on their keys, read back: they must always agree."""
    person.refresh_from_db()
    cards = set(PersonSearchKey.objects.filter(person=person).values_list("card", flat=True))
    assert cards == {person.search_card}
    return read_card(person.search_card)


def test_the_search_card_follows_every_scored_change(users, child):
    """Scores are worked out from the card, so a change to anything scored updates it at once."""
    _update(users["csw"], child, date_of_birth=dt.date(2015, 4, 3), sex="F", middle_names="Ann")
    card = _cards(child)
    assert (card.date_of_birth, card.sex, card.middle_names) == (dt.date(2015, 4, 3), "F", "Ann")
    services.person_address_move(
        actor=users["csw"], person=child, address="2 Oak Lane", postcode="NR2 3DH", moved_in=dt.date(2026, 1, 5)
    )
    assert _cards(child).postcode == "NR2 3DH"
    _correct(users["csw"], child, address="2 Oak Lane", postcode="NR2 3DJ", moved_in=dt.date(2026, 1, 5))
    assert _cards(child).postcode == "NR2 3DJ"
    alias = services.alias_add(actor=users["csw"], person=child, kind="previous", given_name="Jess", family_name="Ward")
    assert _cards(child).aliases == (("Jess", "Ward"),)
    services.alias_archive(actor=users["csw"], person=child, alias=alias, version=alias.version)
    assert _cards(child).aliases == ()
    results = person_search(user=users["csw"], text="Jessica Smith", date_of_birth=dt.date(2015, 4, 3))
    assert results[0].person == child and "Same date of birth" in results[0].reasons


@pytest.mark.parametrize(
    "values, field",
    [
        ({"nhs_number": "9434765918"}, "nhs_number"),
        ({"nhs_number": "12345"}, "nhs_number"),
        ({"upn": "A801200001001" if not VALID_UPN.startswith("A") else "B801200001001"}, "upn"),
        ({"date_of_birth": timezone.localdate() + dt.timedelta(days=1)}, "date_of_birth"),
        ({"date_of_birth": dt.date(1899, 12, 31)}, "date_of_birth"),
        ({"date_of_birth": None}, "date_of_birth"),  # nothing left to say how old they are
        ({"approximate_age": 9}, "approximate_age"),  # as well as a date of birth
        ({"ethnicity": "XXXX"}, "ethnicity"),
    ],
)
def test_invalid_details_are_refused_and_nothing_saved(users, child, values, field):
    with pytest.raises(ValidationError) as exc:
        _update(users["csw"], child, **values)
    assert field in exc.value.message_dict
    child.refresh_from_db()
    assert child.nhs_number == "" and child.date_of_birth == dt.date(2015, 3, 4)
    assert not _events(child).exists()


def test_a_stale_version_is_refused_and_nothing_saved(users, child):
    """Two tabs: the second save, made from the page opened before the first save, is refused."""
    opened = child.version
    _update(users["csw"], child, religion="None")
    with pytest.raises(StaleEdit) as exc:
        services.person_details_update(actor=users["manager"], person=child, version=opened, religion="Christian")
    child.refresh_from_db()
    assert child.religion == "None"
    assert exc.value.current_version == child.version


def test_customer_service_advisor_cannot_change_details(users, child):
    with pytest.raises(PermissionDenied):
        _update(users["csa"], child, religion="None")


def test_unknown_fields_are_a_programming_error(users, child):
    with pytest.raises(TypeError):
        _update(users["csw"], child, person_id="X1")


# Addresses -------------------------------------------------------------------------------------


def test_moving_keeps_the_old_address_in_the_history(users, child):
    """The imported address goes into the history, moved out the day the new one was moved in to."""
    row = services.person_address_move(
        actor=users["csw"],
        person=child,
        address="2 Oak Lane, Norwich",
        postcode="nr2 3dh",
        moved_in=dt.date(2026, 1, 5),
    )
    child.refresh_from_db()
    assert (child.address, child.postcode) == ("2 Oak Lane, Norwich", "NR2 3DH")
    assert row.moved_out is None and row.moved_in == dt.date(2026, 1, 5)
    old = AddressHistory.objects.get(person=child, moved_out__isnull=False)
    assert (old.address, old.postcode, old.moved_out) == ("1 Elm Road", "NR1 2AB", dt.date(2026, 1, 5))
    assert _events(child).get().changes["postcode"] == ["NR1 2AB", "NR2 3DH"]

    services.person_address_move(
        actor=users["csw"], person=child, address="3 Ash Close", postcode="NR3 1AA", moved_in=dt.date(2026, 2, 1)
    )
    closed = AddressHistory.objects.get(pk=row.pk)
    assert closed.moved_out == dt.date(2026, 2, 1)
    assert AddressHistory.objects.filter(person=child, moved_out__isnull=True).count() == 1


@pytest.mark.parametrize(
    "postcode, moved_in, field",
    [
        ("XX1 1XX", dt.date(2026, 1, 5), "postcode"),
        ("NR2 3DH", timezone.localdate() + dt.timedelta(days=3), "moved_in"),
        ("NR2 3DH", dt.date(1890, 1, 1), "moved_in"),
    ],
)
def test_a_bad_postcode_or_date_is_refused(users, child, postcode, moved_in, field):
    with pytest.raises(ValidationError) as exc:
        services.person_address_move(
            actor=users["csw"], person=child, address="2 Oak Lane", postcode=postcode, moved_in=moved_in
        )
    assert field in exc.value.message_dict
    child.refresh_from_db()
    assert child.address == "1 Elm Road" and not AddressHistory.objects.exists()


def test_a_move_cannot_be_before_moving_in_to_the_current_address(users, child):
    services.person_address_move(
        actor=users["csw"], person=child, address="2 Oak Lane", postcode="NR2 3DH", moved_in=dt.date(2025, 6, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.person_address_move(
            actor=users["csw"], person=child, address="3 Ash Close", postcode="", moved_in=dt.date(2025, 5, 1)
        )
    assert "1 June 2025" in exc.value.message_dict["moved_in"][0]


def test_correcting_the_current_address_keeps_person_and_history_in_step(users, child):
    services.person_address_move(
        actor=users["csw"], person=child, address="2 Oak Lnae", postcode="NR2 3DH", moved_in=dt.date(2025, 6, 1)
    )
    _correct(users["csw"], child, address="2 Oak Lane", postcode="NR2 3DH", moved_in=dt.date(2025, 6, 2))
    child.refresh_from_db()
    current = AddressHistory.objects.get(person=child, moved_out__isnull=True)
    assert child.address == current.address == "2 Oak Lane"
    assert current.moved_in == dt.date(2025, 6, 2)


def test_an_earlier_address_is_corrected_or_archived_never_deleted(users, child):
    services.person_address_move(
        actor=users["csw"], person=child, address="2 Oak Lane", postcode="NR2 3DH", moved_in=dt.date(2025, 6, 1)
    )
    old = AddressHistory.objects.get(person=child, moved_out__isnull=False)
    with pytest.raises(ValidationError) as exc:
        services.address_history_correct(
            actor=users["csw"],
            person=child,
            row=old,
            version=old.version,
            address="1 Elm Road",
            postcode="NR1 2AB",
            moved_in=dt.date(2025, 7, 1),
            moved_out=dt.date(2025, 6, 1),
        )
    assert "moved_out" in exc.value.message_dict
    services.address_history_correct(
        actor=users["csw"],
        person=child,
        row=old,
        version=old.version,
        address="1 Elm Road",
        postcode="NR1 2AB",
        moved_in=dt.date(2019, 1, 1),
        moved_out=dt.date(2025, 6, 1),
    )
    old.refresh_from_db()
    assert old.moved_in == dt.date(2019, 1, 1)
    services.address_history_archive(actor=users["csw"], person=child, row=old, version=old.version)
    old.refresh_from_db()
    assert old.archived
    assert _events(child, "archive").exists()


def test_the_current_address_row_is_not_archived(users, child):
    row = services.person_address_move(
        actor=users["csw"], person=child, address="2 Oak Lane", postcode="NR2 3DH", moved_in=dt.date(2025, 6, 1)
    )
    with pytest.raises(ValidationError):
        services.address_history_archive(actor=users["csw"], person=child, row=row, version=row.version)


# Other names -----------------------------------------------------------------------------------


def test_an_alias_makes_the_person_findable_by_it_and_archiving_it_stops_that(users, child):
    assert not person_search(user=users["csw"], text="Jessica Kowalczyk")
    alias = services.alias_add(
        actor=users["csw"], person=child, kind=Alias.Kind.PREVIOUS, given_name="", family_name="Kowalczyk"
    )
    results = person_search(user=users["csw"], text="Jessica Kowalczyk")
    assert results and results[0].person == child
    assert _events(child).get().changes["alias"] == [None, "Kowalczyk (previous name)"]

    services.alias_archive(actor=users["csw"], person=child, alias=alias, version=alias.version)
    alias.refresh_from_db()
    assert alias.archived
    assert not any(r.person == child and r.score > 60 for r in person_search(user=users["csw"], text="Kowalczyk"))
    assert PersonSearchKey.objects.filter(person=child).exists()


@pytest.mark.parametrize(
    "given, family, message",
    [("", "", "Enter a first name or last name"), ("Jessica", "Smith", "current name"), ("jess", "SMITH", "already")],
)
def test_an_alias_needs_a_new_name(users, child, given, family, message):
    Alias.objects.create(person=child, given_name="Jess", family_name="Smith")
    with pytest.raises(ValidationError) as exc:
        services.alias_add(actor=users["csw"], person=child, kind="alias", given_name=given, family_name=family)
    assert message in exc.value.message_dict["given_name"][0]


# Disabilities ----------------------------------------------------------------------------------


def test_a_disability_once_only_and_back_after_archiving(users, child):
    d = services.disability_add(actor=users["csw"], person=child, code="AUT", notes="Needs routine")
    with pytest.raises(ValidationError) as exc:
        services.disability_add(actor=users["csw"], person=child, code="AUT")
    assert "already recorded" in exc.value.message_dict["code"][0]

    services.disability_archive(actor=users["csw"], person=child, disability=d, version=d.version)
    again = services.disability_add(actor=users["csw"], person=child, code="AUT", notes="Diagnosed 2024")
    assert again.pk == d.pk and not again.archived and again.notes == "Diagnosed 2024"
    assert Disability.objects.filter(person=child).count() == 1
    assert _events(child, "archive").count() == 1 and _events(child).count() == 2


def test_no_disability_is_not_recorded_beside_a_disability(users, child):
    services.disability_add(actor=users["csw"], person=child, code="MOB")
    with pytest.raises(ValidationError) as exc:
        services.disability_add(actor=users["csw"], person=child, code="NONE")
    assert "code" in exc.value.message_dict


def test_an_unknown_disability_code_is_refused(users, child):
    with pytest.raises(ValidationError):
        services.disability_add(actor=users["csw"], person=child, code="ZZZ")
