"""Fifty staff at once: a Locust load test of Front Door against a large demo (`seed_demo --people 100000`).

Run it with `benchmarks/load/run.sh sqlite` (or `postgres`), which seeds the demo, serves the app with
gunicorn on 127.0.0.1 and prints a table per page kind. Loopback only: the test refuses any other host,
so it can never be pointed at a live service.

The mix is a working day at the front door: consultant social workers (most of the users) search for
people as they type, open person and family pages and contacts, work their queues (My work, Overdue, the
team's), start calls and save the caller step, and look at their letters; managers work the
authorisations and the team's queues; a customer service advisor, MASH partners and a receiving
practitioner use their own pages. Requests are named by page kind so the table reads per kind of page.
Everyone signs in with the demo password (`manage.py demo_logins`); synthetic data only.
"""

from __future__ import annotations

import os
import random
import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import gevent
from locust import HttpUser, between, events, task

DEMO_PASSWORD = os.environ.get("FRONTDOOR_DEMO_PASSWORD", "frontdoor-demo")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Common en_GB family names (Faker's list is weighted the same way), typed a few letters at a time.
FAMILY_NAMES = [
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
]  # fmt: skip
PERSON_LINK = re.compile(r'href="/people/([0-9a-f-]{36})/"')
CONTACT_LINK = re.compile(r'href="/contacts/([0-9a-f-]{36})/"')


@events.test_start.add_listener
def _loopback_only(environment, **kwargs):
    host = urlparse(environment.host or "").hostname or ""
    if host not in LOOPBACK and f"[{host}]" not in LOOPBACK:
        raise SystemExit(f"Refusing to load-test {environment.host!r}: only 127.0.0.1 or localhost is allowed.")


class _Forms(HTMLParser):
    """The fields of each form with method=post on a page: name -> value (checked radios, first option)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.fields: dict[str, str] | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.fields = {}
            self.forms.append(self.fields)
        if self.fields is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a or name not in self.fields:
                    self.fields[name] = a.get("value", "") if "checked" in a else ""
            elif kind not in ("submit", "button"):
                self.fields[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self.fields[name] = ""
        elif tag == "select" and name:
            self.select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self.select and a.get("value") and not self.fields.get(self.select):
            self.fields[self.select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "form":
            self.fields = None


def post_form(html: str) -> dict[str, str]:
    """The page's main form (the post form with the most fields: not the header's sign-out button)."""
    parser = _Forms()
    parser.feed(html)
    return max(parser.forms, key=len, default={})


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


class Staff(HttpUser):
    abstract = True
    username = "csw"
    usernames: list[str] = []
    wait_time = between(2, 6)

    def on_start(self):
        self.people: list[str] = []
        self.contacts: list[str] = []
        name = random.choice(self.usernames or [self.username])
        page = self.client.get("/accounts/sign-in/", name="sign in")
        response = self.client.post(
            "/accounts/sign-in/",
            {"username": name, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf_token(page.text)},
            headers={"Referer": self.client.base_url + "/accounts/sign-in/"},
            name="sign in",
        )
        if "/accounts/sign-in/" in response.url:
            raise RuntimeError(f"Could not sign in as {name}: is the big demo seeded and 2FA off?")

    # --- pieces shared by the roles -------------------------------------------------------------------

    search_token: str | None = None  # set when the search page POSTs (names kept out of URLs)

    def open_search_page(self):
        """The search page once: does its live search GET or POST (with the CSRF token)?"""
        page = self.client.get("/people/", name="search page")
        self.search_token = csrf_token(page.text) if "hx-post" in page.text else ""

    def search(self, text: str):
        """One live search, as htmx sends it while the worker types: POSTed if the page says so, else GET."""
        if self.search_token is None:
            self.open_search_page()
        headers = {"HX-Request": "true", "Referer": self.client.base_url + "/people/"}
        if self.search_token:
            data = {"q": text, "csrfmiddlewaretoken": self.search_token}
            return self.client.post("/people/", data, headers=headers, name="search (live, as you type)")
        return self.client.get("/people/", params={"q": text}, headers=headers, name="search (live, as you type)")

    def type_a_name(self):
        family = random.choice(FAMILY_NAMES)
        initial = random.choice("ABCDEGHJKLMNPRST")
        for text in (family[:2], family[:4], family, f"{family} {initial}"):
            response = self.search(text)
            self.people += PERSON_LINK.findall(response.text)[:5]
            gevent.sleep(random.uniform(0.25, 0.6))
        self.people = self.people[-30:]

    def a_person(self) -> str | None:
        if not self.people:
            self.type_a_name()
        return random.choice(self.people) if self.people else None

    def home(self):
        self.client.get("/", name="home")

    def queue(self, name: str, label: str):
        self.client.get(f"/referrals/queues/{name}/", name=f"queue: {label}")


class SocialWorker(Staff):
    """A consultant social worker at the front door: most of the load."""

    weight = 6
    usernames = ["csw", "csw2"]

    @task(6)
    def search_as_you_type(self):
        self.type_a_name()

    @task(4)
    def person_page(self):
        if pk := self.a_person():
            self.client.get(f"/people/{pk}/", name="person")

    @task(2)
    def family_page(self):
        if pk := self.a_person():
            self.client.get(f"/people/{pk}/family/", name="family")

    @task(3)
    def my_contacts_and_one_contact(self):
        page = self.client.get("/contacts/", name="contacts: mine")
        self.contacts = CONTACT_LINK.findall(page.text) or self.contacts
        if self.contacts:
            self.client.get(f"/contacts/{random.choice(self.contacts)}/", name="contact")

    @task(1)
    def my_contacts_later_page(self):
        self.client.get("/contacts/", params={"page": random.randint(2, 40)}, name="contacts: mine (page n)")

    @task(4)
    def my_work(self):
        self.queue("mine", "my work")

    @task(2)
    def overdue(self):
        self.queue("overdue", "overdue")

    @task(1)
    def team_work(self):
        self.queue("team", "team")

    @task(2)
    def letters(self):
        self.client.get("/letters/", name="letters: mine")

    @task(1)
    def drafts(self):
        self.client.get("/contacts/drafts/", name="contacts: drafts")

    @task(2)
    def home_page(self):
        self.home()

    @task(2)
    def start_a_call(self):
        """Record a call: start it, then fill in and save the caller step."""
        start = self.client.get("/contacts/new/", name="call: start page")
        response = self.client.post(
            "/contacts/new/",
            {"csrfmiddlewaretoken": csrf_token(start.text)},
            headers={"Referer": start.url},
            name="call: start",
        )
        if "/caller/" not in response.url:
            return
        fields = post_form(response.text)
        fields.update(
            {
                "caller_type": "professional",
                "caller_name": "Alex Morgan",
                "caller_role": "Class teacher",
                "caller_phone": "01603 555123",
                "caller_email": "alex.morgan@example.org",
                "phone_route": fields.get("phone_route") or "general",
                "reason_for_call": "Worried about a child who came to school hungry.",
            }
        )
        with self.client.post(
            response.url, fields, headers={"Referer": response.url}, name="call: save caller step", catch_response=True
        ) as saved:
            if "/caller/" in saved.url:  # shown again with errors: the step was not saved
                saved.failure("caller step not saved")


class Manager(Staff):
    """The team manager: authorisations, the team's queues, contacts and letters."""

    weight = 2
    username = "manager"

    @task(3)
    def authorisations(self):
        self.queue("authorisation", "authorisations")

    @task(2)
    def team_queue(self):
        self.queue("team", "team")

    @task(2)
    def overdue(self):
        self.queue("overdue", "overdue")

    @task(1)
    def my_work(self):
        self.queue("mine", "my work")

    @task(2)
    def team_contacts(self):
        page = self.client.get("/contacts/team/", name="contacts: team")
        self.contacts = CONTACT_LINK.findall(page.text) or self.contacts
        if self.contacts:
            self.client.get(f"/contacts/{random.choice(self.contacts)}/", name="contact")

    @task(1)
    def team_letters(self):
        self.client.get("/letters/team/", name="letters: team overdue")

    @task(2)
    def search_and_person(self):
        self.type_a_name()
        if self.people:
            self.client.get(f"/people/{random.choice(self.people)}/", name="person")

    @task(1)
    def home_page(self):
        self.home()


class Advisor(Staff):
    """Customer service: checks whether a child has a social worker, and the public calls list."""

    weight = 1
    username = "advisor"

    @task(3)
    def check(self):
        """Check for a social worker: the form is POSTed (then shown under a token) or sent with GET."""
        page = self.client.get("/customer-service/", name="customer service: check page")
        name = random.choice(FAMILY_NAMES)
        if 'method="post" action="/customer-service/"' in page.text:
            self.client.post(
                "/customer-service/",
                {"child_name": name, "csrfmiddlewaretoken": csrf_token(page.text)},
                headers={"Referer": page.url},
                name="customer service: check",
            )
        else:
            self.client.get("/customer-service/", params={"child_name": name}, name="customer service: check")

    @task(1)
    def public_calls(self):
        self.client.get("/customer-service/calls/", name="customer service: public calls")

    @task(1)
    def home_page(self):
        self.home()


class Partner(Staff):
    """A MASH partner (police, health, domestic abuse): their information requests."""

    weight = 1
    usernames = ["police", "health", "nidas"]

    @task(3)
    def requests(self):
        self.queue("requests", "requests")

    @task(1)
    def overdue(self):
        self.queue("overdue", "overdue")

    @task(1)
    def home_page(self):
        self.home()


class Receiving(Staff):
    """A receiving practitioner (FAST): their allocated work and the team's."""

    weight = 1
    username = "fast"

    @task(2)
    def my_work(self):
        self.queue("mine", "my work")

    @task(2)
    def team_queue(self):
        self.queue("team", "team")

    @task(1)
    def search_and_person(self):
        self.type_a_name()
        if self.people:
            self.client.get(f"/people/{random.choice(self.people)}/", name="person")
