"""The demo directory: big and varied enough for every filter to matter, written like real
profiles (each its own words, a portrait, a license check), and idempotent."""

import re
from io import StringIO
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import QueryDict
from django.test import TestCase
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Site

from articles.models import Author, Comment
from home.models import SiteSettings, StandardPage
from therapists.finder import DirectorySearch
from therapists.forms import DirectorySearchForm
from therapists.models import (
    ContactMessage,
    PracticeLocation,
    ProfileDailyCount,
    StateLicense,
    TherapistAccount,
    TherapistIndexPage,
    TherapistProfilePage,
    accepting_cutoff,
)


def split_sentences(html):
    """The sentences of a text or HTML fragment, spaces squeezed ("3 a.m." ends none)."""
    text = " ".join(strip_tags(html.replace("</p>", "</p> ")).split())
    return [s for s in re.split(r"(?<!a\.m\.)(?<!p\.m\.)(?<=[.!?])\s+", text) if s]


def sentences(html):
    return [sentence.lower() for sentence in split_sentences(html)]


# Words in a bio or statement that promise something the profile's fields must then offer.
PROMISES = [
    (r"\bcouples?\b", lambda p: p.sees_couples),
    (r"\bfamilies\b|\bfamily sessions\b|\bfamily therapy\b", lambda p: p.sees_families),
    (r"\bgroups?\b", lambda p: p.sees_groups),
    (r"\bchild(ren)?\b|\bkids?\b", lambda p: p.serves_children),
    (r"\bteens?\b|\bteenagers?\b|\badolescen", lambda p: p.serves_teens),
    (r"\bolder adults\b|\bretir", lambda p: p.serves_older_adults),
    (r"\bonline\b|\bvideo\b", lambda p: p.offers_online),
    (r"\bin person\b|\bin-person\b|\boffices?\b", lambda p: p.offers_in_person),
    (r"\bindividual (clients|sessions)\b", lambda p: p.sees_individuals),
    (r"\badults?\b", lambda p: p.serves_adults),
    (r"\bmedications?\b|\bprescri", lambda p: p.profession.name.startswith("Psychiatric")),
    (r"\bpsychologist\b", lambda p: p.profession.name == "Psychologist"),
    (r"\bsocial worker\b", lambda p: p.profession.name == "Clinical social worker"),
    (r"\bmarriage and family therapist\b", lambda p: p.profession.name.startswith("Marriage")),
    (r"\bnurse practitioner\b", lambda p: p.profession.name.startswith("Psychiatric")),
]

# A text that names a problem lists it among the profile's issues.
ISSUE_WORDS = [
    (r"\banxi", "Anxiety"),
    (r"\bdepress", "Depression"),
    (r"\bgrie[fv]", "Grief and loss"),
    (r"\binsomnia\b|\bsleep\b", "Sleep and insomnia"),
    (r"\bADHD\b", "ADHD"),
    (r"\bOCD\b", "Obsessive-compulsive disorder (OCD)"),
    (r"\bPTSD\b|\btrauma\b", "Trauma and PTSD"),
    (r"\beating disorders?\b|\banorexia\b|\bbulimia\b", "Eating disorders"),
    (r"\bbipolar\b", "Bipolar disorder"),
    (r"\bburnout\b", "Stress and burnout"),
    (r"\bpostpartum\b|\bpregnancy\b", "Perinatal and postpartum"),
    (r"\bsubstance use\b|\bdrinking\b", "Substance use"),
    (r"\banger\b", "Anger"),
    (r"\bchronic (illness|pain)\b|\blong-term illness\b", "Chronic illness and pain"),
    (r"\bLGBTQ\+", "LGBTQ+ concerns"),
]


class TestDemoDirectory(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())
        cls.profiles = list(
            TherapistProfilePage.objects.live()
            .select_related("profession", "photo")
            .prefetch_related("languages", "locations", "approaches", "issues")
            .order_by("path")
        )

    def count(self, **params):
        form = DirectorySearchForm(QueryDict(urlencode(params)))
        self.assertTrue(form.is_valid(), form.errors)
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        return DirectorySearch(form.cleaned_data, accepting_cutoff(settings)).filtered().count()

    def test_size_and_spread(self):
        live = TherapistProfilePage.objects.live()
        self.assertGreaterEqual(live.count(), 40)
        locations = PracticeLocation.objects.filter(profile__in=live)
        self.assertGreaterEqual(locations.values("state").distinct().count(), 6)
        self.assertGreaterEqual(locations.values("state", "city_slug").distinct().count(), 12)
        self.assertFalse(locations.filter(latitude__isnull=True).exists())

    def test_every_filter_narrows_the_list(self):
        total = self.count()
        samples = {
            "issue": "anxiety",
            "approach": "emdr",
            "profession": "psychologist",
            "gender": "non-binary",
            "language": "spanish",
            "insurance": "medicaid",
            "identity": "veteran",
            "age": "adults",
            "modality": "individuals",
            "faith": "christian",
            "online": "1",
            "in_person": "1",
            "sliding_scale": "1",
            "accepting": "1",
            "max_fee": "120",
            "accessibility": "step-free",
            "free_consultation": "1",
            "location": "97214",
            "q": "ingrid",
        }
        for param, value in samples.items():
            with self.subTest(param=param):
                self.assertTrue(0 < self.count(**{param: value}) < total)

    def test_each_demo_therapist_owns_exactly_one_profile(self):
        for username in ("therapist1", "therapist2"):
            user = get_user_model().objects.get(username=username)
            self.assertEqual(TherapistProfilePage.objects.filter(owner=user).count(), 1)

    def test_demo_therapists_are_restricted_like_any_therapist(self):
        from therapists.admin_access import is_therapist
        from therapists.models import TherapistAccount

        for username in ("therapist1", "therapist2"):
            user = get_user_model().objects.get(username=username)
            self.assertTrue(is_therapist(user))
            account = TherapistAccount.objects.get(user=user)
            self.assertEqual(account.profile.owner_id, user.pk)
            self.assertTrue(account.is_verified)
            self.assertEqual(account.collection.get_parent().name, "Therapists’ uploads")
        self.client.force_login(get_user_model().objects.get(username="therapist1"))
        other = TherapistProfilePage.objects.get(owner__username="therapist2")
        self.assertEqual(self.client.get(f"/admin/pages/{other.pk}/edit/").status_code, 404)
        own = TherapistProfilePage.objects.get(owner__username="therapist1")
        self.assertEqual(self.client.get(f"/admin/pages/{own.pk}/edit/").status_code, 200)

    def test_phone_numbers_are_fictional(self):
        for phone in TherapistProfilePage.objects.values_list("phone", flat=True):
            self.assertRegex(phone, r"555-01\d\d$")

    def test_loading_again_changes_nothing(self):
        from django.contrib.auth.models import Group
        from wagtail.images import get_image_model
        from wagtail.models import Collection

        def counts():
            return (
                TherapistProfilePage.objects.count(),
                PracticeLocation.objects.count(),
                Collection.objects.count(),
                Group.objects.count(),
                get_image_model().objects.count(),
                StateLicense.objects.count(),
                ProfileDailyCount.objects.count(),
                ContactMessage.objects.count(),
            )

        before = counts()
        call_command("load_demo_content", stdout=StringIO())
        after = counts()
        self.assertEqual(before, after)

    def test_insight_has_twelve_weeks_for_every_chart(self):
        from therapists.insight_chart import weekly_counts

        first = TherapistProfilePage.objects.get(owner__username="therapist1")
        weeks = weekly_counts(first)
        for name in ("views", "appearances", "phone_clicks", "messages"):
            with self.subTest(series=name):
                busy = [week for week in weeks if week.counts[name]]
                self.assertGreaterEqual(len(busy), 4 if name == "messages" else 10)

    def test_practice_details_vary(self):
        live = TherapistProfilePage.objects.live()
        self.assertTrue(0 < live.filter(psypact=True).count() < live.count())
        self.assertTrue(StateLicense.objects.filter(verified_on__isnull=False).exists())
        self.assertTrue(StateLicense.objects.filter(verified_on__isnull=True).exists())
        for field in ("sessions_asl", "sessions_captions", "sessions_sensory_friendly"):
            self.assertTrue(live.filter(**{field: True}).exists(), field)

    # What a visitor reads on the demo profiles: each one its own, and true to its fields.

    def texts(self):
        """(whose, text) for every demo profile's statement and bio and every author's bio."""
        for profile in self.profiles:
            yield profile.title, profile.statement
            yield profile.title, profile.bio
        for author in Author.objects.all():
            yield author.name, author.bio

    def test_no_sentence_is_repeated_across_profiles_and_authors(self):
        seen, repeated = {}, []
        for whose, text in self.texts():
            for sentence in sentences(text):
                if sentence in seen:
                    repeated.append(f"{whose} and {seen[sentence]}: {sentence}")
                seen[sentence] = whose
        self.assertEqual(repeated, [])
        self.assertGreater(len(seen), 300)

    def test_sentences_are_capitalised_and_acronyms_kept(self):
        for whose, text in self.texts():
            for sentence in split_sentences(text):
                self.assertRegex(sentence, r"^[A-Z0-9“\"]", f"{whose}: {sentence}")
            plain = strip_tags(text)
            for acronym in ("ADHD", "OCD", "PTSD", "LGBTQ", "EMDR", "CBT", "DBT", "ASL"):
                self.assertNotRegex(plain, rf"\b{acronym.lower()}\b", whose)

    def test_statements_fit_a_search_result(self):
        for profile in self.profiles:
            self.assertLessEqual(len(profile.statement), 400, profile.title)  # the field's limit
            # The card shows the first 45 words: a statement is meant to fit whole.
            self.assertLessEqual(len(profile.statement.split()), 45, profile.title)
            self.assertGreaterEqual(len(sentences(profile.bio)), 4, profile.title)

    def test_texts_promise_only_what_the_profile_offers(self):
        from therapists.demo import CITIES

        cities = {city for city, _state, _zips in CITIES}
        for profile in self.profiles:
            text = strip_tags(f"{profile.statement} {profile.bio}")
            for pattern, offered in PROMISES:
                if re.search(pattern, text, flags=re.IGNORECASE):
                    self.assertTrue(offered(profile), f"{profile.title}: /{pattern}/")
            languages = {language.name for language in profile.languages.all()}
            for language in ("Spanish", "Mandarin", "Vietnamese", "French"):
                if language in text:
                    self.assertIn(language, languages, profile.title)
            if "ASL" in text or "Sign Language" in text:
                self.assertIn("American Sign Language", languages, profile.title)
            where = {location.city for location in profile.locations.all()}
            for city in cities:
                if re.search(rf"\b{city}\b", text):
                    self.assertIn(city, where, f"{profile.title} mentions {city}")

    def test_texts_name_only_issues_the_profile_lists(self):
        for profile in self.profiles:
            text = strip_tags(f"{profile.statement} {profile.bio}")
            issues = {issue.name for issue in profile.issues.all()}
            for pattern, issue in ISSUE_WORDS:
                if re.search(pattern, text, flags=re.IGNORECASE):
                    self.assertIn(issue, issues, f"{profile.title}: /{pattern}/")

    def test_approaches_suit_who_is_seen(self):
        for profile in self.profiles:
            approaches = {approach.name for approach in profile.approaches.all()}
            if "Play therapy" in approaches:
                self.assertTrue(profile.serves_children, profile.title)
            if "Emotionally focused therapy (EFT)" in approaches:
                self.assertTrue(profile.sees_couples, profile.title)

    def test_every_profile_and_author_has_its_own_portrait_with_alt_text(self):
        people = [(p.title, p.photo, p.photo_alt_text) for p in self.profiles]
        people += [(a.name, a.photo, a.photo.description) for a in Author.objects.all()]
        for name, photo, alt in people:
            with self.subTest(name=name):
                self.assertEqual(photo.title, f"Portrait of {name}")
                self.assertTrue(alt.startswith(f"Illustrated portrait of {name}: "), alt)
                self.assertEqual(photo.description, alt)  # Wagtail's default alt text
                self.assertEqual((photo.width, photo.height), (320, 320))
                with photo.open_file() as file:
                    self.assertEqual(file.read(8), b"\x89PNG\r\n\x1a\n")
        self.assertEqual(len({photo.pk for _name, photo, _alt in people}), len(people))

    def test_portraits_look_like_different_people(self):
        """Not initials in circles: hair, beards, glasses and grey heads vary (the alt text says
        what was drawn)."""
        alts = [profile.photo_alt_text for profile in self.profiles]
        hair = {alt.split(": ", 1)[1].split(",")[0].split(" and ")[0] for alt in alts}
        self.assertGreaterEqual(len(hair), 25)
        for feature in ("glasses", "beard", "grey", "hijab", "locs", "curly"):
            self.assertTrue(any(feature in alt for alt in alts), feature)

    def test_profiles_show_their_portrait(self):
        profile = self.profiles[0]
        response = self.client.get(profile.url)
        self.assertContains(response, f'alt="{profile.photo_alt_text}"')
        response = self.client.get("/find-a-therapist/")
        self.assertNotContains(response, 'class="avatar"')  # the initial-letter fallback

    def test_every_live_profile_has_a_dated_license_check(self):
        """The directory says its therapists are 'checked by our staff' and the About page that
        staff check each license before a profile is published: no live demo profile is
        unverified."""
        today = timezone.localdate()
        for profile in self.profiles:
            self.assertTrue(profile.license_verified, profile.title)
            self.assertLessEqual(profile.license_verified_on, today, profile.title)
        self.assertContains(self.client.get("/find-a-therapist/"), "checked by our staff")
        self.assertContains(
            self.client.get("/about/"), "check each license with the issuing state board"
        )
        response = self.client.get(self.profiles[-1].url)
        self.assertContains(response, "Verified by our staff on")

    def test_no_profile_links_to_an_invented_website(self):
        for profile in self.profiles:
            self.assertNotIn(".example", profile.website, profile.title)


class TestDemoUpgrade(TestCase):
    """Loading over a database from an earlier demo: no duplicates, nothing of a user's undone."""

    def test_earlier_profiles_and_initials_pictures_are_replaced(self):
        from wagtail.images import get_image_model
        from wagtail.models import Collection

        from articles.demo_images import ensure_picture

        call_command("load_demo_content", stdout=StringIO())
        therapist1 = get_user_model().objects.get(username="therapist1")
        directory = TherapistIndexPage.objects.get()
        current = TherapistProfilePage.objects.get(owner=therapist1)
        # What the earlier demo made: therapist1 owned Colette Thibodeaux, and the authors
        # wore pictures of their initials.
        earlier = TherapistProfilePage(
            title="Colette Thibodeaux",
            slug="colette-thibodeaux",
            statement="Earlier.",
            owner=therapist1,
            license_type="LPC",
            license_number="1",
            license_state="OR",
        )
        directory.add_child(instance=earlier)
        TherapistProfilePage.objects.filter(pk=current.pk).update(owner=None)
        TherapistAccount.objects.filter(user=therapist1).update(profile=earlier)
        author = Author.objects.get(slug="maya-okafor")
        old_picture = ensure_picture(
            "Author portrait: Maya Okafor", "old", Collection.get_first_root_node(), size=(48, 48)
        )
        author.photo = old_picture
        author.save()
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.social_links = [("link", {"name": "Mastodon", "url": "https://mastodon.example/"})]
        settings.save()
        Comment.objects.filter(name="Teo M.").update(website="https://teo-walks.example.com")
        about = StandardPage.objects.get(slug="about")
        StandardPage.objects.filter(pk=about.pk).update(body=about.body.raw_data[:-2])
        images = get_image_model().objects.count()

        call_command("load_demo_content", stdout=StringIO())

        self.assertFalse(TherapistProfilePage.objects.filter(slug="colette-thibodeaux").exists())
        self.assertEqual(TherapistProfilePage.objects.live().count(), 44)
        owned = TherapistProfilePage.objects.get(owner=therapist1)  # exactly one again
        self.assertEqual(TherapistAccount.objects.get(user=therapist1).profile, owned)
        author.refresh_from_db()
        self.assertEqual(author.photo.title, "Portrait of Maya Okafor")
        self.assertFalse(get_image_model().objects.filter(pk=old_picture.pk).exists())
        self.assertEqual(get_image_model().objects.count(), images - 1)
        self.assertEqual(list(SiteSettings.objects.get().social_links), [])
        self.assertEqual(Comment.objects.get(name="Teo M.").website, "")
        self.assertContains(self.client.get("/about/"), "About the illustrations")

    def test_no_demo_loader_touches_the_site_record(self):
        """The default Site's name, hostname and port follow SITE_NAME and BASE_URL; the apps'
        demo loaders leave them alone."""
        from home.demo_support import DemoContext
        from home.management.commands.load_demo_content import demo_loaders

        call_command("load_demo_content", stdout=StringIO())
        Site.objects.filter(is_default_site=True).update(
            site_name="MindWell test", hostname="mindwell.test", port=8443
        )
        context = DemoContext(stdout=StringIO())
        for _label, module in demo_loaders():
            module.load(context)
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(
            (site.site_name, site.hostname, site.port), ("MindWell test", "mindwell.test", 8443)
        )
