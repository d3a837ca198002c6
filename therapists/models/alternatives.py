"""Therapists near a profile who could help instead: for a visitor who has written to one and
may not hear back (the message-sent page and the sender's confirmation email)."""

from .similar import similar_profiles


def nearby_alternatives(profile, accepting_since):
    """The profile's similar therapists nearby (similar.py) who are accepting new clients now.
    Three queries: the profile's offices and issues, then the one search."""
    return similar_profiles(
        profile,
        list(profile.locations.all()),
        list(profile.issues.all()),
        accepting_since,
        accepting_only=True,
    )
