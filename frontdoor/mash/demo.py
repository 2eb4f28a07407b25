"""Demo MASH enquiries with information requests for the demo police, health and NIDAS users."""

from __future__ import annotations

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact
from frontdoor.directory.models import Agency
from frontdoor.referrals.demo import demo_contact

from . import services
from .models import MashEnquiry

QUESTIONS = {
    "norfolk-police": "Any police call-outs, arrests or intelligence about the adults at this address in the last 2 years?",
    "health-mash": "Is the child registered with a GP and up to date with checks? Any A&E attendances?",
    "nidas": "Is either parent known to the domestic abuse service? Any MARAC referrals?",
    "education": "Attendance and any safeguarding concerns logged by the school?",
}


def seed(*, people: int, fake, rng) -> str:
    csw = User.objects.filter(username="csw").first()
    police_user = User.objects.filter(username="police").first()
    if csw is None or MashEnquiry.objects.exists():
        return "skipped"
    from frontdoor.people.models import Person

    children = list(Person.objects.filter(school__gt="").order_by("-person_id")[:3])
    if len(children) < 3:
        return "skipped (not enough demo children)"
    n = Contact.objects.filter(reference__startswith="CD").count() + 1
    enquiries = requests = 0
    for i, child in enumerate(children[:3]):
        contact = demo_contact(
            worker=csw, child=child, fake=fake, rng=rng, received_at=timezone.now(), immediacy="immediate", n=n + i
        )
        enquiry = services.enquiry_open(
            actor=csw, contact=contact, reason="Possible significant harm: partners' information needed today"
        )
        enquiries += 1
        for code, rag in [
            ("norfolk-police", ["red", "amber", "green"][i]),
            ("health-mash", "amber"),
            ("nidas", "green"),
        ]:
            request = services.request_send(
                actor=csw, enquiry=enquiry, agency=Agency.objects.get(code=code), rag=rag, question=QUESTIONS[code]
            )
            requests += 1
            if i == 2 and code == "norfolk-police" and police_user:
                services.request_answer(
                    actor=police_user,
                    request=request,
                    answer="One domestic incident in March; no arrests.",
                    version=request.version,
                )
    return f"{enquiries} MASH enquiries, {requests} information requests"
