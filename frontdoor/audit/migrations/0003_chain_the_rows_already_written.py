"""The rows written before the chain: old verbs mapped to the fixed vocabulary, the actor's username and
role filled in as they are now (the best record there is), then chained in (at, id) order."""

from django.db import migrations

from frontdoor.audit import domain

BATCH = 2000


def chain(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    User = apps.get_model("accounts", "User")
    for old, new in domain.SYNONYMS.items():
        AuditEvent.objects.filter(action=old).update(action=new)
    actors = {u["pk"]: u for u in User.objects.filter(audit_events__isnull=False).values("pk", "username", "role")}
    sequence, prev_hash, batch = 0, domain.GENESIS, []
    for event in AuditEvent.objects.order_by("at", "id").iterator(chunk_size=BATCH):
        sequence += 1
        actor = actors.get(event.actor_id)
        event.actor_username = actor["username"] if actor else ""
        event.actor_role = actor["role"] if actor else ""
        event.sequence = sequence
        event.prev_hash = prev_hash
        event.hash = prev_hash = domain.event_hash(
            sequence=sequence,
            id=str(event.id),
            at=event.at,
            actor_id=event.actor_id,
            actor_username=event.actor_username,
            actor_role=event.actor_role,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            summary=event.summary,
            changes=event.changes,
            ip_address=event.ip_address,
            path=event.path,
            user_agent=event.user_agent,
            prev_hash=event.prev_hash,
        )
        batch.append(event)
        if len(batch) >= BATCH:
            AuditEvent.objects.bulk_update(batch, ["actor_username", "actor_role", "sequence", "prev_hash", "hash"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["actor_username", "actor_role", "sequence", "prev_hash", "hash"])
    AuditChainHead.objects.update_or_create(pk=1, defaults={"sequence": sequence, "hash": prev_hash})


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_vocabulary_actor_at_the_time_and_chain"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(chain, migrations.RunPython.noop)]
