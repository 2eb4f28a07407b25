"""`{% chronology_shown events request.GET.show as shown %}`: the family chronology filtered by a GET parameter.

The view hands the template every event; the filter is a link with `?show=`, so it works without JavaScript.
"""

from django import template

from frontdoor.people.family.chronology import chronology_filter

register = template.Library()


@register.simple_tag
def chronology_shown(events, show=None) -> dict:
    return chronology_filter(events, show)
