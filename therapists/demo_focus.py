"""Who the demo therapists see, and the faith some bring into therapy (the age, modality and
faith filters). A table by profile number, applied to the fields demo.py generates, so the
demo's texts stay in demo.py.
"""

from django.utils.text import slugify

from .models import Faith

FAITHS = ["Buddhist", "Christian", "Hindu", "Jewish", "Muslim", "Interfaith"]
CHILDREN_AND_TEENS = {
    "serves_children": True,
    "serves_teens": True,
    "serves_adults": False,
    "serves_older_adults": False,
    "sees_families": True,
}
COUPLES_AND_FAMILIES = {"sees_individuals": False, "sees_couples": True, "sees_families": True}


def ensure_faiths():
    return [
        Faith.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in FAITHS
    ]


def apply(number, fields, faiths):
    """Adjust one generated profile: a few see only children and teens, a few only couples and
    families; about a quarter offer faith-informed therapy."""
    if number % 11 == 5:
        fields.update(CHILDREN_AND_TEENS)
    elif number % 13 == 7:
        fields.update(COUPLES_AND_FAMILIES)
    if number % 4 == 3:
        fields["faith"] = faiths[(number // 4) % len(faiths)]
    return fields
