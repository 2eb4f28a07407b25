"""manage.py audit_verify: walk the audit chain and name the first event changed, removed or inserted."""

from django.core.management.base import BaseCommand, CommandError

from frontdoor.audit.selectors import audit_chain_check


class Command(BaseCommand):
    help = (
        "Check every audit event against its hash and the one before it; name the first event that was "
        "changed, removed or inserted (exit status 1), or print a one-line summary."
    )

    def handle(self, *args, **options):
        result = audit_chain_check()
        if result.finding is not None:
            raise CommandError(f"Audit trail broken after {result.count} events. {result.finding}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail OK: {result.count} events, chain head #{result.head_sequence} {result.head_hash}"
            )
        )
