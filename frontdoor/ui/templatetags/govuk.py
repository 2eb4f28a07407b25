"""Template tags rendering Django form fields as GOV.UK Design System components.

{% govuk_field form.name %} picks the component from the widget: text input, textarea, select,
radios, checkboxes or date input, with label, hint, error message and the user's own value.
{% govuk_error_summary form %} renders the error summary linking to each field.
"""

from __future__ import annotations

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()


def _kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: test it first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.MultiWidget):
        return "date"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def _hides_value(field) -> bool:
    """A password typed is never written back into the page."""
    widget = field.field.widget
    return isinstance(widget, forms.PasswordInput) and not widget.render_value


def field_anchor(field) -> str:
    """The id the error summary links to: the first input of the component."""
    kind = _kind(field)
    if kind in {"radios", "checkboxes"}:
        return f"{field.auto_id}_0" if field.field.choices else field.auto_id
    if kind == "date":
        return f"{field.auto_id}_0"
    return field.auto_id


@register.simple_tag
def govuk_field(
    field,
    label_size: str = "s",
    width: str = "",
    is_page_heading: bool = False,
    hint: str = "",
    inline: bool = False,
    conditional: dict | None = None,
):
    kind = _kind(field)
    context = {
        "field": field,
        "kind": kind,
        "label_size": label_size,
        "width": width,
        "is_page_heading": is_page_heading,
        "hint": hint or field.help_text,
        "inline": inline,
        "anchor": field_anchor(field),
        "errors": field.errors,
        "value": None if _hides_value(field) else field.value(),
        "describedby": " ".join(
            x
            for x in [
                f"{field.auto_id}-hint" if (hint or field.help_text) else "",
                f"{field.auto_id}-error" if field.errors else "",
            ]
            if x
        ),
    }
    if kind in {"radios", "checkboxes", "select"}:
        value = field.value()
        selected = (
            {str(v) for v in value}
            if isinstance(value, (list, tuple))
            else {str(value)}
            if value not in (None, "")
            else set()
        )
        context["options"] = [
            {"value": str(v), "label": label, "checked": str(v) in selected, "id": f"{field.auto_id}_{i}"}
            for i, (v, label) in enumerate(field.field.choices)
            if not (kind != "select" and v == "")
        ]
    if kind == "date":
        parts = field.value()
        if not isinstance(parts, (list, tuple)):
            parts = field.field.widget.decompress(parts)
        context["parts"] = [
            {
                "name": f"{field.html_name}_{i}",
                "id": f"{field.auto_id}_{i}",
                "label": lab,
                "value": parts[i] if parts and parts[i] is not None else "",
                "width": w,
            }
            for i, (lab, w) in enumerate((("Day", 2), ("Month", 2), ("Year", 4)))
        ]
    return render_to_string(f"ui/fields/{kind}.html", context)


@register.inclusion_tag("ui/error_summary.html")
def govuk_error_summary(*forms_):
    errors = []
    for form in forms_:
        if not form or not getattr(form, "errors", None):
            continue
        for error in form.non_field_errors():
            errors.append({"href": "", "message": error})
        for name, field_errors in form.errors.items():
            if name == "__all__":
                continue
            bound = form[name]
            for error in field_errors:
                errors.append({"href": f"#{field_anchor(bound)}", "message": error})
    return {"errors": errors}


@register.inclusion_tag("ui/deadline_tag.html")
def deadline_tag(due, now=None, done: bool = False):
    """A tag saying when something is due: overdue (red), due today (orange) or the date (grey)."""
    from django.utils import timezone

    now = now or timezone.now()
    if done:
        state = "done"
    elif due is None:
        state = "none"
    elif due < now:
        state = "overdue"
    elif timezone.localtime(due).date() == timezone.localtime(now).date():
        state = "today"
    else:
        state = "upcoming"
    return {"due": due, "state": state}
