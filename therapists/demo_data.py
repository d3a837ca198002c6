"""What the directory's demo says: its page, vocabularies, places and contact message. Who the
44 therapists are and what they write is demo_profiles.toml; demo.py loads both. Everything here
is invented for this project: phone numbers use the fictional 555-01xx range.
"""

DIRECTORY_PAGE = {
    "slug": "find-a-therapist",
    "title": "Find a Therapist",
    "intro": "Licensed therapists, checked by our staff, near you or online.",
}

ISSUES = [
    "Anxiety",
    "Depression",
    "Trauma and PTSD",
    "Grief and loss",
    "Relationship issues",
    "Parenting",
    "ADHD",
    "Eating disorders",
    "Substance use",
    "Obsessive-compulsive disorder (OCD)",
    "Bipolar disorder",
    "Life transitions",
    "Stress and burnout",
    "Self-esteem",
    "Chronic illness and pain",
    "LGBTQ+ concerns",
    "Anger",
    "Sleep and insomnia",
    "Perinatal and postpartum",
    "Work and career",
]
APPROACHES = [
    "Cognitive behavioral therapy (CBT)",
    "Dialectical behavior therapy (DBT)",
    "EMDR",
    "Acceptance and commitment therapy (ACT)",
    "Psychodynamic therapy",
    "Family systems",
    "Emotionally focused therapy (EFT)",
    "Mindfulness-based therapy",
    "Solution-focused brief therapy",
    "Motivational interviewing",
    "Play therapy",
    "Somatic therapy",
    "Exposure and response prevention (ERP)",
]
# (profession, credentials, license type)
PROFESSIONS = [
    ("Psychologist", "PhD", "Licensed Psychologist"),
    ("Psychologist", "PsyD", "Licensed Psychologist"),
    ("Clinical social worker", "LCSW", "LCSW"),
    ("Professional counselor", "LPC", "LPC"),
    ("Marriage and family therapist", "LMFT", "LMFT"),
    ("Mental health counselor", "LMHC", "LMHC"),
    ("Psychiatric nurse practitioner", "PMHNP-BC", "APRN"),
]
LANGUAGES = ["English", "Spanish", "Mandarin", "Vietnamese", "American Sign Language", "French"]
INSURERS = [
    "Aetna",
    "Blue Cross Blue Shield",
    "Cigna",
    "Kaiser Permanente",
    "Medicaid",
    "Medicare",
    "UnitedHealthcare",
]
IDENTITIES = [
    "LGBTQ+",
    "Black",
    "Latinx",
    "Asian American",
    "Veteran",
    "First-generation immigrant",
    "Person with a disability",
]
# (city, state, ZIP codes there), seven states and eighteen cities.
CITIES = [
    ("Portland", "OR", ["97214", "97205", "97209", "97202"]),
    ("Beaverton", "OR", ["97005"]),
    ("Eugene", "OR", ["97401"]),
    ("Vancouver", "WA", ["98660"]),
    ("Seattle", "WA", ["98103", "98122"]),
    ("Tacoma", "WA", ["98402"]),
    ("Oakland", "CA", ["94612"]),
    ("San Diego", "CA", ["92103"]),
    ("Sacramento", "CA", ["95814"]),
    ("Denver", "CO", ["80203", "80206"]),
    ("Boulder", "CO", ["80302"]),
    ("Chicago", "IL", ["60614", "60647"]),
    ("Evanston", "IL", ["60201"]),
    ("Austin", "TX", ["78704"]),
    ("Houston", "TX", ["77006"]),
    ("Brooklyn", "NY", ["11215"]),
    ("Buffalo", "NY", ["14201"]),
    ("Cambridge", "MA", ["02139"]),
]
AREA_CODES = {
    "OR": 503,
    "WA": 206,
    "CA": 510,
    "CO": 303,
    "IL": 312,
    "TX": 512,
    "NY": 718,
    "MA": 617,
}
NEIGHBOURS = {"OR": "WA", "WA": "OR", "CA": "OR", "CO": "TX", "IL": "NY", "TX": "CO", "NY": "MA"}
STREETS = [
    "Alder Street",
    "Juniper Avenue",
    "Larkspur Lane",
    "Harbor Way",
    "Maple Court",
    "Orchard Road",
    "Quarry Street",
    "Willow Plaza",
]
PRONOUNS = {"female": "she/her", "male": "he/him", "non-binary": "they/them"}

# Faith traditions some demo therapists bring into therapy (the `faith` filter).
FAITHS = ["Buddhist", "Christian", "Hindu", "Jewish", "Muslim", "Interfaith"]
# Who a few demo profiles see instead of what their number gives them (the age and
# modality filters want some that see only children and teens, some only couples and families).
CHILDREN_AND_TEENS = {
    "serves_children": True,
    "serves_teens": True,
    "serves_adults": False,
    "serves_older_adults": False,
    "sees_families": True,
}
COUPLES_AND_FAMILIES = {"sees_individuals": False, "sees_couples": True, "sees_families": True}

# The message the demo account therapist1 finds in its inbox.
CONTACT_MESSAGE = {
    "name": "Sam Whitley",
    "email": "sam.whitley@example.com",
    "message": "Hello, I am looking for help with anxiety at work. Do you have evening "
    "appointments?",
}

# Listings that stay true (docs/directory.md): which demo profiles (by their number in
# demo_profiles.toml) show each state. Days since the availability was last confirmed:
# 95 is past the valid period (the reminder is due, still accepting in the grace period),
# 110 shows "Availability unconfirmed", 200 has left the default results.
STALE_AVAILABILITY = {3: 95, 11: 110, 13: 200, 21: 200}
# This profile's license expired ten days ago: no Verified badge, staff asked to re-check.
EXPIRED_LICENSE_PROFILE = 5
# Visitors' reports (profile number, reason, details): three open on one profile flag it.
LISTING_REPORTS = [
    (7, "phone", "The number rings out, and there is no voicemail."),
    (7, "moved", "The office on the listing is empty; a sign says they moved."),
    (7, "not-accepting", "Their receptionist said the waiting list is closed until spring."),
    (9, "other", "The listing says online sessions, but their own site says in person only."),
]
# More messages for therapist1: (name, email, message, working days old, days to handle or
# None for unanswered). Enough handled ones for "Usually replies within N days".
MORE_CONTACT_MESSAGES = [
    ("Jordan Pike", "jordan.pike@example.com", "Do you see couples on Saturdays?", 5, None),
    ("Lee Anand", "lee.anand@example.com", "Is there a sliding scale for students?", 2, None),
    ("Rowan Hale", "rowan.hale@example.com", "Looking for help with panic attacks.", 30, 1),
    ("Casey Moor", "casey.moor@example.com", "Do you take Aetna?", 26, 2),
    ("Avery Lund", "avery.lund@example.com", "Can we meet online?", 22, 1),
    ("Quinn Soto", "quinn.soto@example.com", "Any evening slots next month?", 18, 2),
    ("Reese Kahn", "reese.kahn@example.com", "Do you work with teenagers?", 14, 1),
]
# Earlier messages to the first demo therapist, answered long ago, so their dashboard's weekly
# chart has messages in past weeks: (weeks ago, sender, email, message).
PAST_MESSAGES = [
    (11, "Lee Moreno", "lee.moreno@example.com", "Do you see couples on Saturdays?"),
    (8, "Robin Ash", "robin.ash@example.com", "Is there a waiting list for new clients?"),
    (6, "Kai Brennan", "kai.brennan@example.com", "Do you offer sessions online?"),
    (5, "Noor Haddad", "noor.haddad@example.com", "Could we talk about fees before booking?"),
    (3, "Jo Park", "jo.park@example.com", "Do you work with grief after a sudden loss?"),
    (2, "Ari Levin", "ari.levin@example.com", "Do you have evening appointments next month?"),
]
