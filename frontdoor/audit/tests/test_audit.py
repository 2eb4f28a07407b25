"""Audit events record who, what and from where, and can never be edited."""

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.audit.selectors import audit_events_for_object
from frontdoor.audit.services import audit_record, changed_fields


def test_sign_in_is_audited_with_address(users, client):
    client.post(
        "/accounts/sign-in/",
        {"username": users["csw"].username, "password": "test-password-123"},
        REMOTE_ADDR="10.1.2.3",
    )
    event = AuditEvent.objects.get(action="sign_in")
    assert event.actor == users["csw"]
    assert event.ip_address == "10.1.2.3"
    assert event.path == "/accounts/sign-in/"


def test_events_cannot_be_changed(users):
    event = audit_record(actor=users["csw"], action="view", obj=users["csw"], summary="Viewed")
    event.summary = "Something else"
    with pytest.raises(ValueError):
        event.save()


@pytest.mark.parametrize(
    "role, sees", [("csw", False), ("manager", True), ("admin", True), ("analyst", False), ("mash_partner", False)]
)
def test_only_managers_and_administrators_read_the_trail(users, role, sees):
    audit_record(actor=users["csw"], action="view", obj=users["csw2"], summary="Viewed")
    assert len(audit_events_for_object(user=users[role], obj=users["csw2"])) == (1 if sees else 0)


def test_changed_fields():
    assert changed_fields({"a": 1, "b": "x"}, {"a": 2, "b": "x"}) == {"a": ["1", "2"]}
