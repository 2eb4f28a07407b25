from frontdoor.directory.models import Agency
from frontdoor.mash import services
from frontdoor.referrals.tests.factories import contact_make


def enquiry_make(*, actor, **contact_kwargs):
    contact = contact_make(worker=actor, **contact_kwargs)
    return services.enquiry_open(actor=actor, contact=contact, reason="Injury to a baby; police history")


def request_make(*, actor, enquiry=None, agency_code="norfolk-police", rag="amber", due_at=None):
    enquiry = enquiry or enquiry_make(actor=actor)
    return services.request_send(
        actor=actor,
        enquiry=enquiry,
        agency=Agency.objects.get(code=agency_code),
        rag=rag,
        question="Any domestic abuse call-outs at the address in the last year?",
        due_at=due_at,
    )
