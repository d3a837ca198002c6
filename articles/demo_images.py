"""Calm abstract pictures for the demo articles, drawn with Pillow (nothing downloaded). The
people's portraits are home/demo_portraits.py."""

import math
import random
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

# Gradient top, gradient bottom, accent colours: 0 teal and cream, 1 lavender and violet,
# 2 sand and rust, 3 pale blue and navy, 4 sage and gold.
PALETTES = [
    ((214, 232, 226), (122, 168, 160), [(31, 95, 91), (243, 214, 170), (255, 255, 255)]),
    ((236, 230, 244), (160, 150, 196), [(90, 76, 140), (250, 226, 214), (255, 255, 255)]),
    ((246, 236, 220), (214, 170, 126), [(150, 84, 44), (226, 236, 230), (255, 255, 255)]),
    ((222, 234, 244), (120, 160, 200), [(40, 86, 130), (240, 228, 200), (255, 255, 255)]),
    ((232, 240, 222), (150, 180, 120), [(70, 110, 60), (246, 230, 206), (255, 255, 255)]),
]


def _gradient(size, top, bottom):
    width, height = size
    column = PILImage.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        shade = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        column.putpixel((0, y), shade)
    return column.resize(size)


def abstract_picture(seed, size=(1600, 900), palette=None):
    """Soft overlapping circles and gentle waves over a two-colour gradient; `palette` (an index
    of PALETTES) fixes the colours, so alt text written for them stays true."""
    rng = random.Random(seed)
    choice = rng.randrange(len(PALETTES))
    top, bottom, accents = PALETTES[choice if palette is None else palette]
    picture = _gradient(size, top, bottom).convert("RGBA")
    width, height = size
    shapes = PILImage.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(rng.randint(4, 7)):
        radius = rng.randint(height // 6, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = accents[rng.randrange(len(accents))]
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*colour, 70))
    amplitude, phase = height / 14, rng.random() * math.tau
    for band in range(3):
        base = height * (0.55 + band * 0.12)
        points = [
            (x, base + amplitude * math.sin(x / width * math.tau * 1.3 + phase + band))
            for x in range(0, width + 20, 20)
        ]
        draw.line(points, fill=(255, 255, 255, 90), width=max(2, height // 90))
    picture.alpha_composite(shapes.filter(ImageFilter.GaussianBlur(radius=height / 60)))
    buffer = BytesIO()
    picture.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer


def ensure_picture(title, seed, collection, size=(1600, 900), palette=None, description=""):
    """The Wagtail image with this title, drawn and saved if missing (reloading is idempotent).
    `description` is the image's alt text wherever it is used (Wagtail's Image.description),
    filled in on an existing image that has none."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        if description and not existing.description:
            existing.description = description
            existing.save(update_fields=["description"])
        return existing
    filename = f"demo-{seed}.jpg"
    image = Image(
        title=title,
        description=description,
        collection=collection,
        file=ImageFile(abstract_picture(seed, size, palette), name=filename),
    )
    image.save()
    return image
