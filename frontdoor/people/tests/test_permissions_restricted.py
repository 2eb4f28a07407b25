"""Role x URL matrix for restricted records and break-glass (decision 26): every new URL, every role, for a
restricted record (with and without a break-glass in force) and one that is not. 403 on a restricted record
is the notice; 404 is "not found" (a role that never opens people, or a record not theirs)."""

import pytest
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.factories import user_for_role
from frontdoor.audit.models import AuditEvent
from frontdoor.people.restricted import services

from .factories import make_person

pytestmark = pytest.mark.django_db

ROLES = ["csw", "csw2", "manager", "manager2", "csa", "mash_partner", "receiving", "analyst", "admin"]
NOTICE = "This record is restricted. Ask"

# The record is restricted by "manager", naming "csw"; "csw2" and "manager2" are not named.
RESTRICTED = {
    "detail": {"csw": 200, "manager": 200, "csw2": 403, "manager2": 403},
    "family": {"csw": 200, "manager": 200, "csw2": 403, "manager2": 403},
    "restrict": {"csw": 403, "manager": 200, "csw2": 403, "manager2": 403},
    "restriction_lift": {"csw": 403, "manager": 200, "csw2": 403, "manager2": 403},
    "break_glass": {"csw": 302, "manager": 302, "csw2": 403, "manager2": 403},
}
# csw2 holds a break-glass in force: they read the record (and may not restrict it: not a manager).
BROKEN = {
    **RESTRICTED,
    **{name: {**row, "csw2": 200} for name, row in RESTRICTED.items() if name in ("detail", "family")},
}
BROKEN["break_glass"] = {**RESTRICTED["break_glass"], "csw2": 302}
BROKEN["restrict"] = {**RESTRICTED["restrict"], "csw2": 403}
BROKEN["restriction_lift"] = {**RESTRICTED["restriction_lift"], "csw2": 403}
OPEN = {
    "detail": {"csw": 200, "manager": 200, "csw2": 200, "manager2": 200},
    "family": {"csw": 200, "manager": 200, "csw2": 200, "manager2": 200},
    "restrict": {"csw": 403, "manager": 200, "csw2": 403, "manager2": 200},
    "restriction_lift": {"csw": 403, "manager": 404, "csw2": 403, "manager2": 404},  # nothing to lift
    "break_glass": {"csw": 302, "manager": 302, "csw2": 302, "manager2": 302},  # back to the record
}
CASES = {"restricted": RESTRICTED, "break_glass_in_force": BROKEN, "not_restricted": OPEN}


@pytest.fixture
def people(users):
    users["manager2"] = user_for_role(Role.TEAM_MANAGER)
    restricted = make_person("Zebedee", "Quartermaine")
    services.restriction_create(
        actor=users["manager"], person=restricted, reason="Staff child", named_users=[users["csw"]], named_teams=[]
    )
    return {"restricted": restricted, "open": make_person("Olly", "Open")}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("name", list(RESTRICTED))
def test_restricted_record_matrix(users, client_for, people, name, case, role):
    person = people["open" if case == "not_restricted" else "restricted"]
    if case == "break_glass_in_force":
        services.break_glass(actor=users["csw2"], person=person, reason="Emergency", password="test-password-123")
    response = client_for(users[role]).get(reverse(f"people:{name}", args=[person.pk]))
    expected = CASES[case][name].get(role, 404)
    assert response.status_code == expected, (name, case, role)
    page = response.content.decode()
    shown_notice = {"restricted": ("csw2", "manager2"), "break_glass_in_force": ("manager2",)}.get(case, ())
    if expected == 403 and role in shown_notice:
        assert NOTICE in page and "Quartermaine" not in page
    if expected == 200 and name == "detail":
        assert AuditEvent.objects.filter(actor=users[role], action="view", object_id=str(person.pk)).exists()
    if expected in (403, 404):
        assert AuditEvent.objects.filter(actor=users[role], action="refused").exists()


@pytest.mark.parametrize("role", ROLES)
def test_break_glass_log_matrix(users, client_for, people, role):
    """Team managers only (any team manager: the log is the managers' oversight of every break-glass)."""
    response = client_for(users[role]).get(reverse("people:break_glass_log"))
    expected = 200 if role in ("manager", "manager2") else 403
    assert response.status_code == expected
    if expected == 200:
        assert AuditEvent.objects.filter(actor=users[role], action="view", summary__contains="break-glass").exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_a_notice_reader_can_post_a_break_glass(users, client_for, people, role):
    """POSTing the form as anyone but those shown the notice opens nothing."""
    url = reverse("people:break_glass", args=[people["restricted"].pk])
    response = client_for(users[role]).post(url, {"reason": "x", "password": "test-password-123"})
    if role in ("csw2", "manager2"):
        assert response.status_code == 302
    else:
        assert response.status_code in (302, 404)  # named: back to the record; others: not found
        assert not users[role].break_glasses.exists()
