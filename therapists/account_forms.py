"""Forms of /join/ and the therapist's account page."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from home.forms import EmailAddressField

from .geo import lookup_zip
from .models import Profession, TherapistAccount
from .states import STATE_NAMES, STATES


def _account_for_email(email):
    """(user, account) of an existing account with this address, or (None, None)."""
    User = get_user_model()
    user = (
        User.objects.filter(email__iexact=email).first()
        or User.objects.filter(username__iexact=email).first()
    )
    if user is None:
        return None, None
    return user, TherapistAccount.objects.filter(user=user).first()


class JoinForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=120,
        help_text="As it appears on your license; it becomes your profile's title.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = EmailAddressField(
        label="Email address",
        max_length=150,
        help_text="You sign in with it; we send a link to confirm it. Never shown publicly.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not a common password, not only numbers, not like "
        "your name or email.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    profession = forms.ModelChoiceField(
        queryset=Profession.objects.order_by("name"), empty_label="Choose your profession"
    )
    license_type = forms.CharField(
        max_length=80, help_text="e.g. LMFT, LCSW, PsyD", label="License type"
    )
    license_number = forms.CharField(max_length=40, label="License number")
    license_state = forms.ChoiceField(
        label="License state", choices=[("", "Choose a state")] + list(STATES)
    )
    zip_code = forms.CharField(
        label="Primary practice ZIP code",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    accept_terms = forms.BooleanField(
        label="I accept the Terms of Use and the membership requirements: I hold a current "
        "license to practise, and staff may check it with the issuing board before my profile "
        "is published.",
        error_messages={"required": "Accept the terms and membership requirements to join."},
    )

    def clean_email(self):
        """Never says whether the address has an account (that would tell anyone who is
        listed): an address that has one is accepted like any other, and `existing_user` tells
        the view to email its owner instead of creating an account (accounts.tell_existing)."""
        email = self.cleaned_data["email"].strip().lower()
        user, account = _account_for_email(email)
        self.existing_user = None
        if user is None:
            return email
        if account is not None and not account.is_verified and not user.is_active:
            return email  # a second attempt before verifying: a fresh link
        self.existing_user = user
        return email

    def clean_zip_code(self):
        value = self.cleaned_data["zip_code"].strip()
        info = lookup_zip(value)
        if info is None:
            raise ValidationError("We do not know this ZIP code; enter the 5 digits.")
        return info.zip_code

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            User = get_user_model()
            probe = User(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        zip_code, state = cleaned.get("zip_code"), cleaned.get("license_state")
        if zip_code and state:
            info = lookup_zip(zip_code)
            if info and info.state != state:
                # Allowed (licensed elsewhere, online work), but say so instead of guessing.
                self.add_error(
                    "license_state",
                    f"Your practice ZIP is in {STATE_NAMES.get(info.state, info.state)}; "
                    "list a license valid where you practise.",
                )
        return cleaned


class ChangeEmailForm(forms.Form):
    new_email = EmailAddressField(
        label="New email address",
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_new_email(self):
        email = self.cleaned_data["new_email"].strip().lower()
        if email == self.user.email.lower():
            raise ValidationError("That is already your email address.")
        if get_user_model().objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise ValidationError("Another account uses this email address.")
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("That is not your password.")
        return password


class RemoveListingForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="Yes, take my profile off the directory and close my account.",
        error_messages={"required": "Tick the box to confirm."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("That is not your password.")
        return password
