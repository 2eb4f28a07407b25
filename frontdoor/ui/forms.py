"""GOV.UK form building blocks: the three-box date input, text and radio fields with GOV.UK error wording,
and the helpers that carry a service's refusals (stale version, validation) back onto the form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError


def text(label: str, max_length: int, *, required: str | None = None, long: bool = False, hint: str = "", rows=5):
    """A text field whose over-long error and hint say the limit in plain words."""
    limit_hint = f"You can enter up to {max_length} characters." if long else ""
    return forms.CharField(
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


def radios(label: str, choices, *, required: str, hint: str = ""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=hint,
        error_messages={"required": required, "invalid_choice": required},
    )


def stale_form(form_class, data, *, version, message: str, **kwargs):
    """The form re-bound to what the user typed, carrying the record's current version and the stale message.

    Saving it again is then a deliberate choice made after seeing the message.
    """
    data = data.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, message)
    return form


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
        except ValueError:
            raise ValidationError(f"{self.noun} must be a real date") from None
        today = dt.date.today()
        if self.past_only and value > today:
            raise ValidationError(f"{self.noun} must be today or in the past")
        if self.future_only and value < today:
            raise ValidationError(f"{self.noun} must be today or in the future")
        if self.earliest and value < self.earliest:
            raise ValidationError(f"{self.noun} must be after {self.earliest:%-d %B %Y}")
        return value
