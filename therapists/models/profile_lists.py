"""A profile page's lists of names (issues, top specialties, approaches, languages, insurers,
identities, online states) in one UNION query rather than one query each, so the page keeps
within its query budget (search/tests/test_query_budget.py) as it grows.

A preview reads the editor's unsaved choices, which only the page object holds (modelcluster
keeps them in memory), so it asks each relation in turn as before.
"""

from django.db.models import CharField, Value
from django.db.models.functions import Cast

# The profile's many-to-many fields whose names the page lists, each as the template calls it.
LISTS = ["top_specialties", "issues", "approaches", "languages", "insurers", "identities"]


def profile_lists(profile, preview=False):
    """{list name: [options in name order]} plus "online_states": [state names]."""
    model = type(profile)
    if preview or profile.pk is None:
        lists = {name: list(getattr(profile, name).all()) for name in LISTS}
        lists["online_states"] = [state.name for state in profile.online_states.all()]
        return lists
    queries = []
    targets = {}
    for name in LISTS + ["online_states"]:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        target = field.m2m_reverse_name()  # the through table's column naming the option
        targets[name] = field.related_model
        chosen = through.objects.filter(**{field.m2m_column_name(): profile.pk}).values(target)
        slug = "code" if name == "online_states" else "slug"
        queries.append(
            field.related_model.objects.filter(pk__in=chosen)
            .order_by()
            # One column type for every part of the UNION: states are keyed by their code.
            .annotate(
                kind=Value(name, output_field=CharField()),
                key=Cast("pk", output_field=CharField()),
            )
            .values_list("kind", "key", "name", slug)
        )
    lists = {name: [] for name in LISTS + ["online_states"]}
    for kind, pk, name, slug in queries[0].union(*queries[1:], all=True):
        if kind == "online_states":
            lists[kind].append(name)
        else:
            lists[kind].append(targets[kind](pk=int(pk), name=name, slug=slug))
    for values in lists.values():
        values.sort(key=lambda item: getattr(item, "name", item).lower())
    return lists
