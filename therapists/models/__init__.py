from .accounts import TherapistAccount
from .availability import ProfileAvailability, accepting_cutoff
from .directory import TherapistIndexPage
from .insight import ProfileDailyCount
from .locations import PracticeLocation
from .messages import ContactMessage
from .pages import GENDER_CHOICES, TherapistProfilePage
from .practice import StateLicense
from .reports import ListingReport
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
    "ListingReport",
    "PracticeLocation",
    "Profession",
    "ProfileAvailability",
    "ProfileDailyCount",
    "State",
    "StateLicense",
    "TherapistAccount",
    "TherapistIndexPage",
    "TherapistProfilePage",
    "accepting_cutoff",
]
