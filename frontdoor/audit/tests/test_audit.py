"""Audit events record who, what and from where, and can never be edited."""

import pytest
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.audit.selectors import audit_events_for_object
from frontdoor.audit.services import audit_record, changed_fields


def test_sign_in_is_audited_with_address(users, client):
    client.post(
        "/accounts/sign-in/",
        {"username": users["csw"].username, "password": "test-password-123"},
        REMOTE_ADDR="10.1.2.3",
    )
    event = AuditEvent.objects.get(action="sign_in")  # one event, not one per writer
    assert event.actor == users["csw"]
    assert (event.actor_username, event.actor_role) == (users["csw"].username, "csw")
    assert event.ip_address == "10.1.2.3"
    assert event.path == "/accounts/sign-in/"


def test_signing_out_and_a_wrong_password_are_audited_once(users, client):
    client.post("/accounts/sign-in/", {"username": users["csw"].username, "password": "wrong"})
    client.post("/accounts/sign-in/", {"username": users["csw"].username, "password": "test-password-123"})
    client.post(reverse("accounts:logout"))
    events = AuditEvent.objects.order_by("sequence")
    assert [(e.action, e.object_id, e.summary) for e in events] == [
        ("sign_in_failed", str(users["csw"].pk), f"Sign-in failed for username {users['csw'].username!r}"),
        ("sign_in", str(users["csw"].pk), "Signed in"),
        ("sign_out", str(users["csw"].pk), "Signed out"),
    ]


def test_every_way_of_signing_in_is_audited(users, client):
    """Django's user_logged_in signal: the admin's login, single sign-on and our page all count."""
    client.force_login(users["admin"])
    assert AuditEvent.objects.get(action="sign_in").actor == users["admin"]


def test_the_admin_login_goes_through_the_audited_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


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


def test_the_admin_lists_events_with_the_actor_as_they_were(users, client_for):
    audit_record(actor=users["csw"], action="view", obj=users["csw2"], summary="Viewed")
    users["admin"].is_superuser = True  # the admin role alone has no right to the audit table there
    users["admin"].save()
    response = client_for(users["admin"]).get("/admin/audit/auditevent/")
    assert response.status_code == 200
    assert users["csw"].username in response.content.decode()


def test_every_word_written_in_the_code_is_in_the_vocabulary():
    """Reads every call of audit_record: a literal action outside AuditEvent.Action fails here, even on a
    path no other test reaches."""
    import ast
    from pathlib import Path

    import frontdoor

    words = set()
    for path in Path(frontdoor.__file__).parent.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "audit_record":
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        words |= {
                            (str(path), n.value)
                            for n in ast.walk(keyword.value)
                            if isinstance(n, ast.Constant) and isinstance(n.value, str)
                        }
    assert len(words) > 20
    assert {(path, word) for path, word in words if word not in AuditEvent.Action.values} == set()
