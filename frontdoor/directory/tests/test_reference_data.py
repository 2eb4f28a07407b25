"""Reference data loads from a replaceable file, updates in place and archives what a new file drops."""

import json

import pytest
from django.core.management import CommandError, call_command

from frontdoor.directory.models import Agency, District, Locality, Team
from frontdoor.directory.selectors import district_for_postcode


def test_norfolk_reference_data(reference_data):
    assert Locality.objects.count() == 6
    assert District.objects.count() == 7
    assert Team.objects.filter(kind="fast").count() == 6
    assert Team.objects.filter(kind="family_support").count() == 6
    hub = Team.objects.get(code="family-hub-great-yarmouth")
    assert hub.phone == "01493 448318" and "9am to 5pm" in hub.hours
    assert Team.objects.get(code="edt").phone == "0344 800 8020"
    assert Agency.objects.filter(is_mash_partner=True).count() == 7


@pytest.mark.parametrize(
    "postcode, district",
    [
        ("NR30 1AB", "great-yarmouth"),
        ("nr301ab", "great-yarmouth"),
        ("PE30 2XY", "kings-lynn"),
        ("NR2 4AA", "norwich"),
        ("ZZ1 1ZZ", None),
        ("", None),
    ],
)
def test_district_for_postcode(reference_data, postcode, district):
    found = district_for_postcode(postcode)
    assert (found.code if found else None) == district


def test_another_authority_replaces_the_file(reference_data, tmp_path):
    data = {
        "authority": {"code": "suffolk", "name": "Suffolk County Council"},
        "localities": [{"code": "ipswich", "name": "Ipswich"}],
        "districts": [{"code": "ipswich", "name": "Ipswich", "locality": "ipswich", "postcode_prefixes": "IP1 IP2"}],
        "teams": [{"code": "cads", "name": "Suffolk front door", "kind": "cads"}],
        "agencies": [
            {"code": "suffolk-police", "name": "Suffolk Constabulary", "kind": "police", "is_mash_partner": True}
        ],
        "services": [],
    }
    path = tmp_path / "suffolk.json"
    path.write_text(json.dumps(data))
    call_command("load_reference", str(path))
    assert Team.objects.get(code="cads").name == "Suffolk front door"
    assert not Team.objects.get(code="fast-norwich").active  # archived, not deleted
    assert list(Locality.objects.filter(active=True).values_list("code", flat=True)) == ["ipswich"]
    call_command("load_reference", str(path))  # re-running changes nothing
    assert Locality.objects.filter(code="ipswich").count() == 1


def test_unreadable_file_is_a_clear_error(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read reference data file"):
        call_command("load_reference", str(path))
