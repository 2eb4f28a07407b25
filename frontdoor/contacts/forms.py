"""The call flow's step forms: validation and GOV.UK wording only. Each form validates a whole step."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone

from frontdoor.core import codes
from frontdoor.directory.models import Agency
from frontdoor.ui.forms import GovukDateField, phone_number, radios, text, version_field

from . import domain
from .models import Contact

EARLIEST_BIRTH = dt.date(1900, 1, 1)
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


class StepForm(forms.Form):
    """Every step carries the draft's version so a stale tab is refused."""

    version = version_field()
    model_fields: tuple[str, ...] = ()
    inline_fields: tuple[str, ...] = ()  # radios shown side by side

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.model_fields}

    @classmethod
    def initial_from(cls, contact: Contact) -> dict:
        initial = {name: getattr(contact, name) for name in cls.model_fields}
        initial["version"] = contact.version
        return initial


class CallerForm(StepForm):
    model_fields = (
        "caller_type",
        "caller_name",
        "caller_role",
        "caller_agency",
        "caller_agency_name",
        "caller_phone",
        "caller_email",
        "caller_confidential",
        "phone_route",
        "reason_for_call",
    )

    received_date = GovukDateField(label="Date the call came in", past_only=True, required=True)
    received_time = forms.CharField(
        label="Time the call came in",
        max_length=5,
        help_text="Use the 24-hour clock, for example 09:30 or 14:05",
        error_messages={"required": "Enter the time the call came in"},
    )
    caller_type = radios("Who is calling?", Contact.CallerType.choices, required="Select who is calling")
    caller_name = text("Caller's name", 120)
    caller_role = text("Caller's job or role", 120, hint="For example, class teacher, health visitor, GP")
    caller_agency = forms.ModelChoiceField(
        label="Caller's agency",
        queryset=Agency.objects.filter(active=True),
        required=False,
        empty_label="Choose an agency",
        help_text="If the agency is not in the list, type its name below",
    )
    caller_agency_name = text("Agency name, if not in the list", 160)
    caller_phone = phone_number("Caller's phone number")
    caller_email = forms.EmailField(
        label="Caller's email address",
        max_length=254,
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Caller's email address must be 254 characters or fewer",
        },
    )
    caller_confidential = forms.BooleanField(
        label="The caller asked to keep their identity confidential",
        required=False,
        help_text="Only for members of the public. Their name will not be shared with the family or other agencies.",
    )
    phone_route = radios(
        "Which phone line did the call come through?", Contact.PhoneRoute.choices, required="Select the phone line"
    )
    reason_for_call = text("Reason for the call", domain.TEXT_LONG, required="Enter the reason for the call", long=True)

    @classmethod
    def initial_from(cls, contact: Contact) -> dict:
        initial = super().initial_from(contact)
        local = timezone.localtime(contact.received_at)
        initial["received_date"] = local.date()
        initial["received_time"] = local.strftime("%H:%M")
        initial["caller_agency"] = contact.caller_agency_id
        return initial

    def clean_received_time(self):
        value = self.cleaned_data["received_time"].strip().replace(".", ":")
        if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value):
            raise forms.ValidationError("Enter a real time, for example 09:30 or 14:05")
        return value

    def clean_caller_phone(self):
        value = self.cleaned_data["caller_phone"].strip()
        if not value:
            return ""
        digits = domain.normalise_uk_phone(value)
        if digits is None:
            raise forms.ValidationError("Enter a UK phone number, like 01603 223344, 07700 900982 or +44 1603 223344")
        return domain.format_uk_phone(digits)

    def clean(self):
        data = super().clean()
        day, time = data.get("received_date"), data.get("received_time")
        if day and time:
            hour, minute = (int(x) for x in time.split(":"))
            received = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
            if received > timezone.now() + dt.timedelta(minutes=1):
                self.add_error("received_time", "The time the call came in must be now or in the past")
            else:
                data["received_at"] = received
        if data.get("caller_type") == Contact.CallerType.PROFESSIONAL:
            if not data.get("caller_name"):
                self.add_error("caller_name", "Enter the caller's name")
            if not data.get("caller_role"):
                self.add_error("caller_role", "Enter the caller's job or role")
            if not data.get("caller_agency") and not data.get("caller_agency_name"):
                self.add_error("caller_agency", "Choose the caller's agency or type its name")
            if not data.get("caller_phone") and "caller_phone" not in self.errors:
                self.add_error("caller_phone", "Enter the caller's phone number")
            data["caller_confidential"] = False
        return data

    def values(self) -> dict:
        values = super().values()
        values["received_at"] = self.cleaned_data["received_at"]
        values["caller_agency"] = self.cleaned_data.get("caller_agency")
        return values


class PersonForm(forms.Form):
    """Someone on the call. `child=True` fixes the role to the child the call is about."""

    version = version_field()
    role = forms.ChoiceField(
        label="Who are they to the child?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who they are to the child", "invalid_choice": "Select who they are"},
    )
    given_name = text("First name", 100, required="Enter their first name")
    family_name = text("Last name", 100)
    date_of_birth = GovukDateField(
        label="Date of birth",
        past_only=True,
        earliest=EARLIEST_BIRTH,
        required=False,
        help_text="For example, 27 3 2015",
    )
    approximate_age = forms.IntegerField(
        label="Approximate age in years, if you do not know the date of birth",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Approximate age must be a number, like 7",
            "min_value": "Approximate age must be 0 or more",
            "max_value": "Approximate age must be 120 or less",
        },
    )
    sex = forms.ChoiceField(label="Sex", choices=codes.sex_choices(), widget=forms.RadioSelect, required=False)
    relationship = text("Relationship to the child", 120, hint="For example, mother, stepfather, older brother, aunt")
    lives_with_child = forms.BooleanField(label="Lives with the child", required=False)
    parental_responsibility = forms.BooleanField(label="Has parental responsibility", required=False)
    address = text("Address", 300, long=True, rows=3)
    postcode = forms.CharField(
        label="Postcode", max_length=8, required=False, error_messages={"max_length": "Enter a real postcode"}
    )

    SEARCH_FIELDS = ("given_name", "family_name", "date_of_birth", "approximate_age", "sex", "postcode")

    def __init__(self, *args, child: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        from .models import ContactPerson

        if child:
            self.fields["role"].choices = [(ContactPerson.Role.CHILD, ContactPerson.Role.CHILD.label)]
            self.fields["role"].widget = forms.HiddenInput()
            self.fields["role"].initial = ContactPerson.Role.CHILD
            self.fields["family_name"].required = True
            self.fields["family_name"].error_messages["required"] = "Enter their last name"
            for name in ("lives_with_child", "parental_responsibility", "relationship"):
                del self.fields[name]
        else:
            self.fields["role"].choices = [c for c in ContactPerson.Role.choices if c[0] != ContactPerson.Role.CHILD]
            self.fields["relationship"].required = True
            self.fields["relationship"].error_messages["required"] = "Enter their relationship to the child"

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip().upper()
        if value and not POSTCODE_RE.match(value):
            raise forms.ValidationError("Enter a real postcode, like NR1 2DH")
        if value and " " not in value:
            value = f"{value[:-3]} {value[-3:]}"
        return value

    def clean(self):
        data = super().clean()
        dob, age = data.get("date_of_birth"), data.get("approximate_age")
        if dob is None and age is None and "date_of_birth" not in self.errors and "approximate_age" not in self.errors:
            self.add_error("date_of_birth", "Enter a date of birth or an approximate age")
        if self.child:
            today = timezone.localdate()
            if dob and (today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))) >= 18:
                self.add_error("date_of_birth", "A child must be under 18: check the date of birth")
            if age is not None and age >= 18:
                self.add_error("approximate_age", "A child must be under 18: check the approximate age")
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["sex"] = data.get("sex") or ""
        return data


class MatchForm(forms.Form):
    """Pick the existing record that is the same person, or say explicitly that none is."""

    NEW = "new"
    match = forms.ChoiceField(
        label="Is this one of these people?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the record that is the same person, or choose to add a new person",
            "invalid_choice": "Select the record that is the same person, or choose to add a new person",
        },
    )

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = list(matches)
        self.fields["match"].choices = [(str(m.person.pk), str(m.person)) for m in self.matches] + [
            (self.NEW, "None of these, add as a new person")
        ]

    def chosen_person(self):
        value = self.cleaned_data["match"]
        return next((m.person for m in self.matches if str(m.person.pk) == value), None)


class RelinkForm(forms.Form):
    """A manager chooses the record a person on a recorded contact is the same as, or no record."""

    NONE = "none"
    version = version_field()
    match = forms.ChoiceField(
        label="Which record is this person?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the record that is the same person, or no record",
            "invalid_choice": "Select the record that is the same person, or no record",
        },
    )
    reason = text(
        "Why is the linked record changing?",
        domain.TEXT_MEDIUM,
        required="Enter why the linked record is changing",
        long=True,
        rows=3,
    )

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = list(matches)
        self.fields["match"].choices = [(str(m.person.pk), m.person.full_name) for m in self.matches] + [
            (self.NONE, "No record: they stay on this contact only")
        ]

    def chosen_person(self):
        value = self.cleaned_data["match"]
        return next((m.person for m in self.matches if str(m.person.pk) == value), None)


class ContinueForm(StepForm):
    """A step whose answers are added on other pages (family, action plan): only the version."""


def household_question(index: int, *, hint: str = "") -> forms.ChoiceField:
    """One of the four household questions (domestic abuse, mental illness, substance misuse, learning
    difficulties), asked during the call: yes, no or not known, optional."""
    return forms.ChoiceField(
        label=domain.HOUSEHOLD_QUESTIONS[index][1],
        choices=Contact.InHousehold.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=hint,
        error_messages={"invalid_choice": "Select yes, no or not known"},
    )


class WorriesForm(StepForm):
    model_fields = (
        "worried_about",
        "working_well",
        "needs_to_happen",
        "scale",
        "scale_reason",
        "child_location",
        "parents_aware",
        "immediacy",
        "support_so_far",
        *(name for name, _ in domain.HOUSEHOLD_QUESTIONS),
    )
    inline_fields = ("scale", *(name for name, _ in domain.HOUSEHOLD_QUESTIONS))
    worried_about = text(
        "What are we worried about?",
        domain.TEXT_LONG,
        required="Enter what we are worried about",
        long=True,
        hint="What has happened, to whom, when and where. Keep facts apart from opinion.",
    )
    working_well = text("What is working well?", domain.TEXT_LONG, required="Enter what is working well", long=True)
    needs_to_happen = text("What needs to happen?", domain.TEXT_LONG, required="Enter what needs to happen", long=True)
    scale = forms.TypedChoiceField(
        label="On a scale of 0 to 10, how safe is the child?",
        help_text="0 means the child is not safe, 10 means safe enough to close",
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a number from 0 to 10",
            "invalid_choice": "The scale must be a number from 0 to 10",
        },
    )
    scale_reason = text(
        "Why this number?",
        domain.TEXT_MEDIUM,
        required="Enter why you chose this number",
        long=True,
        rows=3,
        hint="And what would move it up.",
    )
    child_location = text(
        "Where is the child now?", domain.TEXT_MEDIUM, required="Enter where the child is now", long=True, rows=2
    )
    parents_aware = radios(
        "Do the parents or carers know about the concern?",
        Contact.ParentsAware.choices,
        required="Select whether the parents or carers know about the concern",
    )
    immediacy = radios(
        "How immediate is the concern?", Contact.Immediacy.choices, required="Select how immediate the concern is"
    )
    support_so_far = text("What support has been given so far?", domain.TEXT_LONG, long=True, rows=3)
    domestic_abuse = household_question(
        0, hint="Ask the caller about each of these four. Choose Not known if they do not know."
    )
    mental_illness = household_question(1)
    substance_misuse = household_question(2)
    learning_difficulties = household_question(3)

    @classmethod
    def initial_from(cls, contact: Contact) -> dict:
        """The reason for the call seeds the worries: the worker edits it rather than typing it again."""
        initial = super().initial_from(contact)
        if not contact.worried_about:
            initial["worried_about"] = contact.reason_for_call
        return initial


class RecordsForm(StepForm):
    model_fields = ("records_check_notes",)
    records_check_notes = text(
        "Notes from the records check",
        domain.TEXT_LONG,
        long=True,
        hint="Past and current risk, anything the records show that the caller did not know.",
    )


class ConsentForm(StepForm):
    model_fields = ("consent", "consent_not_sought_reason", "consent_plan", "consent_notes")
    consent = radios(
        "Has the family's consent to share information been obtained?",
        Contact.Consent.choices,
        required="Select whether consent was obtained",
    )
    consent_not_sought_reason = forms.ChoiceField(
        label="If consent was not sought, why not?",
        choices=Contact.ConsentNotSoughtReason.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select why consent was not sought"},
    )
    consent_plan = text(
        "How and when will consent be sought?",
        domain.TEXT_MEDIUM,
        long=True,
        rows=3,
        hint="Who will ask, and when. Include any interim actions.",
    )
    consent_notes = text("Notes about consent", domain.TEXT_MEDIUM, long=True, rows=3)

    def clean(self):
        data = super().clean()
        consent = data.get("consent")
        if consent == Contact.Consent.NOT_SOUGHT:
            if not data.get("consent_not_sought_reason") and "consent_not_sought_reason" not in self.errors:
                self.add_error("consent_not_sought_reason", "Select why consent was not sought")
            if not data.get("consent_plan") and "consent_plan" not in self.errors:
                self.add_error("consent_plan", "Enter how and when consent will be sought")
        elif consent:
            data["consent_not_sought_reason"] = ""
        return data


class RelationshipForm(StepForm):
    """The read-back ("naming the problem", CADS script step 5), then the caller's relationship with the family and
    the outcome they hope for (step 6)."""

    model_fields = ("named_problem", "caller_relationship", "caller_hoped_outcome")
    named_problem = text(
        "Read back: the problem, named",
        domain.TEXT_LONG,
        required="Name the problem in one summary",
        long=True,
        rows=5,
        hint="Read this back to the caller in plain words, ask clarifying questions, and change it until you agree.",
    )
    caller_relationship = text(
        "What is the caller's relationship with the family?",
        domain.TEXT_MEDIUM,
        required="Enter the caller's relationship with the family",
        long=True,
        rows=3,
        hint="How they know the family and how well.",
    )
    caller_hoped_outcome = text(
        "What outcome is the caller hoping for?",
        domain.TEXT_MEDIUM,
        required="Enter the outcome the caller is hoping for",
        long=True,
        rows=3,
    )

    @classmethod
    def initial_from(cls, contact: Contact) -> dict:
        initial = super().initial_from(contact)
        initial["named_problem"] = contact.named_problem or domain.suggested_named_problem(contact)
        return initial


class OutcomeForm(StepForm):
    model_fields = ("agreed_outcome", "outcome_notes")
    agreed_outcome = radios(
        "What is the agreed outcome?", Contact.Outcome.choices, required="Select the agreed outcome"
    )
    outcome_notes = text("Reasons for the outcome", domain.TEXT_LONG, long=True, rows=3)


class ActionForm(forms.Form):
    version = version_field()
    what = text("What will be done?", 500, required="Enter what will be done")
    owner = text("Who will do it?", 160, required="Enter who will do it", hint="A name and agency, or 'the caller'")
    due_date = GovukDateField(
        label="Due date",
        future_only=True,
        required=True,
        help_text="By when it will be done, for example 27 3 2027",
        error_messages={"required": "Enter the due date", "incomplete": "Enter the due date"},
    )


class CheckForm(StepForm):
    """The read-back. With `index_choices` ((ContactPerson id, label), the new people a record may be made
    for), the worker confirms who is added to the person index: `add_to_index`, ticked by default."""

    model_fields = ("named_problem",)

    def __init__(self, *args, index_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        if index_choices:
            self.fields["add_to_index"] = forms.MultipleChoiceField(
                label="These people will be added to the person index",
                choices=list(index_choices),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Select only people from the list"},
            )
            if not self.is_bound:
                self.initial.setdefault("add_to_index", [value for value, _ in index_choices])

    def index_choice_ids(self) -> list[str] | None:
        """The ticked ContactPerson ids, or None when no list was shown."""
        if "add_to_index" not in self.fields:
            return None
        return list(self.cleaned_data.get("add_to_index") or [])

    named_problem = text(
        "The problem, named",
        domain.TEXT_LONG,
        required="Name the problem in one summary",
        long=True,
        rows=6,
        hint="Read this back to the caller in plain words and change it until you agree.",
    )
