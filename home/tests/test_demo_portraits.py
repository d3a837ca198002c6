"""The demo's illustrated portraits: drawn locally, the same every time, described truly."""

from io import BytesIO

from django.test import SimpleTestCase
from PIL import Image

from home import demo_portraits


class TestPortraits(SimpleTestCase):
    def test_the_same_person_is_drawn_the_same_every_time(self):
        first, options = demo_portraits.render("ana-ruiz", gender="female", age="older", skin=1)
        again, _ = demo_portraits.render("ana-ruiz", gender="female", age="older", skin=1)
        other, _ = demo_portraits.render("bo-lund", gender="female", age="older", skin=1)
        self.assertEqual(first, again)
        self.assertNotEqual(first, other)
        picture = Image.open(BytesIO(first))
        self.assertEqual((picture.format, picture.size), ("PNG", (320, 320)))
        self.assertEqual(options["skinColor"], ["#" + demo_portraits.SKIN_TONES[1]])
        self.assertIn(options["hairColor"][0].lstrip("#"), demo_portraits.HAIR_COLOURS["older"])

    def test_gender_and_coverings_choose_the_hair(self):
        for seed in ("a", "b", "c", "d", "e", "f"):
            _png, drawn = demo_portraits.render(seed, gender="male")
            self.assertIn(drawn["topVariant"], demo_portraits.HAIR_STYLES["male"])
            self.assertNotIn(drawn["topVariant"], demo_portraits.COVERINGS)
        _png, drawn = demo_portraits.render("g", gender="female", covering="hijab")
        self.assertEqual(drawn["topVariant"], "hijab")
        self.assertIn(": a hijab", demo_portraits.describe("Noor Aziz", drawn))

    def test_alt_text_says_what_was_drawn(self):
        drawn = {
            "topVariant": "bob",
            "hairColor": ["#a55728"],
            "facialHairVariant": "beardMedium",
            "accessoriesVariant": "round",
            "clothesVariant": "blazerAndShirt",
        }
        self.assertEqual(
            demo_portraits.describe("Sam Lee", drawn),
            "Illustrated portrait of Sam Lee: an auburn bob, a beard, glasses and a blazer.",
        )
        drawn = {"topVariant": "fro", "hairColor": ["#123456"], "clothesVariant": "shirtVNeck"}
        self.assertEqual(
            demo_portraits.describe("Sam Lee", drawn),
            "Illustrated portrait of Sam Lee: an afro and a V-neck top.",
        )

    def test_credit_names_the_artist_and_the_licence(self):
        credit = demo_portraits.credit_html()
        self.assertIn("Pablo Stanley", credit)
        self.assertIn("free for personal and commercial use", credit)
