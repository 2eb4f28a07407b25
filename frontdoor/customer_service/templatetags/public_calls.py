"""`{% public_call_link contact %}`: on a contact's pages, the link to the public call that started it."""

from django import template

from ..selectors import handover_for_contact

register = template.Library()


@register.inclusion_tag("customer_service/_public_call_link.html", takes_context=True)
def public_call_link(context, contact) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"handover": handover_for_contact(user=user, contact=contact) if user is not None else None}
