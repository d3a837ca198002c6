"""The demo's searches: popular ones with their hits today (so the empty state and the admin's
Search terms report have something to show) and one promoted result. Loaded by search/demo.py."""

POPULAR = {"anxiety": 9, "sleep": 7, "burnout": 5, "boundaries": 4, "first session": 3}
# (search text, the promoted article's slug, the promotion's description)
PROMOTED = (
    "therapist",
    "how-to-choose-a-therapist-who-fits",
    "Our guide to finding a therapist who suits you.",
)
