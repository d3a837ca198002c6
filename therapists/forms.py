import re
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from .counts import cached_taxonomy_options
from .facets import FACETS, FLAGS, VocabularyFacet
from .places import PlaceQuestion, parse_location, plain_text

DEFAULT_RADIUS = 25
RADIUS_CHOICES = [5, 10, 25, 50, 100, 250]
NAME_WORD_RE = re.compile(r"\w[\w'’.-]*")


def without_empty_values(data):
    """The query with control characters blanked and empty values dropped.

    An empty value means "no filter" for every parameter: forms send their defaults that way
    (the prompt's "Any issue" is `issue=`), and `location=&location=OR` gives OR once.
    """
    tidy = QueryDict(mutable=True)
    for name in data:
        values = data.getlist(name) if hasattr(data, "getlist") else data[name]
        for value in values if isinstance(values, list | tuple) else [values]:
            value = plain_text(value) if isinstance(value, str) else value
            if value not in ("", None):
                tidy.appendlist(name, value)
    return tidy


class TaxonomyOption(NamedTuple):
    pk: int
    slug: str
    name: str


class ListField(forms.Field):
    """A repeatable parameter whose values each name an option; cleans to the distinct options."""

    widget = forms.SelectMultiple

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            raise ValidationError("Enter a list of values.")
        options = self.options()
        chosen = []
        for raw in value:
            option = self.option(options, str(raw))
            if option not in chosen:
                chosen.append(option)
        return chosen


class TaxonomyField(ListField):
    """Options of one vocabulary by slug (repeatable), checked against the cached option list
    the facets use, so validating them needs no query. Cleans to TaxonomyOptions."""

    def __init__(self, param, noun, **kwargs):
        super().__init__(**kwargs)
        self.param = param
        self.noun = noun

    def options(self):
        return {
            slug: TaxonomyOption(pk, slug, name)
            for kind, pk, slug, name in cached_taxonomy_options()
            if kind == self.param
        }

    def option(self, options, raw):
        if raw not in options:
            # Long junk in the URL should not be echoed back whole.
            raise ValidationError(
                f"We have no {self.noun} called “{raw[:60]}”. Pick one from the list."
            )
        return options[raw]


class ChoiceListField(ListField):
    """Fixed options by value (several mean any of them), e.g. `age=teens`; cleans to values."""

    def __init__(self, choices, noun, **kwargs):
        super().__init__(**kwargs)
        self.choices = [value for value, _label in choices]
        self.noun = noun

    def options(self):
        return self.choices

    def option(self, options, raw):
        # "older_adults" is how people who know the field names write it.
        value = raw.strip().lower().replace("_", "-")
        if value not in options:
            listed = ", ".join(options[:-1]) + " or " + options[-1]
            raise ValidationError(f"“{raw[:60]}” is not {self.noun} we list: choose {listed}.")
        return value


class YesField(forms.BooleanField):
    """A `=1` flag; anything but 1 (or empty) is an error rather than silently ignored."""

    def __init__(self, **kwargs):
        # A text widget hands over the raw value (a checkbox widget turns "yes" into True).
        super().__init__(required=False, widget=forms.TextInput, **kwargs)

    def to_python(self, value):
        if value in (None, "", "0", False):
            return False
        if value in ("1", "true", "on", True):
            return True
        raise ValidationError("Use 1 to turn this filter on.")


def facet_field(facet):
    """The search form's field for one of Advanced Search's facets (facets.py)."""
    if isinstance(facet, VocabularyFacet):
        return TaxonomyField(facet.param, facet.option_noun)
    if facet.value_field:
        return forms.MultipleChoiceField(
            required=False,
            choices=facet.choices,
            error_messages={
                "invalid_choice": f"“%(value)s” is not a {facet.option_noun} option in the list."
            },
        )
    return ChoiceListField(facet.choices, facet.option_noun)


# Advanced Search's fields, one per facet and flag (facets.py), made by the forms metaclass.
FilterFields = type(forms.Form)(
    "FilterFields",
    (forms.Form,),
    {facet.param: facet_field(facet) for facet in FACETS}
    | {flag.param: YesField(label=flag.label) for flag in FLAGS},
)


class DirectorySearchForm(FilterFields):
    """Validates the directory's query parameters (shared/PRODUCT.md lists them)."""

    location = forms.CharField(
        required=False,
        max_length=100,
        label="ZIP code, city or state",
        error_messages={"max_length": "A place is at most %(limit_value)d characters."},
    )
    radius = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=250,
        label="Within",
        error_messages={
            "invalid": "The distance must be a whole number of miles from 1 to 250.",
            "min_value": "The distance must be at least 1 mile.",
            "max_value": "The distance can be at most 250 miles.",
        },
    )
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Therapist name",
        error_messages={"max_length": "A name is at most %(limit_value)d characters."},
    )
    max_fee = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=10_000,
        label="Session fee up to ($)",
        error_messages={
            "invalid": "The fee must be a whole number of dollars.",
            "min_value": "The fee cannot be negative.",
            "max_value": "The fee can be at most $10,000.",
        },
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[("distance", "Nearest first"), ("name", "Name")],
        error_messages={"invalid_choice": "Sort by distance or name."},
    )

    FLAG_FIELDS = [flag.param for flag in FLAGS]
    field_order = ["location", "radius", "q", *(facet.param for facet in FACETS), *FLAG_FIELDS]
    SINGLE_FIELDS = ["location", "radius", "q", *FLAG_FIELDS, "max_fee", "sort"]

    def __init__(self, data, *args, **kwargs):
        data = without_empty_values(data)
        self.repeated = [name for name in self.SINGLE_FIELDS if len(data.getlist(name)) > 1]
        super().__init__(data, *args, **kwargs)

    def clean_location(self):
        return parse_location(self.cleaned_data["location"])

    def clean_q(self):
        """The words of a name; quotes and operators would mean something to the search engine."""
        text = self.cleaned_data["q"]
        words = NAME_WORD_RE.findall(text)
        if text.strip() and not words:
            raise ValidationError("Enter part of a name, e.g. Okafor.")
        return " ".join(words)

    def clean(self):
        cleaned = super().clean()
        for name in self.repeated:
            self.add_error(name, "Give this only once.")
        place = cleaned.get("location")
        if isinstance(place, PlaceQuestion):
            place = None  # the view asks which place; nothing is searched yet
        has_point = place is not None and place.point is not None
        if not cleaned.get("sort") or (cleaned["sort"] == "distance" and not has_point):
            # Without a point (a whole state has no centre) the results are all tied: they
            # come in the day's rotation (rotation.py); `name` asks for name order instead.
            cleaned["sort"] = "distance" if has_point else "rotation"
        if cleaned.get("radius") is None:
            cleaned["radius"] = DEFAULT_RADIUS
        return cleaned
