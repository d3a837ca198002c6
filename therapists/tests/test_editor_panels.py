"""The therapist's editor: long vocabularies are checkbox lists, usable without Ctrl-click."""

from django import forms

from therapists.models import TherapistProfilePage

CHECKBOX_FIELDS = [
    "issues",
    "top_specialties",
    "approaches",
    "languages",
    "identities",
    "insurers",
    "online_states",
]


def test_many_to_many_fields_are_checkbox_lists():
    form_class = TherapistProfilePage.get_edit_handler().get_form_class()
    widgets = {name: type(form_class.base_fields[name].widget) for name in CHECKBOX_FIELDS}
    assert widgets == dict.fromkeys(CHECKBOX_FIELDS, forms.CheckboxSelectMultiple)
