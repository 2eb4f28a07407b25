"""Names written in other scripts get search names and keys from their transliteration (anyascii).

Before, `fold` kept only the Latin letters a-z, so "李小龙" had no search keys at all. Only people with a
letter outside the Latin alphabet in a name the keys are made from (given, preferred and family names and
their other names) change; the search card (the original names) does not.
"""

from django.db import migrations

from frontdoor.people.search.index import keys_for, search_names


def _other_script(*names: str) -> bool:
    import unicodedata

    for name in names:
        for c in unicodedata.normalize("NFKD", name or ""):
            if not c.isascii() and c.isalpha():
                return True
    return False


def rekey_other_scripts(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Alias = apps.get_model("people", "Alias")
    PersonSearchKey = apps.get_model("people", "PersonSearchKey")
    aliases: dict = {}
    for person_id, given, family in Alias.objects.filter(archived=False).values_list(
        "person_id", "given_name", "family_name"
    ):
        aliases.setdefault(person_id, []).append((given, family))
    rows = Person.objects.values_list("pk", "given_name", "family_name", "preferred_name", "archived", "search_card")
    # The rows to change are found first, and changed after the read has finished (SQLite reads in chunks).
    found = [
        row
        for row in rows.iterator(chunk_size=5000)
        if _other_script(*row[1:4], *(n for pair in aliases.get(row[0], []) for n in pair))
    ]
    for pk, given, family, preferred, archived, card in found:
        others = aliases.get(pk, [])
        search_given, search_family = search_names(given, family)
        Person.objects.filter(pk=pk).update(search_given=search_given, search_family=search_family)
        PersonSearchKey.objects.filter(person_id=pk).delete()
        if not archived:
            PersonSearchKey.objects.bulk_create(
                [PersonSearchKey(person_id=pk, key=k, card=card) for k in sorted(keys_for(given, family, preferred, others))]
            )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0009_version_lock"),
    ]

    operations = [migrations.RunPython(rekey_other_scripts, migrations.RunPython.noop)]
