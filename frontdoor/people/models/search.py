"""The search keys of the person index (kept by people.search.index)."""

from django.db import models

from .record import Person


class PersonSearchKey(models.Model):
    """Indexed sound-alike keys for a person (see people.search.matching.keys), each carrying the person's
    search card, so that a look-up by key reads everything it scores from the index alone.
    Rebuilt whenever anything the search scores changes; an archived (merged) person has none."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    key = models.CharField(max_length=40)
    card = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["key", "person", "card"], name="person_search_key_card")]

    def __str__(self) -> str:
        return self.key
