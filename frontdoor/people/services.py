"""The people app's public writes: other apps import these (or selectors, models, permissions) only.

Each lives in the sub-package that owns it (record, family, search, duplicates, bulk).
"""

from __future__ import annotations

from .bulk.services import people_import, people_match
from .family.services import family_member_create, involvement_add, relationship_add, relationships_add_missing
from .record.services import next_person_id, person_create, person_details_update
from .search.index import index_rebuild_all, person_index_update

__all__ = [
    "family_member_create",
    "index_rebuild_all",
    "involvement_add",
    "next_person_id",
    "people_import",
    "people_match",
    "person_create",
    "person_details_update",
    "person_index_update",
    "relationship_add",
    "relationships_add_missing",
]
