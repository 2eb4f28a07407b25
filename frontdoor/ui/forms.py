"""GOV.UK form building blocks: the three-box date input, text and radio fields with GOV.UK error wording,
and the helpers that carry a service's refusals (stale version, validation) back onto the form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.core.locking import StaleEdit, parse_version
from frontdoor.core.text import plain_text

T = TypeVar("T")


class PlainTextField(forms.CharField):
    """Text with invisible format characters taken out (core.text.plain_text) before it is checked."""

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str) and value:
            value = plain_text(value)
            if self.strip:
                value = value.strip()
        return value


def text(label: str, max_length: int, *, required: str | None = None, long: bool = False, hint: str = "", rows=5):
    """A text field whose over-long error and hint say the limit in plain words."""
    limit_hint = f"You can enter up to {max_length} characters." if long else ""
    return PlainTextField(
        label=label,
        max_length=max_length,
        required=bool(required),
        strip=True,
        help_text=" ".join(x for x in (hint, limit_hint) if x),
        widget=forms.Textarea(attrs={"rows": rows}) if long else forms.TextInput(),
        error_messages={
            "required": required or "",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def phone_number(label: str):
    """A phone number field: the hint gives examples, the over-long error names the field."""
    return PlainTextField(
        label=label,
        max_length=40,
        required=False,
        help_text="For example, 01603 223344 or 07700 900982",
        error_messages={"max_length": f"{label} must be 40 characters or fewer"},
    )


def radios(label: str, choices, *, required: str, hint: str = ""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=hint,
        error_messages={"required": required, "invalid_choice": required},
    )


class VersionField(forms.CharField):
    """The hidden version of the row a page edits (core.locking). Never invalid by itself: a missing or
    forged value cleans to None, which the service's `lock_for_change` refuses as stale like any other."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return parse_version(value)


def version_field() -> VersionField:
    return VersionField()


def stale_form(form_class, data, exc: StaleEdit, **kwargs):
    """The form re-bound to what the user typed, carrying the row's current version and the message
    saying who changed it and when. Saving it again is then a deliberate choice made after reading it."""
    data = data.copy()
    data["version"] = str(exc.current_version)
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, exc.message)
    return form


def submit(request, form, save: Callable[[dict], T], **form_kwargs) -> tuple[T | None, forms.BaseForm]:
    """Run one service call for a POSTed form: (what the service returned, form) once it has saved.

    Otherwise (None, form): not posted, not valid, or refused by the service. A `StaleEdit` gives a new
    form keeping what was typed, re-bound to the current version (built with `form_kwargs`), with the
    message naming who changed the row and when; a ValidationError is shown next to the field it names.
    Services return the row they saved, never None.
    """
    if request.method != "POST" or not form.is_valid():
        return None, form
    try:
        return save(form.cleaned_data), form
    except StaleEdit as exc:
        return None, stale_form(type(form), request.POST, exc.for_reader(getattr(request, "user", None)), **form_kwargs)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None, form


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError shown next to the field it names (or in the summary if the form lacks it)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


class GovukDateWidget(forms.MultiWidget):
    template_name = "ui/fields/date_widget.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-2"}
            ),
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input govuk-input--width-4"}
            ),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK error messages ("Date of birth must include a month")."""

    widget = GovukDateWidget

    def __init__(
        self, *, label: str = "Date", past_only: bool = False, future_only: bool = False, earliest=None, **kwargs
    ):
        self.past_only, self.future_only, self.earliest = past_only, future_only, earliest
        self.noun = label
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        kwargs.setdefault(
            "error_messages", {"required": f"Enter the {label.lower()}", "incomplete": f"Enter the {label.lower()}"}
        )
        super().__init__(fields, label=label, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        names = ("day", "month", "year")
        missing = [n for n, v in zip(names, data_list, strict=False) if not (v or "").strip()]
        if missing:
            raise ValidationError(f"{self.noun} must include a {' and a '.join(missing)}")
        try:
            day, month, year = (int(str(v).strip()) for v in data_list)
            if year < 1000:
                raise ValueError
            value = dt.date(year, month, day)
        except (ValueError, OverflowError):  # a 25-digit year is an OverflowError, not a ValueError
            raise ValidationError(f"{self.noun} must be a real date") from None
        today = timezone.localdate()
        if self.past_only and value > today:
            raise ValidationError(f"{self.noun} must be today or in the past")
        if self.future_only and value < today:
            raise ValidationError(f"{self.noun} must be today or in the future")
        if self.earliest and value < self.earliest:
            raise ValidationError(f"{self.noun} must be after {self.earliest:%-d %B %Y}")
        return value


def posted_as_initial(form_class: type[forms.Form], prefix: str, data) -> dict:
    """What was typed in a part of a page that was not the part saved (a form under `prefix`), as initial
    values: shown again, never validated, so a page with several forms loses nothing typed in any of them."""
    form = form_class(prefix=prefix)
    out = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if data is not None and key in data:
            out[name] = data.getlist(key) if isinstance(field, forms.MultipleChoiceField) else data.get(key)
    return out
