"""Keep the directory's landing page warm: after a change to the directory, the task worker
recomputes what the page without criteria shows (everyone in the day's order, their total and
Advanced Search's counts, whose options' bits every other search then counts with:
option_bits.py) so that the next visitor does not.

Any change to what is live starts the directory's caches afresh (signals.py, counts.py). The
landing page is the directory's most visited page and its most expensive to compute: at 50,000
profiles its counts took 1.2-1.5 s on a cold cache, where a warm one answers in under 60 ms
(docs/performance.md, "Directory"). Other searches are computed when first asked for.
"""

from django.db import transaction
from django.http import QueryDict
from django_tasks import task

from home.models import SiteSettings

from .counts import count_facets
from .finder import DirectorySearch
from .forms import DirectorySearchForm
from .models.availability import accepting_cutoff, hidden_cutoff


@task()
def warm_landing_page():
    """The landing page's order, total and counts, computed into the cache (counts.py)."""
    form = DirectorySearchForm(QueryDict(""))
    if not form.is_valid():  # the empty query is always valid; a changed form would say
        return 0
    site_settings = SiteSettings.for_default_site()
    search = DirectorySearch(
        form.cleaned_data,
        accepting_cutoff(site_settings),
        hidden_before=hidden_cutoff(site_settings),
    )
    matches = search.run()
    count_facets(matches)
    return len(matches.results)


def warm_landing_page_after_commit():
    """Queue the warm-up once the change that started the caches afresh is committed."""
    transaction.on_commit(warm_landing_page.enqueue)
