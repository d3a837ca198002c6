"""/search/ (the results page) and /search/suggest/ (autocomplete suggestions as JSON)."""

import logging
from collections import defaultdict, namedtuple
from datetime import timedelta
from urllib.parse import urlencode

from django.db import DatabaseError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.backends import get_search_backend

from articles.models import ArticleIndexPage, ArticlePage, Author, Topic
from home.frame import first_live, frame_value
from home.pagination import paginate
from home.visibility import exclude_restricted

from . import spelling
from .forms import QueryForm, SearchForm
from .highlight import excerpt, highlight, stems
from .models import ApprovedSearchTerm, ContentDocument, TitleDocument
from .query import MAX_QUERY_LENGTH, SCOPES, SORTS, ArticleSearch

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
SUGGESTIONS = 6
POPULAR_DAYS = 30
POPULAR_MIN_HITS = 3
POPULAR_COUNT = 8
# A result's topic, as its link shows it.
TopicLink = namedtuple("TopicLink", "name slug")
# "Did you mean" is looked for when a search finds fewer results than this.
FEW_RESULTS = 3


def scope_label(scope):
    return SCOPES[scope] if scope else "Title, Content and Author"


def _popular(limit=POPULAR_COUNT):
    """Searches readers ran at least a few times lately, most run first (Wagtail's
    `Query.get_most_popular`), among the terms an editor approved: what a visitor typed is never
    shown to others unreviewed (the admin's Search terms report lists every search)."""
    since = timezone.localdate() - timedelta(days=POPULAR_DAYS)
    rows = (
        Query.get_most_popular(date_since=since)
        .filter(query_string__in=ApprovedSearchTerm.objects.values("query_string"))
        .filter(_hits__gte=POPULAR_MIN_HITS)
        .order_by("-_hits", "query_string")
        .values_list("query_string", flat=True)[:limit]
    )
    return list(rows)


def _promoted_query_ids():
    return set(SearchPromotion.objects.values_list("query_id", flat=True))


def _log_query(request, text):
    """Count the search for the admin's popular searches and return its promotions (looked up
    only for the few queries an editor promoted: their ids are in the cached frame)."""
    try:
        query = Query.get(text)
        query.add_hit()
        promoted = frame_value(request, "promoted_queries", _promoted_query_ids)
        if query.pk not in promoted:
            return []
        return list(query.editors_picks.select_related("page"))
    except DatabaseError:  # a failed log must not fail the search
        logger.exception("Could not log the search query")
        return []


def _result_rows(documents, words):
    """What each result shows, in four queries. The authors' and topics' names come from their
    link tables as values: prefetching them through the page models' clusters cost more than
    the search itself (about 12 ms a page at 100,000 articles, make bench-search)."""
    ids = [document.article_id for document in documents]
    articles = (
        exclude_restricted(ArticlePage.objects.filter(pk__in=ids).live()).defer("body").in_bulk()
    )
    authors, topics = defaultdict(list), defaultdict(list)
    links = ArticlePage.authors.through.objects.filter(articlepage_id__in=ids)
    for article_id, name in links.order_by("author__name", "author_id").values_list(
        "articlepage_id", "author__name"
    ):
        authors[article_id].append(name)
    links = ArticlePage.topics.through.objects.filter(articlepage_id__in=ids)
    for article_id, name, slug in links.order_by("topic__name", "topic_id").values_list(
        "articlepage_id", "topic__name", "topic__slug"
    ):
        topics[article_id].append(TopicLink(name, slug))
    texts = dict(
        ContentDocument.objects.filter(article_id__in=ids).values_list("article_id", "text")
    )
    stem_set = stems(words)
    rows = []
    for article_id in ids:
        article = articles.get(article_id)
        if article is None:  # unpublished since it was indexed
            continue
        rows.append(
            {
                "article": article,
                "title": highlight(article.title, stem_set),
                "authors": [highlight(name, stem_set) for name in authors[article_id]],
                "topics": topics[article_id],
                "excerpt": excerpt(texts.get(article_id, article.standfirst), stem_set),
            }
        )
    return rows


def _render(request, context, status=200):
    index = frame_value(request, "article_index", first_live(ArticleIndexPage))
    context.setdefault("scopes", SCOPES)
    context.setdefault("sorts", SORTS)
    context.setdefault("max_query_length", MAX_QUERY_LENGTH)
    context["index"] = index
    return TemplateResponse(request, "search/search.html", context, status=status)


def _empty_state_context():
    return {"topics": list(Topic.objects.order_by("name")), "popular": _popular()}


@require_GET
def search_view(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {
            "errors": form.messages(),
            "query": form.query_text(),
            "scope": None,
            "sort": "relevance",
        }
        context.update(_empty_state_context())
        return _render(request, context, status=400)

    text, words = form.cleaned_data["q"], form.words
    scope, sort = form.cleaned_data["scope"], form.cleaned_data["sort"]
    context = {
        "query": text,
        "scope": scope,
        "scope_label": scope_label(scope),
        "sort": sort,
        "shortened": form.shortened,
    }
    if not words:
        context.update(_empty_state_context())
        context["unsearchable"] = bool(text)
        return _render(request, context)

    search = ArticleSearch(words, scope=scope, sort=sort)
    results = search.results()
    page_obj = paginate(request, results, RESULTS_PER_PAGE)
    documents = list(page_obj.object_list)
    total = page_obj.paginator.count
    context.update(
        searched=True,
        page_obj=page_obj,
        total=total,
        total_is_exact=getattr(results, "exact", True),
        among_newest=getattr(results, "among_newest", 0),
        results=_result_rows(documents, words),
        other_scopes=[(key, label) for key, label in SCOPES.items() if key != scope],
    )
    if page_obj.number == 1:
        context["promotions"] = _log_query(request, text)
    if total < FEW_RESULTS and page_obj.number == 1:
        context["did_you_mean"] = _did_you_mean(words, scope, sort)
    if total == 0:
        context.update(_empty_state_context())
    return _render(request, context)


def _did_you_mean(words, scope, sort):
    """{"query", "url"} of the closest correctly spelt query that finds something, or None."""
    try:
        corrected = spelling.correction(
            words, scope, lambda fixed: ArticleSearch(fixed, scope=scope).finds_something()
        )
    except DatabaseError:  # a suggestion must never fail the page
        logger.exception("Could not look for a spelling correction")
        return None
    if corrected is None:
        return None
    params = {"q": corrected, **({"scope": scope} if scope else {})}
    if sort != "relevance":
        params["sort"] = sort
    return {"query": corrected, "url": f"{reverse('search')}?{urlencode(params)}"}


@require_GET
def suggest_view(request):
    """Up to six suggestions for what is typed so far: matching article titles (links to the
    articles) and author names (links to an Author search)."""
    form = QueryForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["q"])}, status=400)
    text, words = form.cleaned_data["q"], form.words
    suggestions = []
    if words and len(text) >= 2:
        backend = get_search_backend()
        query = " ".join(words)
        authors = backend.autocomplete(query, Author.objects.all(), operator="and")[:2]
        for author in authors:
            suggestions.append(
                {
                    "label": author.name,
                    "kind": "Author",
                    "url": f"{reverse('search')}?{_qs(author.name, 'author')}",
                }
            )
        titles = backend.autocomplete(query, TitleDocument.objects.all(), operator="and")[
            : SUGGESTIONS - len(suggestions)
        ]
        ids = [document.article_id for document in titles]
        articles = {
            article.pk: article
            for article in ArticlePage.objects.filter(pk__in=ids)
            .live()
            .public()
            .only("title", "url_path", "slug", "depth", "path", "content_type_id")
        }
        for article_id in ids:
            if article_id in articles:
                article = articles[article_id]
                suggestions.append(
                    {"label": article.title, "kind": "Article", "url": article.get_url(request)}
                )
    response = JsonResponse({"query": text, "suggestions": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response


def _qs(text, scope):
    return urlencode({"q": text, "scope": scope})
