"""The data migration that splits each contact's single decision and referral per child (decision 20).

Migrates the referrals app back to before it, builds decisions and referrals with the historical models
(contacts, people and users are untouched by it, so the current models make those), migrates forward
and checks that nothing was lost: every child has a decision, every earlier referral still exists
unchanged, and the new ones are copies with new references. Runs on SQLite and PostgreSQL.
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from frontdoor.contacts.builders import build_recorded_contact
from frontdoor.core.models import ReferenceCounter
from frontdoor.directory.models import Team
from frontdoor.referrals.models import ContactDecision, Referral

from .factories import contact_make

BEFORE = [("referrals", "0003_version_lock")]
AFTER = [("referrals", "0005_per_child_decisions_data")]
COPIED = (
    "state",
    "disposal",
    "disposal_reasons",
    "receiving_team_id",
    "allocated_worker_id",
    "authorised_by_id",
    "authorised_at",
    "submitted_by_id",
    "routed_at",
    "tell_professional_referrer",
    "tell_child_and_family",
    "level",
    "due_at",
)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _leaf_targets():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def before_per_child(transactional_db, users):
    """The historical models with the database migrated back; put forward again afterwards."""
    old = _migrate(BEFORE)
    yield old
    _migrate(_leaf_targets())


def _children(contact):
    return list(contact.people.filter(role="child").order_by("position"))


@pytest.mark.django_db(transaction=True)
def test_each_childs_decision_and_referral_after_the_migration(before_per_child, users):
    old = before_per_child
    OldDecision = old.get_model("referrals", "ContactDecision")
    OldReferral = old.get_model("referrals", "Referral")
    csw, manager = users["csw"], users["manager"]
    fast = Team.objects.get(code="fast-norwich")
    now = timezone.now()
    year = timezone.localdate().year
    ReferenceCounter.objects.create(prefix="R", year=year, last_number=5)  # numbers up to 5 were given out

    def decision(contact, outcome="referral", level=4):
        return OldDecision.objects.create(
            contact_id=contact.pk,
            level=level,
            outcome=outcome,
            reasons="Bruising on both children",
            s47_indicators=["inconsistent_explanation"],
            consider_strategy_discussion=True,
            decided_by_id=csw.pk,
            decided_at=now - dt.timedelta(hours=3),
            created_by_id=csw.pk,
        )

    def referral(contact, d, n, child):
        return OldReferral.objects.create(
            reference=f"R{year}-{n:06d}",
            contact_id=contact.pk,
            decision_id=d.pk,
            child_id=child.person_id,
            child_name=str(child),
            worker_id=csw.pk,
            level=4,
            state="with_team",
            disposal=4,
            disposal_reasons="Suspected physical harm",
            receiving_team_id=fast.pk,
            submitted_by_id=csw.pk,
            submitted_at=now - dt.timedelta(hours=2),
            authorised_by_id=manager.pk,
            authorised_at=now - dt.timedelta(hours=1),
            routed_at=now - dt.timedelta(hours=1),
            tell_professional_referrer="A single assessment will start; a social worker will call you.",
            tell_child_and_family="A social worker will visit.",
            due_at=contact.decision_due_at,
            created_by_id=csw.pk,
        )

    # Two children and a referral for the first; two children and advice; three children and a referral
    # for the second child; one child and a referral; no child named.
    two = contact_make(worker=csw, siblings=1)
    advice = contact_make(worker=csw, siblings=1)
    three = contact_make(worker=csw, siblings=2)
    one = contact_make(worker=csw)
    none = build_recorded_contact(worker=csw)
    d_two, d_advice, d_three, d_one, _ = (
        decision(two),
        decision(advice, "advice", 2),
        decision(three),
        decision(one),
        decision(none, "nfa", 1),
    )
    r_two = referral(two, d_two, 1, _children(two)[0])
    r_three = referral(three, d_three, 3, _children(three)[1])
    r_one = referral(one, d_one, 2, _children(one)[0])
    earlier = {
        r.pk: {f: getattr(r, f) for f in ("reference", "decision_id", "child_id", *COPIED)}
        for r in (r_two, r_three, r_one)
    }

    _migrate(AFTER)

    # Every child has a decision; a contact with no child keeps its one decision.
    for contact in (two, advice, three, one):
        decided = set(ContactDecision.objects.filter(contact=contact).values_list("child_id", flat=True))
        assert decided == {c.pk for c in _children(contact)}
    assert list(ContactDecision.objects.filter(contact=none).values_list("child_id", flat=True)) == [None]
    # The original rows are kept, for the child the referral points at (else the first child).
    assert ContactDecision.objects.get(pk=d_two.pk).child == _children(two)[0]
    assert ContactDecision.objects.get(pk=d_three.pk).child == _children(three)[1]
    assert ContactDecision.objects.get(pk=d_advice.pk).child == _children(advice)[0]
    assert ContactDecision.objects.get(pk=d_advice.pk).note == ""
    # Every earlier referral still exists unchanged.
    for pk, values in earlier.items():
        r = Referral.objects.get(pk=pk)
        assert {f: getattr(r, f) for f in values} == values
    # The new ones: one for every other child with a copied "referral" decision, none for advice.
    assert not Referral.objects.filter(contact=advice).exists()
    assert Referral.objects.filter(contact=one).count() == 1
    new = Referral.objects.exclude(pk__in=earlier).order_by("reference")
    assert [r.reference for r in new] == [f"R{year}-{n:06d}" for n in (6, 7, 8)]
    assert ReferenceCounter.objects.get(prefix="R", year=year).last_number == 8
    source = {two.pk: r_two, three.pk: r_three}
    for r in new:
        original = source[r.contact_id]
        assert {f: getattr(r, f) for f in COPIED} == {f: getattr(original, f) for f in COPIED}
        child = r.decision.child
        assert r.child_id == child.person_id and r.child_name == child.shown_name
        assert r.decision.contact_id == r.contact_id and r.decision.level == 4
        assert r.decision.reasons == "Bruising on both children" and r.decision.consider_strategy_discussion
        assert "Copied from the decision on the whole contact" in r.decision.note
        assert original.reference in r.decision.note and r.reference in r.decision.note
    assert {r.decision.child for r in new} == {_children(two)[1], _children(three)[0], _children(three)[2]}
    # Each child's referral is in the queues on its own: two for `two`, three for `three`.
    assert Referral.objects.filter(contact=two).count() == 2 and Referral.objects.filter(contact=three).count() == 3
