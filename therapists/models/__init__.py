from .accounts import TherapistAccount
from .messages import ContactMessage
from .pages import (
    GENDER_CHOICES,
    PracticeLocation,
    TherapistIndexPage,
    TherapistProfilePage,
    accepting_cutoff,
)
from .taxonomies import (
    Approach,
    Faith,
    Identity,
    Insurer,
    Issue,
    Language,
    Profession,
    State,
)

__all__ = [
    "GENDER_CHOICES",
    "Approach",
    "ContactMessage",
    "Faith",
    "Identity",
    "Insurer",
    "Issue",
    "Language",
    "PracticeLocation",
    "Profession",
    "State",
    "TherapistAccount",
    "TherapistIndexPage",
    "TherapistProfilePage",
    "accepting_cutoff",
]
