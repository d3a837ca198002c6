"""Form helpers every app's public forms share."""

from django import forms

from .validators import validate_mailable_email


class EmailAddressField(forms.EmailField):
    """The email field of every public form: Django's, and an address mail can be sent to
    (validate_mailable_email). Model forms take it through `Meta.field_classes`."""

    default_validators = [*forms.EmailField.default_validators, validate_mailable_email]


def count_characters(field):
    """Let a text area take more than its limit, with a live count, instead of a `maxlength` that
    silently cuts a long paste short: the count comes from site/static/js/char-count.js, and the
    field's own max_length validation answers a text that is too long, keeping what was typed."""
    attrs = field.widget.attrs
    limit = attrs.pop("maxlength", None) or field.max_length
    attrs["data-max-length"] = str(limit)
