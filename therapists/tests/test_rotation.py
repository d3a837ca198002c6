"""Fair ranking (issue 18, item 5): results that tie (no distance, or the same distance band)
come in an order that rotates daily, the same all day so pagination is stable, and nobody is
always first."""

from collections import Counter
from datetime import date, timedelta
from unittest import mock

from django.core.cache import cache
from django.test import TestCase

from therapists.rotation import DISTANCE_BANDS, PRIME, day_coefficients

from .fixtures import build_directory
from .test_finder import CARD_RE

DAYS = [date(2026, 1, 1) + timedelta(days=n) for n in range(40)]


def on(day):
    return mock.patch("therapists.rotation.timezone.localdate", return_value=day)


class TestDailyRotation(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.taxonomies, cls.people = build_directory()

    def setUp(self):
        cache.clear()

    def order(self, query, day):
        with on(day):
            html = self.client.get(f"/find-a-therapist/?{query}").content.decode()
        return [slug[0].upper() for slug in CARD_RE.findall(html)]

    def test_nobody_is_always_first(self):
        firsts = Counter(self.order("", day)[0] for day in DAYS)
        # Each of the six live profiles leads on some day, none on most days.
        self.assertEqual(set(firsts), set("ABCDEF"))
        self.assertLess(max(firsts.values()), len(DAYS) / 2)

    def test_the_order_changes_from_day_to_day_beyond_a_shift(self):
        orders = {tuple(self.order("", day)) for day in DAYS[:10]}
        self.assertGreater(len(orders), 5)
        # Not just the same cycle started at another name: who follows whom changes too.
        followers_of_a = {order[(order.index("A") + 1) % 6] for order in orders}
        self.assertGreater(len(followers_of_a), 1)

    def test_the_same_all_day_so_pages_follow_each_other(self):
        day = DAYS[3]
        self.assertEqual(self.order("", day), self.order("", day))
        self.assertEqual(sorted(self.order("", day)), list("ABCDEF"))

    def test_nearer_bands_still_come_first(self):
        # From 97214: Ada under a mile; Ben 8.0 and Cai 9.1 miles share a band and rotate.
        seen = set()
        for day in DAYS[:12]:
            order = self.order("location=97214", day)
            self.assertEqual(order[0], "A")
            seen.add(tuple(order[1:]))
        self.assertEqual(seen, {("B", "C"), ("C", "B")})

    def test_sort_by_name_is_not_rotated(self):
        for day in DAYS[:3]:
            self.assertEqual(self.order("sort=name", day), list("ABCDEF"))


class TestKey(TestCase):
    def test_coefficients_are_a_permutation_and_differ_by_day(self):
        coefficients = {day_coefficients(day) for day in DAYS}
        self.assertEqual(len(coefficients), len(DAYS))
        for a, b in coefficients:
            self.assertTrue(0 < a < PRIME and 0 <= b < PRIME)

    def test_bands_follow_the_radius_menu(self):
        from therapists.forms import RADIUS_CHOICES

        self.assertEqual(list(DISTANCE_BANDS), RADIUS_CHOICES)
