"""Public pages in one query: what PageQuerySet.public() does, without first loading every view
restriction on the site (an extra query on each listing)."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def exclude_restricted(queryset, path="path"):
    """`queryset` without the rows whose page (`path` names its tree path, e.g. "article__path")
    is at or below a page with a view restriction (login, password, groups)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(restricted))
