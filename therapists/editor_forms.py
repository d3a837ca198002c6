"""The profile editor's form: the page's fields, plus the profile's availability.

Availability (models/availability.py) is not page content, so its two fields are not saved in the
revision: the form holds the answer on the page as `pending_availability`, a preview shows it, and
once Wagtail has saved the page (created, drafted, submitted or published) the
`after_create_page` / `after_edit_page` hooks in wagtail_hooks.py store it, live at once.
"""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput

from .models.availability import ProfileAvailability


class ProfilePageForm(WagtailAdminPageForm):
    accepting_new_clients = forms.BooleanField(
        label="Accepting new clients", required=False, initial=True
    )
    accepting_confirmed_on = forms.DateField(
        label=ProfileAvailability._meta.get_field("confirmed_on").verbose_name.capitalize(),
        help_text=ProfileAvailability._meta.get_field("confirmed_on").help_text,
        widget=AdminDateInput,
        initial=timezone.localdate,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            availability = self.instance.get_availability()
            self.initial.setdefault("accepting_new_clients", availability.accepting_new_clients)
            self.initial.setdefault("accepting_confirmed_on", availability.confirmed_on)

    def save(self, commit=True):
        page = super().save(commit=commit)
        page.pending_availability = ProfileAvailability(
            profile_id=page.pk,
            accepting_new_clients=self.cleaned_data["accepting_new_clients"],
            confirmed_on=self.cleaned_data["accepting_confirmed_on"],
        )
        return page


def save_pending_availability(page):
    """Store what the editor answered, once the page it belongs to is saved (it has an id)."""
    pending = getattr(page, "pending_availability", None)
    if pending is None or page.pk is None:
        return
    pending.profile_id = page.pk
    pending.save()
    del page.pending_availability
    page.availability = pending  # what get_availability() reads from now on
