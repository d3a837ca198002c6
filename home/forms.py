"""Form helpers every app's public forms share."""


def count_characters(field):
    """Let a text area take more than its limit, with a live count, instead of a `maxlength` that
    silently cuts a long paste short: the count comes from site/static/js/char-count.js, and the
    field's own max_length validation answers a text that is too long, keeping what was typed."""
    attrs = field.widget.attrs
    limit = attrs.pop("maxlength", None) or field.max_length
    attrs["data-max-length"] = str(limit)
