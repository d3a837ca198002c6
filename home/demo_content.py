"""The demo's site-wide content: accounts, the home page's words, the About, Terms and Privacy
pages and the site settings. Written for this project; loaded by home/demo.py.

Page bodies: a string is a paragraph (HTML), ("h", text) a heading.
"""

from .groups import EDITORS, THERAPISTS, WRITERS

# username: (email, first name, last name, group); "admin" is the superuser.
USERS = {
    "admin": ("admin@mindwell.example", "Ada", "Admin", None),
    "editor": ("editor@mindwell.example", "Elena", "Editor", EDITORS),
    "writer": ("writer@mindwell.example", "Walter", "Writer", WRITERS),
    "therapist1": ("therapist1@mindwell.example", "", "", THERAPISTS),
    "therapist2": ("therapist2@mindwell.example", "", "", THERAPISTS),
}

HOME_TITLE = "Mental health, explained with care"
HOME_INTRO = (
    "Clear articles on mental health, and a directory to find a licensed therapist near you."
)

ABOUT_BODY = [
    (
        "<p>MindWell publishes plain-language articles about mental health, written and "
        "reviewed by clinicians and experienced writers, and keeps a directory of licensed "
        "therapists so that reading about a problem can lead to help with it.</p>"
    ),
    ("h", "How we choose what to publish"),
    (
        "<p>Every article is edited before it goes live and reviewed again on a schedule. "
        "We cite what we rely on, avoid promising cures, and say when evidence is thin.</p>"
    ),
    ("h", "How the directory works"),
    (
        "<p>Therapists create their own profiles. Our staff check each license with the "
        "issuing state board before a profile is published, and show the date of that check "
        "on the profile.</p>"
    ),
]

ILLUSTRATIONS_HEADING = "About the illustrations"

TERMS_BODY = [
    (
        "<p>These terms apply to everyone who reads, comments on or lists a practice on this "
        "site. By using the site you accept them.</p>"
    ),
    ("h", "Information, not treatment"),
    (
        "<p>Articles are general information. They are not a diagnosis, and they do not "
        "replace care from a qualified professional who knows your situation. If you are in "
        "crisis, call or text 988, or call 911 in an emergency.</p>"
    ),
    ("h", "Comments"),
    (
        "<p>Comments are moderated and may be edited for length or removed. Be kind, keep "
        "other people's stories private, and do not post medical advice, advertising or "
        "personal contact details. Your email address is never shown.</p>"
    ),
    ("h", "Membership requirements for therapists"),
    (
        "<p>Only licensed mental health professionals may list a practice. You must hold a "
        "current, unrestricted license in the state you name, keep your profile accurate, "
        "answer client enquiries promptly and tell us when your license status changes. "
        "We may remove a listing that breaks these requirements.</p>"
    ),
]

PRIVACY_BODY = [
    (
        "<p>We collect as little as we can and never sell it. This page says what we keep "
        "and why.</p>"
    ),
    ("h", "What we keep"),
    (
        "<ul><li>Comments: your name, email and website, and a one-way hash of your network "
        "address to stop abuse. Only your name and website are shown.</li>"
        "<li>Newsletter: your email address and when you confirmed it.</li>"
        "<li>Messages to therapists: what you write, passed only to that therapist.</li></ul>"
    ),
    ("h", "No tracking"),
    (
        "<p>The site loads nothing from other companies: no analytics, no advertising pixels, "
        "no third-party fonts.</p>"
    ),
    ("h", "The place you searched"),
    (
        "<p>When you search the therapist directory for a place, your browser keeps it in a "
        "cookie for this site alone, so articles can show therapists near you. We never store "
        "it; clear this site's cookies to forget it.</p>"
    ),
]

EDITORIAL_POLICY_BODY = [
    (
        "<p>Every article here is meant to be accurate, useful and safe to read on a hard "
        "day. This page says how we make sure of that, and what we do when we fall short.</p>"
    ),
    ("h", "How articles are written"),
    (
        "<p>Articles are written by licensed clinicians or by experienced health writers working "
        "with one. We write in plain language, say what is known and how well, and avoid "
        "promising outcomes. An article gives information; it is not a diagnosis or a "
        "treatment plan.</p>"
    ),
    ("h", "How articles are reviewed"),
    (
        "<p>Before it is published, every article is checked by an editor and by a licensed "
        "clinician who did not write it. The clinician checks the facts, the advice and the "
        "tone. Articles show the date they were last reviewed, and we review each one again at "
        "least once a year.</p>"
    ),
    ("h", "How articles are sourced"),
    (
        "<p>We rely on peer-reviewed research, clinical guidelines and public-health agencies, "
        "and we prefer recent systematic reviews to single studies. Where the evidence is thin "
        "or mixed, the article says so.</p>"
    ),
    ("h", "Corrections and updates"),
    (
        "<p>When we get something wrong, we fix the article and add a dated correction at its "
        "top saying what changed. When we add new information, we add a dated update. Every "
        "correction and update is also listed on our corrections page, and the article is "
        "marked as updated in our feed. To report an error, write to "
        "editors@mindwell.example.</p>"
    ),
    ("h", "Writing about suicide, self-harm and other hard subjects"),
    (
        "<p>We follow safe-messaging guidance: no descriptions of methods, no sensational "
        "headlines, and a note at the top of any article that discusses suicide, self-harm, "
        "eating disorders or abuse. Those articles show the 988 Suicide &amp; Crisis Lifeline "
        "and other crisis lines.</p>"
    ),
    ("h", "Conflicts of interest"),
    (
        "<p>Authors tell us about any financial or professional interest in what they write "
        "about, and we say so in the article. Some authors are therapists listed in our "
        "directory; their articles never promote their own practice, and being listed never "
        "depends on writing for us.</p>"
    ),
    ("h", "No advertising, no trackers"),
    (
        "<p>We carry no advertising and no sponsored content, and the site loads nothing from "
        "other companies: no analytics, no advertising pixels, no share buttons that track you. "
        "The share links under each article are plain links that do nothing until you follow "
        "one.</p>"
    ),
]

# slug: (title, summary, body); About is in the main menu.
PAGES = {
    "about": ("About us", "Who we are and how we work.", ABOUT_BODY),
    "terms-of-use": (
        "Terms of Use",
        "The rules for reading, commenting and listing a practice.",
        TERMS_BODY,
    ),
    "privacy": ("Privacy Policy", "What we keep about you, and why.", PRIVACY_BODY),
    "editorial-policy": (
        "Editorial policy",
        "How our articles are written, reviewed, sourced and corrected.",
        EDITORIAL_POLICY_BODY,
    ),
}

PHONE_NUMBER = ("1-888-555-0142", "1")  # number, extension
