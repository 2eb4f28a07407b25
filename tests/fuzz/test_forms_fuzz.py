"""No input crashes Front Door: generated values posted to every form in the product, 0 answers with status 500.

How it works:
1. A small demo data set (`seed_demo`, every app's demo rows) is made once for this module, and rolled back.
2. The site is crawled as every role, from the home page, following its own links and form actions; one page per
   URL pattern per role is kept, so each page is visited by the roles that are shown a way to it (their
   permitted roles). Every URL pattern of the product (the Django admin aside) must be reached.
3. Each `<form method="post">` found is parsed (lxml): its field names, kinds and options; hidden fields
   (csrf, version) are kept as the page gave them unless a draw changes them. Hypothesis draws values for
   each field (a valid option, empty, very long, other scripts, bidi and zero-width controls, emoji, NUL,
   huge and negative numbers, absurd years, a wrong option), drops some fields and adds unexpected ones, and
   posts them as the role that was shown the form. Every `<form method="get">` (searches, filters) is
   fuzzed the same way through its query string.
4. Each draw runs in a savepoint that is rolled back, so the data set is the same for every draw and the
   run is repeatable (derandomize=True: the same draws every run, in CI too).

A 500 fails the test with the URL, the role, the data posted and the exception's traceback.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import StringIO
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.html
import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from frontdoor.accounts.models import Role, User

# One worker runs the whole module, so the demo is seeded and crawled once (make test uses --dist loadgroup).
pytestmark = pytest.mark.xdist_group("fuzz")

# Every draw posts to the real view; 15 draws a form keeps the module under a minute on one core.
# FUZZ_EXAMPLES=200 for a longer hunt by hand.
EXAMPLES_PER_FORM = int(os.environ.get("FUZZ_EXAMPLES", "15"))
DEMO_PEOPLE = 30
PAGES_PER_PATTERN = 3  # a few objects of each kind, so that pages with and without (say) an alias are seen
SKIPPED_NAMESPACES = {"admin"}  # Django's own admin site: not the product's forms

# URL patterns no crawl can reach by a link, with the reason; anything else unreached fails the test.
NOT_LINKED: dict[str, str] = {
    "accounts:recovery_codes": "only in a session verified with a code (accounts/tests/test_two_factor.py)",
    "healthz": "the monitor's JSON; no form, no link (frontdoor/core/tests/test_health.py)",
    "accounts:session_status": "asked by the timeout warning's script; JSON, no form (accounts/tests/test_sessions.py)",
    "oidc_authentication_init": "single sign-on is off here (404); accounts/tests/test_sso_flow.py runs it",
    "oidc_authentication_callback": "single sign-on is off here (404); accounts/tests/test_sso_flow.py runs it",
    "oidc_refused": "single sign-on is off here (404); accounts/tests/test_sso_flow.py runs it",
    "people:break_glass": "its form is on the restricted-record notice, a 403 page the crawl does not read; "
    "people/tests/test_restricted.py and test_permissions_restricted.py post it",
}


NOT_CRAWLED = {"accounts:logout"}  # a link there would end the crawl's session

# --- the data set and the crawl -------------------------------------------------------------------------


@dataclass
class FormSpec:
    url: str
    role: str
    method: str
    action: str
    fields: list[tuple[str, str, tuple[str, ...], str]] = field(default_factory=list)  # name, kind, options, value

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.action} as {self.role} (form on {self.url})"


@dataclass
class Crawl:
    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # pattern -> {role: url}
    forms: dict[str, FormSpec] = field(default_factory=dict)  # "pattern|method|role" -> first form seen
    errors: list[str] = field(default_factory=list)


def product_patterns() -> set[str]:
    """Every named URL pattern of the product, as "namespace:name"."""
    found: set[str] = set()

    def walk(patterns, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or ""
                if ns in SKIPPED_NAMESPACES:
                    continue
                walk(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif isinstance(p, URLPattern) and p.name:
                found.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "")
    return found


def pattern_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace in SKIPPED_NAMESPACES or not match.url_name:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def client_as(user: User | None) -> Client:
    c = Client(raise_request_exception=False)
    if user is not None:
        c.force_login(user)
    return c


def parse_forms(html: str, page_url: str, role: str) -> list[FormSpec]:
    if not html.strip():
        return []
    doc = lxml.html.fromstring(html)
    specs = []
    for form in doc.forms:
        method = (form.get("method") or "get").lower()
        action = urljoin(page_url, form.get("action") or page_url)
        if urlsplit(action).netloc not in ("", "testserver"):
            continue
        spec = FormSpec(url=page_url, role=role, method=method, action=urlsplit(action).path)
        radios: dict[str, list[str]] = {}
        formactions: list[tuple[str, tuple[str, str, tuple[str, ...], str]]] = []
        for el in form.iter("input", "select", "textarea", "button"):
            name = el.get("name")
            if not name:
                continue
            tag = el.tag
            kind = (el.get("type") or "text").lower() if tag == "input" else tag
            if tag == "button" or kind == "submit":
                if el.get("formaction"):
                    other_action = urlsplit(urljoin(page_url, el.get("formaction"))).path
                    formactions.append(
                        (other_action, (name, "submit", (el.get("value") or "",), el.get("value") or ""))
                    )
                elif el.get("value") is not None:
                    spec.fields.append((name, "submit", (el.get("value"),), el.get("value")))
                continue
            if kind in ("radio", "checkbox"):
                radios.setdefault(f"{kind}|{name}", []).append(el.get("value") or "on")
                continue
            if tag == "select":
                options = tuple(o.get("value", o.text_content()) for o in el.iter("option"))
                spec.fields.append((name, "select", options, options[0] if options else ""))
                continue
            value = el.text_content() if tag == "textarea" else (el.get("value") or "")
            numeric = el.get("inputmode") == "numeric" or kind == "number"
            spec.fields.append((name, "number" if numeric else kind, (), value))
        for key, options in radios.items():
            kind, name = key.split("|", 1)
            spec.fields.append((name, kind, tuple(options), ""))
        specs.append(spec)
        for other_action, button in formactions:
            specs.append(FormSpec(page_url, role, method, other_action, [*spec.fields, button]))
    return specs


def crawl(users: dict[str, User | None], extra_starts: list[str], searches: list[tuple[str, dict]]) -> Crawl:
    """Every role's pages, breadth first from the home page; one URL per pattern per role. Searches are
    POSTed first (decision 17), so that results pages, and the forms shown only beside results, are seen."""
    result = Crawl()
    for role, user in users.items():
        client = client_as(user)
        found = [r["Location"] for r in (client.post(url, data) for url, data in searches) if r.status_code == 302]
        queue = ["/", *found, *extra_starts] if user else ["/accounts/sign-in/", *extra_starts]
        visits: dict[str, int] = {}
        seen_urls: set[str] = set()
        while queue:
            url = queue.pop(0)
            if url in seen_urls:
                continue
            seen_urls.add(url)
            pattern = pattern_of(urlsplit(url).path)
            if pattern is None or visits.get(pattern, 0) >= PAGES_PER_PATTERN or pattern in NOT_CRAWLED:
                continue
            visits[pattern] = visits.get(pattern, 0) + 1
            response = client.get(url)
            if response.status_code >= 500:
                result.errors.append(f"GET {url} as {role}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue
            result.pages.setdefault(pattern, {})[role] = url
            if "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            for spec in parse_forms(html, url, role):
                action_pattern = pattern_of(spec.action)
                if action_pattern is None:
                    continue
                result.pages.setdefault(action_pattern, {}).setdefault(role, spec.action)
                result.forms.setdefault(f"{action_pattern}|{spec.method}|{role}", spec)
                if spec.method == "get":
                    queue.append(spec.action)
            for href in lxml.html.fromstring(html).xpath("//a/@href") if html.strip() else []:
                target = urljoin(url, href)
                parts = urlsplit(target)
                if parts.netloc in ("", "testserver") and parts.scheme in ("", "http"):
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
                    link_pattern = pattern_of(parts.path) if parts.query else None
                    if link_pattern:  # a link's query string (?page=2, ?show=referrals, ?s=...) is fuzzed too
                        fields = [(k, "text", (), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
                        spec = FormSpec(url=url, role=role, method="get", action=parts.path, fields=fields)
                        result.forms.setdefault(f"{link_pattern}|link|{role}", spec)
    return result


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker) -> Iterator[tuple[Crawl, dict[str, User]]]:
    """The demo data set, made once for this module and rolled back at its end, and the crawl of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", people=DEMO_PEOPLE, allow_production_demo=True, stdout=StringIO())
        users: dict[str, User | None] = {"anonymous": None}
        for role in Role:
            user = User.objects.filter(role=role.value, is_active=True).order_by("username").first()
            assert user is not None, role
            users[role.value] = user
        yield crawl(users, extra_starts=_rich_pages(users), searches=_searches()), users
        transaction.set_rollback(True)


def _searches() -> list[tuple[str, dict]]:
    """A person of the demo searched for by name, on each page that searches for people by name."""
    from django.urls import reverse

    from frontdoor.people.models import Person

    person = Person.objects.filter(archived=False).order_by("created_at").first()
    return [
        (reverse("people:search"), {"q": person.full_name}),
        (reverse("customer_service:check"), {"child_name": person.full_name}),
        (reverse("people:relationship_find", args=[person.pk]), {"q": "Smith"}),
    ]


def _rich_pages(users) -> list[str]:
    """Pages no link leads to from the demo's first few objects: a draft call's every step, a person with an
    alias, an address history, a disability, a relationship and an involvement, a duplicate pair and a merge,
    a letter, a disagreement, a sent letter, the survey's own link. Rows the demo lacks are added here."""
    import datetime as dt

    from django.urls import reverse

    from frontdoor.contacts.models import Contact
    from frontdoor.contacts.tests.factories import complete_draft, involvement
    from frontdoor.letters.models import Disagreement, Letter, SentLetter, SurveyInvitation
    from frontdoor.letters.survey.services import survey_url_for
    from frontdoor.people.duplicates.services import person_merge
    from frontdoor.people.models import (
        AddressHistory,
        Alias,
        Disability,
        Involvement,
        Person,
        PersonMerge,
        PossibleDuplicate,
        Relationship,
    )

    urls: list[str] = []
    contact = complete_draft(worker=users["csw"])
    for name in ("caller", "family", "worries", "records", "consent", "relationship", "outcome", "actions"):
        urls.append(reverse(f"contacts:{name}", args=[contact.pk]))
    urls += [reverse("contacts:action_add", args=[contact.pk]), reverse("contacts:check", args=[contact.pk])]
    recorded = Contact.objects.filter(status=Contact.Status.RECORDED).order_by("reference").first()
    if recorded is not None:
        urls.append(reverse("contacts:recorded", args=[recorded.pk]))

    person = Person.objects.order_by("created_at").first()
    other = Person.objects.exclude(pk=person.pk).order_by("created_at").first()
    Alias.objects.create(person=person, given_name="Jess", family_name="Smyth")
    AddressHistory.objects.create(
        person=person, address="1 Old Road, Norwich", moved_in=dt.date(2015, 1, 1), moved_out=dt.date(2019, 1, 1)
    )
    involvement(person, Involvement._meta.get_field("kind").choices[0][0])
    Disability.objects.get_or_create(person=person, code=Disability._meta.get_field("code").choices[0][0])
    urls.append(reverse("people:detail", args=[person.pk]))
    urls.append(reverse("people:family", args=[person.pk]))
    urls.append(reverse("people:relationship_add", args=[person.pk, other.pk]))
    urls.append(reverse("people:relationship_add_new", args=[person.pk]))
    for rel in Relationship.objects.order_by("created_at")[:1]:
        urls.append(reverse("people:relationship_change", args=[rel.from_person_id, rel.pk]))
    pair = PossibleDuplicate.objects.filter(status=PossibleDuplicate.Status.OPEN).first()
    if pair is None:
        pair = PossibleDuplicate.objects.create(person_a=person, person_b=other, score=90, reasons=[])
    urls.append(reverse("people:duplicate", args=[pair.pk]))
    merged = Person.objects.exclude(pk__in=[person.pk, other.pk]).order_by("-created_at").first()
    merge = PersonMerge.objects.first() or person_merge(actor=users["manager"], keep=other, other=merged)
    urls.append(reverse("people:merge", args=[merge.pk]))
    # A restricted record (decision 26): the manager's "change who may open it" page links to lifting it.
    from frontdoor.people.restricted.services import restriction_create

    kept = Person.objects.exclude(pk__in=[person.pk, other.pk, merged.pk]).filter(archived=False).first()
    restriction_create(actor=users["manager"], person=kept, reason="Staff child", named_users=[], named_teams=[])
    urls.append(reverse("people:restrict", args=[kept.pk]))

    for status in (Letter.Status.DRAFT, Letter.Status.APPROVED):
        for letter in Letter.objects.filter(status=status).order_by("created_at")[:1]:
            urls.append(reverse("letters:letter", args=[letter.pk]))
    for disagreement in Disagreement.objects.all()[:1]:
        urls.append(reverse("letters:disagreement", args=[disagreement.pk]))
    for sent in SentLetter.objects.all()[:1]:
        urls.append(reverse("letters:sent_pdf", args=[sent.pk]))
    invitation = SurveyInvitation.objects.filter(used_at__isnull=True).first()
    if invitation is None:
        invitation = SurveyInvitation.objects.create(contact=recorded)
    urls += [urlsplit(survey_url_for(invitation)).path, reverse("letters:survey_thanks")]
    urls.append(reverse("reporting:annex_a_list_1"))
    return urls + _sign_in_pages(users)


def _sign_in_pages(users) -> list[str]:
    """The second factor's pages and the administrator's unlock and reset forms, which show only for a user
    with an authenticator app and recovery codes (the consultant social worker here) or a locked username
    (a user the crawl does not sign in as: signing in clears a lock)."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.urls import reverse
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from frontdoor.accounts.tests.factories import UserFactory

    with_app, locked = users["csw"], UserFactory(role="csw", username="locked.out")
    TOTPDevice.objects.create(user=with_app, name="Authenticator app", confirmed=True)
    StaticDevice.objects.create(user=with_app, name="Recovery codes", confirmed=True).token_set.create(
        token="fuzzcode01"
    )
    AccessAttempt.objects.create(
        username=locked.username,
        ip_address="127.0.0.1",
        user_agent="fuzz",
        path_info=reverse("accounts:login"),
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="",
        post_data="",
        http_accept="",
    )
    return [
        reverse("accounts:two_factor_verify"),
        reverse("accounts:user", args=[with_app.pk]),
        reverse("accounts:user", args=[locked.pk]),
    ]


# --- what a field may be sent ---------------------------------------------------------------------------

NASTY_TEXT = [
    "",
    " ",
    "a" * 5000,
    "李小龙",
    "Ελένη Παπαδοπούλου",
    "Мария Иванова",
    "محمد علي",
    "\u202egnimmoc\u202c",
    "Ali\u200bce\u200d",
    "\ufeffBOM",
    "😀👨‍👩‍👧‍👦",
    "\x00",
    "nul\x00inside",
    "line\r\nbreak\ttab",
    "-1",
    "0",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "1e309",
    "NaN",
    "3.5",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%s %d {0} {{ x }}",
    "../../etc/passwd",
    '=HYPERLINK("http://x")',
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "2026-13-45",
]
NUMBERS = ["", "0", "-1", "1", "31", "32", "13", "2026", "0000", "99999", "1" * 25, "-" + "9" * 30, " 7 ", "١٢", "x"]


def plausible(name: str, kind: str, options: tuple[str, ...], value: str):
    """What a worker would type: the page's own value, a valid option, a likely date part or a short text."""
    if kind in ("hidden", "submit"):
        return st.just(value)
    if kind in ("select", "radio", "checkbox"):
        return st.sampled_from([o for o in options if o] or [""])
    if value:
        return st.just(value)
    if name.endswith("_0"):
        return st.integers(1, 28).map(str)
    if name.endswith("_1"):
        return st.integers(1, 12).map(str)
    if name.endswith("_2"):
        return st.integers(1990, 2026).map(str)
    if kind == "number":
        return st.integers(0, 10).map(str)
    if kind == "email" or "email" in name:
        return st.just("someone@example.org")
    if "postcode" in name:
        return st.just("NR1 1AA")
    if "phone" in name:
        return st.just("01603 223344")
    return st.sampled_from(["Test", "Jessica Smith", "A short note."])


def nasty(kind: str, options: tuple[str, ...]):
    """Anything at all, the field left out (None) included."""
    choices = [st.just(None), st.sampled_from(NASTY_TEXT), st.text(max_size=40)]
    if kind in ("select", "radio", "checkbox") and options:
        choices.append(st.lists(st.sampled_from(options), min_size=2, max_size=len(options) + 1))
    if kind == "number" or kind == "text":
        choices += [st.sampled_from(NUMBERS), st.integers(min_value=-(10**30), max_value=10**30).map(str)]
    return st.one_of(*choices)


@st.composite
def form_data(draw, spec: FormSpec):
    """A plausible filling of the form with a few fields (any, hidden ones too) replaced by anything,
    and perhaps an unexpected field or two."""
    names = [f[0] for f in spec.fields]
    mutate = draw(st.sets(st.sampled_from(names), max_size=min(4, len(names)))) if names else set()
    data: dict[str, object] = {}
    for name, kind, options, value in spec.fields:
        chosen = draw(nasty(kind, options) if name in mutate else plausible(name, kind, options, value))
        if chosen is not None:
            data[name] = chosen
    extra = draw(
        st.dictionaries(
            st.sampled_from(
                ["extra", "pk", "id", "state", "role", "team", "owner", "page", "q", "s", "show", "return"]
            ),
            st.sampled_from(NASTY_TEXT),
            max_size=2,
        )
    )
    return {**extra, **data}


# --- the tests ------------------------------------------------------------------------------------------

ALL_PATTERNS = sorted(product_patterns())


@pytest.mark.django_db
def test_the_crawl_reaches_every_page_of_the_product(site):
    crawled, _ = site
    assert crawled.errors == []
    missing = sorted(set(ALL_PATTERNS) - set(crawled.pages) - set(NOT_LINKED))
    assert missing == [], f"no role's crawl reached {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", ALL_PATTERNS)
def test_no_generated_input_gives_a_500(site, pattern):
    crawled, users = site
    forms = [spec for key, spec in crawled.forms.items() if key.split("|")[0] == pattern]
    if not forms:
        pytest.skip(f"{pattern} has no form")
    # One form a method, posted as the first role that was shown it (the permitted roles are the ones shown).
    by_method: dict[str, FormSpec] = {}
    for key, spec in crawled.forms.items():
        if key.split("|")[0] == pattern:
            by_method.setdefault(key.split("|")[1], spec)
    for spec in by_method.values():
        _fuzz(spec, client_as(users[spec.role]))


def _fuzz(spec: FormSpec, client: Client) -> None:
    failures: list[str] = []

    def record(sender, request=None, **kwargs):
        failures.append(traceback.format_exc())

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=form_data(spec))  # a new strategy per form
    def post(data):
        failures.clear()
        with transaction.atomic():
            if spec.method == "post":
                response = client.post(spec.action, data)
            else:
                response = client.get(spec.action, data)
            transaction.set_rollback(True)
        assert response.status_code < 500, f"{spec.label} answered {response.status_code}\ndata={data!r}\n" + "".join(
            failures
        )

    got_request_exception.connect(record)
    try:
        post()
    finally:
        got_request_exception.disconnect(record)


@pytest.mark.django_db
def test_the_fuzzer_reports_a_500_with_the_url_role_and_data(site, monkeypatch):
    """The harness itself: a form whose view crashes is reported, not passed."""
    from frontdoor.reporting.forms import PeriodForm

    crawled, users = site
    spec = next(s for k, s in crawled.forms.items() if k.startswith("reporting:dashboard|get|"))

    def crash(self):
        raise RuntimeError("a crash planted by the test")

    monkeypatch.setattr(PeriodForm, "clean", crash)
    with pytest.raises(AssertionError, match=r"(?s)answered 500.*data=.*planted by the test"):
        _fuzz(spec, client_as(users[spec.role]))
