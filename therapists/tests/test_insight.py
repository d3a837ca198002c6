"""Insight for therapists without tracking visitors (issue 18, item 6): the first-party beacon
counts views, search appearances and phone-link clicks as daily totals (no cookie, nothing
about the visitor), and the dashboard shows twelve weeks of them with messages, drawn as SVG
on the server; staff see site-wide totals."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django.utils import timezone

from therapists.insight import count_event
from therapists.insight_chart import weekly_counts
from therapists.models import ContactMessage, ProfileDailyCount, TherapistProfilePage

from .accounts_support import make_therapist
from .fixtures import directory_page, make_profile

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


class BeaconTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        index = directory_page()
        place = [("Portland", "OR", "97214")]
        cls.one = make_profile(index, "Ada Applegate", place, phone="503-555-0101")
        cls.two = make_profile(index, "Ben Birchwood", place)
        cls.draft = make_profile(index, "Dora Draft", place, live=False)

    def beacon(self, data, **headers):
        return self.client.post("/directory/insight/", data, **{**ORIGIN, **headers})

    def counts(self, profile):
        row = ProfileDailyCount.objects.filter(profile=profile, day=timezone.localdate()).first()
        return (row.views, row.appearances, row.phone_clicks) if row else (0, 0, 0)


class TestBeacon(BeaconTestCase):
    def test_counts_daily_totals(self):
        for _ in range(2):
            self.assertEqual(
                self.beacon({"event": "view", "profile": self.one.pk}).status_code, 204
            )
        self.beacon({"event": "appearance", "profile": [self.one.pk, self.two.pk]})
        self.beacon({"event": "call", "profile": self.one.pk})
        self.assertEqual(self.counts(self.one), (2, 1, 1))
        self.assertEqual(self.counts(self.two), (0, 1, 0))
        self.assertEqual(ProfileDailyCount.objects.count(), 2)  # one row a profile a day

    def test_keeps_nothing_about_the_visitor(self):
        response = self.beacon(
            {"event": "view", "profile": self.one.pk}, HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
        self.assertFalse(response.cookies)
        self.assertIn("no-cache", response["Cache-Control"])
        fields = {field.name for field in ProfileDailyCount._meta.get_fields()}
        self.assertEqual(fields, {"id", "profile", "day", "views", "appearances", "phone_clicks"})

    def test_drafts_unknown_profiles_and_crawlers_are_not_counted(self):
        self.assertEqual(self.beacon({"event": "view", "profile": self.draft.pk}).status_code, 204)
        self.assertEqual(self.beacon({"event": "view", "profile": 987654}).status_code, 204)
        self.beacon({"event": "view", "profile": self.one.pk}, HTTP_USER_AGENT="Googlebot/2.1")
        self.assertFalse(ProfileDailyCount.objects.exists())

    def test_bad_input_is_a_4xx_saying_why(self):
        cases = [
            ({"event": "like", "profile": self.one.pk}, "event must be given once"),
            ({"profile": self.one.pk}, "event must be given once"),
            ({"event": "view"}, "view takes one profile id"),
            ({"event": "view", "profile": [self.one.pk, self.two.pk]}, "view takes one"),
            ({"event": "appearance", "profile": list(range(1, 22))}, "1 to 20 profile ids"),
            ({"event": "view", "profile": "1; DROP"}, "profile must be a number"),
            ({"event": "view", "profile": "١٢"}, "profile must be a number"),
            ({"event": "view", "profile": "9" * 40}, "profile must be a number"),
        ]
        for data, message in cases:
            with self.subTest(data=data):
                response = self.beacon(data)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.content.decode())
        self.assertEqual(self.client.get("/directory/insight/").status_code, 405)
        # As a browser posts (the test client skips CSRF checks unless told otherwise).
        other_site = Client(enforce_csrf_checks=True).post(
            "/directory/insight/",
            {"event": "view", "profile": self.one.pk},
            HTTP_ORIGIN="https://evil.example",
        )
        self.assertEqual(other_site.status_code, 403)
        self.assertFalse(ProfileDailyCount.objects.exists())

    def test_pages_carry_the_beacon_for_what_they_show(self):
        html = self.client.get(self.one.url).content.decode()
        self.assertRegex(
            html,
            rf'insight.js" defer data-endpoint="/directory/insight/" '
            rf'data-event="view" data-profiles="{self.one.pk}"',
        )
        self.assertIn(f'data-call-profile="{self.one.pk}"', html)
        html = self.client.get("/find-a-therapist/?location=97214&sort=name").content.decode()
        self.assertIn(f'data-event="appearance" data-profiles="{self.one.pk} {self.two.pk}"', html)


class TestWeeklyFigures(BeaconTestCase):
    def test_twelve_weeks_from_daily_totals_and_messages(self):
        today = timezone.localdate()
        this_monday = today - timedelta(days=today.weekday())
        count_event("view", [self.one.pk], day=today)
        count_event("view", [self.one.pk, self.two.pk], day=this_monday - timedelta(days=1))
        count_event("call", [self.one.pk], day=this_monday - timedelta(weeks=11))
        count_event("view", [self.one.pk], day=this_monday - timedelta(weeks=12))  # too old
        message = ContactMessage.objects.create(
            profile=self.one, name="Sam", email="sam@example.com", message="Hi", consent=True
        )
        sent = datetime.combine(this_monday - timedelta(weeks=3), time(12))
        ContactMessage.objects.filter(pk=message.pk).update(created_at=timezone.make_aware(sent))
        weeks = weekly_counts(self.one)
        self.assertEqual(len(weeks), 12)
        self.assertEqual(weeks[-1].start, this_monday)
        self.assertEqual(weeks[-1].counts["views"], 1)
        self.assertEqual(weeks[-2].counts["views"], 1)
        self.assertEqual(weeks[0].counts["phone_clicks"], 1)
        self.assertEqual(weeks[-4].counts["messages"], 1)
        self.assertEqual(sum(week.counts["views"] for week in weeks), 2)
        site = weekly_counts()
        self.assertEqual(site[-2].counts["views"], 2)  # both profiles


class TestDashboard(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.maya = make_therapist("Maya Okafor", "maya@example.com")
        cls.lee = make_therapist("Lee Park", "lee@example.com")
        for user in (cls.maya, cls.lee):
            TherapistProfilePage.objects.get(owner=user).save_revision().publish()
        cls.maya_profile = TherapistProfilePage.objects.get(owner=cls.maya)
        cls.lee_profile = TherapistProfilePage.objects.get(owner=cls.lee)
        for _ in range(7):
            count_event("view", [cls.maya_profile.pk])
        for _ in range(30):
            count_event("view", [cls.lee_profile.pk])

    def test_therapist_sees_their_own_chart(self):
        self.client.force_login(self.maya)
        html = self.client.get("/admin/").content.decode()
        self.assertIn("How your profile performs", html)
        self.assertIn("<strong>Profile views: 7 in 12 weeks</strong>", html)
        self.assertEqual(html.count('<svg role="img"'), 4)
        self.assertIn('aria-labelledby="insight-views-title insight-views-desc"', html)
        self.assertIn('data-value="7"', html)  # this week's bar
        self.assertNotIn("Profile views: 37", html)
        self.assertNotIn("all profiles", html)  # staff's panel is not theirs
        self.assertNotIn('<script src="http', html.split("data-insight", 1)[1].split("</table>")[0])

    def test_staff_see_site_wide_totals(self):
        editor = get_user_model().objects.create_user("ed", password="x", is_superuser=True)
        self.client.force_login(editor)
        html = self.client.get("/admin/").content.decode()
        self.assertIn("how profiles perform (all profiles)", html)
        self.assertIn("<strong>Profile views: 37 in 12 weeks</strong>", html)
