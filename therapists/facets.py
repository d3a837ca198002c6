"""The directory's filters, declared once: Advanced Search's facets and its yes/no flags.

Everything that knows about a filter reads it from here: the search form (forms.py) makes a field
of each, the search (finder.py) a condition, the counts (counts.py) their queries, the zero-results
help (search_help.py) its "Remove …" links, the cache (signals.py) which vocabularies to watch, and
the admin (wagtail_hooks.py) a listing per vocabulary. Adding a filter is adding an entry here.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from .models import (
    GENDER_CHOICES,
    Approach,
    Faith,
    Identity,
    Insurer,
    Issue,
    Language,
    PracticeLocation,
    Profession,
    ProfileAvailability,
    TherapistProfilePage,
)
from .models.practice import OFFICE_ACCESS, SESSION_ACCESS


@dataclass(frozen=True)
class Facet(ABC):
    """A filter of Advanced Search with a list of options, several of which may be ticked."""

    param: str  # the query parameter, e.g. ?issue=anxiety
    legend: str  # the heading of its options in Advanced Search
    noun: str  # how the zero-results help names it: Remove “Issue: Anxiety”
    option_noun: str  # how an error names one option: We have no issue called “x”

    def value(self, option):
        """An option as the query string writes it."""
        return option

    def label(self, option):
        return option

    @abstractmethod
    def conditions(self, options):
        """One Q per condition a profile must meet for these (ticked) options."""


@dataclass(frozen=True)
class VocabularyFacet(Facet):
    """Options from a vocabulary staff manage (a snippet), named by slug in the query string.

    Through a many-to-many field (issues, …), several ticks mean "all of them"; through a foreign
    key (one profession per profile), "any of them".
    """

    model: type = None
    relation: str = ""  # the profile's field holding its options
    icon: str = ""  # the vocabulary's icon in the admin

    @property
    def many(self):
        return TherapistProfilePage._meta.get_field(self.relation).many_to_many

    @property
    def any_of(self):
        return not self.many

    def through(self):
        """(through model, its column naming the option) of a many-to-many vocabulary."""
        through = getattr(TherapistProfilePage, self.relation).through
        target = next(
            f.attname
            for f in through._meta.concrete_fields
            if f.is_relation and f.attname != "therapistprofilepage_id"
        )
        return through, target

    def value(self, option):
        return option.slug

    def label(self, option):
        return option.name

    def conditions(self, options):
        if not options:
            return []
        if not self.many:
            return [Q(**{f"{self.relation}__in": [option.pk for option in options]})]
        # One subquery per option (no join): a profile must have each of them.
        through, target = self.through()
        return [
            Q(pk__in=through.objects.filter(**{target: pk}).values("therapistprofilepage_id"))
            for pk in (option.pk for option in options)
        ]


@dataclass(frozen=True)
class ChoiceFacet(Facet):
    """Fixed options; several ticks mean "any of them".

    Either each option is a value of one profile field (`value_field`: gender), or each is a
    yes/no field of its own (`option_fields`: ages seen, who attends).
    """

    choices: tuple = ()  # (value, label)
    value_field: str = ""
    option_fields: dict = field(default_factory=dict)  # value -> yes/no field of the profile
    any_of = True

    def label(self, option):
        return dict(self.choices)[option]

    def option_q(self, value):
        """Profiles that have this one option."""
        if self.value_field:
            return Q(**{self.value_field: value})
        return Q(**{self.option_fields[value]: True})

    def conditions(self, options):
        if not options:
            return []
        if self.value_field:
            return [Q(**{f"{self.value_field}__in": list(options)})]
        any_of = Q()
        for value in options:
            any_of |= self.option_q(value)
        return [any_of]


@dataclass(frozen=True)
class AccessibilityFacet(ChoiceFacet):
    """What an office or the sessions offer (step-free access, ASL, …); several ticks mean
    *all of them*, and the ticked office features must all be at one office."""

    office_fields: dict = field(default_factory=dict)  # value -> PracticeLocation yes/no field
    any_of = False

    def _office(self, fields):
        return Q(
            Exists(
                PracticeLocation.objects.filter(
                    profile=OuterRef("pk"), **dict.fromkeys(fields, True)
                )
            )
        )

    def option_q(self, value):
        if value in self.office_fields:
            return self._office([self.office_fields[value]])
        return super().option_q(value)

    def conditions(self, options):
        office = [self.office_fields[value] for value in options if value in self.office_fields]
        conditions = [self.option_q(value) for value in options if value in self.option_fields]
        if office:
            conditions.append(self._office(office))
        return conditions


def _accessibility():
    """`accessibility=step-free` is the office's step_free_access box, and so on."""
    slugs = {
        "step_free_access": "step-free",
        "accessible_restroom": "accessible-restroom",
        "accessible_parking": "parking",
        "sessions_asl": "asl",
        "sessions_captions": "captions",
        "sessions_sensory_friendly": "sensory-friendly",
    }
    return {
        "choices": tuple((slugs[name], label) for name, label in OFFICE_ACCESS + SESSION_ACCESS),
        "office_fields": {slugs[name]: name for name, _label in OFFICE_ACCESS},
        "option_fields": {slugs[name]: name for name, _label in SESSION_ACCESS},
    }


def _client_focus(fields):
    """Choices and fields for the ages and groups a profile says it sees: `older-adults` in the
    query string is the `serves_older_adults` box, labelled as in the editor."""
    labels = dict(TherapistProfilePage.CLIENT_AGES + TherapistProfilePage.CLIENT_GROUPS)
    return {
        "choices": tuple((value, labels[name]) for value, name in fields),
        "option_fields": dict(fields),
    }


# In the order Advanced Search shows them.
FACETS = [
    VocabularyFacet(
        param="issue",
        legend="Issues",
        noun="Issue",
        option_noun="issue",
        model=Issue,
        relation="issues",
        icon="warning",
    ),
    ChoiceFacet(
        param="age",
        legend="Client ages",
        noun="Client age",
        option_noun="an age group",
        **_client_focus(
            [
                ("children", "serves_children"),
                ("teens", "serves_teens"),
                ("adults", "serves_adults"),
                ("older-adults", "serves_older_adults"),
            ]
        ),
    ),
    ChoiceFacet(
        param="modality",
        legend="Therapy for",
        noun="Therapy for",
        option_noun="a kind of session",
        **_client_focus(
            [
                ("individuals", "sees_individuals"),
                ("couples", "sees_couples"),
                ("families", "sees_families"),
                ("groups", "sees_groups"),
            ]
        ),
    ),
    VocabularyFacet(
        param="profession",
        legend="Profession",
        noun="Profession",
        option_noun="profession",
        model=Profession,
        relation="profession",
        icon="user",
    ),
    VocabularyFacet(
        param="approach",
        legend="Types of therapy",
        noun="Type of therapy",
        option_noun="type of therapy",
        model=Approach,
        relation="approaches",
        icon="cogs",
    ),
    VocabularyFacet(
        param="language",
        legend="Languages",
        noun="Language",
        option_noun="language",
        model=Language,
        relation="languages",
        icon="globe",
    ),
    VocabularyFacet(
        param="insurance",
        legend="Insurance",
        noun="Insurance",
        option_noun="insurer",
        model=Insurer,
        relation="insurers",
        icon="doc-full",
    ),
    VocabularyFacet(
        param="faith",
        legend="Faith",
        noun="Faith",
        option_noun="faith",
        model=Faith,
        relation="faith",
        icon="site",
    ),
    VocabularyFacet(
        param="identity",
        legend="Therapist identity",
        noun="Therapist identity",
        option_noun="identity",
        model=Identity,
        relation="identities",
        icon="group",
    ),
    AccessibilityFacet(
        param="accessibility",
        legend="Accessibility",
        noun="Accessibility",
        option_noun="an accessibility feature",
        **_accessibility(),
    ),
    ChoiceFacet(
        param="gender",
        legend="Therapist gender",
        noun="Therapist gender",
        option_noun="gender",
        choices=tuple(GENDER_CHOICES),
        value_field="gender",
    ),
]
VOCABULARY_FACETS = [facet for facet in FACETS if isinstance(facet, VocabularyFacet)]
CHOICE_FACETS = [facet for facet in FACETS if isinstance(facet, ChoiceFacet)]


@dataclass(frozen=True)
class Flag:
    """A yes/no filter (`online=1`), shown under "Sessions and availability"."""

    param: str
    label: str
    profile_field: str = ""  # the profile's yes/no field; empty for `accepting` (has a date)

    def condition(self, accepting_since):
        if self.profile_field:
            return Q(**{self.profile_field: True})
        return accepting_q(accepting_since)


FLAGS = [
    Flag("online", "Online sessions", "offers_online"),
    Flag("in_person", "In-person sessions", "offers_in_person"),
    Flag("sliding_scale", "Sliding scale fees", "sliding_scale"),
    Flag("accepting", "Accepting new clients"),
    Flag("free_consultation", "Free initial consultation", "free_consultation"),
]


def accepting_q(since):
    """Profiles accepting new clients that said so on or after `since` (ProfileAvailability).

    A correlated EXISTS rather than a join: counting over a few hundred results, PostgreSQL
    would hash-join the whole availability table where this looks up each result's row.
    """
    return Q(
        Exists(
            ProfileAvailability.objects.filter(
                profile=OuterRef("pk"), accepting_new_clients=True, confirmed_on__gte=since
            )
        )
    )
