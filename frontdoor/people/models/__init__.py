"""The person index: children, parents, carers and others, their relationships and involvements.

One Django app (label `people`); the models live by topic in this package and are all re-exported here,
so `frontdoor.people.models.Person` and every foreign key and migration stay as they were.
"""

from .bulk import PersonImport
from .duplicates import DuplicateScan, PersonMerge, PossibleDuplicate
from .family import Involvement, Relationship
from .record import ADDRESS_FIELDS, DETAIL_FIELDS, PERSON_FIELDS, AddressHistory, Alias, Disability, Person
from .restriction import BreakGlass, Restriction
from .search import PersonSearchKey

__all__ = [
    "ADDRESS_FIELDS",
    "DETAIL_FIELDS",
    "PERSON_FIELDS",
    "AddressHistory",
    "Alias",
    "BreakGlass",
    "Disability",
    "DuplicateScan",
    "Involvement",
    "Person",
    "PersonImport",
    "PersonMerge",
    "PersonSearchKey",
    "PossibleDuplicate",
    "Relationship",
    "Restriction",
]
