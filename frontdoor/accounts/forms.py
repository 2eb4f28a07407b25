from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from frontdoor.ui.forms import text


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been switched off. Ask your administrator for help",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


def _password(label: str, required: str, *, hint: str = "", autocomplete: str = "new-password"):
    return forms.CharField(
        label=label,
        strip=False,
        help_text=hint,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": required},
    )


NEW_PASSWORD_HINT = "At least 10 characters. Do not use a common password or one like your name or username."


class PasswordChangeForm(forms.Form):
    """The signed-in user's own password: the current one, then the new one twice."""

    old_password = _password("Current password", "Enter your current password", autocomplete="current-password")
    new_password1 = _password("New password", "Enter a new password", hint=NEW_PASSWORD_HINT)
    new_password2 = _password("Confirm new password", "Enter your new password again")

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError("Your current password is not right. Enter it again")
        return old

    def clean(self):
        cleaned = super().clean()
        new1, new2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if new1 and new2 and new1 != new2:
            self.add_error("new_password2", "The new passwords do not match. Enter the same password twice")
        elif new1:
            try:
                password_validation.validate_password(new1, self.user)
            except forms.ValidationError as exc:
                self.add_error("new_password1", exc)
        return cleaned


class TemporaryPasswordForm(forms.Form):
    password = forms.CharField(
        label="Temporary password",
        strip=False,
        help_text="Give it to the user by phone or in person. They must choose their own when they next sign in.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter a temporary password"},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the code",
            "max_length": "Enter the 6-digit code shown in your authenticator app",
        },
    )

    def __init__(self, *args, label: str = "Code", hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = label
        self.fields["code"].help_text = hint


class UserSearchForm(forms.Form):
    q = text("Search by name, username or email", 100)
