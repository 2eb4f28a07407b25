"""Existing contacts: the single decision was the decision for the whole contact (decision 20).

- It becomes the decision of every child on the contact: the child the referral points at (or else the
  first child) keeps the original row; every other child gets a copy, with a note saying so.
- The existing referral stays with its child, unchanged.
- For every other child whose copied decision is "progress to referral", a referral is made copying
  the state, disposal, routing, authorisation and who-is-told fields, with a new reference from the
  same "R<year>-<number>" series (the numbers after the highest already given out that year; the
  year's counter row, if there is one, is moved on so the live numbering never reuses them).
- Nothing is written to the audit log here (it is append-only with a hash chain): the reason is in
  each copied decision's `note`.

Going back only clears the children on decisions that were not copied and removes the copies (and
their referrals) this migration made, found by the note's opening words.
"""

from django.db import migrations

NOTE_START = "Copied from the decision on the whole contact"
REFERRAL_COPIED = (
    "worker_id",
    "level",
    "immediate_protection",
    "consider_strategy_discussion",
    "youth_risk",
    "due_at",
    "domestic_abuse",
    "mental_illness",
    "substance_misuse",
    "learning_difficulties",
    "other_agencies",
    "state",
    "disposal",
    "disposal_reasons",
    "receiving_team_id",
    "allocated_worker_id",
    "route_reason",
    "tell_professional_referrer",
    "tell_public_referrer",
    "tell_child_and_family",
    "submitted_by_id",
    "submitted_at",
    "authorised_by_id",
    "authorised_at",
    "return_reasons",
    "returned_by_id",
    "returned_at",
    "routed_at",
    "closed_at",
    "created_by_id",
    "modified_by_id",
)
DECISION_COPIED = (
    "level",
    "outcome",
    "reasons",
    "s47_indicators",
    "consider_strategy_discussion",
    "decided_by_id",
    "decided_at",
    "created_by_id",
    "modified_by_id",
)


def _shown_name(cp) -> str:
    """ContactPerson.shown_name, for the historical model (which has no properties)."""
    person = cp.person
    if person is not None:
        return " ".join(p for p in (person.given_name, person.family_name) if p)
    return f"{cp.given_name} {cp.family_name}".strip()


class _References:
    """The next "R<year>-NNNNNN" numbers, as core.references gives them (which cannot run in a migration)."""

    def __init__(self, Referral, ReferenceCounter):
        self.Referral, self.ReferenceCounter = Referral, ReferenceCounter
        self.last: dict[int, int] = {}

    def _highest(self, year: int) -> int:
        stem = f"R{year}-"
        numbers = []
        for ref in self.Referral.objects.filter(reference__startswith=stem).values_list("reference", flat=True):
            try:
                numbers.append(int(ref.rsplit("-", 1)[1]))
            except (IndexError, ValueError):
                pass
        counter = self.ReferenceCounter.objects.filter(prefix="R", year=year).first()
        return max([*numbers, counter.last_number if counter else 0, 0])

    def next(self, year: int) -> str:
        if year not in self.last:
            self.last[year] = self._highest(year)
        self.last[year] += 1
        self.ReferenceCounter.objects.filter(prefix="R", year=year, last_number__lt=self.last[year]).update(
            last_number=self.last[year]
        )
        return f"R{year}-{self.last[year]:06d}"


def _year_of(reference: str, fallback: int) -> int:
    try:
        return int(reference[1:5])
    except ValueError:
        return fallback


def forwards(apps, schema_editor):
    ContactDecision = apps.get_model("referrals", "ContactDecision")
    Referral = apps.get_model("referrals", "Referral")
    ContactPerson = apps.get_model("contacts", "ContactPerson")
    ReferenceCounter = apps.get_model("core", "ReferenceCounter")
    references = _References(Referral, ReferenceCounter)

    for decision in ContactDecision.objects.filter(child__isnull=True).order_by("created_at", "pk"):
        children = list(
            ContactPerson.objects.filter(contact_id=decision.contact_id, role="child", archived=False)
            .select_related("person")
            .order_by("position", "created_at", "pk")
        )
        if not children:
            continue  # a contact naming no child keeps its one decision with no child
        referral = Referral.objects.filter(decision_id=decision.pk).first()
        keeper = children[0]
        if referral is not None and referral.child_id:
            keeper = next((c for c in children if c.person_id == referral.child_id), keeper)
        decision.child_id = keeper.pk
        decision.save(update_fields=["child"])
        for child in children:
            if child.pk == keeper.pk:
                continue
            note = (
                f"{NOTE_START} (recorded before Front Door kept a decision for each child), "
                f"when decisions were split per child: {_shown_name(child)} was on the contact with "
                f"{_shown_name(keeper)}."
            )
            copy = ContactDecision(contact_id=decision.contact_id, child_id=child.pk, note=note, version=1)
            for name in DECISION_COPIED:
                setattr(copy, name, getattr(decision, name))
            copy.save()
            ContactDecision.objects.filter(pk=copy.pk).update(created_at=decision.created_at)
            if referral is None or decision.outcome != "referral":
                continue
            year = _year_of(referral.reference, referral.created_at.year)
            new = Referral(
                reference=references.next(year),
                contact_id=referral.contact_id,
                decision_id=copy.pk,
                child_id=child.person_id,
                child_name=_shown_name(child),
                version=1,
            )
            for name in REFERRAL_COPIED:
                setattr(new, name, getattr(referral, name))
            new.save()
            Referral.objects.filter(pk=new.pk).update(created_at=referral.created_at)
            copy.note += (
                f" Referral {new.reference} was made for {_shown_name(child)} from referral "
                f"{referral.reference} (its state, disposal, routing, authorisation and what people are told "
                "were copied; its milestones, sharing decisions and police notifications stay on "
                f"{referral.reference})."
            )
            copy.save(update_fields=["note"])


def backwards(apps, schema_editor):
    ContactDecision = apps.get_model("referrals", "ContactDecision")
    Referral = apps.get_model("referrals", "Referral")
    copies = ContactDecision.objects.filter(note__startswith=NOTE_START)
    Referral.objects.filter(decision__in=copies).delete()
    copies.delete()
    ContactDecision.objects.update(child=None)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0003_list_and_count_indexes"),
        ("core", "0001_reference_counter"),
        ("referrals", "0004_per_child_decisions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
