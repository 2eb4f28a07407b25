"""Time the load test's pages one at a time, with their SQL: which page kinds are slow, and why.

    SQLITE_PATH=var/load.sqlite3 .venv/bin/python benchmarks/load/profile_pages.py [--sql] [USER:URL ...]

Runs in-process (Django's test client, DEBUG on for connection.queries) against the load demo; prints, for
each page, the best of three times, the number of queries, the bytes sent and (with --sql) the slowest queries.
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
os.environ.setdefault("SQLITE_PATH", "var/load.sqlite3")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAGES = [
    ("csw", "/"),
    ("csw", "/contacts/"),
    ("csw", "/contacts/?page=40"),
    ("csw", "/contacts/drafts/"),
    ("csw", "/referrals/queues/mine/"),
    ("csw", "/referrals/queues/overdue/"),
    ("csw", "/referrals/queues/team/"),
    ("csw", "/letters/"),
    ("csw", "/people/?q=Smith+J"),
    ("csw", "/people/?q=Sm"),
    ("csw", "/contacts/new/"),
    ("manager", "/"),
    ("manager", "/referrals/queues/authorisation/"),
    ("manager", "/contacts/team/"),
    ("manager", "/letters/team/"),
    ("manager", "/people/repeat-concerns/"),
    ("manager", "/people/duplicates/"),
    ("advisor", "/customer-service/?child_name=Smith"),
    ("advisor", "/customer-service/calls/"),
    ("police", "/referrals/queues/requests/"),
    ("fast", "/referrals/queues/mine/"),
]


def main(argv: list[str]) -> None:
    from frontdoor.accounts.models import User
    from frontdoor.contacts.models import Contact
    from frontdoor.people.models import Person

    show_sql = "--sql" in argv
    pages = [tuple(a.split(":", 1)) for a in argv if ":" in a and not a.startswith("--")] or PAGES
    setup_test_environment()
    settings.DEBUG = True
    extra = []
    if not any(":" in a for a in argv):
        person = Person.objects.filter(date_of_birth__year__gte=2015).order_by("pk").first()
        contact = Contact.objects.filter(worker__username="csw", status="recorded").order_by("pk").first()
        extra = [("csw", f"/people/{person.pk}/"), ("csw", f"/people/{person.pk}/family/")]
        extra += [("csw", f"/contacts/{contact.pk}/")]
    clients: dict[str, Client] = {}
    print(f"{'user':8} {'ms':>7} {'sql ms':>7} {'queries':>7} {'KB':>6}  url")
    for username, url in list(pages) + extra:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(User.objects.get(username=username))
        best, queries, size = None, [], 0
        for _ in range(3):
            reset_queries()
            start = time.perf_counter()
            response = client.get(url, headers={"HX-Request": "true"} if url.startswith("/people/?") else {})
            took = time.perf_counter() - start
            if best is None or took < best:
                best, queries, size = took, list(connection.queries), len(response.content)
        status = "" if response.status_code == 200 else f" [{response.status_code}]"
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        print(f"{username:8} {best * 1000:7.0f} {sql_ms:7.0f} {len(queries):7} {size / 1024:6.0f}  {url}{status}")
        if show_sql:
            for q in sorted(queries, key=lambda q: -float(q["time"]))[:3]:
                print(f"{'':24}{float(q['time']) * 1000:6.0f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main(sys.argv[1:])
