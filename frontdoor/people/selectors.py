"""The people app's public reads: other apps import these (or services, models, permissions) only.

Each lives in the sub-package that owns it (record, family, search, duplicates).
"""

from __future__ import annotations

from .family.concerns import repeat_concern_for_person, repeat_concerns_for_people
from .family.selectors import (
    current_involvements,
    family_chronology,
    family_get,
    involvements_for_people,
    past_involvements,
    relationship_from_view_of,
    relatives_on_record,
)
from .models import Involvement
from .record.selectors import person_contacts, person_detail_context, person_get
from .search.selectors import PersonFlags, PersonMatch, person_search

__all__ = [
    "Involvement",
    "PersonFlags",
    "PersonMatch",
    "current_involvements",
    "family_chronology",
    "family_get",
    "involvements_for_people",
    "past_involvements",
    "person_contacts",
    "person_detail_context",
    "person_get",
    "person_search",
    "relationship_from_view_of",
    "relatives_on_record",
    "repeat_concern_for_person",
    "repeat_concerns_for_people",
]
