"""Demo content for the article search: documents for every live article, a few popular
searches, approved as an editor would (so the empty state and the admin's Search terms report
have something to show) and one promoted result. Idempotent: queries and the promotion are
created once, hits topped up to a fixed count."""

from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from articles.models import ArticlePage

from . import documents
from .demo_content import POPULAR, PROMOTED
from .models import ApprovedSearchTerm

ORDER = 25  # after the articles (20)


def load(context):
    count = documents.rebuild()
    today = timezone.localdate()
    for text, hits in POPULAR.items():
        query = Query.get(text)
        QueryDailyHits.objects.update_or_create(query=query, date=today, defaults={"hits": hits})
        ApprovedSearchTerm.objects.get_or_create(query_string=query.query_string)
    text, slug, description = PROMOTED
    article = ArticlePage.objects.live().filter(slug=slug).first()
    if article:
        query = Query.get(text)
        SearchPromotion.objects.get_or_create(
            query=query,
            page=article,
            defaults={"description": description},
        )
    context.log(f"search: {count} articles searchable, {len(POPULAR)} popular searches")
