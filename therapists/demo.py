"""Demo content for the therapist directory: vocabularies and 44 invented therapists.

The loading logic only: what the demo says is data, in demo_data.py (page, vocabularies, places)
and demo_profiles.toml (who the therapists are and what they write). Everyone is made up; license
numbers are not real. A seeded generator keeps every run the same, and existing profiles are left
alone, so loading again changes nothing. Every live demo profile has had its license checked (with
a date), as the directory promises (home/demo.py, "How the directory works").
"""

import random
import tomllib
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.demo_portraits import ensure_portrait
from home.demo_support import ensure_page

from . import demo_insight
from .accounts import give_own_uploads
from .demo_data import (
    APPROACHES,
    AREA_CODES,
    CHILDREN_AND_TEENS,
    CITIES,
    CONTACT_MESSAGE,
    COUPLES_AND_FAMILIES,
    DIRECTORY_PAGE,
    EXPIRED_LICENSE_PROFILE,
    FAITHS,
    IDENTITIES,
    INSURERS,
    ISSUES,
    LANGUAGES,
    LISTING_REPORTS,
    MORE_CONTACT_MESSAGES,
    NEIGHBOURS,
    PROFESSIONS,
    PRONOUNS,
    STALE_AVAILABILITY,
    STREETS,
)
from .models import (
    Approach,
    ContactMessage,
    Faith,
    Identity,
    Insurer,
    Issue,
    Language,
    ListingReport,
    PracticeLocation,
    Profession,
    ProfileAvailability,
    State,
    StateLicense,
    TherapistAccount,
    TherapistIndexPage,
    TherapistProfilePage,
)
from .replies import refresh_reply_days

ORDER = 30
DATA = tomllib.loads((Path(__file__).parent / "demo_profiles.toml").read_text("utf-8"))
PROFILES = DATA["profile"]


def _taxonomy(model, names):
    items = []
    for name in names:
        item, _ = model.objects.get_or_create(slug=slugify(name)[:80], defaults={"name": name})
        items.append(item)
    return items


def _named(items, names):
    """The vocabulary entries with these names, in the order given."""
    by_name = {item.name: item for item in items}
    return [by_name[name] for name in names]


def _paragraphs(text):
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _client_focus(number, fields, faiths):
    """Adjust one generated profile: a few see only children and teens, a few only couples and
    families; about a quarter offer faith-informed therapy."""
    if number % 11 == 5:
        fields.update(CHILDREN_AND_TEENS)
    elif number % 13 == 7:
        fields.update(COUPLES_AND_FAMILIES)
    if number % 4 == 3:
        fields["faith"] = faiths[(number // 4) % len(faiths)]
    return fields


def _profile_fields(number, rng, person, taxonomies, today):
    """A profile's fields: who it is and what it says from `person` (an entry of
    demo_profiles.toml), the rest from its `number`, so the filters see a spread."""
    gender = person["gender"]
    issues, approaches, professions, languages, insurers, identities, states = taxonomies
    profession_name, credentials, license_type = next(
        (entry for entry in PROFESSIONS if entry[0] == person.get("profession")),
        PROFESSIONS[number % len(PROFESSIONS)],
    )
    profession = next(p for p in professions if p.name == profession_name)
    city, state, zips = CITIES[number % len(CITIES)]
    top = _named(issues, person["specialties"])
    treated = top + _named(issues, person["issues"])
    chosen_approaches = _named(approaches, person["approaches"])
    offers_online = number % 5 != 0
    offers_in_person = not (offers_online and number % 7 == 3)  # a few are online only
    locations = [
        PracticeLocation(
            street=f"{rng.randint(100, 4800)} {rng.choice(STREETS)}, Suite {rng.randint(1, 30)}",
            city=city,
            state=state,
            zip_code=zips[number % len(zips)],
            step_free_access=number % 2 == 0,
            accessible_restroom=number % 3 == 0,
            accessible_parking=number % 4 != 3,
        )
    ]
    others = [c for c in CITIES if c[1] == state and c[0] != city]
    if number % 6 == 1 and others:  # a second office in another city of the same state
        other_city, other_state, other_zips = others[0]
        locations.append(
            PracticeLocation(
                street=f"{rng.randint(100, 4800)} {rng.choice(STREETS)}",
                city=other_city,
                state=other_state,
                zip_code=other_zips[0],
                step_free_access=True,
            )
        )
    online_states = [s for s in states if s.code == state]
    if offers_online and number % 3 == 0:
        online_states += [s for s in states if s.code == NEIGHBOURS[state]]
    fee_min = rng.choice([80, 100, 120, 140, 150, 175, 200])
    accepting = number % 4 != 2
    # Recent answers, so the demo's ghost listings are only those of STALE_AVAILABILITY.
    confirmed_days_ago = rng.choice([2, 10, 30, 45, 60, 80]) if accepting else 20
    confirmed_days_ago = STALE_AVAILABILITY.get(number, confirmed_days_ago)
    name = person["name"]
    chosen_languages = [languages[0]] + ([languages[1 + number % 5]] if number % 3 == 0 else [])
    return {
        "title": name,
        "credentials": credentials,
        "profession": profession,
        "pronouns": PRONOUNS[gender],
        "gender": gender if number % 9 != 8 else "",
        "statement": person["statement"],
        "bio": _paragraphs(person["bio"]),
        "issues": treated,
        "top_specialties": top,
        "approaches": chosen_approaches,
        "serves_children": number % 5 == 1,
        "serves_teens": number % 3 == 1,
        "serves_adults": True,
        "serves_older_adults": number % 4 == 0,
        "sees_couples": number % 3 == 2,
        "sees_families": number % 4 == 1,
        "sees_groups": number % 8 == 0,
        "languages": chosen_languages,
        # Where and how they practise (models/practice.py): ASL sessions where they sign.
        "sessions_asl": any(lang.name == "American Sign Language" for lang in chosen_languages),
        "sessions_captions": offers_online and number % 4 == 3,
        "sessions_sensory_friendly": number % 5 == 2,
        "free_consultation": number % 3 == 0,
        "psypact": profession_name == "Psychologist" and offers_online and number % 2 == 0,
        "state_licenses": [
            StateLicense(
                state=NEIGHBOURS[state],
                number=f"DEMO-{NEIGHBOURS[state]}-{20000 + number * 41}",
                verified_on=today - timedelta(days=30 + number) if number % 8 == 1 else None,
            )
        ]
        if number % 4 == 1 and state in NEIGHBOURS
        else [],
        "insurers": rng.sample(insurers, number % 4),
        "identities": [identities[number % len(identities)]] if number % 2 == 0 else [],
        "fee_min": fee_min,
        "fee_max": fee_min + rng.choice([0, 20, 40, 60]),
        "sliding_scale": number % 3 != 1,
        "low_fee_places": 2 if number % 6 == 0 else 0,
        "offers_online": offers_online,
        "offers_in_person": offers_in_person,
        "online_states": online_states if offers_online else [],
        "availability": {
            "accepting_new_clients": accepting,
            "confirmed_on": today - timedelta(days=confirmed_days_ago),
        },
        "phone": f"({AREA_CODES[state]}) 555-01{number % 100:02d}",
        "contact_email": f"{slugify(name)}@therapists.example",
        "license_type": license_type,
        "license_number": f"DEMO-{state}-{10000 + number * 37}",
        "license_state": state,
        # Staff verify the license before a profile goes live (About page, "How the
        # directory works"), so every live demo profile carries the date of that check.
        "license_verified": True,
        "license_verified_on": today - timedelta(days=20 + number),
        "license_expires_on": today
        + (
            timedelta(days=-10)
            if number == EXPIRED_LICENSE_PROFILE
            else timedelta(days=400 + number)
        ),
        "locations": locations,
    } | person.get("clients", {})  # who the profile sees, where its text says so


def load(context):
    admin = context.users.get("admin")
    directory = ensure_page(
        context.home, TherapistIndexPage, show_in_menus=True, user=admin, **DIRECTORY_PAGE
    )
    taxonomies = (
        _taxonomy(Issue, ISSUES),
        _taxonomy(Approach, APPROACHES),
        _taxonomy(Profession, sorted({name for name, _c, _l in PROFESSIONS})),
        _taxonomy(Language, LANGUAGES),
        _taxonomy(Insurer, INSURERS),
        _taxonomy(Identity, IDENTITIES),
        list(State.objects.all()),
    )
    owners = {0: context.users.get("therapist1"), 1: context.users.get("therapist2")}
    retired = _retire_earlier_profiles(directory, [admin, *owners.values()])
    if retired:
        context.log(f"removed {retired} profiles of an earlier demo")
    faiths = _taxonomy(Faith, FAITHS)
    rng = random.Random(2026)
    today = timezone.localdate()
    portraits = Collection.get_first_root_node()
    created = 0
    for number, person in enumerate(PROFILES):
        fields = _client_focus(
            number, _profile_fields(number, rng, person, taxonomies, today), faiths
        )
        availability = fields.pop("availability")
        owner = owners.get(number, admin)
        if owner is not None and number in owners:
            fields["contact_email"] = ""  # messages go to the demo account's own address
        slug = slugify(fields["title"])
        is_new = not directory.get_children().filter(slug=slug).exists()
        if is_new:
            fields["photo"] = _portrait(person, slug, portraits)
            created += 1
        profile = ensure_page(directory, TherapistProfilePage, slug=slug, user=admin, **fields)
        if is_new:
            ProfileAvailability.objects.update_or_create(profile=profile, defaults=availability)
        if owner is not None and profile.owner_id != owner.pk:
            # Published by staff, then handed to its therapist (Wagtail's page owner).
            TherapistProfilePage.objects.filter(pk=profile.pk).update(owner=owner)
    if created:
        context.log(f"{created} therapist profiles, each with a portrait")

    for owner in owners.values():
        if owner is not None:
            _hand_over_portrait(_ensure_therapist_account(owner))

    first = TherapistProfilePage.objects.filter(owner=owners[0]).first() if owners[0] else None
    if first is not None and not first.contact_messages.exists():
        ContactMessage.objects.create(
            profile=first, consent=True, email_sent=True, **CONTACT_MESSAGE
        )
        context.log("a demo contact message")
    if first is not None:
        _more_messages(context, first, today)
    _reports(context, directory)
    if demo_insight.load(today, first):
        context.log("12 weeks of profile views, search appearances, calls and messages")


def _more_messages(context, profile, today):
    """Unanswered messages of different ages and enough handled ones for a reply time."""
    if profile.contact_messages.filter(email=MORE_CONTACT_MESSAGES[0][1]).exists():
        return
    now = timezone.now()
    for name, email, text, days_old, handled_after in MORE_CONTACT_MESSAGES:
        created = now - timedelta(days=days_old * 7 // 5)  # working days, roughly
        message = ContactMessage.objects.create(
            profile=profile, name=name, email=email, message=text, consent=True, email_sent=True
        )
        handled = created + timedelta(days=handled_after) if handled_after else None
        ContactMessage.objects.filter(pk=message.pk).update(
            created_at=created, read_at=handled, handled_at=handled
        )
    refresh_reply_days(profile.pk)
    context.log(f"{len(MORE_CONTACT_MESSAGES)} more demo contact messages")


def _reports(context, directory):
    if ListingReport.objects.exists():
        return
    profiles = {profile.slug: profile for profile in directory.get_children().specific()}
    for number, reason, details in LISTING_REPORTS:
        profile = profiles.get(slugify(PROFILES[number]["name"]))
        if profile is not None:
            ListingReport.objects.create(profile=profile, reason=reason, details=details)
    context.log(f"{len(LISTING_REPORTS)} listing reports")


def _ensure_therapist_account(user):
    """A demo therapist as if they had joined: verified account, own collection, one profile."""
    profile = TherapistProfilePage.objects.filter(owner=user).order_by("pk").first()
    location = profile.locations.first() if profile else None
    account, _ = TherapistAccount.objects.get_or_create(
        user=user,
        defaults={
            "name": profile.title if profile else user.username,
            "profession": profile.profession if profile else None,
            "license_type": profile.license_type if profile else "",
            "license_number": profile.license_number if profile else "",
            "license_state": profile.license_state if profile else "",
            "zip_code": location.zip_code if location else "",
            "terms_accepted_at": timezone.now(),
            "verified_at": timezone.now(),
            "profile": profile,
        },
    )
    if profile is not None and account.profile_id != profile.pk:
        account.profile = profile  # the earlier demo's profile was retired
    give_own_uploads(user, account)
    return account


def _portrait(person, slug, collection):
    return ensure_portrait(
        person["name"],
        slug=slug,
        collection=collection,
        gender=person["gender"],
        age=person["age"],
        skin=person["skin"],
        covering=person.get("covering", ""),
    )


def _hand_over_portrait(account):
    """A demo therapist's portrait sits in their own collection, as if they had uploaded it."""
    if account.profile is None or account.profile.photo_id is None:
        return
    get_image_model().objects.filter(pk=account.profile.photo_id, uploaded_by_user=None).update(
        collection=account.collection, uploaded_by_user=account.user
    )


def _retire_earlier_profiles(directory, demo_accounts):
    """Delete the profiles an earlier version of the demo made (listed in demo_profiles.toml),
    unless someone other than a demo account owns them now. Returns how many went."""
    earlier = directory.get_children().filter(
        slug__in=DATA["retired_slugs"], owner__in=[user for user in demo_accounts if user]
    )
    count = 0
    for page in earlier:
        page.delete()
        count += 1
    return count
