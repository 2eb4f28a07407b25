import datetime as dt

from django import forms

from frontdoor.ui.forms import GovukDateField


class PeriodForm(forms.Form):
    start = GovukDateField(label="Start date", past_only=True, earliest=dt.date(2000, 1, 1))
    end = GovukDateField(label="End date", earliest=dt.date(2000, 1, 1))
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "Excel spreadsheet")], required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data
