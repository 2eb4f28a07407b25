"""{% letters_panel contact %}: the letters panel data for the contact page (letters/_contact_panel.html)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def letters_panel(context, contact):
    from frontdoor.letters import selectors

    request = context.get("request")
    return selectors.contact_panel(user=request.user, contact=contact)
