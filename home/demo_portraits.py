"""Illustrated portraits of the demo's invented people: authors and therapists.

DiceBear (`dicebear-core`, its Python port, with the style definitions of `dicebear-styles`)
composes an SVG from a seed on this machine, deterministically; `resvg-py` (the resvg renderer,
shipped inside its wheel) rasterises it, since Wagtail's renditions need a bitmap. Nothing is
fetched. The style is Pablo Stanley's Avataaars, limited here to calm faces, everyday clothes
and realistic skin and hair colours, so the directory looks like a set of people, not a game.
"""

import json
import re
from functools import cache
from importlib.resources import files
from io import BytesIO

import resvg_py
from dicebear import Avatar, Style
from django.core.files.images import ImageFile
from django.utils.html import escape
from wagtail.images import get_image_model

STYLE_NAME = "avataaars"
# The largest display size is the profile's 240 px; a little more leaves room for cropping.
# (Rasterising is most of the cost: 480 px takes twice as long.)
SIZE = 320

# Deep brown to fair: the style's realistic skin tones (it also has yellow and orange ones).
SKIN_TONES = ["614335", "ae5d29", "d08b5b", "edb98a", "ffdbb4"]
HAIR_COLOURS = {
    "younger": ["2c1b18", "4a312c", "724133", "a55728", "b58143", "d6b370", "c93305"],
    "middle": ["2c1b18", "4a312c", "724133", "a55728", "b58143", "7d7069"],
    "older": ["e8e1e1", "c9c4c0", "a09a96"],
}
HAIR_STYLES = {
    "female": [
        "bigHair",
        "bob",
        "bun",
        "curly",
        "curvy",
        "fro",
        "froBand",
        "longButNotTooLong",
        "miaWallace",
        "straight01",
        "straight02",
        "straightAndStrand",
        "dreads",
    ],
    "male": [
        "shortFlat",
        "shortRound",
        "shortWaved",
        "shortCurly",
        "theCaesar",
        "theCaesarAndSidePart",
        "sides",
        "frizzle",
        "dreads01",
        "shaggy",
    ],
    "non-binary": [
        "shaggy",
        "shavedSides",
        "shortCurly",
        "bob",
        "dreads02",
        "frizzle",
        "curly",
        "shaggyMullet",
    ],
}
# Head coverings are chosen per person in the demo data, never drawn at random.
COVERINGS = {"hijab": "a hijab", "turban": "a turban"}
CLOTHES = [
    "blazerAndShirt",
    "blazerAndSweater",
    "collarAndSweater",
    "shirtCrewNeck",
    "shirtScoopNeck",
    "shirtVNeck",
]
CLOTHES_COLOURS = ["25557c", "3c4f5c", "5199e4", "65c9ff", "929598", "262e33", "ffafb9", "a7ffc4"]
# Soft tints of the site's palette, behind the figure.
BACKGROUNDS = ["dbe9e6", "e7e2f1", "f3e6d8", "dde8f2", "e4ecd9"]

# What the alt text says about each drawn part; {c} takes the hair colour ("grey ").
HAIR_WORDS = {
    "bigHair": "long, full {c}hair",
    "bob": "a {c}bob",
    "bun": "{c}hair in a bun",
    "curly": "curly {c}hair",
    "curvy": "long wavy {c}hair",
    "fro": "a {c}afro",
    "froBand": "a {c}afro and a headband",
    "longButNotTooLong": "shoulder-length {c}hair",
    "miaWallace": "a {c}bob with bangs",
    "straight01": "long straight {c}hair",
    "straight02": "long straight {c}hair",
    "straightAndStrand": "long {c}hair tucked behind one ear",
    "dreads": "long {c}locs",
    "dreads01": "short {c}locs",
    "dreads02": "{c}locs",
    "shortFlat": "short {c}hair",
    "shortRound": "short {c}hair",
    "shortWaved": "short wavy {c}hair",
    "shortCurly": "short curly {c}hair",
    "theCaesar": "close-cropped {c}hair",
    "theCaesarAndSidePart": "short {c}hair with a side part",
    "sides": "a receding {c}hairline",
    "frizzle": "short textured {c}hair",
    "shaggy": "tousled {c}hair",
    "shavedSides": "a {c}undercut",
    "shaggyMullet": "a shaggy {c}cut",
}
COLOUR_WORDS = {
    "2c1b18": "black",
    "4a312c": "dark brown",
    "724133": "brown",
    "a55728": "auburn",
    "b58143": "light brown",
    "d6b370": "blond",
    "c93305": "red",
    "7d7069": "greying",
    "e8e1e1": "white",
    "c9c4c0": "grey",
    "a09a96": "grey",
}
CLOTHES_WORDS = {
    "blazerAndShirt": "a blazer",
    "blazerAndSweater": "a blazer over a sweater",
    "collarAndSweater": "a collared sweater",
    "shirtCrewNeck": "a crew-neck top",
    "shirtScoopNeck": "a scoop-neck top",
    "shirtVNeck": "a V-neck top",
}
BEARD_WORDS = {"beardLight": "stubble", "beardMedium": "a beard", "beardMajestic": "a full beard"}


@cache
def _style():
    definition = files("dicebear_styles").joinpath(f"{STYLE_NAME}.json").read_text("utf-8")
    return Style(json.loads(definition))


def credit_html():
    """Who drew the style and under which licence, from the style's own metadata: the About
    page credits it (the licence asks for no credit; the artist deserves one)."""
    meta = _style().meta()
    source, licence = meta.source(), meta.license()
    terms = escape(licence.name().lower())
    if licence.url() != source.url():
        terms = f'<a href="{escape(licence.url())}">{terms}</a>'
    return (
        "<p>The therapists and authors on this demonstration site are invented, and their "
        "portraits are illustrations, not photographs: the "
        f'<a href="{escape(source.url())}">{escape(source.name())}</a> style by '
        f"{escape(meta.creator().name())} ({terms}), drawn with "
        '<a href="https://www.dicebear.com">DiceBear</a>.</p>'
    )


def portrait_options(seed, *, gender, age="middle", skin=None, covering=""):
    """DiceBear options for one person: `gender` picks the hair styles and whether a beard is
    possible, `age` (younger, middle, older) the hair colours and how likely glasses are, `skin`
    an index into SKIN_TONES (None lets the seed choose) and `covering` a head covering."""
    hair = HAIR_COLOURS[age]
    styles = [covering] if covering else HAIR_STYLES.get(gender, HAIR_STYLES["non-binary"])
    return {
        "seed": seed,
        "size": SIZE,
        "skinColor": SKIN_TONES if skin is None else [SKIN_TONES[skin]],
        "topVariant": styles,
        "topProbability": 100,
        "hairColor": hair,
        "hatColor": CLOTHES_COLOURS,
        "facialHairVariant": list(BEARD_WORDS),
        "facialHairColor": hair,
        "facialHairProbability": 45 if gender == "male" else 0,
        "accessoriesVariant": ["prescription01", "prescription02", "round"],
        "accessoriesColor": ["262e33", "3c4f5c", "25557c", "929598"],
        "accessoriesProbability": 55 if age == "older" else 20,
        "eyesVariant": ["default", "happy"],
        "eyebrowsVariant": ["defaultNatural", "default", "raisedExcitedNatural"],
        "mouthVariant": ["smile", "default", "twinkle"],
        "clothesVariant": CLOTHES,
        "clothesColor": CLOTHES_COLOURS,
        "backgroundColor": BACKGROUNDS,
    }


def _chosen(resolved, part):
    """The variant DiceBear drew for `part`, or None if the part was left out."""
    value = resolved.get(f"{part}Variant")
    return value[0] if isinstance(value, list) else value


def describe(name, resolved):
    """Alt text from what was actually drawn, e.g. "Illustrated portrait of Ana Ruiz: curly
    black hair, glasses and a blazer." """
    colour = (resolved.get("hairColor") or [""])[0].lstrip("#")
    top = _chosen(resolved, "top")
    if top in COVERINGS:
        features = [COVERINGS[top]]
    else:
        shade = COLOUR_WORDS.get(colour)
        hair = HAIR_WORDS.get(top, "short {c}hair").format(c=f"{shade} " if shade else "")
        features = [re.sub(r"\ba (?=[aeiou])", "an ", hair)]  # "an auburn bob", "an afro"
    beard = _chosen(resolved, "facialHair")
    if beard in BEARD_WORDS:
        features.append(BEARD_WORDS[beard])
    if _chosen(resolved, "accessories"):
        features.append("glasses")
    features.append(CLOTHES_WORDS.get(_chosen(resolved, "clothes"), "a top"))
    listed = ", ".join(features[:-1]) + " and " + features[-1]
    return f"Illustrated portrait of {name}: {listed}."


def render(seed, **look):
    """(PNG bytes, resolved options) for one portrait."""
    avatar = Avatar(_style(), portrait_options(seed, **look))
    png = resvg_py.svg_to_bytes(
        svg_string=avatar.to_string(), width=SIZE, height=SIZE, skip_system_fonts=True
    )
    return bytes(png), avatar.to_json()["options"]


def ensure_portrait(name, *, slug, collection, uploaded_by=None, **look):
    """The Wagtail image "Portrait of <name>", drawn and saved if missing (so reloading adds no
    duplicates). Its description, Wagtail's default alt text, says what the picture shows."""
    Image = get_image_model()
    title = f"Portrait of {name}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    png, resolved = render(slug, **look)
    image = Image(
        title=title,
        description=describe(name, resolved),
        collection=collection,
        uploaded_by_user=uploaded_by,
        file=ImageFile(BytesIO(png), name=f"portrait-{slug}.png"),
    )
    image.save()
    return image
