"""The article search's GET parameters as Django forms, as the directory reads its own
(therapists/forms.py): each parameter given at most once, `scope` and `sort` from their known
values (any case; `all` or nothing for every scope), and `q` read by `clean_query` (shortened,
never refused). `page` is left to home/pagination.py, which answers a bad page with a 404 page.
Every default (nothing at all, `scope=`, `sort=relevance`) is valid."""

from django import forms

from .query import CONTROL, SCOPES, SORTS, clean_query


class QueryField(forms.CharField):
    """The words typed: control characters become spaces first, so a NUL (which Django's
    CharField refuses and PostgreSQL cannot store) is a separator, not an error."""

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, **kwargs)

    def to_python(self, value):
        return CONTROL.sub(" ", super().to_python(value))


class QueryForm(forms.Form):
    """`q` alone (the suggestions)."""

    q = QueryField()

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.repeated = [name for name in self.fields if len(data.getlist(name)) > 1]

    def clean_q(self):
        text, words, shortened = clean_query(self.cleaned_data["q"])
        self.words, self.shortened = words, shortened
        return text

    def clean(self):
        cleaned = super().clean()
        for name in self.repeated:
            self.add_error(name, f"Give “{name}” once.")
        return cleaned

    def query_text(self):
        """What was typed, cleaned, even when the form is invalid (to show it back)."""
        if "q" in self.repeated:
            return ""
        return clean_query(self.fields["q"].to_python(self.data.get("q", "")))[0]


class SearchForm(QueryForm):
    """The results page: `q`, `scope` and `sort`."""

    scope = forms.CharField(required=False)
    sort = forms.CharField(required=False)

    def clean_scope(self):
        value = self.cleaned_data["scope"].lower()
        if value in ("", "all"):
            return None
        if value not in SCOPES:
            raise forms.ValidationError(
                f"“{value[:30]}” is not a search scope: choose Title, Content or Author "
                "(or none to search all three)."
            )
        return value

    def clean_sort(self):
        value = self.cleaned_data["sort"].lower() or "relevance"
        if value not in SORTS:
            raise forms.ValidationError(
                f"“{value[:30]}” is not a sort order: choose best match or newest."
            )
        return value

    def messages(self):
        """Every error, one sentence each, for the alert above the form."""
        return [message for errors in self.errors.values() for message in errors]
