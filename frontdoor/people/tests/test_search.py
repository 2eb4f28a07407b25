"""person_search against the database: the indexed look-up finds the person despite the usual slips."""

import datetime as dt
import io

import pytest

from frontdoor.people.selectors import person_search

from .factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(users):
    people = {
        "jessica": make_person("Jessica", "Smith-Jones", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB"),
        "william": make_person("William", "O'Brien", date_of_birth=dt.date(2010, 1, 2), sex="M"),
        "zoe": make_person("Zoë", "Taylor", date_of_birth=dt.date(2012, 11, 30)),
        "alfred": make_person("Alfred", "Brown", date_of_birth=dt.date(2019, 6, 7), sex="M"),
    }
    for i in range(30):  # others with the same family names and dates to compete
        make_person(f"Other{chr(97 + i % 26)}", "Smith", date_of_birth=dt.date(2015, 3, 4))
        make_person("Jessica", f"Smithson{chr(97 + i % 26)}", date_of_birth=dt.date(2001, 1, 1))
    return people


@pytest.mark.parametrize(
    "who, text, dob, postcode",
    [
        ("jessica", "Jesica Smith-Jones", dt.date(2015, 3, 4), None),
        ("jessica", "Jess Smith Jones", None, None),
        ("jessica", "Jessica Jones", dt.date(2015, 4, 3), None),
        ("jessica", "Smith-Jones Jessica", None, "nr12ab"),
        ("jessica", "Jesica Smyth-Jones 10", None, None),
        ("jessica", "Jess Snith-Jones", None, "NR1 2AB"),
        ("william", "Bill OBrien", None, None),
        ("william", "Billy O'Brian", dt.date(2011, 1, 2), None),
        ("william", "obrien, william", None, None),
        ("zoe", "Zoe Taylor", dt.date(2012, 11, 30), None),
        ("alfred", "Alfie Brown", None, None),
        ("alfred", "Alfie Browne", dt.date(2019, 7, 6), None),
    ],
)
def test_finds_the_person_first(index, users, who, text, dob, postcode):
    results = person_search(user=users["csw"], text=text, date_of_birth=dob, postcode=postcode)
    assert results and results[0].person == index[who], [(r.person, r.score, r.reasons) for r in results[:3]]
    assert results[0].reasons and results[0].strength in ("Strong", "Possible")


def test_date_of_birth_alone_finds_people_born_that_day(index, users):
    results = person_search(user=users["csw"], text="", date_of_birth=dt.date(2015, 3, 4), limit=50)
    assert index["jessica"] in [r.person for r in results]


def test_archived_people_are_not_found(index, users):
    index["alfred"].archived = True
    index["alfred"].save()
    assert not [r for r in person_search(user=users["csw"], text="Alfred Brown") if r.person == index["alfred"]]


@pytest.mark.parametrize("role", ["mash_partner", "analyst"])
def test_roles_without_access_find_nobody(index, users, role):
    assert person_search(user=users[role], text="Jessica Smith-Jones") == []


def test_search_uses_a_bounded_number_of_queries(index, users, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        person_search(user=users["csw"], text="Jess Smyth", date_of_birth=dt.date(2015, 3, 4), postcode="NR1 2AB")


def test_someone_with_more_other_names_than_fit_on_their_card_is_found_by_any(index, users):
    from frontdoor.people.models import Alias
    from frontdoor.people.search.index import person_index_update

    person = make_person("Katherine", "Long", date_of_birth=dt.date(2011, 5, 6))
    for i in range(40):
        Alias.objects.create(person=person, given_name=f"Katherine{chr(97 + i % 26) * 30}", family_name=f"Long{i}" * 8)
    Alias.objects.create(person=person, given_name="Kitty", family_name="Featherstonehaugh")
    person_index_update(person)
    assert person.search_card.endswith("\x1c")
    results = person_search(user=users["csw"], text="Kitty Featherstonehaugh", date_of_birth=dt.date(2011, 5, 6))
    assert results[0].person == person
    assert any("previous name or alias" in reason for reason in results[0].reasons)


def test_rebuilding_the_index_puts_right_a_record_changed_behind_the_apps_back(index, users):
    from django.core.management import call_command

    from frontdoor.people.models import Person

    Person.objects.filter(pk=index["zoe"].pk).update(date_of_birth=dt.date(2012, 12, 1))  # not through a service
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert f"for {Person.objects.count()} people" in out.getvalue()
    results = person_search(user=users["csw"], text="Zoe Taylor", date_of_birth=dt.date(2012, 12, 1))
    assert results[0].person == index["zoe"] and "Same date of birth" in results[0].reasons


@pytest.fixture
def other_scripts(users):
    """Synthetic names written in other scripts, among Latin-script people with similar sounds."""
    people = {
        "chinese": make_person("小龙", "李", date_of_birth=dt.date(2014, 5, 6)),
        "greek": make_person("Ελένη", "Παπαδοπούλου", date_of_birth=dt.date(2013, 2, 3)),
        "russian": make_person("Мария", "Иванова", date_of_birth=dt.date(2016, 7, 8)),
        "arabic": make_person("محمد", "علي", date_of_birth=dt.date(2012, 9, 10), sex="M"),
    }
    make_person("Maria", "Ivanov", date_of_birth=dt.date(2001, 1, 1))
    make_person("Helen", "Papadopoulos", date_of_birth=dt.date(2001, 1, 1))
    return people


@pytest.mark.parametrize(
    "who, text",
    [
        ("chinese", "李小龙"),
        ("chinese", "李 小龙"),
        ("chinese", "小龙 李"),
        ("chinese", "Li Xiaolong"),
        ("chinese", "Xiaolong Li"),
        ("greek", "Ελένη Παπαδοπούλου"),
        ("greek", "Eleni Papadopoyloy"),
        ("russian", "Мария Иванова"),
        ("russian", "Mariya Ivanova"),
        ("arabic", "محمد علي"),
        ("arabic", "mhmd ly"),
    ],
)
def test_names_in_other_scripts_are_found_by_the_original_or_the_transliteration(other_scripts, users, who, text):
    results = person_search(user=users["csw"], text=text)
    assert results and results[0].person == other_scripts[who], [(r.person, r.score, r.reasons) for r in results[:3]]


def test_a_name_in_another_script_shows_its_transliteration_and_a_latin_name_none(other_scripts):
    assert other_scripts["chinese"].full_name_romanised == "XiaoLong Li"
    assert other_scripts["greek"].full_name_romanised == "Eleni Papadopoyloy"
    assert make_person("Zoë", "Taylor").full_name_romanised == ""


def test_the_migration_gives_existing_people_in_other_scripts_their_keys(other_scripts):
    from importlib import import_module

    from django.apps import apps

    from frontdoor.people.models import Person, PersonSearchKey

    person = other_scripts["russian"]
    PersonSearchKey.objects.filter(person=person).delete()
    Person.objects.filter(pk=person.pk).update(search_given="", search_family="")  # as before the change
    migration = import_module("frontdoor.people.migrations.0010_search_keys_other_scripts")
    migration.rekey_other_scripts(apps, None)
    person.refresh_from_db()
    assert (person.search_given, person.search_family) == ("mariya", "ivanova")
    assert PersonSearchKey.objects.filter(person=person).exists()
