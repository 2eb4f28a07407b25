from django.core.management.base import BaseCommand

from frontdoor.accounts.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo sign-in details for every role."

    def handle(self, *args, **options):
        self.stdout.write("\nDemo sign-ins (synthetic data only), password for all: " + DEMO_PASSWORD)
        for username, first, last, role, _team, agency in DEMO_USERS:
            extra = f" ({agency})" if agency else ""
            self.stdout.write(f"  {username:<10} {role.label}{extra}: {first} {last}")
        self.stdout.write("")
