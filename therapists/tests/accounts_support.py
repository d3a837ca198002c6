"""Therapists made the way the site makes them: the join form's data, then verification."""

import re

from django.contrib.auth import get_user_model

from therapists import accounts
from therapists.models import Profession

from .fixtures import directory_page


def join_data(name="Maya Okafor", email="maya@example.com", **overrides):
    profession, _ = Profession.objects.get_or_create(name="Psychologist")
    data = {
        "name": name,
        "email": email,
        "password1": "calm-river-4821",
        "password2": "calm-river-4821",
        "profession": str(profession.pk),
        "license_type": "PsyD",
        "license_number": "PSY-12345",
        "license_state": "OR",
        "zip_code": "97214",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def make_therapist(name, email):
    """A verified therapist with their draft profile (through accounts.register and verify)."""
    from therapists.account_forms import JoinForm

    directory_page()
    form = JoinForm(join_data(name, email))
    assert form.is_valid(), form.errors
    user = accounts.register(form.cleaned_data)
    accounts.verify(user.pk, email)
    return get_user_model().objects.get(pk=user.pk)


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)
