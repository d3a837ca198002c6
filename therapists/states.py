"""US states, DC and territories with ZIP codes: codes as the USPS writes them, and names."""

STATES = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"),
]

STATE_NAMES = dict(STATES)
STATE_BY_NAME = {name.lower(): code for code, name in STATES}


def state_code(value):
    """The two-letter code for a code or a full name in any case; None when it is neither."""
    value = " ".join(str(value).split())
    if value.upper() in STATE_NAMES:
        return value.upper()
    return STATE_BY_NAME.get(value.lower())


# Member jurisdictions of PSYPACT, the interstate compact under which a psychologist licensed in
# one member state may see clients in the others by telehealth. Compiled from PSYPACT's public
# announcements, not checked here against psypact.gov's "PSYPACT Map" (this machine has no web
# access): check it there before relying on it (docs/directory.md), and edit when a state's law
# takes effect. The directory's state filter for online therapists and the profiles read it here.
PSYPACT_STATES = frozenset(
    "AL AZ AR CO CT DE DC GA ID IL IN KS KY ME MD MI MN MO NE NV NH NJ NC ND OH OK PA RI SC SD "
    "TN TX UT VT VA WA WV WI WY".split()
)
